// cmd/kubelet/app/options/options.go (flags by their real names, pflag's errors),
// pkg/kubelet/apis/config/v1beta1/defaults.go (the config-file defaults) and
// pkg/kubelet/apis/config/validation/validation.go (errors that name the field).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseKubeletFlags } from './flags.js';
import { defaultKubeletConfiguration } from './kubelet-configuration.js';
import { kubeletServer } from './options.js';

test('options.go: the flags by their real names; --cert-dir defaults to /var/lib/kubelet/pki', () => {
  const f = parseKubeletFlags(['--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf', '--kubeconfig', '/etc/kubernetes/kubelet.conf', '--node-ip=10.0.0.5', '--hostname-override=node-a', '--rotate-certificates']);
  assert.equal(f, {
    kubeconfig: '/etc/kubernetes/kubelet.conf',
    bootstrapKubeconfig: '/etc/kubernetes/bootstrap-kubelet.conf',
    certDir: '/var/lib/kubelet/pki',
    nodeIP: '10.0.0.5',
    hostnameOverride: 'node-a',
    rotateCertificates: true,
  });
  assert.is(parseKubeletFlags(['--rotate-server-certificates=false']).rotateServerCertificates, false);
});

test('options.go: pflag errors for an unknown flag and a bad boolean', () => {
  assert.throws(() => parseKubeletFlags(['--bogus=1']), /unknown flag: --bogus/);
  assert.throws(() => parseKubeletFlags(['--rotate-certificates=maybe']), /invalid argument "maybe" for "--rotate-certificates" flag: strconv.ParseBool: parsing "maybe": invalid syntax/);
});

test('defaults.go: the KubeletConfiguration file defaults (anonymous off, webhook on, authorization Webhook, port 10250, no rotation)', () => {
  assert.equal(defaultKubeletConfiguration(), {
    rotateCertificates: false,
    serverTLSBootstrap: false,
    authentication: { anonymous: { enabled: false }, x509: { clientCAFile: '' }, webhook: { enabled: true, cacheTTL: '2m0s' } },
    authorization: { mode: 'Webhook', webhook: { cacheAuthorizedTTL: '5m0s', cacheUnauthorizedTTL: '30s' } },
    port: 10250,
    nodeStatusUpdateFrequency: '10s',
    nodeStatusReportFrequency: '5m0s',
    nodeLeaseDurationSeconds: 40,
  });
});

test('defaults.go: nodeStatusReportFrequency defaults to nodeStatusUpdateFrequency when that one is set ("for backward compatibility")', () => {
  const c = defaultKubeletConfiguration({ nodeStatusUpdateFrequency: '1h' });
  assert.is(c.nodeStatusReportFrequency, '1h');
  assert.is(defaultKubeletConfiguration({ nodeStatusUpdateFrequency: '1h', nodeStatusReportFrequency: '2h' }).nodeStatusReportFrequency, '2h');
});

test('validation.go: nodeLeaseDurationSeconds must be greater than 0; a status frequency that does not parse names its field', () => {
  assert.is(defaultKubeletConfiguration({ nodeLeaseDurationSeconds: 0, nodeStatusUpdateFrequency: '0s' }).nodeLeaseDurationSeconds, 40, 'zero is unset: defaulted');
  assert.is(defaultKubeletConfiguration({ nodeStatusUpdateFrequency: '0s' }).nodeStatusReportFrequency, '5m0s', 'a zero update frequency is not "set explicitly"');
  assert.throws(() => kubeletServer(['--kubeconfig=/k'], { nodeLeaseDurationSeconds: -1 }), /invalid configuration: nodeLeaseDurationSeconds must be greater than 0/);
  assert.throws(() => kubeletServer(['--kubeconfig=/k'], { nodeStatusUpdateFrequency: 'often' }), /invalid configuration: nodeStatusUpdateFrequency: time: invalid duration "often"/);
  assert.throws(() => kubeletServer(['--kubeconfig=/k'], { nodeStatusReportFrequency: '-1m' }), /invalid configuration: nodeStatusReportFrequency "-1m" must be > 0/);
});

test('options.go: --rotate-certificates / --rotate-server-certificates override the file; validation names the field', () => {
  const s = kubeletServer(['--kubeconfig=/k', '--rotate-certificates', '--rotate-server-certificates'], { rotateCertificates: false });
  assert.ok(s.config.rotateCertificates);
  assert.ok(s.config.serverTLSBootstrap);
  assert.throws(() => kubeletServer(['--kubeconfig=/k'], { port: 70000 }), /failed to validate kubelet configuration, error: invalid configuration: port \(--port\) 70000 must be between 1 and 65535, inclusive/);
  assert.throws(() => kubeletServer(['--kubeconfig=/k'], { authorization: { mode: 'RBAC' } }), /authorization\.mode: unknown authorization mode RBAC/);
});

test.run();
