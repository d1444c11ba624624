/**
 * The filters every request passes before a handler, in kube-apiserver's order
 * (k8s.io/apiserver/pkg/server/config.go DefaultBuildHandlerChain): request info, authentication
 * (WithAuthentication: failure → 401 `Unauthorized`), authorization (WithAuthorization: anything
 * but Allow → 403 with forbiddenMessage). Framework-free: the HTTP adapter calls this with a
 * narrow view of the request and gets the user and request info, or a StatusError to send; trace
 * events are emitted on the way.
 */
import { newInternalError, newUnauthorized } from '@tlsboot/api';
import type { StatusError } from '@tlsboot/api';
import type { AuthenticationRequest, Authenticator, UserInfo } from '../authentication/interfaces.js';
import { forbiddenError } from '../authorization/forbidden.js';
import type { Attributes, Authorizer } from '../authorization/interfaces.js';
import { describeAttributes } from '../authorization/interfaces.js';
import { RequestInfoError, parseRequestInfo } from '../endpoints/request/request-info.js';
import type { RequestInfo } from '../endpoints/request/request-info.js';
import type { TraceEventBody } from '../trace.js';

export interface FilterRequest extends AuthenticationRequest {
  method: string;
  path: string;
  query: URLSearchParams;
}

export type FilterOutcome = { ok: true; user: UserInfo; info: RequestInfo } | { ok: false; error: StatusError };

export type Emit = (event: TraceEventBody) => void;

export function attributesOf(info: RequestInfo, user: UserInfo): Attributes {
  return {
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
}

export async function runFilters(req: FilterRequest, authenticator: Authenticator, authorizer: Authorizer, emit: Emit): Promise<FilterOutcome> {
  let info: RequestInfo;
  try {
    info = parseRequestInfo(req.method, req.path, req.query);
  } catch (err) {
    if (err instanceof RequestInfoError) return { ok: false, error: newInternalError(err) };
    throw err;
  }
  const result = await authenticator.authenticate(req);
  if (result.kind !== 'authenticated') {
    emit({ type: 'request.authenticated', authenticated: false, failure: result.kind === 'error' ? result.error : 'no credentials and anonymous access is disabled' });
    return { ok: false, error: newUnauthorized('Unauthorized') };
  }
  const user = result.user;
  emit({ type: 'request.authenticated', authenticated: true, user: user.name, groups: [...user.groups], authenticator: result.authenticator });
  const attributes = attributesOf(info, user);
  const decision = await authorizer.authorize(attributes);
  emit({
    type: 'request.authorized',
    decision: decision.decision,
    reason: decision.reason,
    ...(decision.authorizer ? { authorizer: decision.authorizer } : {}),
    attributes: describeAttributes(attributes),
  });
  if (decision.decision !== 'Allow') return { ok: false, error: forbiddenError(attributes, decision.reason) };
  return { ok: true, user, info };
}
