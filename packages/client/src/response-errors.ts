// How client-go turns a non-2xx answer into an error: k8s.io/client-go/rest/request.go
// (transformResponse, newUnstructuredResponseError, Result.Error, isTextResponse,
// retryAfterSeconds) and k8s.io/apimachinery/pkg/api/errors/errors.go (NewGenericServerResponse,
// FromObject). A Status body from the server wins; anything else becomes a generic StatusError
// whose only cause is UnexpectedServerResponse.
import { goQuote, groupResourceString, statusErrorFromStatus } from '@tlsboot/api';
import type { GroupResource, Status, StatusError, StatusReason } from '@tlsboot/api';

/** maxUnstructuredResponseTextBytes: how much of a non-Status body goes into the message. */
const maxUnstructuredResponseTextBytes = 2048;

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
    details: {
      group: gr?.group ?? '',
      kind: gr?.resource ?? '',
      name,
      causes: isUnexpectedResponse ? [{ reason: 'UnexpectedServerResponse', message: serverMessage }] : [],
      retryAfterSeconds,
    },
    code,
  };
  return statusErrorFromStatus(status);
}

/** What the request knew about its target, for the generic error's message. */
export interface RequestTarget {
  method: string;
  resource?: GroupResource;
  name?: string;
}

/** mime.ParseMediaType's media type, lower-cased; undefined when the header is absent. */
function mediaType(contentType: string | undefined): string | undefined {
  if (contentType === undefined || contentType === '') return undefined;
  return contentType.split(';')[0]!.trim().toLowerCase();
}

/** Retry-After as strconv.Atoi reads it; 0 when absent or not a number. */
function retryAfterSeconds(value: string | undefined): number {
  return value !== undefined && /^[+-]?\d+$/.test(value.trim()) ? Number.parseInt(value.trim(), 10) : 0;
}

/** A body that decodes as a metav1.Status (a missing apiVersion defaults to v1, as Result.Error decodes). */
export function asStatus(value: unknown): Status | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const o = value as Record<string, unknown>;
  if (o['kind'] !== 'Status') return undefined;
  const apiVersion = o['apiVersion'];
  if (apiVersion !== undefined && apiVersion !== '' && apiVersion !== 'v1' && apiVersion !== 'meta.k8s.io/v1') return undefined;
  return { ...(o as unknown as Status), kind: 'Status', apiVersion: 'v1', metadata: (o['metadata'] as Status['metadata']) ?? {} };
}

/**
 * transformResponse + Result.Error for a non-2xx answer. With a JSON content type (or none: the
 * client's own application/json is assumed), a body that is a Status with status Failure is the
 * error as the server sent it. Otherwise the generic error: its message is the body when the
 * answer is text (text/* or no content type), `unknown` when it is not.
 */
export function errorFromResponse(
  statusCode: number,
  headers: Record<string, string | string[] | undefined>,
  body: Buffer,
  target: RequestTarget,
): StatusError {
  const header = (name: string): string | undefined => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const contentType = header('content-type');
  const media = mediaType(contentType);
  const isText = media === undefined || media.startsWith('text/');
  const serverMessage = isText ? body.subarray(0, maxUnstructuredResponseTextBytes).toString('utf8').trim() : 'unknown';
  const generic = newGenericServerResponse(
    statusCode,
    target.method,
    target.resource,
    target.name ?? '',
    serverMessage,
    retryAfterSeconds(header('retry-after')),
    true,
  );
  const decodable = media === undefined || media === 'application/json';
  if (!decodable || body.length === 0) return generic;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return generic;
  }
  const status = asStatus(parsed);
  return status?.status === 'Failure' ? statusErrorFromStatus(status) : generic;
}
