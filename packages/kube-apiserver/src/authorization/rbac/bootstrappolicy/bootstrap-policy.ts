// The policy a server starts with, per preset: `upstream` is the PolicyData kube-apiserver ensures
// at start (kubernetes/kubernetes pkg/registry/rbac/rest/storage_rbac.go: ClusterRoles() +
// ControllerRoles(), ClusterRoleBindings() + ControllerRoleBindings(), NamespaceRoles(),
// NamespaceRoleBindings()); `kubeadm` adds what `kubeadm init` creates (kubeadm.ts). Pure data.
import type { ClusterRole, ClusterRoleBinding, KubeObject, Role, RoleBinding } from '@tlsboot/api';
import { aggregateClusterRoles } from './aggregation.js';
import { controllerRoleBindings, controllerRoles } from './controller-policy.js';
import { kubeadmObjects } from './kubeadm.js';
import { namespaceRoleBindings, namespaceRoles } from './namespace-policy.js';
import { clusterRoleBindings, clusterRoles } from './policy.js';

/** `--policy upstream|kubeadm`: the bare apiserver's defaults, or those plus what `kubeadm init` adds. */
export type BootstrapPolicyPreset = 'upstream' | 'kubeadm';

export const bootstrapPolicyPresets: readonly BootstrapPolicyPreset[] = ['upstream', 'kubeadm'];

export interface PolicyData {
  clusterRoles: ClusterRole[];
  clusterRoleBindings: ClusterRoleBinding[];
  roles: Role[];
  roleBindings: RoleBinding[];
  /** kubeadm's addon ServiceAccounts (kube-system/coredns, kube-system/kube-proxy); none upstream. */
  serviceAccounts: KubeObject[];
}

/** storage_rbac.go's PolicyData: what the rbac/bootstrap-roles PostStartHook reconciles. */
export function upstreamPolicyData(): PolicyData {
  return {
    clusterRoles: [...clusterRoles(), ...controllerRoles()],
    clusterRoleBindings: [...clusterRoleBindings(), ...controllerRoleBindings()],
    roles: namespaceRoles(),
    roleBindings: namespaceRoleBindings(),
    serviceAccounts: [],
  };
}

/** The kubeadm preset's own objects, split by kind. */
export function kubeadmPolicyData(): PolicyData {
  const data: PolicyData = { clusterRoles: [], clusterRoleBindings: [], roles: [], roleBindings: [], serviceAccounts: [] };
  for (const { resource, object } of kubeadmObjects()) {
    if (resource === 'clusterroles') data.clusterRoles.push(object as ClusterRole);
    else if (resource === 'clusterrolebindings') data.clusterRoleBindings.push(object as ClusterRoleBinding);
    else if (resource === 'roles') data.roles.push(object as Role);
    else if (resource === 'rolebindings') data.roleBindings.push(object as RoleBinding);
    else data.serviceAccounts.push(object);
  }
  return data;
}

/**
 * Every object a fresh server of this preset holds once started and once the clusterrole-aggregation
 * controller has run: the aggregated ClusterRoles (admin, edit, view) carry their computed rules.
 */
export function bootstrapPolicy(preset: BootstrapPolicyPreset): PolicyData {
  const upstream = upstreamPolicyData();
  const kubeadm = preset === 'kubeadm' ? kubeadmPolicyData() : undefined;
  const all: PolicyData = {
    clusterRoles: [...upstream.clusterRoles, ...(kubeadm?.clusterRoles ?? [])],
    clusterRoleBindings: [...upstream.clusterRoleBindings, ...(kubeadm?.clusterRoleBindings ?? [])],
    roles: [...upstream.roles, ...(kubeadm?.roles ?? [])],
    roleBindings: [...upstream.roleBindings, ...(kubeadm?.roleBindings ?? [])],
    serviceAccounts: kubeadm?.serviceAccounts ?? [],
  };
  all.clusterRoles = aggregateClusterRoles(all.clusterRoles);
  return all;
}
