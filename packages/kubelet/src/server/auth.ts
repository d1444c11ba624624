// The kubelet API's authorization attributes and its plain-text auth failures:
// kubernetes/kubernetes pkg/kubelet/server/auth.go NewNodeAuthorizerAttributesGetter (v1.32,
// KubeletFineGrainedAuthz off — the newer table also maps /checkpoint → checkpoint and tries
// healthz/pods/configz before proxy) and server.go InstallAuthFilter's messages.

/** What the kubelet asks the apiserver to authorize (authorizer.AttributesRecord, resource request). */
export interface KubeletRequestAttributes {
  user: { name: string; groups: string[]; uid?: string; extra?: Record<string, string[]> };
  verb: string;
  namespace: '';
  apiGroup: '';
  apiVersion: 'v1';
  resource: 'nodes';
  subresource: string;
  name: string;
  resourceRequest: true;
  path: string;
}

export const statsPath = '/stats/';
export const metricsPath = '/metrics';
export const logsPath = '/logs/';

/** isSubpath: `subpath` is `path` (a trailing slash ignored) or lies under it. */
export function isSubpath(subpath: string, path: string): boolean {
  const p = path.endsWith('/') ? path.slice(0, -1) : path;
  return subpath === p || (subpath.startsWith(p) && subpath[p.length] === '/');
}

/** HTTP method → API verb; other methods give the empty verb. */
export function apiVerbOf(method: string): string {
  switch (method) {
    case 'POST':
      return 'create';
    case 'GET':
      return 'get';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return 'delete';
    default:
      return '';
  }
}

export function subresourceOf(path: string): string {
  if (isSubpath(path, statsPath)) return 'stats';
  if (isSubpath(path, metricsPath)) return 'metrics';
  // "log" to match other log subresources (pods/log, etc)
  if (isSubpath(path, logsPath)) return 'log';
  return 'proxy';
}

export function nodeRequestAttributes(user: KubeletRequestAttributes['user'], method: string, path: string, nodeName: string): KubeletRequestAttributes {
  return {
    user,
    verb: apiVerbOf(method),
    namespace: '',
    apiGroup: '',
    apiVersion: 'v1',
    resource: 'nodes',
    subresource: subresourceOf(path),
    name: nodeName,
    resourceRequest: true,
    path,
  };
}

/** 401 body for a failed or missing authentication. */
export const unauthorizedBody = 'Unauthorized';

/** 403 body when the authorizer does not allow. */
export function forbiddenBody(a: KubeletRequestAttributes): string {
  return `Forbidden (user=${a.user.name}, verb=${a.verb}, resource=${a.resource}, subresource=${a.subresource})`;
}

/** 500 body when the authorization call failed. */
export function authorizationErrorBody(a: KubeletRequestAttributes): string {
  return `Authorization error (user=${a.user.name}, verb=${a.verb}, resource=${a.resource}, subresource=${a.subresource})`;
}
