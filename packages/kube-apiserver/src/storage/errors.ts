/**
 * Storage errors as k8s.io/apiserver/pkg/storage/errors.go has them (kubernetes/kubernetes:
 * staging/src/k8s.io/apiserver/pkg/storage/errors.go), plus the few apimachinery Status errors
 * the storage layer itself raises (Expired from the watch cache, "Too large resource version",
 * bad continue tokens). The registry above turns StorageErrors into API errors
 * (pkg/registry/generic/registry/storage_factory … storeerr): KeyNotFound → 404, KeyExists → 409
 * AlreadyExists, InvalidObj and ResourceVersionConflicts → 409 Conflict, Unreachable → 504.
 */
import { TlsbootError } from '@tlsboot/util';

/** Upstream's numeric codes, printed in StorageError messages. */
export const ErrCodeKeyNotFound = 1;
export const ErrCodeKeyExists = 2;
export const ErrCodeResourceVersionConflicts = 3;
export const ErrCodeInvalidObj = 4;
export const ErrCodeUnreachable = 5;
export const ErrCodeTimeout = 6;
export const ErrCodeCorruptObj = 7;

export type StorageErrorCode =
  | 'KEY_NOT_FOUND'
  | 'KEY_EXISTS'
  | 'RESOURCE_VERSION_CONFLICTS'
  | 'INVALID_OBJ'
  | 'UNREACHABLE'
  | 'TIMEOUT'
  | 'CORRUPT_OBJ';

const byNumber: Record<number, { code: StorageErrorCode; text: string }> = {
  [ErrCodeKeyNotFound]: { code: 'KEY_NOT_FOUND', text: 'key not found' },
  [ErrCodeKeyExists]: { code: 'KEY_EXISTS', text: 'key exists' },
  [ErrCodeResourceVersionConflicts]: { code: 'RESOURCE_VERSION_CONFLICTS', text: 'resource version conflicts' },
  [ErrCodeInvalidObj]: { code: 'INVALID_OBJ', text: 'invalid object' },
  [ErrCodeUnreachable]: { code: 'UNREACHABLE', text: 'server unreachable' },
  [ErrCodeTimeout]: { code: 'TIMEOUT', text: 'request timeout' },
  [ErrCodeCorruptObj]: { code: 'CORRUPT_OBJ', text: 'corrupt object' },
};

/**
 * storage.StorageError. The message is upstream's Error() to the letter, e.g.
 * `StorageError: invalid object, Code: 4, Key: /registry/pods/default/p, ResourceVersion: 0,
 * AdditionalErrorMsg: Precondition failed: UID in precondition: a, UID in object meta: b` — the
 * text an API Conflict carries after "Operation cannot be fulfilled on …: ".
 */
export class StorageError extends TlsbootError<StorageErrorCode> {
  /** Upstream's numeric code (ErrCode*). */
  readonly errCode: number;
  readonly key: string;
  readonly resourceVersion: number;
  /** The inner error's text; undefined prints as Go's `<nil>`. */
  readonly additionalErrorMsg: string | undefined;

  constructor(errCode: number, key: string, resourceVersion: number, additionalErrorMsg?: string) {
    const known = byNumber[errCode];
    if (known === undefined) throw new RangeError(`unknown storage error code ${errCode}`);
    super(
      known.code,
      `StorageError: ${known.text}, Code: ${errCode}, Key: ${key}, ResourceVersion: ${resourceVersion}, AdditionalErrorMsg: ${additionalErrorMsg ?? '<nil>'}`,
    );
    this.errCode = errCode;
    this.key = key;
    this.resourceVersion = resourceVersion;
    this.additionalErrorMsg = additionalErrorMsg;
  }
}

export const newKeyNotFoundError = (key: string, rv: number): StorageError => new StorageError(ErrCodeKeyNotFound, key, rv);
export const newKeyExistsError = (key: string, rv: number): StorageError => new StorageError(ErrCodeKeyExists, key, rv);
export const newResourceVersionConflictsError = (key: string, rv: number): StorageError =>
  new StorageError(ErrCodeResourceVersionConflicts, key, rv);
export const newUnreachableError = (key: string, rv: number): StorageError => new StorageError(ErrCodeUnreachable, key, rv);
export const newTimeoutError = (key: string, msg: string): StorageError => new StorageError(ErrCodeTimeout, key, 0, msg);
export const newInvalidObjError = (key: string, msg: string): StorageError => new StorageError(ErrCodeInvalidObj, key, 0, msg);
export const newCorruptObjError = (key: string, msg: string): StorageError => new StorageError(ErrCodeCorruptObj, key, 0, msg);

const hasCode =
  (code: StorageErrorCode) =>
  (err: unknown): err is StorageError =>
    err instanceof StorageError && err.code === code;

/** storage.IsNotFound. */
export const isKeyNotFound = hasCode('KEY_NOT_FOUND');
/** storage.IsExist. */
export const isKeyExists = hasCode('KEY_EXISTS');
/** storage.IsConflict. */
export const isResourceVersionConflict = hasCode('RESOURCE_VERSION_CONFLICTS');
/** storage.IsInvalidObj — what a failed precondition raises. */
export const isInvalidObj = hasCode('INVALID_OBJ');
/** storage.IsUnreachable. */
export const isUnreachable = hasCode('UNREACHABLE');
/** storage.IsRequestTimeout. */
export const isRequestTimeout = hasCode('TIMEOUT');
/** storage.IsCorruptObject. */
export const isCorruptObject = hasCode('CORRUPT_OBJ');

/**
 * storage.InternalError and the plain errors upstream returns for programming mistakes (e.g.
 * ErrResourceVersionSetOnCreate, "invalid key"); the API shows them as 500.
 */
export class StorageInternalError extends TlsbootError<'INTERNAL'> {
  constructor(reason: string) {
    super('INTERNAL', reason);
  }
}

/** storage.ErrResourceVersionSetOnCreate. */
export const resourceVersionSetOnCreateMessage = 'resourceVersion should not be set on objects to be created';

/** field.Error of type FieldValueInvalid, the only kind the storage layer raises. */
export interface StorageFieldError {
  type: 'FieldValueInvalid';
  field: string;
  badValue: string;
  detail: string;
}

/**
 * storage.InvalidError: an invalid API value reached storage, e.g. a resourceVersion that is not
 * a number. The registry turns it into 422 Invalid. Message as field.ErrorList.ToAggregate():
 * `resourceVersion: Invalid value: "abc": strconv.ParseUint: parsing "abc": invalid syntax`.
 */
export class InvalidError extends TlsbootError<'INVALID'> {
  readonly errs: readonly StorageFieldError[];
  constructor(errs: readonly StorageFieldError[]) {
    const parts = errs.map((e) => `${e.field}: Invalid value: ${JSON.stringify(e.badValue)}: ${e.detail}`);
    super('INVALID', parts.length === 1 ? parts[0]! : `[${parts.join(', ')}]`);
    this.errs = errs;
  }
}

/** metav1.Status as the storage layer produces it (structurally the `api` package's Status). */
export interface StorageStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: 'Expired' | 'Timeout' | 'BadRequest';
  details?: {
    causes?: { reason: string; message: string }[];
    retryAfterSeconds?: number;
  };
  code: number;
}

export type StorageStatusErrorCode = 'EXPIRED' | 'TOO_LARGE_RESOURCE_VERSION' | 'BAD_REQUEST';

/** An apimachinery StatusError raised inside storage; `status` is the exact Status to send. */
export class StorageStatusError extends TlsbootError<StorageStatusErrorCode> {
  readonly status: StorageStatus;
  constructor(code: StorageStatusErrorCode, status: StorageStatus) {
    super(code, status.message);
    this.status = status;
  }
}

function failure(reason: StorageStatus['reason'], code: number, message: string): StorageStatus {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

/** errors.NewResourceExpired: 410, reason Expired, no details. */
export class ResourceExpiredError extends StorageStatusError {
  constructor(message: string) {
    super('EXPIRED', failure('Expired', 410, message));
  }
}

/**
 * The watch cache's answer to a watch from a resourceVersion older than its history
 * (pkg/storage/cacher/watch_cache.go getAllEventsSinceLocked): `too old resource version: N (M)`
 * where M is one less than the oldest event it still holds.
 */
export class TooOldResourceVersionError extends ResourceExpiredError {
  readonly resourceVersion: number;
  readonly oldestResourceVersion: number;
  constructor(requested: number, oldestMinusOne: number) {
    super(`too old resource version: ${requested} (${oldestMinusOne})`);
    this.resourceVersion = requested;
    this.oldestResourceVersion = oldestMinusOne;
  }
}

/** etcd3 interpretListError's Expired texts (pkg/storage/etcd3/errors.go). */
export const expiredListMessage = 'The resourceVersion for the provided list is too old.';
export const continueExpiredMessage =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.';

/** storage.tooLargeResourceVersionCauseMsg and metav1.CauseTypeResourceVersionTooLarge. */
export const tooLargeResourceVersionCause = { reason: 'ResourceVersionTooLarge', message: 'Too large resource version' } as const;

/**
 * storage.NewTooLargeResourceVersionError: 504 Timeout
 * `Timeout: Too large resource version: N, current: M` with the ResourceVersionTooLarge cause and
 * retryAfterSeconds (the watch cache uses 1 after waiting 3 s). Client-go retries it.
 */
export class TooLargeResourceVersionError extends StorageStatusError {
  readonly resourceVersion: number;
  readonly currentResourceVersion: number;
  constructor(minimum: number, current: number, retryAfterSeconds: number) {
    const status = failure('Timeout', 504, `Timeout: Too large resource version: ${minimum}, current: ${current}`);
    // Go's omitempty drops a zero retryAfterSeconds (the etcd store's variant).
    status.details = { causes: [{ ...tooLargeResourceVersionCause }] };
    if (retryAfterSeconds > 0) status.details.retryAfterSeconds = retryAfterSeconds;
    super('TOO_LARGE_RESOURCE_VERSION', status);
    this.resourceVersion = minimum;
    this.currentResourceVersion = current;
  }
}

/** storage.IsTooLargeResourceVersion. */
export function isTooLargeResourceVersion(err: unknown): err is TooLargeResourceVersionError {
  return err instanceof TooLargeResourceVersionError;
}

/** errors.NewBadRequest, e.g. `invalid continue token: …`. */
export class StorageBadRequestError extends StorageStatusError {
  constructor(message: string) {
    super('BAD_REQUEST', failure('BadRequest', 400, message));
  }
}
