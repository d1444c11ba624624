// Whether one set of RBAC rules covers another, as kubernetes/kubernetes
// staging/src/k8s.io/component-helpers/auth/rbac/validation/policy_comparator.go (Covers,
// BreakdownRule, ruleCovers, nonResourceURLCovers). The rules being granted are broken into atomic
// (group, resource, verb[, name]) and (url, verb) tuples; each tuple must be covered by ONE owner
// rule. `*` in an owner rule covers anything, `*/sub` covers any resource's `sub`, but owning
// every concrete value never covers a requested `*`.
import type { PolicyRule } from '@tlsboot/api';

export interface CoversResult {
  covered: boolean;
  /** The atomic rules no owner rule covers, in the order they were broken down. */
  uncovered: PolicyRule[];
}

export function covers(ownerRules: readonly PolicyRule[], servantRules: readonly PolicyRule[]): CoversResult {
  const uncovered: PolicyRule[] = [];
  for (const servant of servantRules) {
    for (const subrule of breakdownRule(servant)) {
      if (!ownerRules.some((owner) => ruleCovers(owner, subrule))) uncovered.push(subrule);
    }
  }
  return { covered: uncovered.length === 0, uncovered };
}

/** BreakdownRule: one rule per group × resource × verb (× name), then per URL × verb. */
export function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  const names = rule.resourceNames ?? [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      for (const verb of rule.verbs ?? []) {
        if (names.length > 0) {
          for (const name of names) out.push({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [name] });
        } else {
          out.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
        }
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? []) {
    for (const verb of rule.verbs ?? []) out.push({ nonResourceURLs: [url], verbs: [verb] });
  }
  return out;
}

const has = (set: readonly string[] | undefined, ele: string): boolean => (set ?? []).includes(ele);

function hasAll(set: readonly string[] | undefined, contains: readonly string[] | undefined): boolean {
  const owning = new Set(set ?? []);
  return (contains ?? []).every((e) => owning.has(e));
}

function resourceCoversAll(setResources: readonly string[] | undefined, coversResources: readonly string[] | undefined): boolean {
  if (has(setResources, '*') || hasAll(setResources, coversResources)) return true;
  for (const path of coversResources ?? []) {
    if (has(setResources, path)) continue;
    const slash = path.indexOf('/');
    if (slash < 0) return false;
    if (!has(setResources, `*/${path.slice(slash + 1)}`)) return false;
  }
  return true;
}

function nonResourceURLsCoversAll(set: readonly string[] | undefined, coversURLs: readonly string[] | undefined): boolean {
  return (coversURLs ?? []).every((path) => (set ?? []).some((owner) => nonResourceURLCovers(owner, path)));
}

/** nonResourceURLCovers: the same path, or an owner ending in `*` whose prefix the path starts with. */
export function nonResourceURLCovers(ownerPath: string, subPath: string): boolean {
  if (ownerPath === subPath) return true;
  return ownerPath.endsWith('*') && subPath.startsWith(ownerPath.replace(/\*+$/, ''));
}

/** ruleCovers: whether `owner` covers the atomic `subRule`. */
export function ruleCovers(owner: PolicyRule, subRule: PolicyRule): boolean {
  const verbMatches = has(owner.verbs, '*') || hasAll(owner.verbs, subRule.verbs);
  const groupMatches = has(owner.apiGroups, '*') || hasAll(owner.apiGroups, subRule.apiGroups);
  const resourceMatches = resourceCoversAll(owner.resources, subRule.resources);
  const nonResourceURLMatches = nonResourceURLsCoversAll(owner.nonResourceURLs, subRule.nonResourceURLs);
  const ownerNames = owner.resourceNames ?? [];
  const subNames = subRule.resourceNames ?? [];
  // an owner limited to names never covers a request for no particular name
  const resourceNameMatches = subNames.length === 0 ? ownerNames.length === 0 : ownerNames.length === 0 || hasAll(ownerNames, subNames);
  return verbMatches && groupMatches && resourceMatches && resourceNameMatches && nonResourceURLMatches;
}
