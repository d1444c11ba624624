// The access reviews over HTTPS against a live apiserver (pkg/registry/authorization/*/rest.go,
// test/integration/auth/accessreview_test.go): SelfSubjectAccessReview, SubjectAccessReview,
// LocalSubjectAccessReview and SelfSubjectRulesReview with their 201 answers, 422s and 400s, and
// who may post them (authorization runs first: a 403 before any validation). The server runs its
// defaults (Node,RBAC over the kubeadm policy); alice reads pods in `default` through a Role and
// RoleBinding the admin creates.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestServer } from '../../server/testing.js';
import type { TestServer } from '../../server/testing.js';
import type { ClientCertificatePem } from '../../server/start-api-server.js';

const group = '/apis/authorization.k8s.io/v1';
let t: TestServer;
let alice: ClientCertificatePem;

const rbac = '/apis/rbac.authorization.k8s.io/v1';
/** RBAC's reason for alice's pod reads. */
const aliceReadsPods = 'RBAC: allowed by RoleBinding "alice-reads-pods/default" of Role "pod-reader" to User "alice"';

async function adminCreate(path: string, body: object): Promise<void> {
  const r = await t.request('POST', path, { body });
  assert.is(r.status, 201, `${path}: ${r.text}`);
}

test.before(async () => {
  t = await startTestServer();
  alice = await t.server.issueClientCertificate({ commonName: 'alice', organizations: ['devs'] });
  await adminCreate(`${rbac}/namespaces/default/roles`, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'pod-reader', namespace: 'default' },
    rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }],
  });
  await adminCreate(`${rbac}/namespaces/default/rolebindings`, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'alice-reads-pods', namespace: 'default' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice' }],
  });
});
test.after(() => t.close());

const ssar = (resourceAttributes: Record<string, unknown>) => ({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes } });

test('selfsubjectaccessreview/rest.go over HTTP: allowed with the reason, and a plain "no"', async () => {
  const yes = await t.request('POST', `${group}/selfsubjectaccessreviews`, { identity: alice, body: ssar({ namespace: 'default', verb: 'get', resource: 'pods' }) });
  assert.is(yes.status, 201);
  assert.is(
    yes.text,
    '{"kind":"SelfSubjectAccessReview","apiVersion":"authorization.k8s.io/v1","metadata":{"creationTimestamp":null},"spec":{"resourceAttributes":{"namespace":"default","verb":"get","resource":"pods"}},"status":{"allowed":true,"reason":"RBAC: allowed by RoleBinding \\"alice-reads-pods/default\\" of Role \\"pod-reader\\" to User \\"alice\\""}}\n',
  );
  const no = await t.request('POST', `${group}/selfsubjectaccessreviews`, { identity: alice, body: ssar({ namespace: 'default', verb: 'delete', resource: 'pods' }) });
  assert.equal(no.json.status, { allowed: false });
  const admin = await t.request('POST', `${group}/selfsubjectaccessreviews`, { body: ssar({ verb: 'delete', resource: 'nodes' }) });
  // privilegedGroupAuthorizer gives no reason (authorizerfactory/builtin.go)
  assert.equal(admin.json.status, { allowed: true });
});

test('selfsubjectaccessreview: 422 .authorization.k8s.io "" is invalid', async () => {
  const r = await t.request('POST', `${group}/selfsubjectaccessreviews`, { identity: alice, body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: {} } });
  assert.is(r.status, 422);
  assert.is(
    r.text,
    '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":".authorization.k8s.io \\"\\" is invalid: spec.resourceAttributes: Invalid value: \\"null\\": exactly one of nonResourceAttributes or resourceAttributes must be specified","reason":"Invalid","details":{"group":"authorization.k8s.io","causes":[{"reason":"FieldValueInvalid","message":"Invalid value: \\"null\\": exactly one of nonResourceAttributes or resourceAttributes must be specified","field":"spec.resourceAttributes"}]},"code":422}\n',
  );
});

test('subjectaccessreview/rest.go over HTTP: the admin asks about alice; alice may not ask (403 before validation)', async () => {
  const body = (spec: Record<string, unknown>) => ({ apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec });
  const r = await t.request('POST', `${group}/subjectaccessreviews`, { body: body({ user: 'alice', resourceAttributes: { namespace: 'default', verb: 'get', resource: 'pods' } }) });
  assert.equal([r.status, r.json.status], [201, { allowed: true, reason: aliceReadsPods }]);
  // exactly the groups given: without system:authenticated the default policy grants nothing
  const groupsOnly = await t.request('POST', `${group}/subjectaccessreviews`, { body: body({ groups: ['devs'], nonResourceAttributes: { path: '/api', verb: 'get' } }) });
  assert.equal(groupsOnly.json.status, { allowed: false });
  const authenticated = await t.request('POST', `${group}/subjectaccessreviews`, { body: body({ groups: ['system:authenticated'], nonResourceAttributes: { path: '/api', verb: 'get' } }) });
  assert.equal(authenticated.json.status, { allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "system:discovery" of ClusterRole "system:discovery" to Group "system:authenticated"' });
  const invalid = await t.request('POST', `${group}/subjectaccessreviews`, { body: body({ resourceAttributes: { verb: 'get', resource: 'pods' } }) });
  assert.equal([invalid.status, invalid.json.message], [422, '.authorization.k8s.io "" is invalid: spec.user: Invalid value: "": at least one of user or group must be specified']);
  const forbidden = await t.request('POST', `${group}/subjectaccessreviews`, { identity: alice, body: body({}) });
  assert.equal(
    [forbidden.status, forbidden.json.message],
    [403, 'subjectaccessreviews.authorization.k8s.io is forbidden: User "alice" cannot create resource "subjectaccessreviews" in API group "authorization.k8s.io" at the cluster scope'],
  );
  // a namespace on a cluster-scoped object is cleared before validation (EnsureObjectNamespaceMatchesRequestNamespace)
  const ns = await t.request('POST', `${group}/subjectaccessreviews`, { body: { ...body({ user: 'alice', nonResourceAttributes: { path: '/x', verb: 'get' } }), metadata: { namespace: 'x' } } });
  assert.equal([ns.status, ns.json.metadata], [201, { creationTimestamp: null }]);
});

test('localsubjectaccessreview/rest.go over HTTP: the namespace from the URL; mismatches are 422 or 400; no cluster-wide route', async () => {
  const body = (attrs: Record<string, unknown>, metadata: Record<string, unknown> = {}) => ({ apiVersion: 'authorization.k8s.io/v1', kind: 'LocalSubjectAccessReview', metadata, spec: { user: 'alice', ...attrs } });
  const ok = await t.request('POST', `${group}/namespaces/default/localsubjectaccessreviews`, { body: body({ resourceAttributes: { namespace: 'default', verb: 'get', resource: 'pods' } }) });
  assert.is(ok.status, 201);
  assert.is(
    ok.text,
    '{"kind":"LocalSubjectAccessReview","apiVersion":"authorization.k8s.io/v1","metadata":{"namespace":"default","creationTimestamp":null},"spec":{"resourceAttributes":{"namespace":"default","verb":"get","resource":"pods"},"user":"alice"},"status":{"allowed":true,"reason":"RBAC: allowed by RoleBinding \\"alice-reads-pods/default\\" of Role \\"pod-reader\\" to User \\"alice\\""}}\n',
  );
  const conflict = await t.request('POST', `${group}/namespaces/default/localsubjectaccessreviews`, { body: body({ resourceAttributes: { namespace: 'kube-system', verb: 'get', resource: 'pods' } }) });
  assert.equal([conflict.status, conflict.json.message], [422, '.authorization.k8s.io "" is invalid: spec.resourceAttributes.namespace: Invalid value: "kube-system": must match metadata.namespace']);
  const nonResource = await t.request('POST', `${group}/namespaces/default/localsubjectaccessreviews`, { body: body({ nonResourceAttributes: { path: '/x', verb: 'get' } }) });
  assert.equal(
    [nonResource.status, nonResource.json.message],
    [422, '.authorization.k8s.io "" is invalid: spec.nonResourceAttributes: Invalid value: authorization.NonResourceAttributes{Path:"/x", Verb:"get"}: disallowed on this kind of request'],
  );
  const other = await t.request('POST', `${group}/namespaces/default/localsubjectaccessreviews`, { body: body({ resourceAttributes: { namespace: 'default' } }, { namespace: 'kube-system' }) });
  assert.equal([other.status, other.json.message], [400, 'the namespace of the provided object does not match the namespace sent on the request']);
  // a namespace that does not exist is no secret (NamespaceLifecycle exempts access reviews)
  const ghost = await t.request('POST', `${group}/namespaces/ghost/localsubjectaccessreviews`, { body: body({ resourceAttributes: { namespace: 'ghost', verb: 'get', resource: 'pods' } }) });
  assert.equal([ghost.status, ghost.json.status], [201, { allowed: false }]);
  assert.is((await t.request('POST', `${group}/localsubjectaccessreviews`, { body: body({}) })).status, 404);
  assert.is((await t.request('GET', `${group}/namespaces/default/localsubjectaccessreviews`)).status, 405);
});

test('selfsubjectrulesreview/rest.go over HTTP: the rules in a namespace; no namespace is 400', async () => {
  const body = (spec: Record<string, unknown>) => ({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec });
  const r = await t.request('POST', `${group}/selfsubjectrulesreviews`, { identity: alice, body: body({ namespace: 'default' }) });
  assert.is(r.status, 201);
  assert.is(
    r.text,
    '{"kind":"SelfSubjectRulesReview","apiVersion":"authorization.k8s.io/v1","metadata":{"creationTimestamp":null},"spec":{},"status":{"resourceRules":[' +
      // ClusterRoleBindings first (system:basic-user), then the RoleBindings of the namespace (rule.go VisitRulesFor)
      '{"verbs":["create"],"apiGroups":["authorization.k8s.io"],"resources":["selfsubjectaccessreviews","selfsubjectrulesreviews"]},' +
      '{"verbs":["create"],"apiGroups":["authentication.k8s.io"],"resources":["selfsubjectreviews"]},' +
      '{"verbs":["get"],"apiGroups":[""],"resources":["pods"]}],' +
      // system:discovery and system:public-info-viewer
      '"nonResourceRules":[{"verbs":["get"],"nonResourceURLs":["/api","/api/*","/apis","/apis/*","/healthz","/livez","/openapi","/openapi/*","/readyz","/version","/version/"]},' +
      '{"verbs":["get"],"nonResourceURLs":["/healthz","/livez","/readyz","/version","/version/"]}],"incomplete":false}}\n',
  );
  const none = await t.request('POST', `${group}/selfsubjectrulesreviews`, { identity: alice, body: body({}) });
  assert.equal([none.status, none.json.message], [400, 'no namespace on request']);
});

test.run();
