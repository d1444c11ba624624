// --authorization-mode and the default-policy hook (pkg/kubeapiserver/authorizer/config.go,
// pkg/kubeapiserver/options/authorization.go, pkg/registry/rbac/rest/storage_rbac.go).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { validateAuthorizationModes } from './authorization-modes.js';
import { startTestServer } from './testing.js';
import type { TestServer } from './testing.js';

const servers: TestServer[] = [];
const start = async (...args: Parameters<typeof startTestServer>) => {
  const t = await startTestServer(...args);
  servers.push(t);
  return t;
};
const clusterRoles = '/apis/rbac.authorization.k8s.io/v1/clusterroles';

test('validateAuthorizationModes refuses an empty list, an unknown mode and a repeated one', () => {
  assert.throws(() => validateAuthorizationModes([]), /at least one authorization-mode must be passed/);
  assert.throws(() => validateAuthorizationModes(['Node', 'Webhook']), /authorization-mode "Webhook" is not a valid mode/);
  assert.throws(() => validateAuthorizationModes(['RBAC', 'RBAC']), /"RBAC" has mode specified more than once/);
  assert.equal(validateAuthorizationModes(['Node', 'RBAC']), ['Node', 'RBAC']);
});

test('AlwaysDeny: everyone but system:masters gets 403 "Everything is forbidden."; the admin still passes', async () => {
  const t = await start({ authorizationModes: ['AlwaysDeny'] });
  const jane = await t.server.issueClientCertificate({ commonName: 'jane', organizations: ['dev'] });
  const denied = await t.request('GET', '/api/v1/namespaces', { identity: jane });
  assert.is(denied.status, 403);
  assert.is(denied.json.message, 'namespaces is forbidden: User "jane" cannot list resource "namespaces" in API group "" at the cluster scope: Everything is forbidden.');
  assert.is((await t.request('GET', '/api/v1/namespaces')).status, 200);
});

test('the default policy is reconciled whatever the modes (AlwaysAllow too), and not with policy none', async () => {
  const allow = await start({ authorizationModes: ['AlwaysAllow'] });
  const names = (await allow.request('GET', clusterRoles)).json.items.map((r: { metadata: { name: string } }) => r.metadata.name);
  assert.ok(names.includes('system:node-bootstrapper'));
  assert.ok(names.includes('system:certificates.k8s.io:certificatesigningrequests:nodeclient'));
  const none = await start({ policy: 'none' });
  assert.equal((await none.request('GET', clusterRoles)).json.items, []);
});

test('policy upstream has no kubeadm binding; kubeadm adds kubeadm:kubelet-bootstrap', async () => {
  const bindings = async (t: TestServer) =>
    (await t.request('GET', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings')).json.items.map((b: { metadata: { name: string } }) => b.metadata.name) as string[];
  assert.not.ok((await bindings(await start({ policy: 'upstream' }))).includes('kubeadm:kubelet-bootstrap'));
  assert.ok((await bindings(await start({}))).includes('kubeadm:kubelet-bootstrap'));
});

test.after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

test.run();
