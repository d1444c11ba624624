// How client-go turns a non-2xx answer into an error: k8s.io/client-go/rest/request.go
// (transformResponse, newUnstructuredResponseError, Result.Error, isTextResponse,
// retryAfterSeconds) and k8s.io/apimachinery/pkg/api/errors/errors.go (NewGenericServerResponse,
// FromObject). A Status body from the server wins; anything else becomes a generic StatusError
// whose only cause is UnexpectedServerResponse.
import { newGenericServerResponse, statusErrorFromStatus } from '@tlsboot/api';
import type { GroupResource, Status, StatusError } from '@tlsboot/api';

export { newGenericServerResponse };

/** maxUnstructuredResponseTextBytes: how much of a non-Status body goes into the message. */
const maxUnstructuredResponseTextBytes = 2048;

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
