// The RBAC rule resolver, as kubernetes/kubernetes pkg/registry/rbac/validation/rule.go
// (DefaultRuleResolver, VisitRulesFor, GetRoleReferenceRules, appliesTo, the binding describers,
// ConfirmNoEscalation). Pure over an RBACObjects view: the authorizer hands it an informer's
// cache, the escalation check a snapshot read from the registry.
//
// Every ClusterRoleBinding is visited, then — only for a namespaced request — the RoleBindings
// of that namespace. A RoleBinding's ClusterRole is fetched cluster-wide but its rules reach only
// the binding's namespace. A missing role is an error handed to the visitor, never fatal.
import { goQuote, serviceAccountUsernamePrefix } from '@tlsboot/api';
import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, RoleRef, Subject } from '@tlsboot/api';
import { errorMessage } from '@tlsboot/util';
import type { UserInfo } from '../../../authentication/interfaces.js';
import { compactString, goQuoteList } from '../../../authorization/rbac/evaluation-helpers.js';
import { covers } from './policy-comparator.js';
import { compactRules } from './policy-compact.js';

/** RoleGetter: the Role, or throws (NotFound …). */
export interface RoleGetter {
  getRole(namespace: string, name: string): Role;
}
/** RoleBindingLister: the RoleBindings of one namespace, or throws. */
export interface RoleBindingLister {
  listRoleBindings(namespace: string): readonly RoleBinding[];
}
/** ClusterRoleGetter: the ClusterRole, or throws. */
export interface ClusterRoleGetter {
  getClusterRole(name: string): ClusterRole;
}
/** ClusterRoleBindingLister: every ClusterRoleBinding, or throws. */
export interface ClusterRoleBindingLister {
  listClusterRoleBindings(): readonly ClusterRoleBinding[];
}
/** What the resolver reads: the four listers of NewDefaultRuleResolver. */
export type RBACObjects = RoleGetter & RoleBindingLister & ClusterRoleGetter & ClusterRoleBindingLister;

/** Where a rule came from: the binding and the first of its subjects that matched. */
export interface RuleSource {
  kind: 'ClusterRoleBinding' | 'RoleBinding';
  binding: ClusterRoleBinding | RoleBinding;
  subject: Subject;
}

/** The visitor of VisitRulesFor: a rule with its source, or an error; return false to stop. */
export type RuleVisitor = (source: RuleSource | undefined, rule: PolicyRule | undefined, err: Error | undefined) => boolean;

const asError = (err: unknown): Error => (err instanceof Error ? err : new Error(errorMessage(err)));

/** describeSubject: `User "u"`, `Group "g"`, `ServiceAccount "name/namespace"` (the binding's namespace when the subject has none). */
export function describeSubject(s: Subject, bindingNamespace: string): string {
  if (s.kind === 'ServiceAccount') return `${s.kind} ${goQuote(`${s.name}/${s.namespace || bindingNamespace}`)}`;
  return `${s.kind} ${goQuote(s.name)}`;
}

/**
 * The describers' String(): `ClusterRoleBinding "x" of ClusterRole "y" to Group "z"` or
 * `RoleBinding "x/ns" of Role "y" to User "z"` — the RBAC allow reason without its `RBAC: allowed by `.
 */
export function describeRuleSource(source: RuleSource): string {
  const b = source.binding;
  const name = b.metadata.name ?? '';
  const ref = `${b.roleRef.kind} ${goQuote(b.roleRef.name)}`;
  if (source.kind === 'ClusterRoleBinding') return `ClusterRoleBinding ${goQuote(name)} of ${ref} to ${describeSubject(source.subject, '')}`;
  const ns = b.metadata.namespace ?? '';
  return `RoleBinding ${goQuote(`${name}/${ns}`)} of ${ref} to ${describeSubject(source.subject, ns)}`;
}

/**
 * appliesToUser. User: exact name (`*` is not a wildcard); Group: one of the user's groups;
 * ServiceAccount: `system:serviceaccount:<ns>:<name>`, the namespace defaulting to the binding's
 * (so never matching from a ClusterRoleBinding without one).
 */
export function appliesToUser(user: UserInfo, subject: Subject, namespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return user.name === subject.name;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount': {
      const saNamespace = subject.namespace || namespace;
      if (saNamespace === '') return false;
      return user.name === `${serviceAccountUsernamePrefix}${saNamespace}:${subject.name}`;
    }
    default:
      return false;
  }
}

/** appliesTo: the index of the first subject that applies, or -1. */
export function appliesTo(user: UserInfo, subjects: readonly Subject[] | undefined, namespace: string): number {
  return (subjects ?? []).findIndex((s) => appliesToUser(user, s, namespace));
}

export class DefaultRuleResolver {
  constructor(private readonly objects: RBACObjects) {}

  /** GetRoleReferenceRules: the rules of a binding's role, resolved in the binding's namespace ('' for a ClusterRoleBinding). Throws. */
  getRoleReferenceRules(roleRef: RoleRef, bindingNamespace: string): PolicyRule[] {
    switch (roleRef.kind) {
      case 'Role':
        return this.objects.getRole(bindingNamespace, roleRef.name).rules ?? [];
      case 'ClusterRole':
        return this.objects.getClusterRole(roleRef.name).rules ?? [];
      default:
        throw new Error(`unsupported role reference kind: ${goQuote(roleRef.kind)}`);
    }
  }

  /** VisitRulesFor: every rule that applies to `user` in `namespace`, and every error met on the way. */
  visitRulesFor(user: UserInfo, namespace: string, visitor: RuleVisitor): void {
    let clusterRoleBindings: readonly ClusterRoleBinding[] | undefined;
    try {
      clusterRoleBindings = this.objects.listClusterRoleBindings();
    } catch (err) {
      if (!visitor(undefined, undefined, asError(err))) return;
    }
    for (const binding of clusterRoleBindings ?? []) {
      if (!this.#visitBinding('ClusterRoleBinding', binding, user, '', visitor)) return;
    }
    if (namespace === '') return;
    let roleBindings: readonly RoleBinding[];
    try {
      roleBindings = this.objects.listRoleBindings(namespace);
    } catch (err) {
      visitor(undefined, undefined, asError(err));
      return;
    }
    for (const binding of roleBindings) {
      if (!this.#visitBinding('RoleBinding', binding, user, namespace, visitor)) return;
    }
  }

  /** False when the visitor asked to stop. */
  #visitBinding(kind: RuleSource['kind'], binding: RoleBinding | ClusterRoleBinding, user: UserInfo, namespace: string, visitor: RuleVisitor): boolean {
    const index = appliesTo(user, binding.subjects, namespace);
    if (index < 0) return true;
    let rules: PolicyRule[];
    try {
      rules = this.getRoleReferenceRules(binding.roleRef, namespace);
    } catch (err) {
      return visitor(undefined, undefined, asError(err));
    }
    const source: RuleSource = { kind, binding, subject: binding.subjects![index]! };
    for (const rule of rules) {
      if (!visitor(source, rule, undefined)) return false;
    }
    return true;
  }

  /** RulesFor: every rule that applies, and the errors met (the rules are still usable: RBAC has no deny). */
  rulesFor(user: UserInfo, namespace: string): { rules: PolicyRule[]; errors: Error[] } {
    const rules: PolicyRule[] = [];
    const errors: Error[] = [];
    this.visitRulesFor(user, namespace, (_source, rule, err) => {
      if (rule !== undefined) rules.push(rule);
      if (err !== undefined) errors.push(err);
      return true;
    });
    return { rules, errors };
  }
}

/**
 * utilerrors.NewAggregate(errs).Error(): one error's text alone; several, deduplicated, as
 * `[a, b]` (a single text left after deduplication has no brackets).
 */
export function aggregateErrorText(errors: readonly Error[]): string {
  if (errors.length === 1) return errors[0]!.message;
  const seen: string[] = [];
  for (const e of errors) if (!seen.includes(e.message)) seen.push(e.message);
  return seen.length === 1 ? seen[0]! : `[${seen.join(', ')}]`;
}

/**
 * ConfirmNoEscalation: the user's own rules in `namespace` must cover `rules`. Otherwise throws
 * `user "u" (groups=["g1" "g2"]) is attempting to grant RBAC permissions not currently held:` and
 * the missing rules, compacted, sorted and one per line, plus `; resolution errors: [...]` when
 * resolving the user's rules met errors.
 */
export function confirmNoEscalation(resolver: DefaultRuleResolver, user: UserInfo, namespace: string, rules: readonly PolicyRule[]): void {
  const { rules: ownerRules, errors } = resolver.rulesFor(user, namespace);
  const result = covers(ownerRules, rules);
  if (result.covered) return;
  const missing = [...new Set(compactRules(result.uncovered).map(compactString))].sort();
  let msg = `user ${goQuote(user.name)} (groups=${goQuoteList(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${missing.join('\n')}`;
  // Go's %v of a []error holding one aggregate
  if (errors.length > 0) msg += `; resolution errors: [${aggregateErrorText(errors)}]`;
  throw new Error(msg);
}
