/**
 * The storage contract of the apiserver, modelled on storage.Interface
 * (kubernetes/kubernetes: staging/src/k8s.io/apiserver/pkg/storage/interfaces.go) as the generic
 * registry sees it through the watch cache (pkg/storage/cacher). Keys are full etcd keys as
 * kube-apiserver lays them out (`/registry/secrets/default/x`, see keys.ts), so an etcd-backed
 * implementation can replace the in-memory one without the layers above noticing.
 *
 * Objects are plain JSON objects. The store owns `metadata.resourceVersion` and nothing else:
 * uid, creationTimestamp, generateName and validation belong to the registry above it.
 */
import type { StorageStatus } from './errors.js';

/**
 * The minimal ObjectMeta the store reads. Kept local on purpose (the `api` package owns the full
 * types); any Kubernetes object in JSON form fits it.
 */
export interface StoredObjectMeta {
  name?: string;
  namespace?: string;
  resourceVersion?: string;
  uid?: string;
  [k: string]: unknown;
}

/** Any Kubernetes object in its JSON form. */
export interface StoredObject {
  metadata: StoredObjectMeta;
  [k: string]: unknown;
}

/**
 * SelectionPredicate reduced to its decision: true when the object is selected. It is called on
 * a frozen view of the stored object, so it cannot change what it looks at. Absent means
 * storage.Everything.
 */
export type Predicate = (obj: Readonly<StoredObject>) => boolean;

/** metav1.ResourceVersionMatch. */
export type ResourceVersionMatch = 'NotOlderThan' | 'Exact';

/** storage.Preconditions: the target must still have this uid and/or resourceVersion. */
export interface Preconditions {
  uid?: string;
  resourceVersion?: string;
}

/** storage.GetOptions. */
export interface GetOptions {
  /** Return null instead of throwing KeyNotFound. */
  ignoreNotFound?: boolean;
  /** "Not older than" constraint; "" and "0" accept any state. */
  resourceVersion?: string;
}

/** storage.ListOptions for GetList. */
export interface ListOptions {
  /** Absent: every object under the key. */
  predicate?: Predicate;
  /** "" = most recent (consistent read), "0" = any, "N" = see resourceVersionMatch. */
  resourceVersion?: string;
  /** Unset with an "N": not older than N, or exactly N when `limit` is set (legacy rule). */
  resourceVersionMatch?: ResourceVersionMatch;
  /** Page size; ignored for resourceVersion "0" as the watch cache does. */
  limit?: number;
  /** The `continue` token of the previous page. */
  continue?: string;
  /**
   * Whether `key` is a prefix (true) or one exact key (false). Default: true when the key ends
   * with "/", false otherwise. A recursive key without a trailing "/" gets one, as upstream.
   */
  recursive?: boolean;
}

/** The list a GetList fills, before the registry wraps it in a typed List. */
export interface ListResult {
  /** Sorted by key. */
  items: StoredObject[];
  /** ListMeta.resourceVersion: the revision the list reflects. */
  resourceVersion: string;
  /** ListMeta.continue, when there may be more items. */
  continue?: string;
  /** ListMeta.remainingItemCount: set with `continue` when no predicate was given. */
  remainingItemCount?: number;
}

/** storage.ResponseMeta handed to tryUpdate. */
export interface ResponseMeta {
  /** The revision of the object passed in; "0" when it does not exist (ignoreNotFound). */
  resourceVersion: string;
}

/**
 * storage.UpdateFunc: gets a private copy of the current object (an object with empty metadata
 * when it does not exist and ignoreNotFound is set) and returns the desired object, or throws to
 * abort. May be async; when the object changes while it runs, it is called again on the new state.
 */
export type UpdateFunc = (existing: StoredObject, res: ResponseMeta) => StoredObject | Promise<StoredObject>;

export interface GuaranteedUpdateOptions {
  preconditions?: Preconditions;
  /** Call tryUpdate with an empty object instead of throwing KeyNotFound. */
  ignoreNotFound?: boolean;
}

/** storage.ValidateObjectFunc: throw to refuse; it must not modify the object. */
export type ValidateObjectFunc = (obj: StoredObject) => void | Promise<void>;

export interface DeleteOptions {
  preconditions?: Preconditions;
  validateDeletion?: ValidateObjectFunc;
}

/** The apiVersion and kind a BOOKMARK object carries (the store does not know kinds). */
export interface TypeMeta {
  apiVersion: string;
  kind: string;
}

/** storage.ListOptions as Watch uses it, plus what the cacher takes from the request. */
export interface WatchOptions {
  /** "" or "0": current state as ADDED, then changes. "N": changes after N. */
  resourceVersion?: string;
  predicate?: Predicate;
  /** Predicate.AllowWatchBookmarks. */
  allowBookmarks?: boolean;
  /**
   * Watch-list: true → every current object as ADDED, then (with allowBookmarks) a BOOKMARK
   * annotated `k8s.io/initial-events-end: "true"`; false → no initial state. Unset → legacy.
   */
  sendInitialEvents?: boolean;
  /** As for ListOptions. */
  recursive?: boolean;
  /** apiVersion/kind stamped on BOOKMARK objects. */
  bookmarkTypeMeta?: TypeMeta;
  /**
   * When the caller will end the watch (epoch ms on the store's clock): a bookmark is sent 2 s
   * before it, as the cacher does, so the client resumes from a fresh resourceVersion.
   */
  deadlineMs?: number;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** watch.Event. ERROR carries a Status; every other type a full object. */
export type WatchEvent =
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK'; object: StoredObject }
  | { type: 'ERROR'; object: StorageStatus };

/**
 * Why a watcher ended: `stopped` by its consumer, `too-slow` (its buffer overflowed; upstream
 * "Forcing watcher close due to unresponsiveness"), `error` (an error watcher), `storage-closed`.
 */
export type WatchCloseReason = 'stopped' | 'too-slow' | 'error' | 'storage-closed';

/**
 * watch.Interface as an async iterator. Iteration ends when the watcher closes; breaking out of
 * a `for await` loop stops it.
 */
export interface Watcher extends AsyncIterableIterator<WatchEvent> {
  stop(): void;
  /** Set once the watcher has closed, or is draining what it buffered before closing. */
  readonly closeReason: WatchCloseReason | undefined;
  /** Resolves with the reason once no more events will be delivered. */
  readonly closed: Promise<WatchCloseReason>;
}

/** storage.Interface. Every method may throw the errors of errors.ts. */
export interface Storage {
  /** Adds obj at key unless the key exists (KeyExists); returns it with its resourceVersion. */
  create(key: string, obj: StoredObject): Promise<StoredObject>;
  get(key: string, opts?: GetOptions & { ignoreNotFound?: false }): Promise<StoredObject>;
  get(key: string, opts: GetOptions & { ignoreNotFound: true }): Promise<StoredObject | null>;
  getList(key: string, opts?: ListOptions): Promise<ListResult>;
  /**
   * Reads, calls tryUpdate, writes; retries when the object changed meanwhile. A result equal to
   * the current object writes nothing and keeps the resourceVersion.
   */
  guaranteedUpdate(key: string, tryUpdate: UpdateFunc, opts?: GuaranteedUpdateOptions): Promise<StoredObject>;
  /** Removes key and returns its last state stamped with the deletion's resourceVersion. */
  delete(key: string, opts?: DeleteOptions): Promise<StoredObject>;
  watch(key: string, opts?: WatchOptions): Promise<Watcher>;
  /** Number of objects under a key prefix. */
  count(key: string): Promise<number>;
  /** The newest revision of the whole store, as a decimal string. */
  currentResourceVersion(): Promise<string>;
}
