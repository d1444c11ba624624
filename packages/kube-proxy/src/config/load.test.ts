// kube-proxy --config: cmd/kube-proxy/app/options.go loadConfig, pkg/proxy/apis/config/v1alpha1/defaults.go,
// pkg/proxy/apis/config/validation/validation.go (messages and Go field paths as upstream).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isTlsbootError } from '@tlsboot/util';
import { parseKubeProxyConfiguration } from './load.js';

const head = 'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\n';

function invalid(body: string): string {
  try {
    parseKubeProxyConfiguration(head + body);
  } catch (err) {
    assert.ok(isTlsbootError(err, 'CONFIG_INVALID'), String(err));
    return (err as Error).message;
  }
  throw new Error('expected CONFIG_INVALID');
}

test('defaults.go: an empty configuration gets upstream defaults', () => {
  const { config, warnings } = parseKubeProxyConfiguration(head);
  assert.equal(warnings, []);
  assert.is(config.bindAddress, '0.0.0.0');
  assert.is(config.healthzBindAddress, '0.0.0.0:10256');
  assert.is(config.metricsBindAddress, '127.0.0.1:10249');
  assert.is(config.configSyncPeriodMs, 15 * 60_000);
  assert.is(config.oomScoreAdj, -999);
  assert.equal(config.clientConnection, { kubeconfig: '', acceptContentTypes: '', contentType: 'application/vnd.kubernetes.protobuf', qps: 5, burst: 10 });
  assert.equal(config.iptables, { masqueradeBit: 14, masqueradeAll: false, syncPeriodMs: 30_000, minSyncPeriodMs: 1000 });
  assert.is(config.mode, '');
});

test('the article\'s fields: clientConnection.kubeconfig, hostnameOverride, mode (YAML and JSON)', () => {
  const y = parseKubeProxyConfiguration(`${head}clientConnection:\n  kubeconfig: /etc/kubernetes/kube-proxy.kubeconfig\nhostnameOverride: Node-1\nmode: ipvs\nconntrack:\n  maxPerCore: 0\nbogus: 1\n`);
  assert.is(y.config.clientConnection.kubeconfig, '/etc/kubernetes/kube-proxy.kubeconfig');
  assert.is(y.config.hostnameOverride, 'Node-1');
  assert.is(y.config.mode, 'ipvs');
  assert.equal(y.warnings, ['unknown field "bogus"']);
  const j = parseKubeProxyConfiguration(JSON.stringify({ apiVersion: 'kubeproxy.config.k8s.io/v1alpha1', kind: 'KubeProxyConfiguration', configSyncPeriod: '1m' }));
  assert.is(j.config.configSyncPeriodMs, 60_000);
});

test('parse errors name the field or the apiVersion', () => {
  const parseError = (text: string): string => {
    try {
      parseKubeProxyConfiguration(text, 'kube-proxy.yaml');
    } catch (err) {
      assert.ok(isTlsbootError(err, 'CONFIG_PARSE'));
      return (err as Error).message;
    }
    throw new Error('expected CONFIG_PARSE');
  };
  assert.is(parseError(`${head}clientConnection:\n  burst: many\n`), 'failed to decode kube-proxy.yaml: clientConnection.burst: expected a number, got "many"');
  assert.match(parseError(`${head}configSyncPeriod: 15\n`), 'configSyncPeriod: expected a string');
  assert.match(parseError(`${head}configSyncPeriod: 15q\n`), 'configSyncPeriod: time: invalid duration "15q"');
  assert.is(
    parseError('apiVersion: kubeproxy.config.k8s.io/v1beta1\nkind: KubeProxyConfiguration\n'),
    'failed to decode kube-proxy.yaml: apiVersion must be "kubeproxy.config.k8s.io/v1alpha1", got "kubeproxy.config.k8s.io/v1beta1"',
  );
});

test('validation.go Validate: upstream messages with Go field paths', () => {
  assert.is(
    invalid('mode: userspace\n'),
    'KubeProxyConfiguration.Mode.ProxyMode: Invalid value: "userspace": must be iptables,ipvs,nftables or blank (blank means the best-available proxy [currently iptables])',
  );
  assert.is(invalid('configSyncPeriod: 0s\n'), 'KubeProxyConfiguration.ConfigSyncPeriod: Invalid value: 0s: must be greater than 0');
  assert.is(invalid('oomScoreAdj: 1001\n'), 'KubeProxyConfiguration.OOMScoreAdj: Invalid value: 1001: must be within the range [-1000, 1000]');
  assert.is(invalid('bindAddress: localhost\n'), 'KubeProxyConfiguration.BindAddress: Invalid value: "localhost": not a valid textual representation of an IP address');
  assert.is(invalid('metricsBindAddress: 127.0.0.1\n'), 'KubeProxyConfiguration.MetricsBindAddress: Invalid value: "127.0.0.1": must be IP:port');
  assert.is(invalid('healthzBindAddress: 0.0.0.0:0\n'), 'KubeProxyConfiguration.HealthzBindAddress: Invalid value: "0": must be a valid port');
  assert.is(invalid('clusterCIDR: 10.0.0.0/33\n'), 'KubeProxyConfiguration.ClusterCIDR: Invalid value: "10.0.0.0/33": must be a valid CIDR block (e.g. 10.100.0.0/16 or fde4:8dba:82e1::/48)');
  assert.is(
    invalid('iptables:\n  syncPeriod: 1s\n  minSyncPeriod: 2s\n'),
    'KubeProxyConfiguration.KubeProxyIPTablesConfiguration.SyncPeriod: Invalid value: 2s: must be greater than or equal to KubeProxyConfiguration.KubeProxyIPTablesConfiguration.MinSyncPeriod',
  );
  assert.is(
    invalid('oomScoreAdj: -1001\nconfigSyncPeriod: -1s\n'),
    '[KubeProxyConfiguration.OOMScoreAdj: Invalid value: -1001: must be within the range [-1000, 1000], KubeProxyConfiguration.ConfigSyncPeriod: Invalid value: -1s: must be greater than 0]',
  );
});

test.run();
