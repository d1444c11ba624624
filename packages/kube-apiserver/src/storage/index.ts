/**
 * The storage layer of the simulated kube-apiserver: the Storage interface (storage.Interface),
 * its errors, the etcd key layout, and the in-memory implementation with a watch cache.
 */
export type {
  DeleteOptions,
  GetOptions,
  GuaranteedUpdateOptions,
  ListOptions,
  ListResult,
  Preconditions,
  Predicate,
  ResourceVersionMatch,
  ResponseMeta,
  Storage,
  StoredObject,
  StoredObjectMeta,
  TypeMeta,
  UpdateFunc,
  ValidateObjectFunc,
  WatchCloseReason,
  WatchEvent,
  WatchEventType,
  WatchOptions,
  Watcher,
} from './interfaces.js';
export {
  ErrCodeCorruptObj,
  ErrCodeInvalidObj,
  ErrCodeKeyExists,
  ErrCodeKeyNotFound,
  ErrCodeResourceVersionConflicts,
  ErrCodeTimeout,
  ErrCodeUnreachable,
  InvalidError,
  ResourceExpiredError,
  StorageBadRequestError,
  StorageError,
  StorageInternalError,
  StorageStatusError,
  TooLargeResourceVersionError,
  TooOldResourceVersionError,
  continueExpiredMessage,
  expiredListMessage,
  isCorruptObject,
  isInvalidObj,
  isKeyExists,
  isKeyNotFound,
  isRequestTimeout,
  isResourceVersionConflict,
  isTooLargeResourceVersion,
  isUnreachable,
  newCorruptObjError,
  newInvalidObjError,
  newKeyExistsError,
  newKeyNotFoundError,
  newResourceVersionConflictsError,
  newTimeoutError,
  newUnreachableError,
  resourceVersionSetOnCreateMessage,
  tooLargeResourceVersionCause,
} from './errors.js';
export type { StorageErrorCode, StorageFieldError, StorageStatus, StorageStatusErrorCode } from './errors.js';
export { keyFor, prefixFor, registryPrefix, resourcePrefix, resourcePrefixOfKey } from './keys.js';
export type { GroupResource, ResourceRef } from './keys.js';
export { parseResourceVersion } from './versioner.js';
export { encodeContinue, decodeContinue } from './continue.js';
export { checkPreconditions } from './preconditions.js';
export { MemoryStore, defaultWatcherBufferSize } from './memory-store.js';
export { blockTimeoutMs, resourceVersionTooHighRetrySeconds } from './fresh-waiters.js';
export { defaultBookmarkFrequencyMs } from './watch-hub.js';
export type { MemoryStoreOptions } from './memory-store.js';
export { defaultLowerBoundCapacity, defaultUpperBoundCapacity, eventFreshDurationMs } from './watch-cache.js';
export type { WatchCacheHistoryOptions } from './watch-cache.js';
export { initialEventsAnnotationKey } from './watcher.js';
