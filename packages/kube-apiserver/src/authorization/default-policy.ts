/**
 * A stand-in for the default RBAC policy's public bindings, until RBAC itself arrives (the
 * authorization issue replaces this file with the real RBAC authorizer and the bootstrap policy
 * of plugin/pkg/auth/authorizer/rbac/bootstrappolicy). It grants exactly what these default
 * ClusterRoleBindings grant (reference/k8s-authn-authz.md §5.1–5.2):
 *
 * - `system:public-info-viewer` to system:authenticated and system:unauthenticated:
 *   get /healthz, /livez, /readyz, /version, /version/
 * - `system:discovery` to system:authenticated only (since v1.14):
 *   get /api, /api/*, /apis, /apis/*, /healthz, /livez, /openapi, /openapi/*, /readyz, /version, /version/
 * - `system:basic-user` to system:authenticated: create selfsubjectaccessreviews,
 *   selfsubjectrulesreviews (authorization.k8s.io) and selfsubjectreviews (authentication.k8s.io)
 *
 * So anonymous clients may read health and version but not discovery, as on a real cluster.
 * Reasons use RBAC's wording (`RBAC: allowed by ClusterRoleBinding …`).
 */
import { allAuthenticatedGroup, allUnauthenticatedGroup, authenticationGroup, authorizationGroup } from '@tlsboot/api';
import type { Attributes, AuthorizationResult, Authorizer } from './interfaces.js';

interface Binding {
  name: string;
  groups: readonly string[];
  nonResourceURLs?: readonly string[];
  resources?: readonly { group: string; resource: string; verb: string }[];
}

const bindings: readonly Binding[] = [
  {
    name: 'system:discovery',
    groups: [allAuthenticatedGroup],
    nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'],
  },
  {
    name: 'system:public-info-viewer',
    groups: [allAuthenticatedGroup, allUnauthenticatedGroup],
    nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'],
  },
  {
    name: 'system:basic-user',
    groups: [allAuthenticatedGroup],
    resources: [
      { group: authorizationGroup, resource: 'selfsubjectaccessreviews', verb: 'create' },
      { group: authorizationGroup, resource: 'selfsubjectrulesreviews', verb: 'create' },
      { group: authenticationGroup, resource: 'selfsubjectreviews', verb: 'create' },
    ],
  },
];

/** NonResourceURLMatches (pkg/apis/rbac/v1/evaluation_helpers.go): exact, or a prefix ending in `*`. */
export function nonResourceURLMatches(rule: string, path: string): boolean {
  if (rule === '*' || rule === path) return true;
  return rule.endsWith('*') && path.startsWith(rule.replace(/\*+$/, ''));
}

function allows(b: Binding, a: Attributes): boolean {
  if (!a.isResourceRequest) return a.verb === 'get' && (b.nonResourceURLs ?? []).some((u) => nonResourceURLMatches(u, a.path));
  return a.subresource === '' && (b.resources ?? []).some((r) => r.verb === a.verb && r.group === a.apiGroup && r.resource === a.resource);
}

export function defaultPolicyAuthorizer(): Authorizer {
  return {
    name: 'default-policy',
    authorize(a: Attributes): AuthorizationResult {
      for (const b of bindings) {
        const group = b.groups.find((g) => a.user.groups.includes(g));
        if (group !== undefined && allows(b, a)) {
          return { decision: 'Allow', reason: `RBAC: allowed by ClusterRoleBinding "${b.name}" of ClusterRole "${b.name}" to Group "${group}"` };
        }
      }
      return { decision: 'NoOpinion', reason: '' };
    },
  };
}
