/**
 * RequestInfoFactory.NewRequestInfo (k8s.io/apiserver/pkg/endpoints/request/requestinfo.go):
 * what a URL means before anything else looks at it. Resource requests are
 * `/api/<version>/…` and `/apis/<group>/<version>/…`; everything else (including `/api`,
 * `/apis/<group>`, `/healthz`) is a non-resource request whose verb is the lower-case method.
 *
 * Verbs: POST create, GET/HEAD get (list or watch without a name), PUT update, PATCH patch,
 * DELETE delete (deletecollection without a name); the legacy `/watch/` prefix gives watch.
 * A list or watch with `fieldSelector=metadata.name=x` gets Name `x`, so a rule with
 * resourceNames can authorize a single-object watch.
 */
import { isValidPathSegmentName, parseFieldSelector } from '@tlsboot/api';

export interface RequestInfo {
  isResourceRequest: boolean;
  /** The URL path, as received. */
  path: string;
  verb: string;
  /** `api` or `apis` for resource requests. */
  apiPrefix: string;
  apiGroup: string;
  apiVersion: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
  /** The path segments from the resource on (`secrets/x/status/…`). */
  parts: string[];
  /** The verb came from a `/watch/` or `/proxy/` path segment rather than the method. */
  verbFromPath: boolean;
}

const apiPrefixes = new Set(['api', 'apis']);
const grouplessAPIPrefixes = new Set(['api']);
const specialVerbs = new Set(['proxy', 'watch']);
const specialVerbsNoSubresources = new Set(['proxy']);
const namespaceSubresources = new Set(['status', 'finalize']);

/** The RequestInfo parsing error of a `/watch` or `/proxy` path without a resource. */
export class RequestInfoError extends Error {}

function splitPath(path: string): string[] {
  const trimmed = path.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? [] : trimmed.split('/');
}

/** metav1 ListOptions' `watch`: any value other than "", "false" and "0" is true (runtime/conversion.go). */
export function isWatchParam(values: readonly string[]): boolean {
  if (values.length === 0) return false;
  const v = values[0]!.toLowerCase();
  return v !== '' && v !== 'false' && v !== '0';
}

function httpVerb(method: string): string {
  switch (method) {
    case 'POST':
      return 'create';
    case 'GET':
    case 'HEAD':
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

export function parseRequestInfo(method: string, path: string, query: URLSearchParams): RequestInfo {
  const info: RequestInfo = {
    isResourceRequest: false,
    path,
    verb: method.toLowerCase(),
    apiPrefix: '',
    apiGroup: '',
    apiVersion: '',
    namespace: '',
    resource: '',
    subresource: '',
    name: '',
    parts: [],
    verbFromPath: false,
  };
  let parts = splitPath(path);
  if (parts.length < 3 || !apiPrefixes.has(parts[0]!)) return info;
  info.apiPrefix = parts[0]!;
  parts = parts.slice(1);
  if (!grouplessAPIPrefixes.has(info.apiPrefix)) {
    if (parts.length < 3) return info;
    info.apiGroup = parts[0]!;
    parts = parts.slice(1);
  }
  info.isResourceRequest = true;
  info.apiVersion = parts[0]!;
  parts = parts.slice(1);

  if (specialVerbs.has(parts[0]!)) {
    if (parts.length < 2) throw new RequestInfoError(`unable to determine kind and namespace from url, ${path}`);
    info.verb = parts[0]!;
    info.verbFromPath = true;
    parts = parts.slice(1);
  } else {
    info.verb = httpVerb(method);
  }

  if (parts[0] === 'namespaces') {
    if (parts.length > 1) {
      info.namespace = parts[1]!;
      if (parts.length > 2 && !namespaceSubresources.has(parts[2]!)) parts = parts.slice(2);
    }
  }
  info.parts = parts;
  if (parts.length >= 3 && !specialVerbsNoSubresources.has(info.verb)) info.subresource = parts[2]!;
  if (parts.length >= 2) info.name = parts[1]!;
  if (parts.length >= 1) info.resource = parts[0]!;

  if (info.name === '' && info.verb === 'get') {
    info.verb = isWatchParam(query.getAll('watch')) ? 'watch' : 'list';
    const fieldSelector = query.get('fieldSelector');
    if (fieldSelector !== null && fieldSelector !== '') {
      try {
        const name = parseFieldSelector(fieldSelector).requiresExactMatch('metadata.name');
        if (name !== undefined && isValidPathSegmentName(name).length === 0) info.name = name;
      } catch {
        // upstream: a query that does not parse leaves Name unset
      }
    }
  }
  if (info.name === '' && info.verb === 'delete') info.verb = 'deletecollection';
  return info;
}
