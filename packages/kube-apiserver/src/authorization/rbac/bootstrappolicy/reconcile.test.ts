// computeReconciledRole / computeReconciledRoleBinding against kubernetes/kubernetes
// pkg/registry/rbac/reconciliation/reconcile_role_test.go and reconcile_rolebindings_test.go in the
// union mode the bootstrap hook uses (RemoveExtraPermissions / RemoveExtraSubjects false).
import type { ClusterRole, ClusterRoleBinding, PolicyRule, Subject } from '@tlsboot/api';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { computeReconciledRole, computeReconciledRoleBinding } from './reconcile.js';

const rule = (verbs: string[], resources: string[]): PolicyRule => ({ verbs, apiGroups: [''], resources });
const cr = (rules: PolicyRule[] | undefined, annotations?: Record<string, string>, labels?: Record<string, string>): ClusterRole => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name: 'r', ...(annotations ? { annotations } : {}), ...(labels ? { labels } : {}) },
  ...(rules ? { rules } : {}),
});
const user = (name: string): Subject => ({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name });
const crb = (subjects: Subject[], roleName = 'r', annotations?: Record<string, string>): ClusterRoleBinding => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRoleBinding',
  metadata: { name: 'b', ...(annotations ? { annotations } : {}) },
  subjects,
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName },
});

test('reconcile_role_test.go "no diff": equal rules, nothing to do', () => {
  const res = computeReconciledRole(cr([rule(['get'], ['pods'])]), cr([rule(['get'], ['pods'])]));
  assert.is(res.operation, 'none');
  assert.is(res.protected, false);
});

test('reconcile_role_test.go "add missing rules": the uncovered rules are appended (broken down), extra rules kept', () => {
  const res = computeReconciledRole(cr([rule(['delete'], ['secrets'])]), cr([rule(['get', 'list'], ['pods'])]));
  assert.is(res.operation, 'update');
  assert.equal(res.object.rules, [rule(['delete'], ['secrets']), rule(['get'], ['pods']), rule(['list'], ['pods'])]);
});

test('a wider existing rule covers the expected one (Covers): no update', () => {
  assert.is(computeReconciledRole(cr([rule(['*'], ['*'])]), cr([rule(['get'], ['pods'])])).operation, 'none');
});

test('autoupdate "false" marks the role protected; the caller leaves it alone', () => {
  const res = computeReconciledRole(cr([], { 'rbac.authorization.kubernetes.io/autoupdate': 'false' }), cr([rule(['get'], ['pods'])], { 'rbac.authorization.kubernetes.io/autoupdate': 'true' }));
  assert.is(res.protected, true);
  assert.is(res.operation, 'update');
});

test('labels and annotations: the expected ones are added, the existing values win', () => {
  const res = computeReconciledRole(cr([], { 'rbac.authorization.kubernetes.io/autoupdate': 'true', mine: 'x' }), cr([], { 'rbac.authorization.kubernetes.io/autoupdate': 'false' }, { 'kubernetes.io/bootstrapping': 'rbac-defaults' }));
  assert.is(res.operation, 'update');
  assert.equal(res.object.metadata.annotations, { 'rbac.authorization.kubernetes.io/autoupdate': 'true', mine: 'x' });
  assert.equal(res.object.metadata.labels, { 'kubernetes.io/bootstrapping': 'rbac-defaults' });
});

test('aggregated roles: missing selectors are added, the computed rules are not compared away', () => {
  const expected: ClusterRole = { ...cr(undefined), aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: 'true' } }] } };
  const existing: ClusterRole = { ...cr([rule(['get'], ['pods'])]), aggregationRule: { clusterRoleSelectors: [{ matchLabels: { b: 'true' } }] } };
  const res = computeReconciledRole(existing, expected);
  assert.is(res.operation, 'update');
  assert.equal(res.object.aggregationRule, { clusterRoleSelectors: [{ matchLabels: { b: 'true' } }, { matchLabels: { a: 'true' } }] });
  assert.equal(res.object.rules, [rule(['get'], ['pods'])]);
});

test('reconcile_rolebindings_test.go: missing subjects appended once, extra subjects kept', () => {
  const res = computeReconciledRoleBinding(crb([user('extra')]), crb([user('a'), user('a'), user('extra')]));
  assert.is(res.operation, 'update');
  assert.equal(res.object.subjects, [user('extra'), user('a')]);
  assert.is(computeReconciledRoleBinding(crb([user('a')]), crb([user('a')])).operation, 'none');
});

test('reconcile_rolebindings_test.go: a different roleRef means delete and recreate with the expected binding', () => {
  const expected = crb([user('a')], 'new-role');
  const res = computeReconciledRoleBinding(crb([user('b')], 'old-role'), expected);
  assert.is(res.operation, 'recreate');
  assert.is(res.object, expected);
  assert.is(computeReconciledRoleBinding(crb([], 'old', { 'rbac.authorization.kubernetes.io/autoupdate': 'false' }), expected).protected, true);
});

test.run();
