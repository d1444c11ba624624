/**
 * The authorizer contract of k8s.io/apiserver/pkg/authorization/authorizer (interfaces.go):
 * request attributes in, a three-way decision and a reason sentence out.
 */
import type { NonResourceRule, ResourceRule } from '@tlsboot/api';
import type { UserInfo } from '../authentication/interfaces.js';

/** authorizer.Attributes (AttributesRecord). */
export interface Attributes {
  user: UserInfo;
  /** get, list, watch, create, update, patch, delete, deletecollection; or the lower-case HTTP method for non-resource paths. */
  verb: string;
  isResourceRequest: boolean;
  /** The URL path (non-resource requests are decided on it). */
  path: string;
  namespace: string;
  apiGroup: string;
  apiVersion: string;
  resource: string;
  subresource: string;
  name: string;
  /**
   * The request's raw `fieldSelector` / `labelSelector` (AuthorizeWithSelectors, beta and on in
   * v1.32): set only for list, watch and deletecollection, as requestinfo.go does; authorizers
   * parse them (GetFieldSelector / GetLabelSelector) and ignore a selector that does not parse.
   */
  fieldSelector?: string;
  labelSelector?: string;
}

export type Decision = 'Allow' | 'Deny' | 'NoOpinion';

export interface AuthorizationResult {
  decision: Decision;
  /** Why; shown in the trace and, for a denial, appended to the 403 message. */
  reason: string;
  /** Which authorizer decided (set by the union). */
  authorizer?: string;
}

export interface Authorizer {
  /** `privileged-groups`, `Node`, `RBAC`, `AlwaysAllow`, … */
  readonly name: string;
  authorize(attributes: Attributes): AuthorizationResult | Promise<AuthorizationResult>;
}

/** `create secrets in namespace "default"`-style text of the attributes, for the trace. */
export function describeAttributes(a: Attributes): string {
  if (!a.isResourceRequest) return `${a.verb} ${a.path}`;
  const resource = a.subresource === '' ? a.resource : `${a.resource}/${a.subresource}`;
  const gr = a.apiGroup === '' ? resource : `${resource}.${a.apiGroup}`;
  const named = a.name === '' ? '' : ` "${a.name}"`;
  const where = a.namespace === '' ? ' (cluster scope)' : ` in namespace "${a.namespace}"`;
  return `${a.verb} ${gr}${named}${where}`;
}

/** rbacv1.PolicyRule as the rules review reports it: authorization/v1 ResourceRule / NonResourceRule. */
export type { NonResourceRule, ResourceRule } from '@tlsboot/api';

/** authorizer.RuleResolver's answer (RulesFor): what `user` may do in `namespace`. */
export interface RulesForResult {
  resourceRules: ResourceRule[];
  nonResourceRules: NonResourceRule[];
  /** True when some rules could not be listed (an authorizer without rules, a broken binding …). */
  incomplete: boolean;
  /** Why the list is incomplete, as upstream's EvaluationError text. */
  evaluationError?: string;
}

/**
 * authorizer.RuleResolver (k8s.io/apiserver/pkg/authorization/authorizer/interfaces.go): the
 * authorizers that can list a user's rules implement it (RBAC, Node, AlwaysAllow …); the
 * SelfSubjectRulesReview asks every authorizer in the chain that does.
 */
export interface RuleResolver {
  rulesFor(user: UserInfo, namespace: string): RulesForResult | Promise<RulesForResult>;
}

/** An authorizer that may also list rules. */
export type RuleResolvingAuthorizer = Authorizer & Partial<RuleResolver>;
