// Escalation prevention around the RBAC Stores, as kubernetes/kubernetes
// pkg/registry/rbac/{role,clusterrole,rolebinding,clusterrolebinding}/policybased/storage.go wrap
// the standard storage. After authorization allowed the create or update:
//
// - Role / ClusterRole: allowed for system:masters, or when the user may `escalate` it (checked
//   with the URL's name, so never by name on create); otherwise the user's own rules in the
//   request namespace must cover the new rules (and an aggregationRule needs `*` on everything).
// - RoleBinding / ClusterRoleBinding: allowed for system:masters, or when the user may `bind` the
//   referenced role; otherwise the role is resolved (its errors, e.g. 404, returned as they are)
//   and the user's rules must cover its rules.
// Otherwise 403 `<resource>.rbac.authorization.k8s.io "<name>" is forbidden: user "u" (groups=[…])
// is attempting to grant RBAC permissions not currently held:\n…`. Creates check before the Store
// (so before validation: such a caller sees 403 or 404 where system:masters would see 422);
// updates check the object the update computed, unless only ownerReferences/finalizers change.
//
// Not upstream: after a write the request also waits until the RBAC authorizer's informer has
// seen it, so the next request is decided with it (config.ts, informer.ts).
import { newForbidden, rbacGroup } from '@tlsboot/api';
import type { ClusterRole, KubeObject, PolicyRule, RoleRef } from '@tlsboot/api';
import { errorMessage } from '@tlsboot/util';
import type { UserInfo } from '../../authentication/interfaces.js';
import { startedRBACInformer } from '../../authorization/rbac/config.js';
import { rbacResources } from '../../authorization/rbac/informer.js';
import type { RBACResource } from '../../authorization/rbac/informer.js';
import type { Authorizer } from '../../authorization/interfaces.js';
import type { Store } from '../generic/store.js';
import type { ResourceRegistry } from '../registry.js';
import { setRBACDefaults } from './defaults.js';
import { bindingAuthorized, escalationAllowed, isOnlyMutatingGCFields, roleEscalationAuthorized } from './escalation-check.js';
import type { RoleRequest } from './escalation-check.js';
import { registryRuleResolver } from './registry-rule-resolver.js';
import { confirmNoEscalation } from './validation/rule.js';

/** What the policy needs to know about the request. */
export interface RBACPolicyRequest {
  /** The request's RequestInfo (resource, namespace, and the URL's name). */
  info: RoleRequest;
  user: UserInfo;
  /** The server's whole authorizer chain (for `bind` and `escalate`). */
  authorizer: Authorizer;
  registry: ResourceRegistry;
}

/** fullAuthority: what setting an aggregationRule requires. */
const fullAuthority: PolicyRule[] = [
  { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
  { verbs: ['*'], nonResourceURLs: ['*'] },
];

const isRBACResource = (r: string): r is RBACResource => (rbacResources as readonly string[]).includes(r);

const hasAggregationRule = (role: KubeObject): boolean => ((role as ClusterRole).aggregationRule?.clusterRoleSelectors ?? []).length > 0;

class PolicyCheck {
  constructor(
    readonly resource: RBACResource,
    readonly request: RBACPolicyRequest,
  ) {}

  get #namespace(): string {
    return this.request.info.namespace;
  }

  #forbidden(obj: KubeObject, err: unknown): never {
    throw newForbidden({ group: rbacGroup, resource: this.resource }, obj.metadata.name ?? '', errorMessage(err));
  }

  /** Role and ClusterRole: the new rules, and full authority for an aggregationRule. */
  async #checkRole(obj: KubeObject, old: KubeObject | undefined): Promise<void> {
    const resolver = await registryRuleResolver(this.request.registry, this.#namespace);
    try {
      confirmNoEscalation(resolver, this.request.user, this.#namespace, (obj['rules'] as PolicyRule[] | undefined) ?? []);
    } catch (err) {
      this.#forbidden(obj, err);
    }
    if (this.resource !== 'clusterroles' || !(hasAggregationRule(obj) || (old !== undefined && hasAggregationRule(old)))) return;
    try {
      confirmNoEscalation(resolver, this.request.user, this.#namespace, fullAuthority);
    } catch {
      this.#forbidden(obj, 'must have cluster-admin privileges to use the aggregationRule');
    }
  }

  /** RoleBinding and ClusterRoleBinding: `bind`, or the referenced role's rules. */
  async #checkBinding(obj: KubeObject): Promise<void> {
    const roleRef = (obj['roleRef'] ?? {}) as RoleRef;
    if (await bindingAuthorized(this.request.authorizer, this.request.user, roleRef, this.#namespace)) return;
    const resolver = await registryRuleResolver(this.request.registry, this.#namespace);
    const rules = resolver.getRoleReferenceRules(roleRef, this.#namespace);
    try {
      confirmNoEscalation(resolver, this.request.user, this.#namespace, rules);
    } catch (err) {
      this.#forbidden(obj, err);
    }
  }

  get #isRole(): boolean {
    return this.resource === 'roles' || this.resource === 'clusterroles';
  }

  /** EscalationAllowed, or RoleEscalationAuthorized for roles: no further check. */
  async exempt(): Promise<boolean> {
    if (escalationAllowed(this.request.user)) return true;
    return this.#isRole && (await roleEscalationAuthorized(this.request.authorizer, this.request.user, this.request.info));
  }

  async create(obj: KubeObject): Promise<void> {
    if (this.#isRole) await this.#checkRole(obj, undefined);
    else await this.#checkBinding(obj);
  }

  async update(obj: KubeObject, old: KubeObject): Promise<void> {
    if (isOnlyMutatingGCFields(obj, old)) return;
    if (this.#isRole) await this.#checkRole(obj, old);
    else await this.#checkBinding(obj);
  }
}

/** Waits until the RBAC authorizer's informer (when there is one) has seen revision `rv` of `resource`. */
async function visibleToAuthorizer(registry: ResourceRegistry, resource: RBACResource, rv: string | undefined): Promise<void> {
  const informer = startedRBACInformer(registry);
  if (informer === undefined || rv === undefined) return;
  try {
    await (await informer).waitFor(resource, rv);
  } catch {
    // no informer after all: nothing to wait for
  }
}

/**
 * `store` wrapped with the escalation checks for this request when it is an RBAC Store; any other
 * Store (or undefined) is returned as is. Reads pass through unchanged.
 */
export function withRBACPolicy(store: Store | undefined, request: RBACPolicyRequest): Store | undefined {
  if (store === undefined || store.info.group !== rbacGroup || !isRBACResource(store.info.resource)) return store;
  const resource = store.info.resource;
  const check = new PolicyCheck(resource, request);
  const registry = request.registry;
  const policy = Object.create(store) as Store;

  policy.create = async (obj, user, validate, options = {}) => {
    setRBACDefaults(resource, obj);
    if (!(await check.exempt())) await check.create(obj);
    const created = await store.create(obj, user, validate, options);
    if (!options.dryRun) await visibleToAuthorizer(registry, resource, created.metadata.resourceVersion);
    return created;
  };

  policy.update = async (namespace, name, objInfo, user, options = {}) => {
    const exempt = await check.exempt();
    const result = await store.update(
      namespace,
      name,
      async (existing) => {
        const obj = await objInfo(existing);
        setRBACDefaults(resource, obj);
        if (!exempt) await check.update(obj, existing ?? { metadata: {} });
        return obj;
      },
      user,
      options,
    );
    if (!options.dryRun) await visibleToAuthorizer(registry, resource, result.object.metadata.resourceVersion);
    return result;
  };

  policy.delete = async (namespace, name, preconditions, options = {}) => {
    const result = await store.delete(namespace, name, preconditions, options);
    if (!options.dryRun) await visibleToAuthorizer(registry, resource, result.object.metadata.resourceVersion);
    return result;
  };

  policy.deleteCollection = async (namespace, params) => {
    const result = await store.deleteCollection(namespace, params);
    const last = result.items.map((o) => Number(o.metadata.resourceVersion ?? 0)).reduce((a, b) => Math.max(a, b), 0);
    await visibleToAuthorizer(registry, resource, String(last));
    return result;
  };

  return policy;
}
