// The rule resolver the RBAC write path uses, as pkg/registry/rbac/rest/storage_rbac.go builds it:
// NewDefaultRuleResolver over the registries themselves (role.AuthorizerAdapter …), not over the
// authorizer's informers. So its errors are the registry's: NotFound with the plural resource
// (`clusterroles.rbac.authorization.k8s.io "x" not found`), and a Role looked up in namespace ""
// (a ClusterRoleBinding whose roleRef kind is Role) is 400 `Namespace parameter required.`.
//
// The resolver is synchronous, so the objects one check can need are read first: every
// ClusterRoleBinding and ClusterRole, and the RoleBindings and Roles of the request namespace.
import { newBadRequest, newNotFound, rbacGroup } from '@tlsboot/api';
import type { ClusterRole, ClusterRoleBinding, KubeObject, Role, RoleBinding } from '@tlsboot/api';
import type { ResourceRegistry } from '../registry.js';
import { DefaultRuleResolver } from './validation/rule.js';
import type { RBACObjects } from './validation/rule.js';

const byName = (items: readonly KubeObject[]): Map<string, KubeObject> => new Map(items.map((o) => [o.metadata.name ?? '', o]));

/** A resolver over the registry's current RBAC objects, for checks in `namespace` ('' for cluster scope). */
export async function registryRuleResolver(registry: ResourceRegistry, namespace: string): Promise<DefaultRuleResolver> {
  const list = async (resource: string, ns: string): Promise<KubeObject[]> => (await registry.store(rbacGroup, resource).list(ns)).items;
  const [clusterRoleBindings, clusterRoles, roleBindings, roles] = await Promise.all([
    list('clusterrolebindings', ''),
    list('clusterroles', ''),
    namespace === '' ? Promise.resolve([]) : list('rolebindings', namespace),
    namespace === '' ? Promise.resolve([]) : list('roles', namespace),
  ]);
  const clusterRolesByName = byName(clusterRoles);
  const rolesByName = byName(roles);
  const objects: RBACObjects = {
    listClusterRoleBindings: () => clusterRoleBindings as ClusterRoleBinding[],
    getClusterRole(name) {
      const r = clusterRolesByName.get(name);
      if (r === undefined) throw newNotFound({ group: rbacGroup, resource: 'clusterroles' }, name);
      return r as ClusterRole;
    },
    listRoleBindings(ns) {
      if (ns !== namespace) throw new Error(`rolebindings of namespace ${ns} were not read`);
      return roleBindings as RoleBinding[];
    },
    getRole(ns, name) {
      if (ns === '') throw newBadRequest('Namespace parameter required.');
      if (ns !== namespace) throw new Error(`roles of namespace ${ns} were not read`);
      const r = rolesByName.get(name);
      if (r === undefined) throw newNotFound({ group: rbacGroup, resource: 'roles' }, name);
      return r as Role;
    },
  };
  return new DefaultRuleResolver(objects);
}
