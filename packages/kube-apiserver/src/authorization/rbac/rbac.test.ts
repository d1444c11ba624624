// Unit tests of the RBAC authorizer: TestAuthorizer ported from kubernetes/kubernetes
// plugin/pkg/auth/authorizer/rbac/rbac_test.go, plus the reason sentences (rule.go describers),
// the error reason, RulesFor and the V(5) denial line. TestRuleMatches: rule-allows.test.ts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, Subject } from '@tlsboot/api';
import { newTestRuleResolver } from '../../registry/rbac/validation/static-roles.js';
import type { StaticRoleLists } from '../../registry/rbac/validation/static-roles.js';
import { DefaultRuleResolver } from '../../registry/rbac/validation/rule.js';
import type { Attributes } from '../interfaces.js';
import { authorizeRBAC, denialLogMessage, newRBACAuthorizer, rbacRulesFor } from './rbac.js';

const rbacGroup = 'rbac.authorization.k8s.io';
// newRule: strings.Split of "" is [""], as upstream's helper does
const newRule = (verbs: string, apiGroups: string, resources: string, nonResourceURLs: string): PolicyRule => ({
  verbs: verbs.split(','),
  apiGroups: apiGroups.split(','),
  resources: resources.split(','),
  nonResourceURLs: nonResourceURLs.split(','),
});
const newClusterRole = (name: string, ...rules: PolicyRule[]): ClusterRole => ({ metadata: { name }, rules });
const newRole = (name: string, namespace: string, ...rules: PolicyRule[]): Role => ({ metadata: { name, namespace }, rules });
const subjects = (specs: string[]): Subject[] =>
  specs.map((s) => {
    const [kind, name] = [s.slice(0, s.indexOf(':')), s.slice(s.indexOf(':') + 1)];
    return { kind, name, apiGroup: kind === 'ServiceAccount' ? '' : rbacGroup };
  });
const newClusterRoleBinding = (roleName: string, ...subs: string[]): ClusterRoleBinding => ({
  metadata: {},
  roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: roleName },
  subjects: subjects(subs),
});
const newRoleBinding = (namespace: string, roleName: string, kind: 'Role' | 'ClusterRole', ...subs: string[]): RoleBinding => ({
  metadata: { namespace },
  roleRef: { apiGroup: rbacGroup, kind, name: roleName },
  subjects: subjects(subs),
});

/** defaultAttributes{user, groups, verb, resource, subresource, namespace, apiGroup}. */
const attrs = (user: string, groups: string, verb: string, resource: string, subresource: string, namespace: string, apiGroup: string): Attributes => ({
  user: { name: user, groups: groups.split(',') },
  verb,
  isResourceRequest: true,
  path: '',
  namespace,
  apiGroup,
  apiVersion: '',
  resource,
  subresource,
  name: '',
});
const pathRequest = (user: { name?: string; groups?: string[] }, verb: string, path: string): Attributes => ({
  user: { name: user.name ?? '', groups: user.groups ?? [] },
  verb,
  isResourceRequest: false,
  path,
  namespace: '',
  apiGroup: '',
  apiVersion: '',
  resource: '',
  subresource: '',
  name: '',
});

interface AuthorizerCase extends StaticRoleLists {
  shouldPass: Attributes[];
  shouldFail: Attributes[];
}

const authorizerCases: AuthorizerCase[] = [
  {
    clusterRoles: [newClusterRole('admin', newRule('*', '*', '*', '*'))],
    roleBindings: [newRoleBinding('ns1', 'admin', 'ClusterRole', 'User:admin', 'Group:admins')],
    shouldPass: [
      attrs('admin', '', 'get', 'Pods', '', 'ns1', ''),
      attrs('admin', '', 'watch', 'Pods', '', 'ns1', ''),
      attrs('admin', 'group1', 'watch', 'Foobar', '', 'ns1', ''),
      attrs('joe', 'admins', 'watch', 'Foobar', '', 'ns1', ''),
      attrs('joe', 'group1,admins', 'watch', 'Foobar', '', 'ns1', ''),
    ],
    shouldFail: [
      attrs('admin', '', 'GET', 'Pods', '', 'ns2', ''),
      attrs('admin', '', 'GET', 'Nodes', '', '', ''),
      attrs('admin', 'admins', 'GET', 'Pods', '', 'ns2', ''),
      attrs('admin', 'admins', 'GET', 'Nodes', '', '', ''),
    ],
  },
  {
    // Non-resource-url tests
    clusterRoles: [
      newClusterRole('non-resource-url-getter', newRule('get', '', '', '/apis')),
      newClusterRole('non-resource-url', newRule('*', '', '', '/apis')),
      newClusterRole('non-resource-url-prefix', newRule('get', '', '', '/apis/*')),
    ],
    clusterRoleBindings: [
      newClusterRoleBinding('non-resource-url-getter', 'User:foo', 'Group:bar'),
      newClusterRoleBinding('non-resource-url', 'User:admin', 'Group:admin'),
      newClusterRoleBinding('non-resource-url-prefix', 'User:prefixed', 'Group:prefixed'),
    ],
    shouldPass: [
      pathRequest({ name: 'foo' }, 'get', '/apis'),
      pathRequest({ groups: ['bar'] }, 'get', '/apis'),
      pathRequest({ name: 'admin' }, 'get', '/apis'),
      pathRequest({ groups: ['admin'] }, 'get', '/apis'),
      pathRequest({ name: 'admin' }, 'watch', '/apis'),
      pathRequest({ groups: ['admin'] }, 'watch', '/apis'),
      pathRequest({ name: 'prefixed' }, 'get', '/apis/v1'),
      pathRequest({ groups: ['prefixed'] }, 'get', '/apis/v1'),
      pathRequest({ name: 'prefixed' }, 'get', '/apis/v1/foobar'),
      pathRequest({ groups: ['prefixed'] }, 'get', '/apis/v1/foorbar'),
    ],
    shouldFail: [
      // wrong verb
      pathRequest({ name: 'foo' }, 'watch', '/apis'),
      pathRequest({ groups: ['bar'] }, 'watch', '/apis'),
      // wrong path
      pathRequest({ name: 'foo' }, 'get', '/api/v1'),
      pathRequest({ groups: ['bar'] }, 'get', '/api/v1'),
      pathRequest({ name: 'admin' }, 'get', '/api/v1'),
      pathRequest({ groups: ['admin'] }, 'get', '/api/v1'),
      // not covered by prefix
      pathRequest({ name: 'prefixed' }, 'get', '/api/v1'),
      pathRequest({ groups: ['prefixed'] }, 'get', '/api/v1'),
    ],
  },
  {
    // test subresource resolution
    clusterRoles: [newClusterRole('admin', newRule('*', '*', 'pods', '*'))],
    roleBindings: [newRoleBinding('ns1', 'admin', 'ClusterRole', 'User:admin', 'Group:admins')],
    shouldPass: [attrs('admin', '', 'get', 'pods', '', 'ns1', '')],
    shouldFail: [attrs('admin', '', 'get', 'pods', 'status', 'ns1', '')],
  },
  {
    // test subresource resolution
    clusterRoles: [newClusterRole('admin', newRule('*', '*', 'pods/status', '*'), newRule('*', '*', '*/scale', '*'))],
    roleBindings: [newRoleBinding('ns1', 'admin', 'ClusterRole', 'User:admin', 'Group:admins')],
    shouldPass: [
      attrs('admin', '', 'get', 'pods', 'status', 'ns1', ''),
      attrs('admin', '', 'get', 'pods', 'scale', 'ns1', ''),
      attrs('admin', '', 'get', 'deployments', 'scale', 'ns1', ''),
      attrs('admin', '', 'get', 'anything', 'scale', 'ns1', ''),
    ],
    shouldFail: [attrs('admin', '', 'get', 'pods', '', 'ns1', '')],
  },
];

test('TestAuthorizer (rbac_test.go): every case allows what it should and nothing else', () => {
  authorizerCases.forEach((c, i) => {
    const a = newRBACAuthorizer(newTestRuleResolver(c));
    for (const attr of c.shouldPass) assert.is((a.authorize(attr) as { decision: string }).decision, 'Allow', `case ${i}: incorrectly restricted ${JSON.stringify(attr)}`);
    for (const attr of c.shouldFail) assert.is.not((a.authorize(attr) as { decision: string }).decision, 'Allow', `case ${i}: incorrectly passed ${JSON.stringify(attr)}`);
  });
});

const rule = (verbs: string[], o: Partial<PolicyRule>): PolicyRule => ({ verbs, ...o });

const lists: StaticRoleLists = {
  clusterRoles: [newClusterRole('view', rule(['get', 'list'], { apiGroups: [''], resources: ['pods'] })), newClusterRole('discovery', rule(['get'], { nonResourceURLs: ['/api', '/api/*'] }))],
  roles: [newRole('pod-reader', 'ns1', rule(['get'], { apiGroups: [''], resources: ['pods'] }))],
  clusterRoleBindings: [
    { metadata: { name: 'disco' }, roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: 'discovery' }, subjects: subjects(['Group:system:authenticated']) },
    { metadata: { name: 'broken' }, roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: 'missing' }, subjects: subjects(['User:carol']) },
  ],
  roleBindings: [
    { metadata: { name: 'read', namespace: 'ns1' }, roleRef: { apiGroup: rbacGroup, kind: 'Role', name: 'pod-reader' }, subjects: subjects(['User:alice']) },
    { metadata: { name: 'sa-view', namespace: 'ns1' }, roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'ServiceAccount', name: 'builder' }] },
  ],
};

test('allow reasons name the binding, the role and the subject as rule.go describers print them', () => {
  const r = newTestRuleResolver(lists);
  assert.equal(authorizeRBAC(r, { ...pathRequest({ name: 'bob', groups: ['system:authenticated'] }, 'get', '/api') }), {
    decision: 'Allow',
    reason: 'RBAC: allowed by ClusterRoleBinding "disco" of ClusterRole "discovery" to Group "system:authenticated"',
  });
  assert.is(authorizeRBAC(r, { ...attrs('alice', '', 'get', 'pods', '', 'ns1', '') }).reason, 'RBAC: allowed by RoleBinding "read/ns1" of Role "pod-reader" to User "alice"');
  const sa = { ...attrs('system:serviceaccount:ns1:builder', 'system:serviceaccounts', 'list', 'pods', '', 'ns1', '') };
  assert.is(authorizeRBAC(r, sa).reason, 'RBAC: allowed by RoleBinding "sa-view/ns1" of ClusterRole "view" to ServiceAccount "builder/ns1"');
  // the same service account in another namespace is another user
  assert.is(authorizeRBAC(r, { ...sa, user: { name: 'system:serviceaccount:ns2:builder', groups: [] } }).decision, 'NoOpinion');
});

test('NoOpinion: empty reason, or the resolution errors when a binding could not be resolved (RBAC: …)', () => {
  const r = newTestRuleResolver(lists);
  const denied = authorizeRBAC(r, attrs('alice', '', 'delete', 'pods', '', 'ns1', ''));
  assert.equal({ decision: denied.decision, reason: denied.reason }, { decision: 'NoOpinion', reason: '' });
  assert.is(denied.log, 'RBAC: no rules authorize user "alice" with groups [""] to "delete" resource "pods" in namespace "ns1"');
  const broken = authorizeRBAC(r, attrs('carol', 'system:authenticated', 'get', 'nodes', '', '', ''));
  assert.is(broken.decision, 'NoOpinion');
  assert.is(broken.reason, 'RBAC: clusterrole not found');
  // a broken binding is not fatal: carol still has the discovery rules
  assert.is(authorizeRBAC(r, pathRequest({ name: 'carol', groups: ['system:authenticated'] }, 'get', '/api/v1')).decision, 'Allow');
});

test('the denial log line (rbac.go, V(5)) for resource and non-resource requests', () => {
  const a: Attributes = { ...attrs('u', 'g1,g2', 'update', 'deployments', 'scale', 'ns', 'apps'), name: 'web' };
  assert.is(denialLogMessage(a), 'RBAC: no rules authorize user "u" with groups ["g1" "g2"] to "update" resource "deployments.apps/scale" named "web" in namespace "ns"');
  assert.is(denialLogMessage(pathRequest({ name: 'u', groups: [] }, 'get', '/x')), 'RBAC: no rules authorize user "u" with groups [] to "get" nonResourceURL "/x" cluster-wide');
});

test('RulesFor: resource and non-resource rules split, errors in evaluationError with incomplete=false (rbac.go)', () => {
  const r = newTestRuleResolver(lists);
  assert.equal(rbacRulesFor(r, { name: 'carol', groups: ['system:authenticated'] }, 'ns1'), {
    resourceRules: [],
    nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/api', '/api/*'] }],
    incomplete: false,
    evaluationError: 'clusterrole not found',
  });
  assert.equal(rbacRulesFor(r, { name: 'alice', groups: [] }, 'ns1'), {
    resourceRules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }],
    nonResourceRules: [],
    incomplete: false,
  });
  // a rule with both parts (a ClusterRole may mix them in one rule) shows up in both lists
  const both = new DefaultRuleResolver({
    getRole: () => {
      throw new Error('no');
    },
    listRoleBindings: () => [],
    getClusterRole: () => newClusterRole('x', newRule('get', 'g', 'r', '/u')),
    listClusterRoleBindings: () => [newClusterRoleBinding('x', 'User:u')],
  });
  const rules = rbacRulesFor(both, { name: 'u', groups: [] }, '');
  assert.is(rules.resourceRules.length, 1);
  assert.is(rules.nonResourceRules.length, 1);
});

test.run();
