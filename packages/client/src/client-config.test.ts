// kubeconfig → RestClient, end to end over mTLS and with a bearer token.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildKubeconfig } from './kubeconfig.js';
import { writeKubeconfig } from './kubeconfig-file.js';
import { restClientFromKubeconfig, restClientOptions } from './client-config.js';
import { fixtures, sendJSON, startTestServer } from './test-server.js';

test('the kubelet shape: relative CA path, one PEM holding certificate and key for both fields', async () => {
  const server = await startTestServer((_req, res) => sendJSON(res, 200, { kind: 'NamespaceList', apiVersion: 'v1', metadata: {}, items: [] }));
  const dir = mkdtempSync(join(tmpdir(), 'tlsboot-kubelet-'));
  mkdirSync(join(dir, 'pki'));
  writeFileSync(join(dir, 'pki', 'ca.crt'), fixtures.ca);
  // kubelet-client-current.pem: certificate blocks then the key block (certificate_store.go).
  writeFileSync(join(dir, 'pki', 'kubelet-client-current.pem'), fixtures.aliceCert + fixtures.aliceKey, { mode: 0o600 });
  const path = join(dir, 'kubelet.conf');
  writeFileSync(
    path,
    `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority: pki/ca.crt
    server: ${server.url}
  name: default-cluster
contexts:
- context:
    cluster: default-cluster
    namespace: default
    user: default-auth
  name: default-context
current-context: default-context
preferences: {}
users:
- name: default-auth
  user:
    client-certificate: pki/kubelet-client-current.pem
    client-key: pki/kubelet-client-current.pem
`,
  );
  const client = await restClientFromKubeconfig(path, { component: 'kubelet' });
  try {
    await client.get('/api/v1/namespaces');
    assert.is(server.requests[0]!.clientCN, 'alice');
    assert.is(server.requests[0]!.headers['user-agent'], 'tlsboot/kubelet');
    assert.is(client.namespace, 'default');
  } finally {
    await client.close();
    await server.close();
  }
});

test('an embedded bootstrap kubeconfig with a token, and choosing another context', async () => {
  const server = await startTestServer((_req, res) => sendJSON(res, 200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' }));
  const config = buildKubeconfig({ server: server.url, caPem: fixtures.ca, token: 'abcdef.0123456789abcdef', user: 'kubelet-bootstrap', cluster: 'kubernetes', context: 'bootstrap' });
  config.users.push({ name: 'alice', user: { 'client-certificate-data': Buffer.from(fixtures.aliceCert).toString('base64'), 'client-key-data': Buffer.from(fixtures.aliceKey).toString('base64') } });
  config.contexts.push({ name: 'alice', context: { cluster: 'kubernetes', user: 'alice', namespace: 'team-a' } });
  const path = join(mkdtempSync(join(tmpdir(), 'tlsboot-bootstrap-')), 'bootstrap-kubelet.conf');
  await writeKubeconfig(path, config);
  const bootstrap = await restClientFromKubeconfig(path);
  const alice = await restClientFromKubeconfig(config, { context: 'alice' });
  try {
    await bootstrap.get('/api');
    await alice.get('/api');
    assert.is(server.requests[0]!.headers['authorization'], 'Bearer abcdef.0123456789abcdef');
    assert.is(server.requests[0]!.clientCN, undefined);
    assert.is(server.requests[1]!.clientCN, 'alice');
    assert.is(alice.namespace, 'team-a');
  } finally {
    await bootstrap.close();
    await alice.close();
    await server.close();
  }
});

test('restClientOptions: verifyServerFor checks against the context\'s CA, and only when there is one and verification is on', () => {
  const asked: string[] = [];
  const verify = async () => undefined;
  const verifyFor = (ca: string) => (asked.push(ca), verify);
  const base = { contextName: 'c', clusterName: 'k', userName: 'u', server: 'https://127.0.0.1:6443', namespace: 'default', insecureSkipTLSVerify: false };
  assert.is(restClientOptions({ ...base, ca: 'CA-PEM' }, verifyFor).verifyServer, verify);
  assert.is(restClientOptions({ ...base, ca: 'CA-PEM', insecureSkipTLSVerify: true }, verifyFor).verifyServer, undefined);
  assert.is(restClientOptions(base, verifyFor).verifyServer, undefined);
  assert.equal(asked, ['CA-PEM']);
});

test.run();
