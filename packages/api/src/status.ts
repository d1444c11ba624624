/**
 * metav1.Status, the body of every API error and of a DELETE that does not return the object
 * (k8s.io/apimachinery/pkg/apis/meta/v1/types.go). The wire form is
 * `{"kind":"Status","apiVersion":"v1","metadata":{},"status":…,"message":…,"reason":…,"details":{…},"code":N}`
 * with Go's omitempty: an empty string, zero or empty list is left out, while `details` is left
 * out only when absent (a present but empty details prints as `{}`, as upstream's non-nil pointer).
 * The apiserver's encoder (json.Encoder) ends each body with `\n`, e.g. the 401 body is 128 + 1 bytes.
 */
import type { FieldErrorType } from './field-errors.js';
import type { ListMeta } from './meta.js';

/** metav1.StatusReason; `''` is StatusReasonUnknown. */
export type StatusReason =
  | ''
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Gone'
  | 'Invalid'
  | 'ServerTimeout'
  | 'StoreReadError'
  | 'Timeout'
  | 'TooManyRequests'
  | 'BadRequest'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'RequestEntityTooLarge'
  | 'UnsupportedMediaType'
  | 'InternalError'
  | 'Expired'
  | 'ServiceUnavailable';

/** metav1.CauseType: the field error types plus a few of its own. */
export type CauseType = FieldErrorType | 'UnexpectedServerResponse' | 'FieldManagerConflict' | 'ResourceVersionTooLarge';

/** metav1.StatusCause; Go's field `Type` is serialized as `reason`. */
export interface StatusCause {
  reason?: CauseType | (string & {});
  message?: string;
  field?: string;
}

/** metav1.StatusDetails. `kind` is the resource plural for most reasons, the Kind for Invalid. */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: ListMeta;
  status?: 'Success' | 'Failure';
  message?: string;
  reason?: StatusReason;
  details?: StatusDetails;
  /** The HTTP status code. */
  code?: number;
}

/**
 * runtime.Unstructured → StatusError check of errors.FromObject: kind `Status` with apiVersion
 * `v1` or `meta.k8s.io/v1`. Use it on a decoded body before trusting it as a Status.
 */
export function isStatus(obj: unknown): obj is Status {
  if (typeof obj !== 'object' || obj === null) return false;
  const o = obj as Record<string, unknown>;
  return o['kind'] === 'Status' && (o['apiVersion'] === 'v1' || o['apiVersion'] === 'meta.k8s.io/v1');
}

/**
 * The Status a generic-registry DELETE returns when the store does not hand back the object
 * (k8s.io/apiserver pkg/registry/generic/registry/store.go finalizeDelete):
 * `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","details":{name, group, kind: <resource>, uid}}`,
 * without a code. The delete handler's own fallback adds `code: 200`; pass it when modelling that.
 */
export function statusSuccess(details?: StatusDetails, code?: number): Status {
  const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' };
  if (details !== undefined) s.details = details;
  if (code !== undefined) s.code = code;
  return statusForWire(s);
}

/**
 * The Status exactly as Go serializes it: fields in struct order, omitempty applied, kind and
 * apiVersion forced to `Status`/`v1`. JSON.stringify of the result gives upstream's bytes.
 * (Defaulting a missing status or code is `errorToAPIStatus`'s job, as upstream.)
 */
export function statusForWire(status: Status): Status {
  const out: Status = { kind: 'Status', apiVersion: 'v1', metadata: listMetaForWire(status.metadata) };
  if (status.status) out.status = status.status;
  if (status.message) out.message = status.message;
  if (status.reason) out.reason = status.reason;
  // A decoded `"details": null` is Go's nil pointer: omitted.
  if (status.details !== undefined && status.details !== null) out.details = detailsForWire(status.details);
  if (status.code) out.code = status.code;
  return out;
}

function listMetaForWire(meta: ListMeta | undefined): ListMeta {
  const out: ListMeta = {};
  if (meta?.selfLink) out.selfLink = meta.selfLink;
  if (meta?.resourceVersion) out.resourceVersion = meta.resourceVersion;
  if (meta?.continue) out.continue = meta.continue;
  if (meta?.remainingItemCount !== undefined && meta.remainingItemCount !== null) out.remainingItemCount = meta.remainingItemCount;
  return out;
}

function detailsForWire(d: StatusDetails): StatusDetails {
  const out: StatusDetails = {};
  if (d.name) out.name = d.name;
  if (d.group) out.group = d.group;
  if (d.kind) out.kind = d.kind;
  if (d.uid) out.uid = d.uid;
  if (d.causes && d.causes.length > 0) out.causes = d.causes.map(causeForWire);
  if (d.retryAfterSeconds) out.retryAfterSeconds = d.retryAfterSeconds;
  return out;
}

function causeForWire(c: StatusCause): StatusCause {
  const out: StatusCause = {};
  if (c.reason) out.reason = c.reason;
  if (c.message) out.message = c.message;
  if (c.field) out.field = c.field;
  return out;
}
