// From kubeconfig to connection settings, with client-go's wording
// (tools/clientcmd/client_config.go, validation.go).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isTlsbootError } from '@tlsboot/util';
import { buildKubeconfig, parseKubeconfig } from './kubeconfig.js';
import type { Kubeconfig } from './kubeconfig.js';
import { resolveContext } from './resolve-context.js';

const caPem = '-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n';

async function failure(config: Kubeconfig, context?: string): Promise<string> {
  try {
    await resolveContext(config, context);
  } catch (err) {
    assert.ok(isTlsbootError(err), String(err));
    return `${(err as { code: string }).code}: ${(err as Error).message}`;
  }
  throw new Error('expected resolveContext to fail');
}

test('embedded data: server, CA, client pair, namespace', async () => {
  const config = buildKubeconfig({ server: 'https://127.0.0.1:6443', caPem, clientCertPem: 'C', clientKeyPem: 'K', user: 'u', cluster: 'c', context: 'x', namespace: 'kube-system', tlsServerName: 'kubernetes' });
  assert.equal(await resolveContext(config), {
    contextName: 'x',
    clusterName: 'c',
    userName: 'u',
    server: 'https://127.0.0.1:6443',
    namespace: 'kube-system',
    insecureSkipTLSVerify: false,
    ca: caPem,
    clientCert: 'C',
    clientKey: 'K',
    tlsServerName: 'kubernetes',
  });
});

test('files: the kubelet shape (one PEM for cert and key), CA file, token file trimmed; data wins over nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tlsboot-ctx-'));
  writeFileSync(join(dir, 'ca.crt'), caPem);
  writeFileSync(join(dir, 'current.pem'), 'CERT+KEY');
  writeFileSync(join(dir, 'token'), '  abcdef.0123456789abcdef\n');
  const config = parseKubeconfig(
    `clusters:
- name: default-cluster
  cluster: {server: "https://h:1", certificate-authority: ${dir}/ca.crt}
users:
- name: default-auth
  user: {client-certificate: ${dir}/current.pem, client-key: ${dir}/current.pem}
- name: t
  user: {tokenFile: ${dir}/token}
contexts:
- name: default-context
  context: {cluster: default-cluster, user: default-auth}
- name: t
  context: {cluster: default-cluster, user: t}
current-context: default-context
`,
    'k',
  );
  const kubelet = await resolveContext(config);
  assert.is(kubelet.ca, caPem);
  assert.is(kubelet.clientCert, 'CERT+KEY');
  assert.is(kubelet.clientKey, 'CERT+KEY');
  assert.is(kubelet.namespace, 'default');
  const t = await resolveContext(config, 't');
  assert.is(t.token, 'abcdef.0123456789abcdef');
  assert.is(t.clientCert, undefined);
});

test('an asked-for context that is missing: context "x" does not exist (getContext)', async () => {
  const config = buildKubeconfig({ server: 'https://h:1', caPem, token: 't', user: 'u', cluster: 'c', context: 'x' });
  assert.is(await failure(config, 'nope'), 'KUBECONFIG_INVALID: context "nope" does not exist');
});

test('a current-context that is missing: ConfirmUsable\'s context was not found', async () => {
  const config = buildKubeconfig({ server: 'https://h:1', caPem, token: 't', user: 'u', cluster: 'c', context: 'x' });
  config['current-context'] = 'gone';
  // A library client (no ClusterDefaults, as the kubelet's BuildConfigFromFlags) also finds the
  // empty cluster; kubectl v1.32 defaults the server to http://localhost:8080 and so prints only
  // "Error in configuration: context was not found for specified context: gone".
  assert.is(
    await failure(config),
    'KUBECONFIG_INVALID: invalid configuration: [context was not found for specified context: gone, cluster has no server defined]',
  );
});

test('no context at all, or one whose cluster is missing: the empty-config error', async () => {
  const empty = parseKubeconfig('', 'k');
  const message = 'KUBECONFIG_INVALID: invalid configuration: no configuration has been provided, try setting KUBERNETES_MASTER environment variable';
  assert.is(await failure(empty), message);
  const dangling = parseKubeconfig('contexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n', 'k');
  assert.is(await failure(dangling), message);
});

test('validation errors are aggregated in brackets, in ConfirmUsable order', async () => {
  const config = parseKubeconfig(
    `clusters:
- name: c
  cluster: {certificate-authority: /nonexistent/ca.crt, certificate-authority-data: Q0E=}
users:
- name: u
  user: {client-certificate-data: Q0U=, token: t, username: a}
contexts:
- name: x
  context: {cluster: c, user: u}
current-context: x
`,
    'k',
  );
  assert.is(
    await failure(config),
    'KUBECONFIG_INVALID: invalid configuration: [more than one authentication method found for u; found [token basicAuth], only one is allowed, ' +
      'client-key-data or client-key must be specified for u to use the clientCert authentication method., ' +
      'no server found for cluster "c", ' +
      'certificate-authority-data and certificate-authority are both specified for c. certificate-authority-data will override., ' +
      'unable to read certificate-authority /nonexistent/ca.crt for c due to open /nonexistent/ca.crt: no such file or directory]',
  );
});

test('unreadable client files are named', async () => {
  const config = parseKubeconfig(
    `clusters: [{name: c, cluster: {server: "https://h"}}]
users: [{name: u, user: {client-certificate: /nonexistent/c.pem, client-key: /nonexistent/k.pem}}]
contexts: [{name: x, context: {cluster: c, user: u}}]
current-context: x
`,
    'k',
  );
  assert.is(
    await failure(config),
    'KUBECONFIG_INVALID: invalid configuration: [unable to read client-cert /nonexistent/c.pem for u due to open /nonexistent/c.pem: no such file or directory, ' +
      'unable to read client-key /nonexistent/k.pem for u due to open /nonexistent/k.pem: no such file or directory]',
  );
});

test('insecure-skip-tls-verify with a CA is refused (transport.TLSConfigFor); alone it is kept', async () => {
  const config = buildKubeconfig({ server: 'https://h:1', caPem, token: 't', user: 'u', cluster: 'c', context: 'x' });
  config.clusters[0]!.cluster['insecure-skip-tls-verify'] = true;
  assert.is(await failure(config), 'KUBECONFIG_INVALID: specifying a root certificates file with the insecure flag is not allowed');
  delete config.clusters[0]!.cluster['certificate-authority-data'];
  const ctx = await resolveContext(config);
  assert.is(ctx.insecureSkipTLSVerify, true);
  assert.is(ctx.ca, undefined);
});

test('a missing token file is a read error naming the file', async () => {
  const config = parseKubeconfig(
    'clusters: [{name: c, cluster: {server: "https://h"}}]\nusers: [{name: u, user: {tokenFile: /nonexistent/t}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n',
    'k',
  );
  assert.is(await failure(config), 'KUBECONFIG_READ: open /nonexistent/t: no such file or directory');
});

test.run();
