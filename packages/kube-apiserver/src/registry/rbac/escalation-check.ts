// Who may write RBAC objects that grant more than they hold, as kubernetes/kubernetes
// pkg/registry/rbac/escalation_check.go (EscalationAllowed, RoleEscalationAuthorized,
// BindingAuthorized) and helpers.go (IsOnlyMutatingGCFields). The `bind` and `escalate` checks
// ask the server's whole authorizer chain, so they can be granted by any authorizer and limited
// with resourceNames.
import { rbacGroup, systemPrivilegedGroup } from '@tlsboot/api';
import type { KubeObject, RoleRef } from '@tlsboot/api';
import type { UserInfo } from '../../authentication/interfaces.js';
import type { Attributes, Authorizer } from '../../authorization/interfaces.js';

/** EscalationAllowed: members of system:masters may grant anything. */
export function escalationAllowed(user: UserInfo): boolean {
  return user.groups.includes(systemPrivilegedGroup);
}

function resourceAttributes(user: UserInfo, verb: string, apiGroup: string, resource: string, namespace: string, name: string): Attributes {
  return { user, verb, isResourceRequest: true, path: '', namespace, apiGroup, apiVersion: '*', resource, subresource: '', name };
}

/** The parts of the request RoleEscalationAuthorized looks at (its RequestInfo). */
export interface RoleRequest {
  isResourceRequest: boolean;
  apiGroup: string;
  resource: string;
  namespace: string;
  /** The URL's name: empty on create, so `escalate` limited by resourceNames never allows a create. */
  name: string;
}

/** RoleEscalationAuthorized: the user may `escalate` the role or cluster role this request writes. */
export async function roleEscalationAuthorized(authorizer: Authorizer, user: UserInfo, request: RoleRequest): Promise<boolean> {
  if (!request.isResourceRequest || request.apiGroup !== rbacGroup) return false;
  if (request.resource !== 'roles' && request.resource !== 'clusterroles') return false;
  const decision = await authorizer.authorize(resourceAttributes(user, 'escalate', request.apiGroup, request.resource, request.namespace, request.name));
  return decision.decision === 'Allow';
}

/**
 * BindingAuthorized: the user may `bind` the referenced role — verb bind on `roles` or
 * `clusterroles` named roleRef.name in the binding's namespace ('' for a ClusterRoleBinding).
 */
export async function bindingAuthorized(authorizer: Authorizer, user: UserInfo, roleRef: RoleRef, bindingNamespace: string): Promise<boolean> {
  let resource: string;
  if (roleRef.kind === 'ClusterRole') resource = 'clusterroles';
  else if (roleRef.kind === 'Role') resource = 'roles';
  else return false;
  const decision = await authorizer.authorize(resourceAttributes(user, 'bind', roleRef.apiGroup ?? '', resource, bindingNamespace, roleRef.name ?? ''));
  return decision.decision === 'Allow';
}

/** Go's zero value of a JSON field: absent, null, "", 0, false, [] or {} (equality.Semantic treats nil and empty alike). */
function isZero(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.values(v as object).every(isZero);
}

function semanticEqual(a: unknown, b: unknown): boolean {
  if (isZero(a) && isZero(b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => semanticEqual(x, b[i]));
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => semanticEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

/** IsOnlyMutatingGCFields: the update changes nothing but ownerReferences and finalizers (what the garbage collector edits). */
export function isOnlyMutatingGCFields(obj: KubeObject, old: KubeObject): boolean {
  const copy = structuredClone(obj);
  const meta = { ...copy.metadata } as Record<string, unknown>;
  const oldMeta = (old.metadata ?? {}) as Record<string, unknown>;
  for (const k of ['ownerReferences', 'finalizers', 'selfLink']) {
    if (oldMeta[k] === undefined) delete meta[k];
    else meta[k] = oldMeta[k];
  }
  copy.metadata = meta;
  return semanticEqual(copy, old);
}
