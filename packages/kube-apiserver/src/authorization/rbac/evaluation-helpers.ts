// How one RBAC rule field matches one request attribute, as kubernetes/kubernetes
// pkg/apis/rbac/v1/evaluation_helpers.go (VerbMatches, APIGroupMatches, ResourceMatches,
// ResourceNameMatches, NonResourceURLMatches, CompactString). Matching is exact and
// case-sensitive; `*` is the only wildcard, plus `*/<sub>` for one subresource of any resource
// and a trailing `*` on a non-resource URL. `pods` never matches `pods/status`.
import { goQuote } from '@tlsboot/api';
import type { PolicyRule } from '@tlsboot/api';

/** rbacv1.VerbAll, APIGroupAll, ResourceAll, NonResourceAll. */
export const verbAll = '*';
export const apiGroupAll = '*';
export const resourceAll = '*';
export const nonResourceAll = '*';

export function verbMatches(rule: PolicyRule, requestedVerb: string): boolean {
  return (rule.verbs ?? []).some((v) => v === verbAll || v === requestedVerb);
}

export function apiGroupMatches(rule: PolicyRule, requestedGroup: string): boolean {
  return (rule.apiGroups ?? []).some((g) => g === apiGroupAll || g === requestedGroup);
}

// `combinedRequestedResource` is `resource` or `resource/subresource`. A rule `*/sub` matches a
// request that has subresource `sub`, whatever its resource.
export function resourceMatches(rule: PolicyRule, combinedRequestedResource: string, requestedSubresource: string): boolean {
  for (const r of rule.resources ?? []) {
    if (r === resourceAll || r === combinedRequestedResource) return true;
    if (requestedSubresource === '') continue;
    if (r.length === requestedSubresource.length + 2 && r.startsWith('*/') && r.endsWith(requestedSubresource)) return true;
  }
  return false;
}

/** An empty resourceNames list matches any name, no name included. */
export function resourceNameMatches(rule: PolicyRule, requestedName: string): boolean {
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(requestedName);
}

/** One nonResourceURLs entry: `*`, the exact path, or a prefix ending in `*` (`/apis/*` matches `/apis/v1`, not `/apis`). */
export function nonResourceURLPatternMatches(ruleURL: string, requestedURL: string): boolean {
  if (ruleURL === nonResourceAll || ruleURL === requestedURL) return true;
  return ruleURL.endsWith('*') && requestedURL.startsWith(ruleURL.replace(/\*+$/, ''));
}

export function nonResourceURLMatches(rule: PolicyRule, requestedURL: string): boolean {
  return (rule.nonResourceURLs ?? []).some((u) => nonResourceURLPatternMatches(u, requestedURL));
}

/** Go's `%q` of a []string: `["a" "b"]`. */
export function goQuoteList(values: readonly string[] | undefined): string {
  return `[${(values ?? []).map(goQuote).join(' ')}]`;
}

/**
 * CompactString: `{APIGroups:["g"], Resources:["r"], NonResourceURLs:[…], ResourceNames:[…],
 * Verbs:["v"]}` with the empty fields left out, as escalation errors print missing rules.
 */
export function compactString(r: PolicyRule): string {
  const parts: string[] = [];
  const add = (label: string, values: readonly string[] | undefined): void => {
    if (values !== undefined && values.length > 0) parts.push(`${label}:${goQuoteList(values)}`);
  };
  add('APIGroups', r.apiGroups);
  add('Resources', r.resources);
  add('NonResourceURLs', r.nonResourceURLs);
  add('ResourceNames', r.resourceNames);
  add('Verbs', r.verbs);
  return `{${parts.join(', ')}}`;
}

/** String(r): `PolicyRule{…}`. */
export function policyRuleString(r: PolicyRule): string {
  return `PolicyRule${compactString(r)}`;
}
