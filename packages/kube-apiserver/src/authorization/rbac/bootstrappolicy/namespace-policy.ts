// NamespaceRoles() and NamespaceRoleBindings() of kubernetes/kubernetes
// plugin/pkg/auth/authorizer/rbac/bootstrappolicy/namespace_policy.go at v1.32 (golden files
// testdata/namespace-roles.yaml, namespace-role-bindings.yaml): the Roles and RoleBindings in
// kube-system and kube-public, in the order namespace_policy.go adds them. The leader-locking roles
// carry the leases and leasecandidates rules of Coordinated Leader Election (v1.31).
import { kubeControllerManagerUser, kubeSchedulerUser, namespacePublic, namespaceSystem } from '@tlsboot/api';
import type { Role, RoleBinding } from '@tlsboot/api';
import { controllerRolePrefix } from './controller-policy.js';
import { newRoleBinding, newRule, role, withDefaultMetadata } from './rule-builder.js';
import { coordinationGroup, eventsRule, legacyGroup } from './verbs.js';

/** bootstrapapi.ConfigMapClusterInfo: the kube-public ConfigMap the bootstrap signer signs. */
export const clusterInfoConfigMap = 'cluster-info';

export function namespaceRoles(): Role[] {
  const leaderLocking = (component: string): Role =>
    role(namespaceSystem, `system::leader-locking-${component}`, [
      newRule('watch').groups(legacyGroup).resources('configmaps').rule(),
      newRule('get', 'update').groups(legacyGroup).resources('configmaps').names(component).rule(),
      newRule('get', 'watch', 'list', 'create', 'update').groups(coordinationGroup).resources('leases').rule(),
      newRule('get', 'watch', 'list', 'create', 'update').groups(coordinationGroup).resources('leasecandidates').rule(),
    ]);
  const roles: Role[] = [
    // finding authentication config info for starting a server
    role(namespaceSystem, 'extension-apiserver-authentication-reader', [
      newRule('get', 'list', 'watch').groups(legacyGroup).resources('configmaps').names('extension-apiserver-authentication').rule(),
    ]),
    // the bootstrap signer inspects kube-system secrets (the bootstrap tokens)
    role(namespaceSystem, controllerRolePrefix + 'bootstrap-signer', [newRule('get', 'list', 'watch').groups(legacyGroup).resources('secrets').rule()]),
    // cloud providers access/create kube-system configmaps (deprecated since 1.10)
    role(namespaceSystem, controllerRolePrefix + 'cloud-provider', [newRule('create', 'get', 'list', 'watch').groups(legacyGroup).resources('configmaps').rule()]),
    // the token cleaner removes expired bootstrap-token secrets, but only in kube-system
    role(namespaceSystem, controllerRolePrefix + 'token-cleaner', [newRule('get', 'list', 'watch', 'delete').groups(legacyGroup).resources('secrets').rule(), eventsRule()]),
    leaderLocking('kube-controller-manager'),
    leaderLocking('kube-scheduler'),
    // the bootstrap signer writes its signatures into kube-public/cluster-info
    role(namespacePublic, controllerRolePrefix + 'bootstrap-signer', [
      newRule('get', 'list', 'watch').groups(legacyGroup).resources('configmaps').rule(),
      newRule('update').groups(legacyGroup).resources('configmaps').names(clusterInfoConfigMap).rule(),
      eventsRule(),
    ]),
  ];
  return roles.map(withDefaultMetadata);
}

export function namespaceRoleBindings(): RoleBinding[] {
  const bindings: RoleBinding[] = [
    newRoleBinding('extension-apiserver-authentication-reader', namespaceSystem)
      .users(kubeControllerManagerUser, kubeSchedulerUser)
      .binding('system::extension-apiserver-authentication-reader'),
    newRoleBinding('system::leader-locking-kube-controller-manager', namespaceSystem).users(kubeControllerManagerUser).sas(namespaceSystem, 'kube-controller-manager').binding(),
    newRoleBinding('system::leader-locking-kube-scheduler', namespaceSystem).users(kubeSchedulerUser).sas(namespaceSystem, 'kube-scheduler').binding(),
    newRoleBinding(controllerRolePrefix + 'bootstrap-signer', namespaceSystem).sas(namespaceSystem, 'bootstrap-signer').binding(),
    newRoleBinding(controllerRolePrefix + 'cloud-provider', namespaceSystem).sas(namespaceSystem, 'cloud-provider').binding(),
    newRoleBinding(controllerRolePrefix + 'token-cleaner', namespaceSystem).sas(namespaceSystem, 'token-cleaner').binding(),
    newRoleBinding(controllerRolePrefix + 'bootstrap-signer', namespacePublic).sas(namespaceSystem, 'bootstrap-signer').binding(),
  ];
  return bindings.map(withDefaultMetadata);
}
