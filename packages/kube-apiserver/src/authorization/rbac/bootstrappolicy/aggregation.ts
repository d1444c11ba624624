// What the clusterrole-aggregation controller of kube-controller-manager computes
// (kubernetes/kubernetes pkg/controller/clusterroleaggregation/clusterroleaggregation_controller.go
// syncClusterRole): the rules of a ClusterRole with an aggregationRule are, selector by selector,
// the rules of every other ClusterRole the selector matches (those sorted by name), each rule kept
// once (equality.Semantic.DeepEqual, where an absent list equals an empty one). Upstream the
// controller rewrites a role whenever any ClusterRole changes, so chains (view → edit → admin)
// settle after a few syncs; here the syncs are repeated until nothing changes. Pure.
import { labelSelectorFromLabelSelectorObject } from '@tlsboot/api';
import type { ClusterRole, LabelSelector, LabelSelectorObject, PolicyRule } from '@tlsboot/api';

const ruleFields = ['verbs', 'apiGroups', 'resources', 'resourceNames', 'nonResourceURLs'] as const;

/** Semantic equality of two rules: the same lists in the same order, absent = empty. */
export function ruleEquals(a: PolicyRule, b: PolicyRule): boolean {
  return ruleFields.every((f) => {
    const x = a[f] ?? [];
    const y = b[f] ?? [];
    return x.length === y.length && x.every((v, i) => v === y[i]);
  });
}

function byName(a: ClusterRole, b: ClusterRole): number {
  const x = a.metadata.name ?? '';
  const y = b.metadata.name ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * One syncClusterRole: the rules `role` aggregates from `roles`; undefined when it has no
 * aggregationRule, or when a selector does not convert (the controller gives up on the role).
 */
export function aggregatedRules(role: ClusterRole, roles: readonly ClusterRole[]): PolicyRule[] | undefined {
  if (!role.aggregationRule) return undefined;
  const rules: PolicyRule[] = [];
  for (const selector of role.aggregationRule.clusterRoleSelectors ?? []) {
    let matches: LabelSelector;
    try {
      matches = labelSelectorFromLabelSelectorObject(selector as LabelSelectorObject);
    } catch {
      return undefined;
    }
    const selected = roles.filter((r) => matches.matches(r.metadata.labels)).sort(byName);
    for (const other of selected) {
      if (other.metadata.name === role.metadata.name) continue;
      for (const rule of other.rules ?? []) if (!rules.some((r) => ruleEquals(r, rule))) rules.push(rule);
    }
  }
  return rules;
}

function sameRules(a: readonly PolicyRule[] | undefined, b: readonly PolicyRule[]): boolean {
  const x = a ?? [];
  return x.length === b.length && x.every((r, i) => ruleEquals(r, b[i]!));
}

/**
 * aggregateClusterRoles: `roles` with the rules of every aggregated ClusterRole filled in, as the
 * controller leaves them once it has caught up. The input is not modified; roles without an
 * aggregationRule come back as they were (the same objects).
 */
export function aggregateClusterRoles(roles: readonly ClusterRole[]): ClusterRole[] {
  let current = [...roles];
  // each pass settles at least one more level of a chain; a chain cannot be longer than the list
  for (let pass = 0; pass <= roles.length; pass++) {
    let changed = false;
    current = current.map((role) => {
      const rules = aggregatedRules(role, current);
      if (rules === undefined || sameRules(role.rules, rules)) return role;
      changed = true;
      return { ...role, rules };
    });
    if (!changed) return current;
  }
  return current;
}
