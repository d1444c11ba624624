// Impersonation over HTTPS against a live apiserver (k8s.io/apiserver/pkg/endpoints/filters/
// impersonation.go, impersonation_test.go cases): system:masters may impersonate anyone, a user
// without `impersonate` rights gets the exact 403, groups without a user are upstream's 500, the
// impersonated identity is what the handlers and the authorizer then see, and the trace says so.
// The server runs its defaults (Node,RBAC over the kubeadm policy); the `impersonate` rights are
// RBAC roles the admin creates, as on a real cluster.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { RequestImpersonatedEvent } from '../trace.js';
import type { ClientCertificatePem } from './start-api-server.js';
import { startTestServer } from './testing.js';
import type { TestServer } from './testing.js';

let t: TestServer;
let dev: ClientCertificatePem;
let saImpersonator: ClientCertificatePem;

const rbac = '/apis/rbac.authorization.k8s.io/v1';

async function adminCreate(path: string, body: object): Promise<void> {
  const r = await t.request('POST', path, { body });
  assert.is(r.status, 201, `${path}: ${r.text}`);
}

test.before(async () => {
  t = await startTestServer();
  dev = await t.server.issueClientCertificate({ commonName: 'dev', organizations: ['devs'] });
  saImpersonator = await t.server.issueClientCertificate({ commonName: 'robot', organizations: ['sa-impersonater'] });
  // dev may impersonate any user and the group `ops`; the sa-impersonater group service accounts in `foo`
  await adminCreate(`${rbac}/clusterroles`, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'impersonate-users-and-ops' },
    rules: [
      { apiGroups: [''], resources: ['users'], verbs: ['impersonate'] },
      { apiGroups: [''], resources: ['groups'], resourceNames: ['ops'], verbs: ['impersonate'] },
    ],
  });
  await adminCreate(`${rbac}/clusterrolebindings`, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'dev-impersonates' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'impersonate-users-and-ops' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'dev' }],
  });
  await adminCreate('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'foo' } });
  await adminCreate(`${rbac}/namespaces/foo/roles`, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'impersonate-serviceaccounts', namespace: 'foo' },
    rules: [{ apiGroups: [''], resources: ['serviceaccounts'], verbs: ['impersonate'] }],
  });
  await adminCreate(`${rbac}/namespaces/foo/rolebindings`, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'sa-impersonation', namespace: 'foo' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'impersonate-serviceaccounts' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'sa-impersonater' }],
  });
});
test.after(() => t.close());

const whoami = (headers: Record<string, string | string[]>, identity?: ClientCertificatePem) =>
  t.request('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }, headers: headers as Record<string, string>, ...(identity ? { identity } : {}) });

test('system:masters impersonates a user with groups, uid and extras (percent-decoded key)', async () => {
  const r = await whoami({ 'Impersonate-User': 'jane', 'Impersonate-Group': ['ops', 'qa'], 'Impersonate-Uid': 'u-7', 'Impersonate-Extra-Example.com%2fscopes': ['a', 'b'] });
  assert.is(r.status, 201);
  assert.equal(r.json.status.userInfo, { username: 'jane', uid: 'u-7', groups: ['ops', 'qa', 'system:authenticated'], extra: { 'example.com/scopes': ['a', 'b'] } });
  const event = t.trace.forRequest(String(r.headers['audit-id'])).find((e) => e.type === 'request.impersonated') as RequestImpersonatedEvent;
  assert.equal([event.requestor, event.allowed, event.user, event.groups, event.uid], ['kubernetes-admin', true, 'jane', ['ops', 'qa', 'system:authenticated'], 'u-7']);
  assert.equal(
    event.checks.map((c) => c.attributes),
    ['impersonate users "jane" (cluster scope)', 'impersonate groups "ops" (cluster scope)', 'impersonate groups "qa" (cluster scope)', 'impersonate userextras/example.com/scopes.authentication.k8s.io "a" (cluster scope)',
      'impersonate userextras/example.com/scopes.authentication.k8s.io "b" (cluster scope)', 'impersonate uids.authentication.k8s.io "u-7" (cluster scope)'],
  );
  assert.ok(event.checks.every((c) => c.decision === 'Allow' && c.authorizer === 'privileged-groups'));
});

test('the impersonated user is the one authorized: dev as jane may not list secrets', async () => {
  const r = await t.request('GET', '/api/v1/namespaces/default/secrets', { identity: dev, headers: { 'Impersonate-User': 'jane' } });
  assert.equal([r.status, r.json.message], [403, 'secrets is forbidden: User "jane" cannot list resource "secrets" in API group "" in the namespace "default"']);
});

test('a group the requestor may not impersonate: 403 with the forbidden text of that check', async () => {
  const r = await whoami({ 'Impersonate-User': 'jane', 'Impersonate-Group': ['ops', 'admins'] }, dev);
  assert.is(r.status, 403);
  assert.is(
    r.text,
    '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"groups \\"admins\\" is forbidden: User \\"dev\\" cannot impersonate resource \\"groups\\" in API group \\"\\" at the cluster scope","reason":"Forbidden","details":{"name":"admins","kind":"groups"},"code":403}\n',
  );
  const event = t.trace.forRequest(String(r.headers['audit-id'])).find((e) => e.type === 'request.impersonated') as RequestImpersonatedEvent;
  assert.equal([event.allowed, event.checks.map((c) => c.decision)], [false, ['Allow', 'Allow', 'NoOpinion']]);
  // the request never reached authorization as anyone
  assert.is(t.trace.forRequest(String(r.headers['audit-id'])).filter((e) => e.type === 'request.authorized').length, 0);
});

test('dev impersonates through RBAC: the checks name the ClusterRoleBinding that allowed them', async () => {
  const r = await whoami({ 'Impersonate-User': 'jane', 'Impersonate-Group': 'ops' }, dev);
  assert.equal([r.status, r.json.status.userInfo], [201, { username: 'jane', groups: ['ops', 'system:authenticated'] }]);
  const event = t.trace.forRequest(String(r.headers['audit-id'])).find((e) => e.type === 'request.impersonated') as RequestImpersonatedEvent;
  assert.equal(
    event.checks.map((c) => [c.decision, c.authorizer, c.reason]),
    [
      ['Allow', 'RBAC', 'RBAC: allowed by ClusterRoleBinding "dev-impersonates" of ClusterRole "impersonate-users-and-ops" to User "dev"'],
      ['Allow', 'RBAC', 'RBAC: allowed by ClusterRoleBinding "dev-impersonates" of ClusterRole "impersonate-users-and-ops" to User "dev"'],
    ],
  );
});

test('a user without impersonate rights: 403 naming the user asked for', async () => {
  const r = await whoami({ 'Impersonate-User': 'jane' }, saImpersonator);
  assert.equal([r.status, r.json.message, r.json.details], [403, 'users "jane" is forbidden: User "robot" cannot impersonate resource "users" in API group "" at the cluster scope', { name: 'jane', kind: 'users' }]);
});

test('service accounts: serviceaccounts in the namespace, and the service account groups', async () => {
  const ok = await whoami({ 'Impersonate-User': 'system:serviceaccount:foo:builder' }, saImpersonator);
  assert.equal([ok.status, ok.json.status.userInfo], [201, { username: 'system:serviceaccount:foo:builder', groups: ['system:serviceaccounts', 'system:serviceaccounts:foo', 'system:authenticated'] }]);
  const other = await whoami({ 'Impersonate-User': 'system:serviceaccount:bar:builder' }, saImpersonator);
  assert.equal(
    [other.status, other.json.message],
    [403, 'serviceaccounts "builder" is forbidden: User "robot" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "bar"'],
  );
});

test('system:anonymous gets system:unauthenticated, not system:authenticated (and so may not even ask who it is)', async () => {
  const r = await whoami({ 'Impersonate-User': 'system:anonymous' });
  assert.equal(
    [r.status, r.json.message],
    [403, 'selfsubjectreviews.authentication.k8s.io is forbidden: User "system:anonymous" cannot create resource "selfsubjectreviews" in API group "authentication.k8s.io" at the cluster scope'],
  );
  const event = t.trace.forRequest(String(r.headers['audit-id'])).find((e) => e.type === 'request.impersonated') as RequestImpersonatedEvent;
  assert.equal(event.groups, ['system:unauthenticated']);
});

test('impersonation_test.go impersonating-group-without-user / impersonating-uid-without-user: upstream\'s plain-text 500 (responsewriters.InternalError)', async () => {
  const cases: Record<string, string>[] = [{ 'Impersonate-Group': 'ops' }, { 'Impersonate-Uid': 'u-1' }];
  for (const headers of cases) {
    const r = await whoami(headers);
    assert.is(r.status, 500);
    const what = 'Impersonate-Group' in headers ? '{Group  ops    }' : '{UID  u-1  authentication.k8s.io/v1  }';
    // http.Error: Fprintln of the sanitized text, text/plain, nosniff
    assert.is(r.text, `Internal Server Error: "/apis/authentication.k8s.io/v1/selfsubjectreviews": requested [${what}] without impersonating a user\n`);
    assert.is(r.headers['content-type'], 'text/plain; charset=utf-8');
    assert.is(r.headers['x-content-type-options'], 'nosniff');
    const event = t.trace.forRequest(String(r.headers['audit-id'])).find((e) => e.type === 'request.impersonated') as RequestImpersonatedEvent;
    assert.is(event.failure, `requested [${what}] without impersonating a user`);
  }
});

test('the 500 quotes the request URI as sent (query included, not decoded), & escaped by responsewriters.InternalError\'s sanitizer', async () => {
  // Node's client percent-encodes < and > as any HTTP client does; the server keeps the raw form
  const r = await t.request('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews?a=1&b=<c>', { body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }, headers: { 'Impersonate-Group': 'ops' } });
  assert.is(r.status, 500);
  assert.is(r.text, 'Internal Server Error: "/apis/authentication.k8s.io/v1/selfsubjectreviews?a=1&amp;b=%3Cc%3E": requested [{Group  ops    }] without impersonating a user\n');
  const responded = t.trace.forRequest(String(r.headers['audit-id'])).find((e) => e.type === 'request.responded');
  assert.equal(responded && [responded.statusCode, responded.reason], [500, 'InternalError']);
});

test('repeated Impersonate-Group lines stay separate groups', async () => {
  // two header lines, as client-go sends --as-group twice (Node writes one line per array entry)
  const r = await whoami({ 'Impersonate-User': 'jane', 'Impersonate-Group': ['a', 'b'] });
  assert.equal(r.json.status.userInfo.groups, ['a', 'b', 'system:authenticated']);
});

test.run();
