// Authorizers: the union's rules (k8s.io/apiserver/pkg/authorization/union/union.go), system:masters
// first (authorizerfactory/builtin.go), the public part of the default policy as RBAC decides it
// (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go), and the 403 message of
// responsewriters/errors.go forbiddenMessage (reference/k8s-authn-authz.md §4.1, §4.8, §5.1–5.2).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { alwaysAllowAuthorizer, alwaysDenyAuthorizer } from './always.js';
import { forbiddenError, forbiddenMessage } from './forbidden.js';
import type { Attributes, AuthorizationResult, Authorizer } from './interfaces.js';
import { describeAttributes } from './interfaces.js';
import { privilegedGroupsAuthorizer } from './privileged-groups.js';
import { bootstrapPolicy } from './rbac/bootstrappolicy/bootstrap-policy.js';
import { newRBACAuthorizer } from './rbac/rbac.js';
import { newTestRuleResolver } from '../registry/rbac/validation/static-roles.js';
import { unionAuthorizer } from './union.js';

const user = (name: string, ...groups: string[]) => ({ name, groups });
const resource = (u: ReturnType<typeof user>, verb: string, res: string, o: Partial<Attributes> = {}): Attributes => ({
  user: u,
  verb,
  isResourceRequest: true,
  path: '',
  namespace: '',
  apiGroup: '',
  apiVersion: 'v1',
  resource: res,
  subresource: '',
  name: '',
  ...o,
});
const path = (u: ReturnType<typeof user>, p: string, verb = 'get'): Attributes => ({ ...resource(u, verb, ''), isResourceRequest: false, path: p });
const fixed = (name: string, r: AuthorizationResult): Authorizer => ({ name, authorize: () => r });

test('union: first Allow or Deny decides; NoOpinion reasons are joined', async () => {
  const u = unionAuthorizer([fixed('a', { decision: 'NoOpinion', reason: 'first' }), fixed('b', { decision: 'NoOpinion', reason: '' }), fixed('c', { decision: 'NoOpinion', reason: 'third' })]);
  assert.equal(await u.authorize(resource(user('x'), 'get', 'pods')), { decision: 'NoOpinion', reason: 'first\nthird' });
  const d = unionAuthorizer([fixed('a', { decision: 'NoOpinion', reason: '' }), fixed('deny', { decision: 'Deny', reason: 'no' }), alwaysAllowAuthorizer()]);
  assert.equal(await d.authorize(resource(user('x'), 'get', 'pods')), { decision: 'Deny', reason: 'no', authorizer: 'deny' });
  assert.is((await unionAuthorizer([alwaysDenyAuthorizer()]).authorize(resource(user('x'), 'get', 'pods'))).decision, 'NoOpinion');
});

test('system:masters is allowed everything', () => {
  const a = privilegedGroupsAuthorizer(['system:masters']);
  assert.is((a.authorize(resource(user('admin', 'system:masters'), 'delete', 'nodes')) as AuthorizationResult).decision, 'Allow');
  assert.is((a.authorize(resource(user('alice', 'devs'), 'get', 'pods')) as AuthorizationResult).decision, 'NoOpinion');
});

test('bootstrappolicy (policy.go) through RBAC: health and version for everyone, discovery and self reviews for authenticated users only', () => {
  const p = newRBACAuthorizer(newTestRuleResolver(bootstrapPolicy('upstream')));
  const anon = user('system:anonymous', 'system:unauthenticated');
  const alice = user('alice', 'system:authenticated');
  const decide = (a: Attributes) => (p.authorize(a) as AuthorizationResult).decision;
  assert.is(decide(path(anon, '/healthz')), 'Allow');
  assert.is(decide(path(anon, '/version')), 'Allow');
  assert.is(decide(path(anon, '/api')), 'NoOpinion');
  assert.is(decide(path(alice, '/apis/certificates.k8s.io/v1')), 'Allow');
  assert.is(decide(path(alice, '/openapi/v3/api/v1')), 'Allow');
  assert.is(decide(path(alice, '/healthz', 'post')), 'NoOpinion');
  assert.is(decide(resource(alice, 'create', 'selfsubjectreviews', { apiGroup: 'authentication.k8s.io' })), 'Allow');
  assert.is(decide(resource(anon, 'create', 'selfsubjectreviews', { apiGroup: 'authentication.k8s.io' })), 'NoOpinion');
  assert.is(decide(resource(alice, 'get', 'secrets')), 'NoOpinion');
  assert.is(
    (p.authorize(path(alice, '/api')) as AuthorizationResult).reason,
    'RBAC: allowed by ClusterRoleBinding "system:discovery" of ClusterRole "system:discovery" to Group "system:authenticated"',
  );
});

test('forbiddenMessage: namespaced, cluster scope, subresource, non-resource', () => {
  const alice = user('alice');
  assert.is(forbiddenMessage(resource(alice, 'create', 'secrets', { namespace: 'default' })), 'User "alice" cannot create resource "secrets" in API group "" in the namespace "default"');
  assert.is(
    forbiddenMessage(resource(alice, 'update', 'certificatesigningrequests', { apiGroup: 'certificates.k8s.io', subresource: 'approval', name: 'c' })),
    'User "alice" cannot update resource "certificatesigningrequests/approval" in API group "certificates.k8s.io" at the cluster scope',
  );
  assert.is(forbiddenMessage(path(user('system:anonymous'), '/')), 'User "system:anonymous" cannot get path "/"');
});

test('forbiddenError: the three NewForbidden forms, the reason appended, & < > escaped', () => {
  const alice = user('alice<&>');
  const e = forbiddenError(resource(alice, 'create', 'certificatesigningrequests', { apiGroup: 'certificates.k8s.io' }), 'RBAC: clusterrole.rbac.authorization.k8s.io "x" not found');
  assert.is(
    e.message,
    'certificatesigningrequests.certificates.k8s.io is forbidden: User "alice&lt;&amp;&gt;" cannot create resource "certificatesigningrequests" in API group "certificates.k8s.io" at the cluster scope: RBAC: clusterrole.rbac.authorization.k8s.io "x" not found',
  );
  assert.equal(e.status.details, { group: 'certificates.k8s.io', kind: 'certificatesigningrequests' });
  const np = forbiddenError(path(user('system:anonymous'), '/api'), '');
  assert.is(np.message, 'forbidden: User "system:anonymous" cannot get path "/api"');
  assert.equal(np.status.details, {});
});

test('describeAttributes for the trace', () => {
  assert.is(describeAttributes(resource(user('a'), 'list', 'certificatesigningrequests', { apiGroup: 'certificates.k8s.io' })), 'list certificatesigningrequests.certificates.k8s.io (cluster scope)');
  assert.is(describeAttributes(resource(user('a'), 'get', 'secrets', { namespace: 'ns', name: 'x' })), 'get secrets "x" in namespace "ns"');
});

test.run();
