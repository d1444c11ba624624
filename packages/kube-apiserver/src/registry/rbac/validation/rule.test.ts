// TestDefaultRuleResolver and TestAppliesTo ported from kubernetes/kubernetes
// pkg/registry/rbac/validation/rule_test.go, plus the describers, GetRoleReferenceRules' errors
// and ConfirmNoEscalation's message (rule.go).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { PolicyRule, Subject } from '@tlsboot/api';
import type { UserInfo } from '../../../authentication/interfaces.js';
import { aggregateErrorText, appliesTo, confirmNoEscalation, describeRuleSource } from './rule.js';
import { newTestRuleResolver } from './static-roles.js';
import type { StaticRoleLists } from './static-roles.js';

const rbacGroup = 'rbac.authorization.k8s.io';
const ruleReadPods: PolicyRule = { verbs: ['GET', 'WATCH'], apiGroups: ['v1'], resources: ['pods'] };
const ruleReadServices: PolicyRule = { verbs: ['GET', 'WATCH'], apiGroups: ['v1'], resources: ['services'] };
const ruleWriteNodes: PolicyRule = { verbs: ['PUT', 'CREATE', 'UPDATE'], apiGroups: ['v1'], resources: ['nodes'] };
const ruleAdmin: PolicyRule = { verbs: ['*'], apiGroups: ['*'], resources: ['*'] };

const staticRoles1: StaticRoleLists = {
  roles: [{ metadata: { namespace: 'namespace1', name: 'readthings' }, rules: [ruleReadPods, ruleReadServices] }],
  clusterRoles: [
    { metadata: { name: 'cluster-admin' }, rules: [ruleAdmin] },
    { metadata: { name: 'write-nodes' }, rules: [ruleWriteNodes] },
  ],
  roleBindings: [
    {
      metadata: { namespace: 'namespace1' },
      subjects: [
        { kind: 'User', name: 'foobar' },
        { kind: 'Group', name: 'group1' },
      ],
      roleRef: { apiGroup: rbacGroup, kind: 'Role', name: 'readthings' },
    },
  ],
  clusterRoleBindings: [
    {
      metadata: {},
      subjects: [
        { kind: 'User', name: 'admin' },
        { kind: 'Group', name: 'admin' },
      ],
      roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: 'cluster-admin' },
    },
  ],
};

const user = (name: string, groups: string[] = []): UserInfo => ({ name, groups });

test('TestDefaultRuleResolver (rule_test.go): the effective rules per user and namespace', () => {
  const cases: { user: UserInfo; namespace: string; effectiveRules: PolicyRule[] }[] = [
    { user: user('foobar'), namespace: 'namespace1', effectiveRules: [ruleReadPods, ruleReadServices] },
    { user: user('foobar'), namespace: 'namespace2', effectiveRules: [] },
    // same as above but without a namespace: only cluster rules apply
    { user: user('foobar', ['admin']), namespace: '', effectiveRules: [ruleAdmin] },
    { user: user(''), namespace: '', effectiveRules: [] },
  ];
  cases.forEach((c, i) => {
    const { rules, errors } = newTestRuleResolver(staticRoles1).rulesFor(c.user, c.namespace);
    assert.equal(errors, [], `case ${i}`);
    assert.equal(rules, c.effectiveRules, `case ${i}`);
  });
});

test('TestAppliesTo (rule_test.go): which subject applies, and its index', () => {
  const cases: { subjects: Subject[]; user: UserInfo; namespace?: string; appliesTo: boolean; index?: number; testCase: string }[] = [
    { subjects: [{ kind: 'User', name: 'foobar' }], user: user('foobar'), appliesTo: true, index: 0, testCase: 'single subject that matches username' },
    {
      subjects: [
        { kind: 'User', name: 'barfoo' },
        { kind: 'User', name: 'foobar' },
      ],
      user: user('foobar'),
      appliesTo: true,
      index: 1,
      testCase: 'multiple subjects, one that matches username',
    },
    {
      subjects: [
        { kind: 'User', name: 'barfoo' },
        { kind: 'User', name: 'foobar' },
      ],
      user: user('zimzam'),
      appliesTo: false,
      testCase: 'multiple subjects, none that match username',
    },
    {
      subjects: [
        { kind: 'User', name: 'barfoo' },
        { kind: 'Group', name: 'foobar' },
      ],
      user: user('zimzam', ['foobar']),
      appliesTo: true,
      index: 1,
      testCase: 'multiple subjects, one that match group',
    },
    {
      subjects: [
        { kind: 'User', name: 'barfoo' },
        { kind: 'Group', name: 'foobar' },
      ],
      user: user('zimzam', ['foobar']),
      namespace: 'namespace1',
      appliesTo: true,
      index: 1,
      testCase: 'multiple subjects, one that match group, should ignore namespace',
    },
    {
      subjects: [
        { kind: 'User', name: 'barfoo' },
        { kind: 'Group', name: 'foobar' },
        { kind: 'ServiceAccount', namespace: 'kube-system', name: 'default' },
      ],
      user: user('system:serviceaccount:kube-system:default'),
      namespace: 'default',
      appliesTo: true,
      index: 2,
      testCase: 'multiple subjects with a service account that matches',
    },
    { subjects: [{ kind: 'User', name: '*' }], user: user('foobar'), namespace: 'default', appliesTo: false, testCase: "* user subject name doesn't match all users" },
    {
      subjects: [
        { kind: 'Group', name: 'system:authenticated' },
        { kind: 'Group', name: 'system:unauthenticated' },
      ],
      user: user('foobar', ['system:authenticated']),
      namespace: 'default',
      appliesTo: true,
      index: 0,
      testCase: 'binding to all authenticated and unauthenticated subjects matches authenticated user',
    },
    {
      subjects: [
        { kind: 'Group', name: 'system:authenticated' },
        { kind: 'Group', name: 'system:unauthenticated' },
      ],
      user: user('system:anonymous', ['system:unauthenticated']),
      namespace: 'default',
      appliesTo: true,
      index: 1,
      testCase: 'binding to all authenticated and unauthenticated subjects matches anonymous user',
    },
  ];
  for (const c of cases) {
    const index = appliesTo(c.user, c.subjects, c.namespace ?? '');
    assert.is(index >= 0, c.appliesTo, c.testCase);
    if (c.appliesTo) assert.is(index, c.index, c.testCase);
  }
});

test('ServiceAccount subjects: namespace defaults to the binding\'s, none in a ClusterRoleBinding never matches; unknown kinds never match', () => {
  const sa = user('system:serviceaccount:ns1:builder');
  assert.is(appliesTo(sa, [{ kind: 'ServiceAccount', name: 'builder' }], 'ns1'), 0);
  assert.is(appliesTo(sa, [{ kind: 'ServiceAccount', name: 'builder' }], ''), -1);
  assert.is(appliesTo(sa, [{ kind: 'ServiceAccount', name: 'builder', namespace: 'ns2' }], 'ns1'), -1);
  assert.is(appliesTo(user('builder'), [{ kind: 'ServiceAccount', name: 'builder', namespace: 'ns1' }], ''), -1);
  assert.is(appliesTo(user('x', ['x']), [{ kind: 'Robot', name: 'x' }], 'ns1'), -1);
});

test('describers: ClusterRoleBinding / RoleBinding "name/ns" / ServiceAccount "name/ns"', () => {
  const crb = { metadata: { name: 'kubeadm:node-autoapprove-bootstrap' }, roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: 'system:certificates.k8s.io:certificatesigningrequests:nodeclient' } };
  assert.is(
    describeRuleSource({ kind: 'ClusterRoleBinding', binding: crb, subject: { kind: 'Group', name: 'system:bootstrappers:kubeadm:default-node-token' } }),
    'ClusterRoleBinding "kubeadm:node-autoapprove-bootstrap" of ClusterRole "system:certificates.k8s.io:certificatesigningrequests:nodeclient" to Group "system:bootstrappers:kubeadm:default-node-token"',
  );
  const rb = { metadata: { name: 'rb', namespace: 'ns1' }, roleRef: { apiGroup: rbacGroup, kind: 'Role', name: 'r' } };
  assert.is(describeRuleSource({ kind: 'RoleBinding', binding: rb, subject: { kind: 'User', name: 'alice' } }), 'RoleBinding "rb/ns1" of Role "r" to User "alice"');
  assert.is(describeRuleSource({ kind: 'RoleBinding', binding: rb, subject: { kind: 'ServiceAccount', name: 'sa' } }), 'RoleBinding "rb/ns1" of Role "r" to ServiceAccount "sa/ns1"');
  assert.is(describeRuleSource({ kind: 'RoleBinding', binding: rb, subject: { kind: 'ServiceAccount', name: 'sa', namespace: 'other' } }), 'RoleBinding "rb/ns1" of Role "r" to ServiceAccount "sa/other"');
});

test('GetRoleReferenceRules: Role in the binding namespace, ClusterRole cluster-wide, anything else an error', () => {
  const r = newTestRuleResolver(staticRoles1);
  assert.equal(r.getRoleReferenceRules({ apiGroup: rbacGroup, kind: 'Role', name: 'readthings' }, 'namespace1'), [ruleReadPods, ruleReadServices]);
  assert.throws(() => r.getRoleReferenceRules({ apiGroup: rbacGroup, kind: 'Role', name: 'readthings' }, ''), /must provide namespace when getting role/);
  assert.equal(r.getRoleReferenceRules({ apiGroup: rbacGroup, kind: 'ClusterRole', name: 'write-nodes' }, 'namespace1'), [ruleWriteNodes]);
  assert.throws(() => r.getRoleReferenceRules({ apiGroup: rbacGroup, kind: 'Thing', name: 'x' }, ''), (e: Error) => e.message === 'unsupported role reference kind: "Thing"');
});

test('visitRulesFor: a binding to a missing role is reported and the walk goes on; the visitor can stop it', () => {
  const lists: StaticRoleLists = {
    ...staticRoles1,
    clusterRoleBindings: [
      { metadata: { name: 'a' }, subjects: [{ kind: 'User', name: 'u' }], roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: 'gone' } },
      { metadata: { name: 'b' }, subjects: [{ kind: 'User', name: 'u' }], roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: 'write-nodes' } },
    ],
  };
  const r = newTestRuleResolver(lists);
  const { rules, errors } = r.rulesFor(user('u'), '');
  assert.equal(rules, [ruleWriteNodes]);
  assert.equal(errors.map((e) => e.message), ['clusterrole not found']);
  let visits = 0;
  r.visitRulesFor(user('u'), '', () => (visits++, false));
  assert.is(visits, 1);
});

test('aggregate error text: one alone, several deduplicated in brackets', () => {
  assert.is(aggregateErrorText([new Error('a')]), 'a');
  assert.is(aggregateErrorText([new Error('a'), new Error('b'), new Error('a')]), '[a, b]');
  assert.is(aggregateErrorText([new Error('a'), new Error('a')]), 'a');
});

test('ConfirmNoEscalation: covered passes; otherwise the missing rules compacted, sorted, one per line', () => {
  const r = newTestRuleResolver(staticRoles1);
  const foobar = user('foobar', ['group1', 'system:authenticated']);
  confirmNoEscalation(r, foobar, 'namespace1', [{ verbs: ['GET'], apiGroups: ['v1'], resources: ['pods'] }]);
  assert.throws(
    () => confirmNoEscalation(r, foobar, 'namespace1', [{ verbs: ['GET', 'delete', 'list'], apiGroups: ['v1'], resources: ['pods', 'secrets'] }, { verbs: ['get'], nonResourceURLs: ['/metrics'] }]),
    (e: Error) =>
      e.message ===
      'user "foobar" (groups=["group1" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n' +
        '{APIGroups:["v1"], Resources:["pods"], Verbs:["delete" "list"]}\n' +
        '{APIGroups:["v1"], Resources:["secrets"], Verbs:["GET" "delete" "list"]}\n' +
        '{NonResourceURLs:["/metrics"], Verbs:["get"]}',
  );
  const broken = newTestRuleResolver({
    ...staticRoles1,
    clusterRoleBindings: [{ metadata: { name: 'x' }, subjects: [{ kind: 'User', name: 'foobar' }], roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: 'gone' } }],
  });
  assert.throws(
    () => confirmNoEscalation(broken, user('foobar'), '', [{ verbs: ['get'], apiGroups: [''], resources: ['nodes'] }]),
    (e: Error) => e.message === 'user "foobar" (groups=[]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["nodes"], Verbs:["get"]}; resolution errors: [clusterrole not found]',
  );
});

test.run();
