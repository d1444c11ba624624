// Validation of RBAC objects: the cases of kubernetes/kubernetes
// pkg/apis/rbac/validation/validation_test.go (TestValidateClusterRoleBinding,
// TestValidateRoleBinding, TestValidateRoleBindingUpdate, TestValidateRole*), the exact 422 texts
// (reference §4.5) and v1 defaulting (pkg/apis/rbac/v1/defaults.go).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { newInvalid } from '@tlsboot/api';
import type { FieldError, KubeObject } from '@tlsboot/api';
import { setRBACDefaults } from './defaults.js';
import {
  validateClusterRole,
  validateClusterRoleBinding,
  validateClusterRoleBindingUpdate,
  validateRole,
  validateRoleBinding,
  validateRoleBindingUpdate,
} from './rbac-validation.js';
import { clusterRoleBindingStrategy, roleBindingStrategy } from './strategy.js';

const rbacGroup = 'rbac.authorization.k8s.io';
const o = (x: Record<string, unknown>): KubeObject => x as unknown as KubeObject;

/** Every error has this type and field (the upstream tables' check). */
function expectAll(errs: FieldError[], type: string, field: string, what: string): void {
  assert.ok(errs.length > 0, `expected failure ${what}`);
  for (const e of errs) {
    assert.is(e.type, type, `${what}: ${e.error()}`);
    assert.is(e.field, field, `${what}: ${e.error()}`);
  }
}

test('TestValidateClusterRoleBinding (validation_test.go)', () => {
  const good = o({
    metadata: { name: 'master' },
    roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: 'valid' },
    subjects: [
      { name: 'validsaname', namespace: 'foo', kind: 'ServiceAccount' },
      { name: 'valid@username', kind: 'User', apiGroup: rbacGroup },
      { name: 'valid@groupname', kind: 'Group', apiGroup: rbacGroup },
    ],
  });
  assert.equal(validateClusterRoleBinding(good), []);
  const cases: Record<string, [Record<string, unknown>, string, string]> = {
    'bad group': [{ metadata: { name: 'default' }, roleRef: { apiGroup: 'rbac.GroupName', kind: 'ClusterRole', name: 'valid' } }, 'FieldValueNotSupported', 'roleRef.apiGroup'],
    'bad kind': [{ metadata: { name: 'default' }, roleRef: { apiGroup: rbacGroup, kind: 'Type', name: 'valid' } }, 'FieldValueNotSupported', 'roleRef.kind'],
    'reference role': [{ metadata: { name: 'default' }, roleRef: { apiGroup: rbacGroup, kind: 'Role', name: 'valid' } }, 'FieldValueNotSupported', 'roleRef.kind'],
    'zero-length name': [{ metadata: {}, roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: 'valid' } }, 'FieldValueRequired', 'metadata.name'],
    'bad role': [{ metadata: { name: 'default' }, roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole' } }, 'FieldValueRequired', 'roleRef.name'],
    'bad subject kind': [{ metadata: { name: 'master' }, roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: 'valid' }, subjects: [{ name: 'subject' }] }, 'FieldValueNotSupported', 'subjects[0].kind'],
    'bad subject name': [
      { metadata: { name: 'master' }, roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: 'valid' }, subjects: [{ namespace: 'foo', name: 'subject:bad', kind: 'ServiceAccount' }] },
      'FieldValueInvalid',
      'subjects[0].name',
    ],
    'missing SA namespace': [{ metadata: { name: 'master' }, roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: 'valid' }, subjects: [{ name: 'good', kind: 'ServiceAccount' }] }, 'FieldValueRequired', 'subjects[0].namespace'],
    'missing subject name': [{ metadata: { name: 'master' }, roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: 'valid' }, subjects: [{ namespace: 'foo', kind: 'ServiceAccount' }] }, 'FieldValueRequired', 'subjects[0].name'],
  };
  for (const [name, [obj, type, field]] of Object.entries(cases)) expectAll(validateClusterRoleBinding(o(obj)), type, field, name);
});

test('TestValidateRoleBinding (validation_test.go)', () => {
  const good = o({
    metadata: { namespace: 'default', name: 'master' },
    roleRef: { apiGroup: rbacGroup, kind: 'Role', name: 'valid' },
    subjects: [
      { name: 'validsaname', kind: 'ServiceAccount' },
      { name: 'valid@username', kind: 'User', apiGroup: rbacGroup },
      { name: 'valid@groupname', kind: 'Group', apiGroup: rbacGroup },
    ],
  });
  assert.equal(validateRoleBinding(good), []);
  // a RoleBinding may reference a ClusterRole
  assert.equal(validateRoleBinding(o({ ...good, roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: 'view' } })), []);
  const ns = { namespace: 'default' };
  const cases: Record<string, [Record<string, unknown>, string, string]> = {
    'bad group': [{ metadata: { ...ns, name: 'default' }, roleRef: { apiGroup: 'rbac.GroupName', kind: 'ClusterRole', name: 'valid' } }, 'FieldValueNotSupported', 'roleRef.apiGroup'],
    'bad kind': [{ metadata: { ...ns, name: 'default' }, roleRef: { apiGroup: rbacGroup, kind: 'Type', name: 'valid' } }, 'FieldValueNotSupported', 'roleRef.kind'],
    'zero-length namespace': [{ metadata: { name: 'default' }, roleRef: { apiGroup: rbacGroup, kind: 'Role', name: 'valid' } }, 'FieldValueRequired', 'metadata.namespace'],
    'zero-length name': [{ metadata: { ...ns }, roleRef: { apiGroup: rbacGroup, kind: 'Role', name: 'valid' } }, 'FieldValueRequired', 'metadata.name'],
    'bad role': [{ metadata: { ...ns, name: 'default' }, roleRef: { apiGroup: rbacGroup, kind: 'Role' } }, 'FieldValueRequired', 'roleRef.name'],
    'bad subject kind': [{ metadata: { ...ns, name: 'master' }, roleRef: { apiGroup: rbacGroup, kind: 'Role', name: 'valid' }, subjects: [{ name: 'subject' }] }, 'FieldValueNotSupported', 'subjects[0].kind'],
    'bad subject name': [{ metadata: { ...ns, name: 'master' }, roleRef: { apiGroup: rbacGroup, kind: 'Role', name: 'valid' }, subjects: [{ name: 'subject:bad', kind: 'ServiceAccount' }] }, 'FieldValueInvalid', 'subjects[0].name'],
    'missing subject name': [{ metadata: { ...ns, name: 'master' }, roleRef: { apiGroup: rbacGroup, kind: 'Role', name: 'valid' }, subjects: [{ kind: 'ServiceAccount' }] }, 'FieldValueRequired', 'subjects[0].name'],
  };
  for (const [name, [obj, type, field]] of Object.entries(cases)) expectAll(validateRoleBinding(o(obj)), type, field, name);
});

test('TestValidateRoleBindingUpdate (validation_test.go): roleRef cannot change', () => {
  const old = o({ metadata: { namespace: 'default', name: 'master', resourceVersion: '1' }, roleRef: { apiGroup: rbacGroup, kind: 'Role', name: 'valid' } });
  assert.equal(validateRoleBindingUpdate(o({ metadata: { namespace: 'default', name: 'master', resourceVersion: '1' }, roleRef: { apiGroup: rbacGroup, kind: 'Role', name: 'valid' } }), old), []);
  const changed = o({ metadata: { namespace: 'default', name: 'master', resourceVersion: '1' }, roleRef: { apiGroup: rbacGroup, kind: 'Role', name: 'changed' } });
  expectAll(validateRoleBindingUpdate(changed, old), 'FieldValueInvalid', 'roleRef', 'changedRef');
  assert.is(validateRoleBindingUpdate(changed, old)[0]!.error(), 'roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"changed"}: cannot change roleRef');
});

test('TestValidateRole* (validation_test.go): namespace and name, non-resource URLs, verbs, groups, resources', () => {
  const role = (x: Record<string, unknown>) => validateRole(o(x));
  const clusterRole = (x: Record<string, unknown>) => validateClusterRole(o(x));
  const meta = { name: 'default', namespace: 'default' };
  expectAll(role({ metadata: { name: 'default' } }), 'FieldValueRequired', 'metadata.namespace', 'ZeroLengthNamespace');
  expectAll(role({ metadata: { namespace: 'default' } }), 'FieldValueRequired', 'metadata.name', 'ZeroLengthName');
  assert.equal(role({ metadata: meta }), [], 'ValidRole');
  assert.equal(clusterRole({ metadata: { name: 'default' } }), [], 'ValidRoleNoNamespace');
  assert.equal(clusterRole({ metadata: { name: 'default' }, rules: [{ verbs: ['get'], nonResourceURLs: ['/*'] }] }), [], 'NonResourceURL');
  expectAll(role({ metadata: meta, rules: [{ verbs: ['get'], nonResourceURLs: ['/*'] }] }), 'FieldValueInvalid', 'rules[0].nonResourceURLs', 'NamespacedNonResourceURL');
  expectAll(clusterRole({ metadata: { name: 'default' }, rules: [{ verbs: [], nonResourceURLs: ['/*'] }] }), 'FieldValueRequired', 'rules[0].verbs', 'NonResourceURLNoVerbs');
  expectAll(role({ metadata: meta, rules: [{ verbs: ['get'], nonResourceURLs: ['/*'], apiGroups: ['v1'], resources: ['pods'] }] }), 'FieldValueInvalid', 'rules[0].nonResourceURLs', 'MixedNonResourceAndResource');
  assert.equal(role({ metadata: meta, rules: [{ verbs: ['get'], apiGroups: ['v1'], resources: ['pods'] }] }), [], 'ValidResource');
  expectAll(role({ metadata: meta, rules: [{ verbs: ['get'], resources: ['pods'] }] }), 'FieldValueRequired', 'rules[0].apiGroups', 'NoAPIGroup');
  expectAll(role({ metadata: meta, rules: [{ verbs: ['get'], apiGroups: ['v1'] }] }), 'FieldValueRequired', 'rules[0].resources', 'NoResources');
  // v1.32 no longer rejects resourceNames with several resources
  assert.equal(role({ metadata: meta, rules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods', 'secrets'], resourceNames: ['x'] }] }), []);
});

test('422 texts: the messages of reference §4.5 and §4.9, byte for byte', () => {
  const gk = { group: rbacGroup, kind: 'ClusterRoleBinding' };
  const crb = o({ metadata: { name: 'x' }, roleRef: { apiGroup: rbacGroup, kind: 'Role', name: 'r' } });
  const err = newInvalid(gk, 'x', validateClusterRoleBinding(crb));
  assert.equal(err.status, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'ClusterRoleBinding.rbac.authorization.k8s.io "x" is invalid: roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"',
    reason: 'Invalid',
    details: { name: 'x', group: rbacGroup, kind: 'ClusterRoleBinding', causes: [{ reason: 'FieldValueNotSupported', message: 'Unsupported value: "Role": supported values: "ClusterRole"', field: 'roleRef.kind' }] },
    code: 422,
  });
  // an empty kind, as in ovn-kubernetes#435
  const empty = o({ metadata: { name: 'ovn-cluster-reader' }, roleRef: { kind: '', name: 'r' } });
  setRBACDefaults('clusterrolebindings', empty);
  assert.is(newInvalid(gk, 'ovn-cluster-reader', validateClusterRoleBinding(empty)).message, 'ClusterRoleBinding.rbac.authorization.k8s.io "ovn-cluster-reader" is invalid: roleRef.kind: Unsupported value: "": supported values: "ClusterRole"');
  const rb = o({ metadata: { name: 'y', namespace: 'default' }, roleRef: { apiGroup: rbacGroup, kind: 'Policy', name: 'r' } });
  assert.is(validateRoleBinding(rb)[0]!.error(), 'roleRef.kind: Unsupported value: "Policy": supported values: "Role", "ClusterRole"');
  const rules = validateRole(o({ metadata: { name: 'r', namespace: 'default' }, rules: [{ verbs: [], nonResourceURLs: ['/healthz'] }, { verbs: ['get'] }] }));
  assert.equal(
    rules.map((e) => e.error()),
    [
      'rules[0].verbs: Required value: verbs must contain at least one value',
      'rules[0].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs',
      'rules[1].apiGroups: Required value: resource rules must supply at least one api group',
      'rules[1].resources: Required value: resource rules must supply at least one resource',
    ],
  );
  const subjects = validateClusterRoleBinding(
    o({
      metadata: { name: 's' },
      roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: 'r' },
      subjects: [{ kind: 'ServiceAccount', name: 'sa', apiGroup: 'x' }, { kind: 'User', name: 'u', apiGroup: 'v1' }, { kind: 'Robot', name: 'r' }],
    }),
  );
  assert.equal(
    subjects.map((e) => e.error()),
    [
      'subjects[0].apiGroup: Unsupported value: "x": supported values: ""',
      'subjects[0].namespace: Required value',
      'subjects[1].apiGroup: Unsupported value: "v1": supported values: "rbac.authorization.k8s.io"',
      'subjects[2].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"',
    ],
  );
});

test('defaults (defaults.go): roleRef.apiGroup, and User/Group subject apiGroup; ServiceAccount keeps ""', () => {
  const b = o({ metadata: { name: 'b' }, roleRef: { kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'User', name: 'u' }, { kind: 'Group', name: 'g' }, { kind: 'ServiceAccount', name: 's', namespace: 'n' }, { kind: 'User', name: 'v', apiGroup: 'other' }] });
  setRBACDefaults('clusterrolebindings', b);
  assert.equal(b['roleRef'], { kind: 'ClusterRole', name: 'view', apiGroup: rbacGroup });
  assert.equal(b['subjects'], [
    { kind: 'User', name: 'u', apiGroup: rbacGroup },
    { kind: 'Group', name: 'g', apiGroup: rbacGroup },
    { kind: 'ServiceAccount', name: 's', namespace: 'n' },
    { kind: 'User', name: 'v', apiGroup: 'other' },
  ]);
  assert.equal(validateClusterRoleBinding(b).map((e) => e.field), ['subjects[3].apiGroup']);
});

test('strategies: ValidateUpdate validates the new object twice, as upstream (duplicate causes, one message)', () => {
  const old = o({ metadata: { name: 'b', namespace: 'ns', resourceVersion: '1' }, roleRef: { apiGroup: rbacGroup, kind: 'Role', name: 'r' } });
  const changed = o({ metadata: { name: 'b', namespace: 'ns', resourceVersion: '1' }, roleRef: { apiGroup: rbacGroup, kind: 'Role', name: 'other' }, subjects: [{ kind: 'User', name: '', apiGroup: rbacGroup }] });
  const errs = roleBindingStrategy.validateUpdate(changed, old);
  assert.equal(errs.map((e) => e.field), ['subjects[0].name', 'subjects[0].name', 'roleRef']);
  assert.is(
    newInvalid({ group: rbacGroup, kind: 'RoleBinding' }, 'b', errs).message,
    'RoleBinding.rbac.authorization.k8s.io "b" is invalid: [subjects[0].name: Required value, roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"other"}: cannot change roleRef]',
  );
  assert.ok(clusterRoleBindingStrategy.allowCreateOnUpdate);
  const c = { metadata: { name: 'c', resourceVersion: '1' }, roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: 'x' } };
  assert.equal(validateClusterRoleBindingUpdate(o(c), o(structuredClone(c))), []);
});

test.run();
