/**
 * authorizerfactory.NewPrivilegedGroups (k8s.io/apiserver/pkg/authorization/authorizerfactory/
 * builtin.go): members of these groups are allowed everything. kube-apiserver puts one for
 * `system:masters` in front of every other authorizer (pkg/kubeapiserver/authorizer/config.go).
 */
import type { Attributes, AuthorizationResult, Authorizer } from './interfaces.js';

export function privilegedGroupsAuthorizer(groups: readonly string[]): Authorizer {
  return {
    name: 'privileged-groups',
    authorize(attributes: Attributes): AuthorizationResult {
      const group = attributes.user.groups.find((g) => groups.includes(g));
      // Upstream's reason is empty; the trace gets one that says which group decided.
      if (group !== undefined) return { decision: 'Allow', reason: `user is in the privileged group "${group}"` };
      return { decision: 'NoOpinion', reason: '' };
    },
  };
}
