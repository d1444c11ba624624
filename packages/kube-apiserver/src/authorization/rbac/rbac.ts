// The RBAC authorizer, as kubernetes/kubernetes plugin/pkg/auth/authorizer/rbac/rbac.go: the
// rules of every binding that applies to the user are visited (ClusterRoleBindings, then the
// request namespace's RoleBindings) until one allows the request. RBAC never denies: no rule is
// NoOpinion, with an empty reason, or `RBAC: <errors>` when resolving bindings met errors (a
// binding to a missing role …), which the 403 message then carries.
import { goQuote } from '@tlsboot/api';
import type { PolicyRule } from '@tlsboot/api';
import type { UserInfo } from '../../authentication/interfaces.js';
import { aggregateErrorText, describeRuleSource } from '../../registry/rbac/validation/rule.js';
import type { DefaultRuleResolver, RuleSource } from '../../registry/rbac/validation/rule.js';
import type { Attributes, AuthorizationResult, Authorizer, NonResourceRule, ResourceRule, RuleResolver, RulesForResult } from '../interfaces.js';
import { apiGroupMatches, goQuoteList, nonResourceURLMatches, resourceMatches, resourceNameMatches, verbMatches } from './evaluation-helpers.js';

/** RuleAllows: one rule against the request attributes. */
export function ruleAllows(a: Attributes, rule: PolicyRule): boolean {
  if (a.isResourceRequest) {
    const combined = a.subresource === '' ? a.resource : `${a.resource}/${a.subresource}`;
    return verbMatches(rule, a.verb) && apiGroupMatches(rule, a.apiGroup) && resourceMatches(rule, combined, a.subresource) && resourceNameMatches(rule, a.name);
  }
  return verbMatches(rule, a.verb) && nonResourceURLMatches(rule, a.path);
}

/** RulesAllow: any of the rules. */
export function rulesAllow(a: Attributes, rules: readonly PolicyRule[]): boolean {
  return rules.some((r) => ruleAllows(a, r));
}

/** The allow reason: `RBAC: allowed by ClusterRoleBinding "x" of ClusterRole "y" to Group "z"`. */
export function allowedReason(source: RuleSource): string {
  return `RBAC: allowed by ${describeRuleSource(source)}`;
}

/**
 * The line upstream logs at V(5) on a denial: `RBAC: no rules authorize user "u" with groups
 * ["g"] to "get" resource "pods.apps/status" named "x" in namespace "ns"` (or `"get"
 * nonResourceURL "/x" cluster-wide`).
 */
export function denialLogMessage(a: Attributes): string {
  let operation: string;
  if (a.isResourceRequest) {
    operation = `"${a.verb}" resource "${a.resource}${a.apiGroup ? `.${a.apiGroup}` : ''}${a.subresource ? `/${a.subresource}` : ''}"`;
    if (a.name !== '') operation += ` named "${a.name}"`;
  } else {
    operation = `${goQuote(a.verb)} nonResourceURL ${goQuote(a.path)}`;
  }
  const scope = a.namespace !== '' ? `in namespace ${goQuote(a.namespace)}` : 'cluster-wide';
  return `RBAC: no rules authorize user ${goQuote(a.user.name)} with groups ${goQuoteList(a.user.groups)} to ${operation} ${scope}`;
}

/** An RBAC decision with what upstream only logs: the denial line and the resolution errors. */
export interface RBACAuthorizationResult extends AuthorizationResult {
  /** On NoOpinion: denialLogMessage (upstream's V(5) log). */
  log?: string;
  /** Errors met while resolving bindings (also in the reason when the request was not allowed). */
  errors?: string[];
}

/** Decides one request over the resolver's current view. */
export function authorizeRBAC(resolver: DefaultRuleResolver, a: Attributes): RBACAuthorizationResult {
  let allowedBy: RuleSource | undefined;
  const errors: Error[] = [];
  resolver.visitRulesFor(a.user, a.namespace, (source, rule, err) => {
    if (rule !== undefined && source !== undefined && ruleAllows(a, rule)) {
      allowedBy = source;
      return false;
    }
    if (err !== undefined) errors.push(err);
    return true;
  });
  if (allowedBy !== undefined) return { decision: 'Allow', reason: allowedReason(allowedBy) };
  const reason = errors.length > 0 ? `RBAC: ${aggregateErrorText(errors)}` : '';
  return { decision: 'NoOpinion', reason, log: denialLogMessage(a), ...(errors.length > 0 ? { errors: errors.map((e) => e.message) } : {}) };
}

/**
 * RBACAuthorizer.RulesFor: the user's rules split into resource rules (those with resources) and
 * non-resource rules (those with URLs). Upstream reports incomplete=false even when some
 * bindings could not be resolved; the errors go to evaluationError.
 */
export function rbacRulesFor(resolver: DefaultRuleResolver, user: UserInfo, namespace: string): RulesForResult {
  const { rules, errors } = resolver.rulesFor(user, namespace);
  const resourceRules: ResourceRule[] = [];
  const nonResourceRules: NonResourceRule[] = [];
  for (const r of rules) {
    if ((r.resources ?? []).length > 0) {
      resourceRules.push({
        verbs: [...(r.verbs ?? [])],
        ...(r.apiGroups?.length ? { apiGroups: [...r.apiGroups] } : {}),
        resources: [...r.resources!],
        ...(r.resourceNames?.length ? { resourceNames: [...r.resourceNames] } : {}),
      });
    }
    if ((r.nonResourceURLs ?? []).length > 0) nonResourceRules.push({ verbs: [...(r.verbs ?? [])], nonResourceURLs: [...r.nonResourceURLs!] });
  }
  return { resourceRules, nonResourceRules, incomplete: false, ...(errors.length > 0 ? { evaluationError: aggregateErrorText(errors) } : {}) };
}

/** The `RBAC` authorizer over a rule resolver (rbac.New). */
export function newRBACAuthorizer(resolver: DefaultRuleResolver): Authorizer & RuleResolver {
  return {
    name: 'RBAC',
    authorize: (a: Attributes): RBACAuthorizationResult => authorizeRBAC(resolver, a),
    rulesFor: (user: UserInfo, namespace: string): RulesForResult => rbacRulesFor(resolver, user, namespace),
  };
}
