/**
 * StatusError and its constructors, one per reason, as k8s.io/apimachinery/pkg/api/errors/errors.go
 * builds them; the 406/415 negotiation errors as k8s.io/apiserver/pkg/endpoints/handlers/negotiation/errors.go;
 * ErrorToAPIStatus as .../handlers/responsewriters/status.go. Callers branch on `reason` (also the
 * TlsbootError `code`), never on the message.
 */
import { TlsbootError, errorMessage } from '@tlsboot/util';
import { fieldErrorListToAggregate } from './field-errors.js';
import { goQuote as quote } from './go-format.js';
import type { FieldError } from './field-errors.js';
import { groupKindString, groupResourceString } from './meta.js';
import type { GroupKind, GroupResource } from './meta.js';
import { isStatus, statusForWire } from './status.js';
import type { Status, StatusDetails, StatusReason } from './status.js';

/** The TlsbootError code of a StatusError: its reason, or `Unknown` for StatusReasonUnknown (''). */
export type StatusErrorCode = Exclude<StatusReason, ''> | 'Unknown';

/**
 * errors.StatusError: an error that crosses the API as a Status. `status` is the wire object
 * (see `toJSON`), `statusCode` its HTTP code, `reason` its StatusReason; `message` is
 * `status.message`, as Go's Error().
 */
export class StatusError extends TlsbootError<StatusErrorCode> {
  readonly status: Status;

  constructor(status: Status) {
    super(status.reason ? status.reason : 'Unknown', status.message ?? '');
    this.status = statusForWire(status);
  }

  get reason(): StatusReason {
    return this.status.reason ?? '';
  }

  /** The HTTP status code (Status.code); 0 when the status carries none. */
  get statusCode(): number {
    return this.status.code ?? 0;
  }

  /** So that JSON.stringify(err) is the Status body upstream sends. */
  toJSON(): Status {
    return this.status;
  }
}

export function isStatusError(err: unknown): err is StatusError {
  return err instanceof StatusError;
}

function failure(code: number, reason: StatusReason, message: string, details?: StatusDetails): StatusError {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason };
  if (details !== undefined) status.details = details;
  status.code = code;
  return new StatusError(status);
}

function grDetails(gr: GroupResource, name: string): StatusDetails {
  return { name, group: gr.group, kind: gr.resource };
}

/** NewNotFound: 404, `secrets "x" not found`. */
export function newNotFound(gr: GroupResource, name: string): StatusError {
  return failure(404, 'NotFound', `${groupResourceString(gr)} ${quote(name)} not found`, grDetails(gr, name));
}

/** NewAlreadyExists: 409, `certificatesigningrequests.certificates.k8s.io "x" already exists`. */
export function newAlreadyExists(gr: GroupResource, name: string): StatusError {
  return failure(409, 'AlreadyExists', `${groupResourceString(gr)} ${quote(name)} already exists`, grDetails(gr, name));
}

/**
 * NewGenerateNameConflict: 409 AlreadyExists after generateName retries ran out,
 * `… "x" already exists, the server was not able to generate a unique name for the object`.
 */
export function newGenerateNameConflict(gr: GroupResource, name: string, retryAfterSeconds: number): StatusError {
  return failure(
    409,
    'AlreadyExists',
    `${groupResourceString(gr)} ${quote(name)} already exists, the server was not able to generate a unique name for the object`,
    { ...grDetails(gr, name), retryAfterSeconds },
  );
}

/**
 * The Conflict detail for a stale resourceVersion (OptimisticLockErrorMsg in
 * k8s.io/apiserver pkg/registry/generic/registry/store.go).
 */
export const optimisticLockErrorMessage = 'the object has been modified; please apply your changes to the latest version and try again';

/** NewConflict: 409, `Operation cannot be fulfilled on <gr> "x": <err>`. */
export function newConflict(gr: GroupResource, name: string, err: unknown): StatusError {
  return failure(409, 'Conflict', `Operation cannot be fulfilled on ${groupResourceString(gr)} ${quote(name)}: ${errorMessage(err)}`, grDetails(gr, name));
}

/**
 * NewForbidden: 403 with three message forms: `forbidden: <err>` for an empty GroupResource
 * (non-resource paths), `<gr> is forbidden: <err>` without a name, `<gr> "x" is forbidden: <err>`.
 */
export function newForbidden(gr: GroupResource, name: string, err: unknown): StatusError {
  const msg = errorMessage(err);
  let message: string;
  if (gr.group === '' && gr.resource === '') message = `forbidden: ${msg}`;
  else if (name === '') message = `${groupResourceString(gr)} is forbidden: ${msg}`;
  else message = `${groupResourceString(gr)} ${quote(name)} is forbidden: ${msg}`;
  return failure(403, 'Forbidden', message, grDetails(gr, name));
}

/** NewUnauthorized: 401 with the reason as message (`not authorized` when empty), no details. */
export function newUnauthorized(reason: string): StatusError {
  return failure(401, 'Unauthorized', reason.length === 0 ? 'not authorized' : reason);
}

/**
 * NewInvalid: 422, `<Kind.group> "x" is invalid: <aggregate>` (just `… is invalid` for no
 * errors). details.kind is the Kind; each field error becomes a cause {reason: its type,
 * message: its body, field}, repeats included (only the message drops them).
 */
export function newInvalid(gk: GroupKind, name: string, errs: readonly FieldError[]): StatusError {
  const causes = errs.map((e) => ({ reason: e.type, message: e.errorBody(), field: e.field }));
  const agg = fieldErrorListToAggregate(errs);
  const base = `${groupKindString(gk)} ${quote(name)} is invalid`;
  return failure(422, 'Invalid', agg === undefined ? base : `${base}: ${agg.message}`, { name, group: gk.group, kind: gk.kind, causes });
}

/** NewBadRequest: 400 with the text as message. */
export function newBadRequest(message: string): StatusError {
  return failure(400, 'BadRequest', message);
}

/** NewMethodNotSupported: 405, `<action> is not supported on resources of kind "<gr>"`. */
export function newMethodNotSupported(gr: GroupResource, action: string): StatusError {
  return failure(405, 'MethodNotAllowed', `${action} is not supported on resources of kind ${quote(groupResourceString(gr))}`, {
    group: gr.group,
    kind: gr.resource,
  });
}

/** NewGone (deprecated upstream in favour of NewResourceExpired): 410 Gone. */
export function newGone(message: string): StatusError {
  return failure(410, 'Gone', message);
}

/** NewResourceExpired: 410 Expired, e.g. `too old resource version: 5 (10)`. */
export function newResourceExpired(message: string): StatusError {
  return failure(410, 'Expired', message);
}

/** NewInternalError: 500, `Internal error occurred: <err>`, the error text as the one cause. */
export function newInternalError(err: unknown): StatusError {
  const msg = errorMessage(err);
  return failure(500, 'InternalError', `Internal error occurred: ${msg}`, { causes: [{ message: msg }] });
}

/** NewRequestEntityTooLargeError: 413, `Request entity too large: <message>`. */
export function newRequestEntityTooLarge(message: string): StatusError {
  return failure(413, 'RequestEntityTooLarge', `Request entity too large: ${message}`);
}

/**
 * negotiation.NewUnsupportedMediaTypeError: 415,
 * `the body of the request was in an unknown format - accepted media types include: a, b`.
 */
export function newUnsupportedMediaType(accepted: readonly string[]): StatusError {
  return failure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`);
}

/** negotiation.NewNotAcceptableError: 406, `only the following media types are accepted: a, b`. */
export function newNotAcceptable(accepted: readonly string[]): StatusError {
  return failure(406, 'NotAcceptable', `only the following media types are accepted: ${accepted.join(', ')}`);
}

/** NewServiceUnavailable: 503 with the reason as message. */
export function newServiceUnavailable(reason: string): StatusError {
  return failure(503, 'ServiceUnavailable', reason);
}

/** NewTimeoutError: 504, `Timeout: <message>`, details carrying retryAfterSeconds (`{}` when 0). */
export function newTimeout(message: string, retryAfterSeconds: number): StatusError {
  return failure(504, 'Timeout', `Timeout: ${message}`, { retryAfterSeconds });
}

/**
 * NewServerTimeout: 500 ServerTimeout,
 * `The <operation> operation against <gr> could not be completed at this time, please try again.`
 */
export function newServerTimeout(gr: GroupResource, operation: string, retryAfterSeconds: number): StatusError {
  return failure(
    500,
    'ServerTimeout',
    `The ${operation} operation against ${groupResourceString(gr)} could not be completed at this time, please try again.`,
    { name: operation, group: gr.group, kind: gr.resource, retryAfterSeconds },
  );
}

/** NewTooManyRequests: 429 with the message as is and details.retryAfterSeconds (`{}` when 0). */
export function newTooManyRequests(message: string, retryAfterSeconds: number): StatusError {
  return failure(429, 'TooManyRequests', message, { retryAfterSeconds });
}

/** NewTooManyRequestsError: 429, `Too many requests: <message>`, no details. */
export function newTooManyRequestsError(message: string): StatusError {
  return failure(429, 'TooManyRequests', `Too many requests: ${message}`);
}

/** errors.FromObject for a decoded response body: the client's Status → typed error. */
export function statusErrorFromStatus(status: Status): StatusError {
  return new StatusError(status);
}

/**
 * responsewriters.ErrorToAPIStatus: the Status to send for anything thrown. A StatusError keeps
 * its status (Failure and code 500 filled in when missing, 200 for Success); any other error
 * becomes 500 with reason Unknown and its message.
 */
export function errorToAPIStatus(err: unknown): Status {
  if (err instanceof StatusError) {
    const s: Status = { ...err.status };
    if (!s.status) s.status = 'Failure';
    if (!s.code) s.code = s.status === 'Success' ? 200 : 500;
    return statusForWire(s);
  }
  return statusForWire({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: errorMessage(err), code: 500 });
}

/** ReasonForError: the reason of a StatusError (or of a Status object), '' otherwise. */
export function reasonForError(err: unknown): StatusReason {
  if (err instanceof StatusError) return err.reason;
  if (isStatus(err)) return err.reason ?? '';
  return '';
}

const knownReasons: ReadonlySet<StatusReason> = new Set<StatusReason>([
  'Unauthorized', 'Forbidden', 'NotFound', 'AlreadyExists', 'Conflict', 'Gone', 'Invalid', 'ServerTimeout', 'StoreReadError',
  'Timeout', 'TooManyRequests', 'BadRequest', 'MethodNotAllowed', 'NotAcceptable', 'RequestEntityTooLarge',
  'UnsupportedMediaType', 'InternalError', 'Expired', 'ServiceUnavailable',
]);

function reasonAndCode(err: unknown): [StatusReason, number] {
  if (err instanceof StatusError) return [err.reason, err.statusCode];
  if (isStatus(err)) return [err.reason ?? '', err.code ?? 0];
  return ['', 0];
}

/** The Is* rule: the reason matches, or the reason is not a known one and the code matches. */
function is(reason: StatusReason, code: number) {
  return (err: unknown): boolean => {
    const [r, c] = reasonAndCode(err);
    return r === reason || (!knownReasons.has(r) && c === code);
  };
}

export const isNotFound = is('NotFound', 404);
export const isConflict = is('Conflict', 409);
export const isInvalid = is('Invalid', 422);
export const isGone = is('Gone', 410);
export const isForbidden = is('Forbidden', 403);
export const isUnauthorized = is('Unauthorized', 401);
export const isBadRequest = is('BadRequest', 400);
export const isMethodNotSupported = is('MethodNotAllowed', 405);
export const isServiceUnavailable = is('ServiceUnavailable', 503);
export const isInternalError = is('InternalError', 500);
export const isNotAcceptable = is('NotAcceptable', 406);
export const isUnsupportedMediaType = is('UnsupportedMediaType', 415);
export const isTimeout = is('Timeout', 504);
/** IsAlreadyExists checks the reason only. */
export const isAlreadyExists = (err: unknown): boolean => reasonForError(err) === 'AlreadyExists';
/** IsResourceExpired checks the reason only. */
export const isResourceExpired = (err: unknown): boolean => reasonForError(err) === 'Expired';
/** IsTooManyRequests: the reason, or code 429 whatever the reason. */
export const isTooManyRequests = (err: unknown): boolean => {
  const [r, c] = reasonAndCode(err);
  return r === 'TooManyRequests' || c === 429;
};
