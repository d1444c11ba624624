// errors.NewGenericServerResponse (k8s.io/apimachinery/pkg/api/errors/errors.go): the Status for
// an HTTP answer that carried none — used by client-go's request.go and by the apiserver's
// GenericHttpResponseChecker (kubelet proxying) alike.
import { goQuote } from './go-format.js';
import { groupResourceString } from './meta.js';
import type { GroupResource } from './meta.js';
import type { Status, StatusReason } from './status.js';
import { statusErrorFromStatus } from './status-errors.js';
import type { StatusError } from './status-errors.js';

/**
 * errors.NewGenericServerResponse: the error for an answer that is not a Status. `verb` is the
 * HTTP method; `resource` and `name` (when the request knew them) are appended to the message
 * as `(get secrets x)`.
 */
export function newGenericServerResponse(
  code: number,
  verb: string,
  resource: GroupResource | undefined,
  name: string,
  serverMessage: string,
  retryAfterSeconds: number,
  isUnexpectedResponse: boolean,
): StatusError {
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
      // The server message says who tried to do what: keep it.
      message = serverMessage;
      break;
    case 406:
      reason = 'NotAcceptable';
      message =
        serverMessage === '' || serverMessage === 'unknown'
          ? 'the server was unable to respond with a content type that the client supports'
          : serverMessage;
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
  const gr = resource && (resource.group !== '' || resource.resource !== '') ? resource : undefined;
  if (gr) message = `${message} (${verb.toLowerCase()} ${groupResourceString(gr)}${name ? ` ${name}` : ''})`;
  const status: Status = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    // StatusDetails in Go's field order; causes and retryAfterSeconds are omitempty on the wire
    details: {
      name,
      group: gr?.group ?? '',
      kind: gr?.resource ?? '',
      ...(isUnexpectedResponse ? { causes: [{ reason: 'UnexpectedServerResponse', message: serverMessage }] } : {}),
      ...(retryAfterSeconds !== 0 ? { retryAfterSeconds } : {}),
    },
    code,
  };
  return statusErrorFromStatus(status);
}

