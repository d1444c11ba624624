// REST paths of resources, as client-go's Request builds them (k8s.io/client-go/rest/request.go
// URL(), Namespace(), Name(), SubResource(); the legacy core group lives under /api, every named
// group under /apis).
import { ClientError } from './errors.js';

export interface ResourcePathParts {
  /** API group; '' for the core group. */
  group: string;
  version: string;
  /** Resource plural: `secrets`, `certificatesigningrequests`. */
  resource: string;
  /** For namespaced resources; leave out for cluster-scoped ones and for all-namespace lists. */
  namespace?: string;
  name?: string;
  /** `status`, `approval`… (needs a name). */
  subresource?: string;
}

/** rest.IsValidPathSegmentName, in Go's `%v` of the []string it returns. */
function pathSegmentProblems(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  return ['/', '%'].filter((c) => name.includes(c)).map((c) => `may not contain '${c}'`);
}

function checkSegment(kind: string, value: string): void {
  const problems = pathSegmentProblems(value);
  if (problems.length > 0) throw new ClientError('REQUEST_INVALID', `invalid ${kind} ${JSON.stringify(value)}: [${problems.join(' ')}]`);
}

/** The group-version prefix: `/api/v1`, `/apis/certificates.k8s.io/v1`. */
export function groupVersionPath(group: string, version: string): string {
  return group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
}

/**
 * `/api/v1/namespaces/kube-system/secrets/x`, `/apis/certificates.k8s.io/v1/certificatesigningrequests/csr-1/approval`.
 * Names and namespaces are checked as client-go checks them (`invalid resource name "a/b": [may not contain '/']`).
 */
export function resourcePath(parts: ResourcePathParts): string {
  const segments = [groupVersionPath(parts.group, parts.version)];
  if (parts.namespace !== undefined && parts.namespace !== '') {
    checkSegment('namespace', parts.namespace);
    segments.push('namespaces', parts.namespace);
  }
  segments.push(parts.resource);
  if (parts.name !== undefined) {
    if (parts.name === '') throw new ClientError('REQUEST_INVALID', 'resource name may not be empty');
    checkSegment('resource name', parts.name);
    segments.push(encodeURIComponent(parts.name));
  }
  if (parts.subresource !== undefined && parts.subresource !== '') {
    if (parts.name === undefined) throw new ClientError('REQUEST_INVALID', `subresource ${JSON.stringify(parts.subresource)} needs a resource name`);
    segments.push(parts.subresource);
  }
  return segments.join('/');
}
