// aggregateClusterRoles against what the clusterrole-aggregation controller does
// (kubernetes/kubernetes pkg/controller/clusterroleaggregation/clusterroleaggregation_controller.go
// and its _test.go: union of the selected roles' rules, sorted by role name, each rule once, the
// role itself skipped), and the admin/edit/view rules a v1.32 cluster ends up with.
import type { ClusterRole, PolicyRule } from '@tlsboot/api';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { aggregateClusterRoles, aggregatedRules } from './aggregation.js';
import { bootstrapPolicy } from './bootstrap-policy.js';
import { clusterRoles } from './policy.js';

const rule = (verb: string, resource: string): PolicyRule => ({ verbs: [verb], apiGroups: [''], resources: [resource] });
const role = (name: string, labels: Record<string, string>, rules?: PolicyRule[], selectors?: ClusterRole['aggregationRule']): ClusterRole => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name, labels },
  ...(rules ? { rules } : {}),
  ...(selectors ? { aggregationRule: selectors } : {}),
});
const byLabel = (key: string, value = 'true'): ClusterRole['aggregationRule'] => ({ clusterRoleSelectors: [{ matchLabels: { [key]: value } }] });
const named = (roles: ClusterRole[], name: string): ClusterRole => roles.find((r) => r.metadata.name === name)!;

test('clusterroleaggregation_controller_test.go: rules of the selected roles in name order, duplicates once, the role itself skipped', () => {
  const roles = [
    role('z-second', { pick: 'true' }, [rule('get', 'pods'), rule('list', 'pods')]),
    role('a-first', { pick: 'true' }, [rule('get', 'pods'), rule('get', 'secrets')]),
    role('other', { pick: 'false' }, [rule('delete', 'pods')]),
    role('target', { pick: 'true' }, [rule('stale', 'x')], byLabel('pick')),
  ];
  assert.equal(aggregatedRules(named(roles, 'target'), roles), [rule('get', 'pods'), rule('get', 'secrets'), rule('list', 'pods')]);
  const out = aggregateClusterRoles(roles);
  assert.equal(named(out, 'target').rules, [rule('get', 'pods'), rule('get', 'secrets'), rule('list', 'pods')]);
  // the others are returned untouched, and the input is not modified
  assert.is(named(out, 'other'), named(roles, 'other'));
  assert.equal(named(roles, 'target').rules, [rule('stale', 'x')]);
});

test('several selectors are applied one after the other; an absent rule list equals an empty one', () => {
  const roles = [
    role('b', { second: 'true' }, [rule('list', 'b')]),
    role('a', { first: 'true' }, [rule('get', 'a')]),
    role('target', {}, undefined, { clusterRoleSelectors: [{ matchLabels: { second: 'true' } }, { matchExpressions: [{ key: 'first', operator: 'Exists' }] }] }),
    role('empty', {}, undefined, byLabel('nobody')),
  ];
  const out = aggregateClusterRoles(roles);
  assert.equal(named(out, 'target').rules, [rule('list', 'b'), rule('get', 'a')]);
  // nothing selected: rules stay null, as the controller leaves an unchanged role alone
  assert.is(named(out, 'empty').rules, undefined);
});

test('an invalid selector leaves the role as it is (the controller returns the conversion error)', () => {
  const roles = [role('target', {}, [rule('get', 'x')], { clusterRoleSelectors: [{ matchExpressions: [{ key: 'a', operator: 'Bogus' }] }] })];
  assert.is(aggregatedRules(roles[0]!, roles), undefined);
  assert.equal(aggregateClusterRoles(roles), roles);
});

test('v1.32 defaults: view = aggregate-to-view; edit = aggregate-to-edit then view; admin = edit then aggregate-to-admin', () => {
  const defaults = clusterRoles();
  const toView = named(defaults, 'system:aggregate-to-view').rules!;
  const toEdit = named(defaults, 'system:aggregate-to-edit').rules!;
  const toAdmin = named(defaults, 'system:aggregate-to-admin').rules!;
  const out = aggregateClusterRoles(defaults);
  assert.equal(named(out, 'view').rules, toView);
  assert.equal(named(out, 'edit').rules, [...toEdit, ...toView]);
  assert.equal(named(out, 'admin').rules, [...toEdit, ...toView, ...toAdmin]);
  // the aggregationRule stays
  assert.equal(named(out, 'admin').aggregationRule, named(defaults, 'admin').aggregationRule);
  // bootstrapPolicy applies the same computation
  assert.equal(named(bootstrapPolicy('upstream').clusterRoles, 'admin').rules, named(out, 'admin').rules);
});

test('a user role labelled aggregate-to-view reaches view, edit and admin', () => {
  const extra = role('widgets-view', { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' }, [{ verbs: ['get'], apiGroups: ['example.com'], resources: ['widgets'] }]);
  const out = aggregateClusterRoles([...clusterRoles(), extra]);
  for (const name of ['view', 'edit', 'admin']) assert.ok(named(out, name).rules!.some((r) => r.apiGroups?.[0] === 'example.com'), name);
  assert.not.ok(named(out, 'system:aggregate-to-edit').rules!.some((r) => r.apiGroups?.[0] === 'example.com'));
});

test.run();
