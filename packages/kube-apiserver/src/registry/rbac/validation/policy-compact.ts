// CompactRules (kubernetes/kubernetes pkg/registry/rbac/validation/policy_compact.go): rules
// with exactly one API group and one resource and nothing but verbs are merged per
// group/resource, so an escalation error lists `{APIGroups:["g"], Resources:["r"],
// Verbs:["get" "list"]}` once instead of once per verb. Other rules are kept as they are.
import type { PolicyRule } from '@tlsboot/api';

function simpleResource(rule: PolicyRule): string | undefined {
  if ((rule.resourceNames ?? []).length > 0 || (rule.nonResourceURLs ?? []).length > 0) return undefined;
  if (rule.apiGroups?.length !== 1 || rule.resources?.length !== 1) return undefined;
  return JSON.stringify([rule.apiGroups[0], rule.resources[0]]);
}

export function compactRules(rules: readonly PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const rule of rules) {
    const key = simpleResource(rule);
    if (key === undefined) {
      compacted.push(rule);
      continue;
    }
    const existing = simple.get(key);
    if (existing !== undefined) existing.verbs = [...existing.verbs, ...(rule.verbs ?? [])];
    else simple.set(key, { apiGroups: [...rule.apiGroups!], resources: [...rule.resources!], verbs: [...(rule.verbs ?? [])] });
  }
  return [...compacted, ...simple.values()];
}
