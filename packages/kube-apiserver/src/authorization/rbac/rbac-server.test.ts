// The RBAC authorizer behind a live apiserver, over real mTLS: the TestAuthorizer cases of
// kubernetes/kubernetes plugin/pkg/auth/authorizer/rbac/rbac_test.go sent as HTTP requests
// (200/404 when authorized, 403 with forbiddenMessage's text otherwise), and the article's two
// questions (reference/k8s-authn-authz.md §4.6, §7): a RoleBinding may reference a ClusterRole,
// scoped to the binding's namespace; a ClusterRoleBinding may not reference a Role (422).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestServer } from '../../server/testing.js';
import type { TestServer } from '../../server/testing.js';
import type { ClientCertificatePem } from '../../server/start-api-server.js';
import { rbacAuthorizer } from './config.js';

const rbac = '/apis/rbac.authorization.k8s.io/v1';
const rbacGroup = 'rbac.authorization.k8s.io';
let t: TestServer;
const ids = new Map<string, ClientCertificatePem>();

/** A client certificate for `name` (groups from O=). */
async function as(name: string, ...groups: string[]): Promise<ClientCertificatePem> {
  const key = [name, ...groups].join('|');
  let id = ids.get(key);
  if (id === undefined) ids.set(key, (id = await t.server.issueClientCertificate({ commonName: name, organizations: groups })));
  return id;
}

async function adminCreate(path: string, body: object): Promise<void> {
  const r = await t.request('POST', path, { body });
  assert.is(r.status, 201, `${path}: ${r.text}`);
}

const forbidden = (message: string, details: object) => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'Forbidden', details, code: 403 });
const subject = (spec: string) => {
  const [kind, name] = [spec.slice(0, spec.indexOf(':')), spec.slice(spec.indexOf(':') + 1)];
  return { kind, name, ...(kind === 'ServiceAccount' ? {} : { apiGroup: rbacGroup }) };
};

test.before(async () => {
  // no default policy: the upstream TestAuthorizer cases start from their own roles and bindings only
  t = await startTestServer({ policy: 'none', authorizers: async (ctx) => [await rbacAuthorizer(ctx)] });
  for (const ns of ['ns1', 'ns2']) await adminCreate('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
});
test.after(async () => {
  await t.close();
});

test('TestAuthorizer case 1 over HTTP: a RoleBinding in ns1 to a `*` ClusterRole allows ns1 only — never ns2, never cluster scope', async () => {
  // upstream's rule mixes resources and URLs, which validation refuses; two rules grant the same
  await adminCreate(`${rbac}/clusterroles`, {
    metadata: { name: 'admin-all' },
    rules: [
      { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
      { verbs: ['*'], nonResourceURLs: ['*'] },
    ],
  });
  await adminCreate(`${rbac}/namespaces/ns1/rolebindings`, {
    metadata: { name: 'admin-all' },
    roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: 'admin-all' },
    subjects: [subject('User:admin'), subject('Group:admins')],
  });
  for (const id of [await as('admin'), await as('admin', 'group1'), await as('joe', 'admins'), await as('joe', 'group1', 'admins')]) {
    assert.is((await t.request('GET', '/api/v1/namespaces/ns1/pods', { identity: id })).status, 200);
    // get of a missing object: authorized, so 404 rather than 403
    assert.is((await t.request('GET', '/api/v1/namespaces/ns1/configmaps/foobar', { identity: id })).status, 404);
  }
  for (const [id, who] of [
    [await as('admin'), 'admin'],
    [await as('admin', 'admins'), 'admin'],
  ] as const) {
    const ns2 = await t.request('GET', '/api/v1/namespaces/ns2/pods', { identity: id });
    assert.equal(ns2.json, forbidden(`pods is forbidden: User "${who}" cannot list resource "pods" in API group "" in the namespace "ns2"`, { kind: 'pods' }));
    const nodes = await t.request('GET', '/api/v1/nodes', { identity: id });
    assert.equal(nodes.json, forbidden(`nodes is forbidden: User "${who}" cannot list resource "nodes" in API group "" at the cluster scope`, { kind: 'nodes' }));
    // non-resource URLs are cluster-scoped: a RoleBinding never grants them
    assert.equal((await t.request('GET', '/version', { identity: id })).json, forbidden(`forbidden: User "${who}" cannot get path "/version"`, {}));
  }
  // the allow reason in the trace names the RoleBinding "name/namespace"
  const r = await t.request('GET', '/api/v1/namespaces/ns1/secrets', { identity: await as('joe', 'admins') });
  const authz = t.trace.forRequest(r.headers['audit-id'] as string).find((e) => e.type === 'request.authorized') as { reason: string; authorizer?: string };
  assert.equal(authz, { ...authz, reason: 'RBAC: allowed by RoleBinding "admin-all/ns1" of ClusterRole "admin-all" to Group "admins"', authorizer: 'RBAC' });
});

test('TestAuthorizer case 2 over HTTP: non-resource URLs — exact, `*` verb, and `/apis/*` that does not match /apis', async () => {
  await adminCreate(`${rbac}/clusterroles`, { metadata: { name: 'non-resource-url-getter' }, rules: [{ verbs: ['get'], nonResourceURLs: ['/apis'] }] });
  await adminCreate(`${rbac}/clusterroles`, { metadata: { name: 'non-resource-url' }, rules: [{ verbs: ['*'], nonResourceURLs: ['/apis'] }] });
  await adminCreate(`${rbac}/clusterroles`, { metadata: { name: 'non-resource-url-prefix' }, rules: [{ verbs: ['get'], nonResourceURLs: ['/apis/*'] }] });
  const crb = (role: string, ...subs: string[]) => adminCreate(`${rbac}/clusterrolebindings`, { metadata: { name: role }, roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: role }, subjects: subs.map(subject) });
  await crb('non-resource-url-getter', 'User:foo', 'Group:bar');
  await crb('non-resource-url', 'User:nradmin', 'Group:nradmin');
  await crb('non-resource-url-prefix', 'User:prefixed', 'Group:prefixed');
  for (const id of [await as('foo'), await as('x', 'bar'), await as('nradmin'), await as('y', 'nradmin')]) {
    assert.is((await t.request('GET', '/apis', { identity: id })).status, 200);
  }
  // POST is verb "post": the `*` rule allows it (the path then has no POST handler), the get-only rule does not
  assert.is.not((await t.request('POST', '/apis', { identity: await as('nradmin'), body: {} })).status, 403);
  assert.equal((await t.request('POST', '/apis', { identity: await as('foo'), body: {} })).json, forbidden('forbidden: User "foo" cannot post path "/apis"', {}));
  for (const id of [await as('prefixed'), await as('z', 'prefixed')]) {
    assert.is((await t.request('GET', '/apis/rbac.authorization.k8s.io', { identity: id })).status, 200);
    assert.is((await t.request('GET', '/apis/v1/foobar', { identity: id })).status, 404);
    assert.equal((await t.request('GET', '/apis', { identity: id })).json.message, `forbidden: User "${id === ids.get('prefixed') ? 'prefixed' : 'z'}" cannot get path "/apis"`);
  }
  for (const [id, who] of [
    [await as('foo'), 'foo'],
    [await as('x', 'bar'), 'x'],
    [await as('nradmin'), 'nradmin'],
    [await as('prefixed'), 'prefixed'],
  ] as const) {
    assert.equal((await t.request('GET', '/api/v1', { identity: id })).json, forbidden(`forbidden: User "${who}" cannot get path "/api/v1"`, {}));
  }
});

test('TestAuthorizer cases 3 and 4 over HTTP: `pods` does not grant pods/status, `pods/status` does not grant pods, `*/scale` any scale', async () => {
  await adminCreate(`${rbac}/clusterroles`, { metadata: { name: 'pods-only' }, rules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['pods'] }] });
  await adminCreate(`${rbac}/clusterroles`, { metadata: { name: 'status-only' }, rules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['pods/status'] }, { verbs: ['*'], apiGroups: ['*'], resources: ['*/scale'] }] });
  await adminCreate(`${rbac}/namespaces/ns1/rolebindings`, { metadata: { name: 'pods-only' }, roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: 'pods-only' }, subjects: [subject('User:pods')] });
  await adminCreate(`${rbac}/namespaces/ns1/rolebindings`, { metadata: { name: 'status-only' }, roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: 'status-only' }, subjects: [subject('User:status')] });
  const pods = await as('pods');
  const status = await as('status');
  assert.is((await t.request('GET', '/api/v1/namespaces/ns1/pods/web', { identity: pods })).status, 404);
  assert.equal(
    (await t.request('GET', '/api/v1/namespaces/ns1/pods/web/status', { identity: pods })).json,
    forbidden('pods "web" is forbidden: User "pods" cannot get resource "pods/status" in API group "" in the namespace "ns1"', { name: 'web', kind: 'pods' }),
  );
  assert.is((await t.request('GET', '/api/v1/namespaces/ns1/pods/web/status', { identity: status })).status, 404);
  assert.equal(
    (await t.request('GET', '/api/v1/namespaces/ns1/pods/web', { identity: status })).json,
    forbidden('pods "web" is forbidden: User "status" cannot get resource "pods" in API group "" in the namespace "ns1"', { name: 'web', kind: 'pods' }),
  );
});

test('question 1: a RoleBinding may reference a ClusterRole; its rules then apply only in the binding\'s namespace', async () => {
  await adminCreate(`${rbac}/clusterroles`, { metadata: { name: 'secret-reader' }, rules: [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['secrets'] }] });
  await adminCreate(`${rbac}/namespaces/ns1/rolebindings`, { metadata: { name: 'read-secrets' }, roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: 'secret-reader' }, subjects: [subject('User:alice')] });
  const alice = await as('alice');
  const ns1 = await t.request('GET', '/api/v1/namespaces/ns1/secrets', { identity: alice });
  assert.is(ns1.status, 200);
  const reason = t.trace.forRequest(ns1.headers['audit-id'] as string).find((e) => e.type === 'request.authorized') as { reason: string };
  assert.is(reason.reason, 'RBAC: allowed by RoleBinding "read-secrets/ns1" of ClusterRole "secret-reader" to User "alice"');
  assert.equal((await t.request('GET', '/api/v1/namespaces/ns2/secrets', { identity: alice })).json, forbidden('secrets is forbidden: User "alice" cannot list resource "secrets" in API group "" in the namespace "ns2"', { kind: 'secrets' }));
  assert.equal((await t.request('GET', '/api/v1/secrets', { identity: alice })).json, forbidden('secrets is forbidden: User "alice" cannot list resource "secrets" in API group "" at the cluster scope', { kind: 'secrets' }));
});

test('question 2: a ClusterRoleBinding may not reference a Role — 422 with upstream\'s exact Status', async () => {
  const r = await t.request('POST', `${rbac}/clusterrolebindings`, { body: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'x' }, roleRef: { apiGroup: rbacGroup, kind: 'Role', name: 'r' }, subjects: [subject('User:alice')] } });
  assert.is(r.status, 422);
  assert.is(
    r.text,
    '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"ClusterRoleBinding.rbac.authorization.k8s.io \\"x\\" is invalid: roleRef.kind: Unsupported value: \\"Role\\": supported values: \\"ClusterRole\\"","reason":"Invalid","details":{"name":"x","group":"rbac.authorization.k8s.io","kind":"ClusterRoleBinding","causes":[{"reason":"FieldValueNotSupported","message":"Unsupported value: \\"Role\\": supported values: \\"ClusterRole\\"","field":"roleRef.kind"}]},"code":422}\n',
  );
  assert.is((await t.request('GET', `${rbac}/clusterrolebindings/x`)).status, 404);
});

test('a binding to a missing ClusterRole: 403 carries RBAC\'s resolution error, as the lister words it', async () => {
  await adminCreate(`${rbac}/clusterrolebindings`, { metadata: { name: 'dangling' }, roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: 'does-not-exist' }, subjects: [subject('User:dangler')] });
  const r = await t.request('GET', '/api/v1/nodes', { identity: await as('dangler') });
  assert.equal(r.json, forbidden('nodes is forbidden: User "dangler" cannot list resource "nodes" in API group "" at the cluster scope: RBAC: clusterrole.rbac.authorization.k8s.io "does-not-exist" not found', { kind: 'nodes' }));
});

test('consistency: a binding created or deleted by one request decides the very next request', async () => {
  await adminCreate(`${rbac}/clusterroles`, { metadata: { name: 'cm-reader' }, rules: [{ verbs: ['list'], apiGroups: [''], resources: ['configmaps'] }] });
  const carol = await as('carol');
  for (let i = 0; i < 5; i++) {
    const name = `carol-${i}`;
    await adminCreate(`${rbac}/namespaces/ns2/rolebindings`, { metadata: { name }, roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: 'cm-reader' }, subjects: [subject('User:carol')] });
    assert.is((await t.request('GET', '/api/v1/namespaces/ns2/configmaps', { identity: carol })).status, 200);
    assert.is((await t.request('DELETE', `${rbac}/namespaces/ns2/rolebindings/${name}`)).status, 200);
    assert.is((await t.request('GET', '/api/v1/namespaces/ns2/configmaps', { identity: carol })).status, 403);
  }
});

test.run();
