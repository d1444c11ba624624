// StaticRoles (kubernetes/kubernetes pkg/registry/rbac/validation/rule.go, NewTestRuleResolver):
// RBACObjects over fixed lists, for tests and for tools that evaluate manifests offline. Its
// errors are the test type's plain texts (`role not found` …), not the listers' NotFound.
import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from '@tlsboot/api';
import { DefaultRuleResolver } from './rule.js';
import type { RBACObjects } from './rule.js';

export interface StaticRoleLists {
  roles?: readonly Role[];
  roleBindings?: readonly RoleBinding[];
  clusterRoles?: readonly ClusterRole[];
  clusterRoleBindings?: readonly ClusterRoleBinding[];
}

export function staticRBACObjects(lists: StaticRoleLists): RBACObjects {
  return {
    getRole(namespace, name) {
      if (namespace === '') throw new Error('must provide namespace when getting role');
      const r = (lists.roles ?? []).find((x) => x.metadata.namespace === namespace && x.metadata.name === name);
      if (r === undefined) throw new Error('role not found');
      return r;
    },
    getClusterRole(name) {
      const r = (lists.clusterRoles ?? []).find((x) => x.metadata.name === name);
      if (r === undefined) throw new Error('clusterrole not found');
      return r;
    },
    listRoleBindings(namespace) {
      if (namespace === '') throw new Error('must provide namespace when listing role bindings');
      return (lists.roleBindings ?? []).filter((b) => b.metadata.namespace === namespace);
    },
    listClusterRoleBindings: () => lists.clusterRoleBindings ?? [],
  };
}

/** NewTestRuleResolver. */
export function newTestRuleResolver(lists: StaticRoleLists): DefaultRuleResolver {
  return new DefaultRuleResolver(staticRBACObjects(lists));
}
