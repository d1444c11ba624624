/**
 * The filters every request passes before a handler, in kube-apiserver's order
 * (k8s.io/apiserver/pkg/server/config.go DefaultBuildHandlerChain): request info, authentication
 * (WithAuthentication: failure → 401 `Unauthorized`), impersonation (WithImpersonation, see
 * impersonation.ts: 403 or upstream's plain-text 500), authorization (WithAuthorization: anything
 * but Allow → 403 with forbiddenMessage). Framework-free: the HTTP adapter calls this with a
 * narrow view of the request and gets the user and request info, or a StatusError to send; trace
 * events are emitted on the way.
 */
import { newInternalError, newUnauthorized, statusErrorFromStatus } from '@tlsboot/api';
import type { StatusError } from '@tlsboot/api';
import type { AuthenticationRequest, Authenticator, UserInfo } from '../authentication/interfaces.js';
import { forbiddenError } from '../authorization/forbidden.js';
import type { Attributes, Authorizer } from '../authorization/interfaces.js';
import { describeAttributes } from '../authorization/interfaces.js';
import { RequestInfoError, parseRequestInfo } from '../endpoints/request/request-info.js';
import type { RequestInfo } from '../endpoints/request/request-info.js';
import type { TraceEventBody } from '../trace.js';
import { hasImpersonationHeaders, impersonate, internalErrorText } from './impersonation.js';

export interface FilterRequest extends AuthenticationRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** The request target as sent (Go's RequestURI), for the impersonation filter's 500 text; default path + query. */
  requestURI?: string;
  /**
   * One value per header line (Node's `headersDistinct`), so repeated Impersonate-Group lines stay
   * apart; without it the joined `headers` are split at ", ".
   */
  headersDistinct?: Readonly<Record<string, readonly string[] | undefined>>;
}

export type FilterOutcome =
  | { ok: true; user: UserInfo; info: RequestInfo }
  /** `plainText`: the body to send as `text/plain` instead of the Status (responsewriters.InternalError). */
  | { ok: false; error: StatusError; plainText?: string };

export type Emit = (event: TraceEventBody) => void;

/** The verbs whose selectors reach the authorizers (requestinfo.go, AuthorizeWithSelectors). */
const selectorVerbs = new Set(['list', 'watch', 'deletecollection']);

export function attributesOf(info: RequestInfo, user: UserInfo, query?: URLSearchParams): Attributes {
  const attributes: Attributes = {
    user,
    verb: info.verb,
    isResourceRequest: info.isResourceRequest,
    path: info.path,
    namespace: info.namespace,
    apiGroup: info.apiGroup,
    apiVersion: info.apiVersion,
    resource: info.resource,
    subresource: info.subresource,
    name: info.name,
  };
  if (query !== undefined && info.isResourceRequest && selectorVerbs.has(info.verb)) {
    const fieldSelector = query.get('fieldSelector');
    const labelSelector = query.get('labelSelector');
    if (fieldSelector !== null && fieldSelector !== '') attributes.fieldSelector = fieldSelector;
    if (labelSelector !== null && labelSelector !== '') attributes.labelSelector = labelSelector;
  }
  return attributes;
}

export async function runFilters(req: FilterRequest, authenticator: Authenticator, authorizer: Authorizer, emit: Emit | undefined): Promise<FilterOutcome> {
  // `emit?.(…)` builds no event body at all when tracing is off (undefined emit).
  let info: RequestInfo;
  try {
    info = parseRequestInfo(req.method, req.path, req.query);
  } catch (err) {
    if (err instanceof RequestInfoError) return { ok: false, error: newInternalError(err) };
    throw err;
  }
  const result = await authenticator.authenticate(req);
  if (result.kind !== 'authenticated') {
    emit?.({ type: 'request.authenticated', authenticated: false, failure: result.kind === 'error' ? result.error : 'no credentials and anonymous access is disabled' });
    return { ok: false, error: newUnauthorized('Unauthorized') };
  }
  let user = result.user;
  emit?.({ type: 'request.authenticated', authenticated: true, user: user.name, groups: [...user.groups], authenticator: result.authenticator });
  const impersonation = hasImpersonationHeaders(req.headers) ? await impersonate(req.headersDistinct ?? req.headers, user, authorizer, req.headersDistinct !== undefined) : ({ kind: 'none' } as const);
  if (impersonation.kind === 'invalid') {
    emit?.({ type: 'request.impersonated', requestor: user.name, allowed: false, checks: [], failure: impersonation.message });
    const requestURI = req.requestURI ?? (req.query.size > 0 ? `${req.path}?${req.query.toString()}` : req.path);
    const text = internalErrorText(requestURI, impersonation.message);
    const error = statusErrorFromStatus({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: text, reason: 'InternalError', code: 500 });
    return { ok: false, error, plainText: `${text}\n` };
  }
  if (impersonation.kind === 'forbidden') {
    emit?.({ type: 'request.impersonated', requestor: user.name, allowed: false, checks: impersonation.checks });
    return { ok: false, error: impersonation.error };
  }
  if (impersonation.kind === 'impersonated') {
    const to = impersonation.user;
    emit?.({
      type: 'request.impersonated',
      requestor: user.name,
      allowed: true,
      checks: impersonation.checks,
      user: to.name,
      groups: [...to.groups],
      ...(to.uid === undefined ? {} : { uid: to.uid }),
      ...(to.extra === undefined || Object.keys(to.extra).length === 0 ? {} : { extra: to.extra }),
    });
    user = to;
  }
  const attributes = attributesOf(info, user, req.query);
  const decision = await authorizer.authorize(attributes);
  emit?.({
    type: 'request.authorized',
    decision: decision.decision,
    reason: decision.reason,
    ...(decision.authorizer ? { authorizer: decision.authorizer } : {}),
    attributes: describeAttributes(attributes),
  });
  if (decision.decision !== 'Allow') return { ok: false, error: forbiddenError(attributes, decision.reason) };
  return { ok: true, user, info };
}
