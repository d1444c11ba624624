// Escalation prevention over a live apiserver (kubernetes/kubernetes
// pkg/registry/rbac/{role,clusterrole,rolebinding,clusterrolebinding}/policybased/storage.go,
// pkg/registry/rbac/escalation_check.go; reference/k8s-authn-authz.md §4.7): who may write roles
// and bindings that grant what they do not hold, with upstream's 403/404/400/422 texts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rbacAuthorizer } from '../../authorization/rbac/config.js';
import { startTestServer } from '../../server/testing.js';
import type { TestServer } from '../../server/testing.js';
import type { ClientCertificatePem } from '../../server/start-api-server.js';

const rbac = '/apis/rbac.authorization.k8s.io/v1';
const rbacGroup = 'rbac.authorization.k8s.io';
let t: TestServer;
let dev: ClientCertificatePem;
const devGroups = '["developers" "system:authenticated"]';

async function adminCreate(path: string, body: object): Promise<void> {
  const r = await t.request('POST', path, { body });
  assert.is(r.status, 201, `${path}: ${r.text}`);
}
const user = (name: string) => ({ kind: 'User', apiGroup: rbacGroup, name });
const role = (name: string, rules: object[], extra: object = {}) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name, namespace: 'team' }, rules, ...extra });
const roleBinding = (name: string, kind: string, roleName: string, subjects: object[] = [user('someone')]) => ({ metadata: { name }, roleRef: { apiGroup: rbacGroup, kind, name: roleName }, subjects });
const podsGet = { verbs: ['get'], apiGroups: [''], resources: ['pods'] };
const secretsList = { verbs: ['list'], apiGroups: [''], resources: ['secrets'] };
const notHeld = (gr: string, name: string, missing: string) => `${gr} "${name}" is forbidden: user "dev" (groups=${devGroups}) is attempting to grant RBAC permissions not currently held:\n${missing}`;

test.before(async () => {
  t = await startTestServer({ authorizers: async (ctx) => [await rbacAuthorizer(ctx)] });
  dev = await t.server.issueClientCertificate({ commonName: 'dev', organizations: ['developers'] });
  await adminCreate('/api/v1/namespaces', { metadata: { name: 'team' } });
  // dev may manage RBAC objects in "team", read pods there, and write cluster-wide RBAC objects
  await adminCreate(`${rbac}/clusterroles`, {
    metadata: { name: 'rbac-manager' },
    rules: [
      { verbs: ['create', 'update', 'patch', 'get', 'delete'], apiGroups: [rbacGroup], resources: ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'] },
      podsGet,
    ],
  });
  await adminCreate(`${rbac}/clusterrolebindings`, { metadata: { name: 'dev-rbac-manager' }, roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: 'rbac-manager' }, subjects: [user('dev')] });
  await adminCreate(`${rbac}/clusterroles`, { metadata: { name: 'secrets-admin' }, rules: [{ verbs: ['*'], apiGroups: [''], resources: ['secrets'] }] });
});
test.after(async () => {
  await t.close();
});

test('Role: rules the user holds may be granted; more is 403 with the missing rules, compacted', async () => {
  assert.is((await t.request('POST', `${rbac}/namespaces/team/roles`, { identity: dev, body: role('pod-reader', [podsGet]) })).status, 201);
  const r = await t.request('POST', `${rbac}/namespaces/team/roles`, { identity: dev, body: role('too-much', [podsGet, { verbs: ['list', 'watch'], apiGroups: [''], resources: ['secrets'] }]) });
  assert.is(r.status, 403);
  assert.equal(r.json, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: notHeld('roles.rbac.authorization.k8s.io', 'too-much', '{APIGroups:[""], Resources:["secrets"], Verbs:["list" "watch"]}'),
    reason: 'Forbidden',
    details: { name: 'too-much', group: rbacGroup, kind: 'roles' },
    code: 403,
  });
  // system:masters is never checked
  assert.is((await t.request('POST', `${rbac}/namespaces/team/roles`, { body: role('too-much', [secretsList]) })).status, 201);
});

test('Role update: escalating rules is 403; changing only ownerReferences/finalizers is not checked', async () => {
  const current = (await t.request('GET', `${rbac}/namespaces/team/roles/too-much`, { identity: dev })).json;
  const withOwner = { ...current, metadata: { ...current.metadata, ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: 'u-1' }] } };
  assert.is((await t.request('PUT', `${rbac}/namespaces/team/roles/too-much`, { identity: dev, body: withOwner })).status, 200);
  const grown = await t.request('PATCH', `${rbac}/namespaces/team/roles/pod-reader`, {
    identity: dev,
    headers: { 'content-type': 'application/merge-patch+json' },
    body: JSON.stringify({ rules: [podsGet, secretsList] }),
  });
  assert.is(grown.json.message, notHeld('roles.rbac.authorization.k8s.io', 'pod-reader', '{APIGroups:[""], Resources:["secrets"], Verbs:["list"]}'));
});

test('Role: `escalate` on roles lets a user grant more; limited by resourceNames it never allows a create', async () => {
  await adminCreate(`${rbac}/clusterroles`, { metadata: { name: 'escalate-named' }, rules: [{ verbs: ['escalate'], apiGroups: [rbacGroup], resources: ['roles'], resourceNames: ['special'] }] });
  await adminCreate(`${rbac}/namespaces/team/rolebindings`, { ...roleBinding('dev-escalate-named', 'ClusterRole', 'escalate-named', [user('dev')]) });
  const create = await t.request('POST', `${rbac}/namespaces/team/roles`, { identity: dev, body: role('special', [secretsList]) });
  assert.is(create.json.message, notHeld('roles.rbac.authorization.k8s.io', 'special', '{APIGroups:[""], Resources:["secrets"], Verbs:["list"]}'));
  // a PUT that creates has the name in the URL (RBAC kinds allow create on update)
  assert.is((await t.request('PUT', `${rbac}/namespaces/team/roles/special`, { identity: dev, body: role('special', [secretsList]) })).status, 201);
  await adminCreate(`${rbac}/clusterroles`, { metadata: { name: 'escalate-all' }, rules: [{ verbs: ['escalate'], apiGroups: [rbacGroup], resources: ['roles'] }] });
  await adminCreate(`${rbac}/namespaces/team/rolebindings`, { ...roleBinding('dev-escalate-all', 'ClusterRole', 'escalate-all', [user('dev')]) });
  assert.is((await t.request('POST', `${rbac}/namespaces/team/roles`, { identity: dev, body: role('big', [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }]) })).status, 201);
  // the escalate grant stays in "team"
  const elsewhere = await t.request('POST', `${rbac}/clusterroles`, { identity: dev, body: { metadata: { name: 'big' }, rules: [secretsList] } });
  assert.is(elsewhere.json.message, notHeld('clusterroles.rbac.authorization.k8s.io', 'big', '{APIGroups:[""], Resources:["secrets"], Verbs:["list"]}'));
});

test('ClusterRole: an aggregationRule needs cluster-admin', async () => {
  const r = await t.request('POST', `${rbac}/clusterroles`, { identity: dev, body: { metadata: { name: 'aggregated' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { x: 'y' } }] }, rules: [] } });
  assert.is(r.status, 403);
  assert.is(r.json.message, 'clusterroles.rbac.authorization.k8s.io "aggregated" is forbidden: must have cluster-admin privileges to use the aggregationRule');
});

test('bindings: a role the user holds may be bound; otherwise 403, unless the user may `bind` it', async () => {
  assert.is((await t.request('POST', `${rbac}/namespaces/team/rolebindings`, { identity: dev, body: roleBinding('bind-pod-reader', 'Role', 'pod-reader') })).status, 201);
  const secrets = await t.request('POST', `${rbac}/namespaces/team/rolebindings`, { identity: dev, body: roleBinding('bind-secrets-admin', 'ClusterRole', 'secrets-admin') });
  assert.equal(secrets.json.details, { name: 'bind-secrets-admin', group: rbacGroup, kind: 'rolebindings' });
  assert.is(secrets.json.message, notHeld('rolebindings.rbac.authorization.k8s.io', 'bind-secrets-admin', '{APIGroups:[""], Resources:["secrets"], Verbs:["*"]}'));
  const cluster = await t.request('POST', `${rbac}/clusterrolebindings`, { identity: dev, body: roleBinding('crb-secrets-admin', 'ClusterRole', 'secrets-admin') });
  assert.is(cluster.json.message, notHeld('clusterrolebindings.rbac.authorization.k8s.io', 'crb-secrets-admin', '{APIGroups:[""], Resources:["secrets"], Verbs:["*"]}'));
  // `bind` on that one ClusterRole, granted in "team" only
  await adminCreate(`${rbac}/clusterroles`, { metadata: { name: 'bind-secrets-admin' }, rules: [{ verbs: ['bind'], apiGroups: [rbacGroup], resources: ['clusterroles'], resourceNames: ['secrets-admin'] }] });
  await adminCreate(`${rbac}/namespaces/team/rolebindings`, roleBinding('dev-may-bind', 'ClusterRole', 'bind-secrets-admin', [user('dev')]));
  assert.is((await t.request('POST', `${rbac}/namespaces/team/rolebindings`, { identity: dev, body: roleBinding('bind-secrets-admin', 'ClusterRole', 'secrets-admin') })).status, 201);
  assert.is((await t.request('POST', `${rbac}/clusterrolebindings`, { identity: dev, body: roleBinding('crb-secrets-admin', 'ClusterRole', 'secrets-admin') })).status, 403);
});

test('bindings to roles that do not exist: 404 from the registry (plural resource), before validation', async () => {
  const missing = await t.request('POST', `${rbac}/namespaces/team/rolebindings`, { identity: dev, body: roleBinding('b1', 'ClusterRole', 'nope') });
  assert.equal(missing.json, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'clusterroles.rbac.authorization.k8s.io "nope" not found', reason: 'NotFound', details: { name: 'nope', group: rbacGroup, kind: 'clusterroles' }, code: 404 });
  const role = await t.request('POST', `${rbac}/namespaces/team/rolebindings`, { identity: dev, body: roleBinding('b2', 'Role', 'nope') });
  assert.is(role.json.message, 'roles.rbac.authorization.k8s.io "nope" not found');
  // ClusterRoleBinding → Role: system:masters gets the 422, a user without `bind` the Role lookup in namespace ""
  const asDev = await t.request('POST', `${rbac}/clusterrolebindings`, { identity: dev, body: roleBinding('crb-role', 'Role', 'pod-reader') });
  assert.equal({ status: asDev.status, message: asDev.json.message }, { status: 400, message: 'Namespace parameter required.' });
  const asAdmin = await t.request('POST', `${rbac}/clusterrolebindings`, { body: roleBinding('crb-role', 'Role', 'pod-reader') });
  assert.is(asAdmin.json.message, 'ClusterRoleBinding.rbac.authorization.k8s.io "crb-role" is invalid: roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"');
  const badKind = await t.request('POST', `${rbac}/namespaces/team/rolebindings`, { identity: dev, body: roleBinding('b3', 'Policy', 'x') });
  // a plain error out of the REST storage: 500 with the error's text and StatusReasonUnknown (""), which is omitted (ErrorToAPIStatus)
  assert.equal({ status: badKind.status, reason: badKind.json.reason, message: badKind.json.message }, { status: 500, reason: undefined, message: 'unsupported role reference kind: "Policy"' });
});

test('roleRef is immutable (422), subjects are not; defaults fill apiGroups', async () => {
  const created = await t.request('POST', `${rbac}/namespaces/team/rolebindings`, { body: { metadata: { name: 'readers' }, roleRef: { kind: 'Role', name: 'pod-reader' }, subjects: [{ kind: 'User', name: 'u1' }] } });
  assert.equal(created.json.roleRef, { kind: 'Role', name: 'pod-reader', apiGroup: rbacGroup });
  assert.equal(created.json.subjects, [{ kind: 'User', name: 'u1', apiGroup: rbacGroup }]);
  const changed = await t.request('PUT', `${rbac}/namespaces/team/rolebindings/readers`, { body: { ...created.json, roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: 'secrets-admin' } } });
  assert.is(changed.status, 422);
  assert.is(
    changed.json.message,
    'RoleBinding.rbac.authorization.k8s.io "readers" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"secrets-admin"}: cannot change roleRef',
  );
  const more = await t.request('PUT', `${rbac}/namespaces/team/rolebindings/readers`, { identity: dev, body: { ...created.json, subjects: [...created.json.subjects, user('u2')] } });
  assert.is(more.status, 200);
});

test('dry-run writes are checked too, and leave nothing behind', async () => {
  await adminCreate(`${rbac}/clusterroles`, { metadata: { name: 'configmaps-admin' }, rules: [{ verbs: ['*'], apiGroups: [''], resources: ['configmaps'] }] });
  const r = await t.request('POST', `${rbac}/namespaces/team/rolebindings?dryRun=All`, { identity: dev, body: roleBinding('dry', 'ClusterRole', 'configmaps-admin') });
  assert.is(r.status, 403);
  assert.is((await t.request('POST', `${rbac}/namespaces/team/rolebindings?dryRun=All`, { identity: dev, body: roleBinding('dry', 'Role', 'pod-reader') })).status, 201);
  assert.is((await t.request('GET', `${rbac}/namespaces/team/rolebindings/dry`)).status, 404);
});

test.run();
