/**
 * genericrest.GenericHttpResponseChecker (k8s.io/apiserver/pkg/registry/generic/rest/response_checker.go)
 * with errors.NewGenericServerResponse (k8s.io/apimachinery/pkg/api/errors/errors.go): a kubelet
 * answer outside 200–206 becomes a Status — 500 as InternalError with the body as the error, 400 as
 * BadRequest with the body as message, anything else as the generic server response for the code
 * (verb "", so `Forbidden (…) ( pods/log p)` with two spaces, exactly as kubectl users see it).
 */
import { StatusError, goQuote, newBadRequest, newInternalError } from '@tlsboot/api';
import type { GroupResource, StatusReason } from '@tlsboot/api';

/** maxReadLength: at most this much of a failed response's body is read. */
export const maxReadLength = 50_000;

/** errors.NewGenericServerResponse with isUnexpectedResponse false and no Retry-After. */
export function newGenericServerResponse(code: number, verb: string, gr: GroupResource, name: string, serverMessage: string): StatusError {
  let reason: StatusReason = '';
  let message = `the server responded with the status code ${code} but did not return more information`;
  switch (code) {
    case 409:
      reason = verb === 'POST' ? 'AlreadyExists' : 'Conflict';
      message = 'the server reported a conflict';
      break;
    case 404:
      reason = 'NotFound';
      message = 'the server could not find the requested resource';
      break;
    case 400:
      reason = 'BadRequest';
      message = 'the server rejected our request for an unknown reason';
      break;
    case 401:
      reason = 'Unauthorized';
      message = 'the server has asked for the client to provide credentials';
      break;
    case 403:
      reason = 'Forbidden';
      message = serverMessage;
      break;
    case 406:
      reason = 'NotAcceptable';
      message = serverMessage;
      break;
    case 415:
      reason = 'UnsupportedMediaType';
      message = serverMessage;
      break;
    case 405:
      reason = 'MethodNotAllowed';
      message = 'the server does not allow this method on the requested resource';
      break;
    case 422:
      reason = 'Invalid';
      message = 'the server rejected our request due to an error in our request';
      break;
    case 503:
      reason = 'ServiceUnavailable';
      message = 'the server is currently unable to handle the request';
      break;
    case 504:
      reason = 'Timeout';
      message = 'the server was unable to return a response in the time allotted, but may still be processing the request';
      break;
    case 429:
      reason = 'TooManyRequests';
      message = 'the server has received too many requests and has asked us to try again later';
      break;
    default:
      if (code >= 500) {
        reason = 'InternalError';
        message = `an error on the server (${goQuote(serverMessage)}) has prevented the request from succeeding`;
      }
  }
  const grString = gr.group === '' ? gr.resource : `${gr.resource}.${gr.group}`;
  if (gr.resource !== '' && name !== '') message = `${message} (${verb.toLowerCase()} ${grString} ${name})`;
  else if (gr.resource !== '') message = `${message} (${verb.toLowerCase()} ${grString})`;
  return new StatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    details: { name, group: gr.group, kind: gr.resource },
    code,
  });
}

/** GenericHttpResponseChecker.Check: undefined for 200–206, else the error for the code and (first 50,000 bytes of the) body. */
export function checkHttpResponse(statusCode: number, body: string, gr: GroupResource, name: string): StatusError | undefined {
  if (statusCode >= 200 && statusCode <= 206) return undefined;
  if (statusCode === 500) return newInternalError(new Error(body));
  if (statusCode === 400) return newBadRequest(body);
  return newGenericServerResponse(statusCode, '', gr, name, body);
}
