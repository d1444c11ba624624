/**
 * The in-memory Storage: what etcd plus the cacher give kube-apiserver, in one object. One
 * revision counter for the whole store, as etcd's: every write takes the next number and stamps
 * it, as a decimal string, on the object's metadata.resourceVersion. Each resource (key prefix,
 * see keys.ts resourcePrefixOfKey) keeps its own history window for watches, as each cacher
 * does. Objects are copied on the way in and out; a write either commits whole or not at all.
 *
 * Time comes only from the Clock passed in: record times for the history window, the 3 s wait
 * for a resourceVersion the store has not reached (blockTimeout), and periodic bookmarks.
 */
import type { Clock } from '@tlsboot/util';
import { ContinueTokenError, decodeContinue } from './continue.js';
import type { Entry } from './entry.js';
import { canonicalJSON, copyIn, copyOut, makeEntry, restamp } from './entry.js';
import {
  ResourceExpiredError,
  StorageBadRequestError,
  StorageInternalError,
  TooLargeResourceVersionError,
  TooOldResourceVersionError,
  continueExpiredMessage,
  expiredListMessage,
  newKeyExistsError,
  newKeyNotFoundError,
  resourceVersionSetOnCreateMessage,
} from './errors.js';
import { FreshWaiters, blockTimeoutMs } from './fresh-waiters.js';
import type {
  DeleteOptions,
  GetOptions,
  GuaranteedUpdateOptions,
  ListOptions,
  ListResult,
  Storage,
  StoredObject,
  UpdateFunc,
  WatchOptions,
  Watcher,
} from './interfaces.js';
import { resourcePrefixOfKey } from './keys.js';
import type { KeySpace } from './list.js';
import { keySpaceAt, listPage } from './list.js';
import { checkPreconditions } from './preconditions.js';
import { insertKey, prefixRange, removeKey } from './sorted-keys.js';
import { parseResourceVersion } from './versioner.js';
import type { CacheEvent, WatchCacheHistoryOptions } from './watch-cache.js';
import { WatchHub, defaultBookmarkFrequencyMs } from './watch-hub.js';
import { CacheWatcher } from './watcher.js';

/**
 * Upstream buffers 10–100 events per watcher in each of two channels and may block a writer for
 * a short budget before dropping a slow watcher; a JavaScript writer cannot block, so the buffer
 * is larger instead.
 */
export const defaultWatcherBufferSize = 1_000;

export interface MemoryStoreOptions {
  clock: Clock;
  /** The revision of the empty store, as a fresh etcd's 1; the first write gets the next one. Default 1. */
  initialResourceVersion?: number;
  /** History window per resource; default: upstream's dynamic 100…102 400 events. */
  history?: WatchCacheHistoryOptions;
  watcherBufferSize?: number;
  /** Periodic bookmarks to watchers that allow them (cacher: every minute); 0 turns them off. */
  bookmarkFrequencyMs?: number;
  /** How long a read waits for a resourceVersion the store has not reached yet; 0: fail at once. */
  blockTimeoutMs?: number;
  /** Which history window a key belongs to. Default: keys.ts resourcePrefixOfKey. */
  resourcePrefixOf?: (key: string) => string;
}

/** etcd3 store.prepareKey's checks. */
function checkKey(key: string): void {
  if (key === '' || key === '/') throw new StorageInternalError(`empty key: ${JSON.stringify(key)}`);
  for (const dots of ['.', '..']) {
    if (key === dots || key.startsWith(`${dots}/`) || key.endsWith(`/${dots}`) || key.includes(`/${dots}/`)) {
      throw new StorageInternalError(`invalid key: ${JSON.stringify(key)}`);
    }
  }
}

/** A list or watch key: a prefix gets its trailing "/" (upstream appends it for recursive reads). */
function normalizeKey(key: string, recursive: boolean | undefined): { key: string; recursive: boolean } {
  checkKey(key);
  const r = recursive ?? key.endsWith('/');
  return { key: r && !key.endsWith('/') ? `${key}/` : key, recursive: r };
}

export class MemoryStore implements Storage {
  readonly #clock: Clock;
  #rv: number;
  readonly #objects = new Map<string, Entry>();
  readonly #keys: string[] = [];
  readonly #space: KeySpace;
  readonly #hub: WatchHub;
  readonly #fresh: FreshWaiters;
  readonly #bufferSize: number;
  readonly #prefixOf: (key: string) => string;
  #closed = false;

  constructor(options: MemoryStoreOptions) {
    this.#clock = options.clock;
    const initialRV = options.initialResourceVersion ?? 1;
    if (!Number.isSafeInteger(initialRV) || initialRV < 0) {
      throw new RangeError(`initialResourceVersion must be a non-negative integer, got ${initialRV}`);
    }
    this.#rv = initialRV;
    this.#bufferSize = options.watcherBufferSize ?? defaultWatcherBufferSize;
    this.#hub = new WatchHub({
      clock: this.#clock,
      initialResourceVersion: initialRV,
      history: options.history ?? {},
      bookmarkFrequencyMs: options.bookmarkFrequencyMs ?? defaultBookmarkFrequencyMs,
      currentResourceVersion: () => this.#rv,
    });
    this.#fresh = new FreshWaiters(this.#clock, options.blockTimeoutMs ?? blockTimeoutMs);
    this.#prefixOf = options.resourcePrefixOf ?? resourcePrefixOfKey;
    this.#space = { keys: this.#keys, get: (k) => this.#objects.get(k) };
  }

  /** The current revision, synchronously. */
  get resourceVersion(): number {
    return this.#rv;
  }

  /** Open watchers, across all resources. */
  get watcherCount(): number {
    return this.#hub.watcherCount;
  }

  async currentResourceVersion(): Promise<string> {
    return String(this.#rv);
  }

  async count(key: string): Promise<number> {
    // etcd3 Count: the key is always a directory prefix.
    const [start, end] = prefixRange(this.#keys, normalizeKey(key, true).key);
    return end - start;
  }

  async create(key: string, obj: StoredObject): Promise<StoredObject> {
    checkKey(key);
    this.#checkOpen();
    const owned = copyIn(key, obj);
    if (parsesToNonZero(owned.metadata.resourceVersion)) throw new StorageInternalError(resourceVersionSetOnCreateMessage);
    if (this.#objects.has(key)) throw newKeyExistsError(key, 0);
    const entry = makeEntry(key, this.#rv + 1, owned);
    this.#commit('ADDED', key, entry, undefined);
    return copyOut(entry);
  }

  get(key: string, opts?: GetOptions & { ignoreNotFound?: false }): Promise<StoredObject>;
  get(key: string, opts: GetOptions & { ignoreNotFound: true }): Promise<StoredObject | null>;
  async get(key: string, opts: GetOptions = {}): Promise<StoredObject | null> {
    checkKey(key);
    await this.#waitUntilFresh(parseResourceVersion(opts.resourceVersion ?? ''));
    const entry = this.#objects.get(key);
    if (entry !== undefined) return copyOut(entry);
    if (opts.ignoreNotFound === true) return null;
    throw newKeyNotFoundError(key, this.#rv);
  }

  async getList(key: string, opts: ListOptions = {}): Promise<ListResult> {
    const { key: k, recursive } = normalizeKey(key, opts.recursive);
    const rvString = opts.resourceVersion ?? '';
    const limit = opts.limit !== undefined && opts.limit > 0 ? Math.floor(opts.limit) : 0;
    const page = { key: k, recursive, limit, predicate: opts.predicate };
    if (opts.continue !== undefined && opts.continue !== '') {
      if (rvString !== '' && rvString !== '0') {
        throw new StorageBadRequestError('specifying resource version is not allowed when using continue');
      }
      let token: { fromKey: string; resourceVersion: number };
      try {
        token = decodeContinue(opts.continue, k);
      } catch (err) {
        if (!(err instanceof ContinueTokenError)) throw err;
        throw new StorageBadRequestError(`invalid continue token: ${err.message}`);
      }
      const listRV = token.resourceVersion === -1 ? this.#rv : token.resourceVersion;
      const space = await this.#spaceAt(k, recursive, listRV, continueExpiredMessage);
      return listPage(space, { ...page, from: token.fromKey, listRV });
    }
    const requested = parseResourceVersion(rvString);
    const exact = opts.resourceVersionMatch === 'Exact' || (opts.resourceVersionMatch === undefined && limit > 0 && requested > 0);
    if (exact) {
      if (requested === 0) throw new StorageBadRequestError(`resourceVersionMatch "Exact" is forbidden for resourceVersion "${rvString}"`);
      const space = await this.#spaceAt(k, recursive, requested, expiredListMessage);
      return listPage(space, { ...page, listRV: requested });
    }
    await this.#waitUntilFresh(requested);
    // resourceVersion "0" is served from the watch cache, which ignores limit.
    return listPage(this.#space, { ...page, limit: rvString === '0' ? 0 : limit, listRV: this.#rv });
  }

  async guaranteedUpdate(key: string, tryUpdate: UpdateFunc, opts: GuaranteedUpdateOptions = {}): Promise<StoredObject> {
    checkKey(key);
    for (;;) {
      this.#checkOpen();
      const current = this.#objects.get(key);
      if (current === undefined && opts.ignoreNotFound !== true) throw newKeyNotFoundError(key, 0);
      const input: StoredObject = current === undefined ? { metadata: {} } : copyOut(current);
      checkPreconditions(key, opts.preconditions, current?.view ?? input);
      const output = await tryUpdate(input, { resourceVersion: String(current?.rv ?? 0) });
      // Someone wrote the key while tryUpdate ran: run it again on the new state, as etcd3's
      // GuaranteedUpdate does when its transaction finds a newer revision.
      if (this.#objects.get(key) !== current) continue;
      this.#checkOpen();
      const owned = copyIn(key, output);
      if (current !== undefined && sameContent(current, owned)) return copyOut(current);
      const entry = makeEntry(key, this.#rv + 1, owned);
      this.#commit(current === undefined ? 'ADDED' : 'MODIFIED', key, entry, current);
      return copyOut(entry);
    }
  }

  async delete(key: string, opts: DeleteOptions = {}): Promise<StoredObject> {
    checkKey(key);
    for (;;) {
      this.#checkOpen();
      const current = this.#objects.get(key);
      if (current === undefined) throw newKeyNotFoundError(key, 0);
      checkPreconditions(key, opts.preconditions, current.view);
      if (opts.validateDeletion !== undefined) await opts.validateDeletion(copyOut(current));
      if (this.#objects.get(key) !== current) continue;
      const rv = this.#rv + 1;
      this.#commit('DELETED', key, undefined, current);
      return copyOut(restamp(current, rv));
    }
  }

  async watch(key: string, opts: WatchOptions = {}): Promise<Watcher> {
    const { key: k, recursive } = normalizeKey(key, opts.recursive);
    this.#checkOpen();
    const requested = parseResourceVersion(opts.resourceVersion ?? '');
    const resourcePrefix = this.#prefixOf(k);
    if (!k.startsWith(resourcePrefix)) {
      throw new StorageBadRequestError(`cannot watch ${k}: it spans several resources; watch one resource prefix such as ${resourcePrefix}`);
    }
    const make = (startResourceVersion: number): CacheWatcher =>
      new CacheWatcher({
        key: k,
        recursive,
        predicate: opts.predicate,
        allowBookmarks: opts.allowBookmarks === true,
        bookmarkTypeMeta: opts.bookmarkTypeMeta,
        bufferSize: this.#bufferSize,
        startResourceVersion,
      });
    if (opts.sendInitialEvents === true) {
      try {
        await this.#waitUntilFresh(requested);
      } catch (err) {
        if (!(err instanceof TooLargeResourceVersionError)) throw err;
        return errorWatcher(make(requested), err);
      }
      this.#checkOpen();
      const w = make(this.#rv);
      w.addInitialObjects(this.#entriesUnder(k, recursive));
      w.addInitialEventsEndBookmark(this.#rv);
      return this.#register(w, resourcePrefix, opts.deadlineMs);
    }
    if (requested === 0) {
      const w = make(this.#rv);
      // Legacy watch from "" or "0": the current state first (watch-list false: none).
      if (opts.sendInitialEvents === undefined) w.addInitialObjects(this.#entriesUnder(k, recursive));
      return this.#register(w, resourcePrefix, opts.deadlineMs);
    }
    const w = make(requested);
    try {
      w.addInitialEvents(this.#hub.history(resourcePrefix).eventsSince(requested));
    } catch (err) {
      if (!(err instanceof TooOldResourceVersionError)) throw err;
      return errorWatcher(w, err);
    }
    return this.#register(w, resourcePrefix, opts.deadlineMs);
  }

  /**
   * Sends a bookmark at the current revision to every watcher that allows bookmarks and has not
   * seen it yet. Returns how many got one.
   */
  bookmark(): number {
    return this.#hub.bookmark(this.#rv);
  }

  /** Ends every watcher, releases reads waiting for a revision, and refuses later writes and watches. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#hub.closeAll();
    this.#fresh.releaseAll();
  }

  #checkOpen(): void {
    if (this.#closed) throw new StorageInternalError('storage is closed');
  }

  /** Applies one write: state, key index, history, watchers, waiters — in that order. */
  #commit(type: CacheEvent['type'], key: string, next: Entry | undefined, prev: Entry | undefined): void {
    const rv = ++this.#rv;
    if (next !== undefined) {
      this.#objects.set(key, next);
      if (prev === undefined) insertKey(this.#keys, key);
    } else {
      this.#objects.delete(key);
      removeKey(this.#keys, key);
    }
    const event: CacheEvent = { type, key, rv, object: next, prev, recordTimeMs: this.#clock.nowMs() };
    this.#hub.record(this.#prefixOf(key), event);
    this.#fresh.reached(rv);
  }

  #entriesUnder(key: string, recursive: boolean): Entry[] {
    if (!recursive) {
      const e = this.#objects.get(key);
      return e === undefined ? [] : [e];
    }
    const [start, end] = prefixRange(this.#keys, key);
    const out: Entry[] = [];
    for (let i = start; i < end; i++) out.push(this.#objects.get(this.#keys[i]!)!);
    return out;
  }

  /** The key space at revision `rv` (current when rv is the current revision). */
  async #spaceAt(key: string, recursive: boolean, rv: number, expiredMessage: string): Promise<KeySpace> {
    await this.#waitUntilFresh(rv);
    if (rv === this.#rv) return this.#space;
    try {
      return keySpaceAt(this.#space, this.#hub.histories(), key, recursive, rv);
    } catch (err) {
      if (err instanceof TooOldResourceVersionError) throw new ResourceExpiredError(expiredMessage);
      throw err;
    }
  }

  /** The cacher's waitUntilFreshAndBlock (fresh-waiters.ts). */
  #waitUntilFresh(rv: number): Promise<void> {
    return this.#fresh.wait(rv, () => this.#rv);
  }

  #register(w: CacheWatcher, resourcePrefix: string, deadlineMs: number | undefined): CacheWatcher {
    this.#hub.register(resourcePrefix, w, deadlineMs);
    return w;
  }
}

function errorWatcher(w: CacheWatcher, err: TooOldResourceVersionError | TooLargeResourceVersionError): CacheWatcher {
  w.failWith(err.status);
  return w;
}

/** versioner.ObjectResourceVersion(obj) != 0: only a parseable, non-zero resourceVersion counts as set. */
function parsesToNonZero(rv: string | undefined): boolean {
  if (rv === undefined) return false;
  try {
    return parseResourceVersion(rv) !== 0;
  } catch {
    return false;
  }
}

/** GuaranteedUpdate's no-op rule: same content apart from resourceVersion (and key order). */
function sameContent(current: Entry, candidate: StoredObject): boolean {
  const probe: StoredObject = { ...candidate, metadata: { ...candidate.metadata, resourceVersion: String(current.rv) } };
  return JSON.stringify(probe) === current.json || canonicalJSON(probe) === canonicalJSON(current.view);
}
