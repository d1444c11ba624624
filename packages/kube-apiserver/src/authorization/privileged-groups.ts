/**
 * authorizerfactory.NewPrivilegedGroups (k8s.io/apiserver/pkg/authorization/authorizerfactory/
 * builtin.go): members of these groups are allowed everything. kube-apiserver puts one for
 * `system:masters` in front of every other authorizer (pkg/kubeapiserver/authorizer/config.go).
 * It is not a RuleResolver (upstream's privilegedGroupAuthorizer has no RulesFor and reload.go
 * does not add it to the rule resolvers): what `kubectl auth can-i --list` shows an admin comes
 * from RBAC's cluster-admin binding to system:masters.
 */
import type { Attributes, AuthorizationResult, Authorizer } from './interfaces.js';

export function privilegedGroupsAuthorizer(groups: readonly string[]): Authorizer {
  return {
    name: 'privileged-groups',
    authorize(attributes: Attributes): AuthorizationResult {
      const group = attributes.user.groups.find((g) => groups.includes(g));
      // Upstream's reason is empty, and clients see it (a SubjectAccessReview's status.reason);
      // the trace names this authorizer, which says why.
      if (group !== undefined) return { decision: 'Allow', reason: '' };
      return { decision: 'NoOpinion', reason: '' };
    },
  };
}
