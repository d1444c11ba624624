// ensureBootstrapPolicy: what kube-apiserver's rbac/bootstrap-roles PostStartHook does at start
// (kubernetes/kubernetes pkg/registry/rbac/rest/storage_rbac.go ensureRBACPolicy, with
// reconciliation.ReconcileRoleOptions / ReconcileRoleBindingOptions{Confirm: true}): every default
// ClusterRole, ClusterRoleBinding, Role and RoleBinding is created when missing, and an existing one
// gets the rules, subjects, labels and annotations it lacks — unless it carries
// `rbac.authorization.kubernetes.io/autoupdate: "false"`, which leaves it exactly as it is. Nothing
// an admin added is removed. Idempotent: a second call writes nothing.
//
// Then the aggregated ClusterRoles (admin, edit, view, …) get their rules. Upstream that is the
// clusterrole-aggregation controller of kube-controller-manager, a moment after start (until then
// their `rules` are null); here the same computation (aggregateClusterRoles) is applied at once.
//
// The `kubeadm` preset then creates what `kubeadm init` creates (kubeadm.ts) when it is missing.
// kubeadm runs once; a server restarted on the same storage recreates a kubeadm object an admin
// deleted, which kubeadm itself would not (it would only on a new `kubeadm init`).
//
// Writes go through the registry's Stores as system:apiserver (system:masters), as the hook's
// loopback client does, so the RBAC strategies default and validate them.
import { apiServerUser, isAlreadyExists, isConflict, isNotFound, systemPrivilegedGroup } from '@tlsboot/api';
import type { ClusterRole, ClusterRoleBinding, KubeObject, Role, RoleBinding } from '@tlsboot/api';
import type { UserInfo } from '../../../authentication/interfaces.js';
import type { Store } from '../../../registry/generic/store.js';
import type { ResourceRegistry } from '../../../registry/registry.js';
import { aggregatedRules, ruleEquals } from './aggregation.js';
import type { BootstrapPolicyPreset } from './bootstrap-policy.js';
import { upstreamPolicyData } from './bootstrap-policy.js';
import { kubeadmObjects } from './kubeadm.js';
import { computeReconciledRole, computeReconciledRoleBinding } from './reconcile.js';
import type { ReconcileResult } from './reconcile.js';

export interface EnsureBootstrapPolicyOptions {
  /** Default `upstream`. */
  preset?: BootstrapPolicyPreset;
}

/** What one call did, as `<resource>/<namespace>/<name>` (namespace empty for cluster-scoped objects). */
export interface EnsureBootstrapPolicyResult {
  created: string[];
  /** Existing objects that got missing rules, subjects, labels or annotations, or were recreated for a different roleRef. */
  updated: string[];
  /** Existing objects left alone because of `autoupdate: "false"` although they differ. */
  protected: string[];
  /** Aggregated ClusterRoles whose rules were (re)computed. */
  aggregated: string[];
}

const rbac = 'rbac.authorization.k8s.io';
/** The loopback identity the PostStartHook writes as. */
const systemUser: UserInfo = { name: apiServerUser, groups: [systemPrivilegedGroup] };
/** ReconcileRoleOptions.Run retries a create/update that lost a race this many times. */
const attempts = 3;

const keyOf = (resource: string, obj: KubeObject): string => `${resource}/${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;

async function getOrUndefined(store: Store, namespace: string, name: string): Promise<KubeObject | undefined> {
  try {
    return await store.get(namespace, name);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** tryEnsureNamespace: a namespaced default object's namespace is created when missing. */
async function ensureNamespace(registry: ResourceRegistry, namespace: string): Promise<void> {
  if (namespace === '') return;
  await registry
    .store('', 'namespaces')
    .create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }, systemUser)
    .catch((err: unknown) => {
      if (!isAlreadyExists(err)) throw err;
    });
}

type Compute<T extends KubeObject> = (existing: T, expected: T) => ReconcileResult<T>;

/** ReconcileRoleOptions.Run / ReconcileRoleBindingOptions.Run for one object. */
async function reconcile<T extends KubeObject>(registry: ResourceRegistry, resource: string, expected: T, compute: Compute<T>, result: EnsureBootstrapPolicyResult): Promise<void> {
  const store = registry.store(rbac, resource);
  const namespace = expected.metadata.namespace ?? '';
  const name = expected.metadata.name ?? '';
  const key = keyOf(resource, expected);
  for (let attempt = 1; ; attempt++) {
    try {
      const existing = (await getOrUndefined(store, namespace, name)) as T | undefined;
      if (existing === undefined) {
        await ensureNamespace(registry, namespace);
        await store.create(structuredClone(expected), systemUser);
        result.created.push(key);
        return;
      }
      const decision = compute(existing, expected);
      if (decision.operation === 'none') return;
      if (decision.protected) {
        result.protected.push(key);
        return;
      }
      if (decision.operation === 'recreate') {
        await store.delete(namespace, name, { uid: existing.metadata.uid! });
        await store.create(structuredClone(expected), systemUser);
      } else {
        await store.update(namespace, name, () => decision.object, systemUser);
      }
      result.updated.push(key);
      return;
    } catch (err) {
      // created, changed or deleted since we looked: look again
      const raced = isAlreadyExists(err) || isConflict(err) || isNotFound(err);
      if (!raced || attempt >= attempts) throw err;
    }
  }
}

/** The clusterrole-aggregation controller caught up: each aggregated ClusterRole gets its rules. */
async function aggregate(registry: ResourceRegistry, result: EnsureBootstrapPolicyResult): Promise<void> {
  const store = registry.store(rbac, 'clusterroles');
  // a chain (view → edit → admin) settles in as many passes as it is long
  for (let pass = 0; pass < 10; pass++) {
    const roles = (await store.list('')).items as ClusterRole[];
    let changed = false;
    for (const role of roles) {
      const rules = aggregatedRules(role, roles);
      const current = role.rules ?? [];
      if (rules === undefined || (rules.length === current.length && rules.every((r, i) => ruleEquals(r, current[i]!)))) continue;
      await store.update('', role.metadata.name!, (stored) => ({ ...(stored ?? role), rules }), systemUser);
      changed = true;
      if (!result.aggregated.includes(role.metadata.name!)) result.aggregated.push(role.metadata.name!);
    }
    if (!changed) return;
  }
}

/** Creates or completes the default RBAC policy of `preset` in the registry's storage. */
export async function ensureBootstrapPolicy(registry: ResourceRegistry, options: EnsureBootstrapPolicyOptions = {}): Promise<EnsureBootstrapPolicyResult> {
  const result: EnsureBootstrapPolicyResult = { created: [], updated: [], protected: [], aggregated: [] };
  const policy = upstreamPolicyData();
  for (const role of policy.clusterRoles) await reconcile<ClusterRole>(registry, 'clusterroles', role, computeReconciledRole, result);
  for (const binding of policy.clusterRoleBindings) await reconcile<ClusterRoleBinding>(registry, 'clusterrolebindings', binding, computeReconciledRoleBinding, result);
  for (const role of policy.roles) await reconcile<Role>(registry, 'roles', role, computeReconciledRole, result);
  for (const binding of policy.roleBindings) await reconcile<RoleBinding>(registry, 'rolebindings', binding, computeReconciledRoleBinding, result);

  if ((options.preset ?? 'upstream') === 'kubeadm') await createKubeadmObjects(registry, result);
  await aggregate(registry, result);
  return result;
}

/** kubeadm's objects in the order its init phases create them, each created when missing and otherwise left alone. */
async function createKubeadmObjects(registry: ResourceRegistry, result: EnsureBootstrapPolicyResult): Promise<void> {
  for (const { resource, object } of kubeadmObjects()) {
    const store = registry.store(resource === 'serviceaccounts' ? '' : rbac, resource);
    const namespace = object.metadata.namespace ?? '';
    if ((await getOrUndefined(store, namespace, object.metadata.name ?? '')) !== undefined) continue;
    await ensureNamespace(registry, namespace);
    try {
      await store.create(structuredClone(object), systemUser);
      result.created.push(keyOf(resource, object));
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
    }
  }
}
