/**
 * A watcher of the watch cache, after the cacher's cacheWatcher (kubernetes/kubernetes:
 * staging/src/k8s.io/apiserver/pkg/storage/cacher/cache_watcher.go) and newErrWatcher
 * (cacher.go). Pure: writers hand it events synchronously; the consumer pulls them as an async
 * iterator. It never blocks a writer: live events wait in a bounded buffer, and a watcher whose
 * buffer is full when the next event arrives is terminated as upstream terminates an
 * unresponsive watcher ("Forcing watcher close due to unresponsiveness"). What it had already
 * buffered is still delivered, then iteration ends with no ERROR event (upstream just closes the
 * stream); the client re-watches from the last resourceVersion it saw and gets the rest from the
 * history window. Initial events (current state, replayed history) do not count against the
 * buffer, as upstream serves them from a cache interval rather than the input channel.
 */
import type { StorageStatus } from './errors.js';
import type { Entry } from './entry.js';
import { copyOut } from './entry.js';
import type { Predicate, StoredObject, TypeMeta, WatchCloseReason, WatchEvent, Watcher } from './interfaces.js';
import type { CacheEvent } from './watch-cache.js';
import { deletedEntry } from './watch-cache.js';

/** The annotation of the bookmark that ends a watch-list's initial events (metav1.InitialEventsAnnotationKey). */
export const initialEventsAnnotationKey = 'k8s.io/initial-events-end';

type Pending =
  | { kind: 'object'; type: 'ADDED' | 'MODIFIED' | 'DELETED'; entry: Entry }
  | { kind: 'bookmark'; rv: number; initialEventsEnd: boolean }
  | { kind: 'error'; status: StorageStatus };

/**
 * convertToWatchEvent: how one change looks to a watcher with `predicate`. Matching now and
 * before → MODIFIED; only now → ADDED; only before (or deleted) → DELETED with the previous
 * state stamped with the event's revision; neither → nothing.
 */
export function convertToWatchEvent(
  event: CacheEvent,
  predicate: Predicate | undefined,
): { type: 'ADDED' | 'MODIFIED' | 'DELETED'; entry: Entry } | null {
  const passes = (e: Entry | undefined): boolean => e !== undefined && (predicate === undefined || predicate(e.view));
  const cur = event.type !== 'DELETED' && passes(event.object);
  const old = passes(event.prev);
  if (cur) return { type: old ? 'MODIFIED' : 'ADDED', entry: event.object! };
  if (old) return { type: 'DELETED', entry: deletedEntry(event) };
  return null;
}

export interface CacheWatcherOptions {
  /** The watched key: a prefix ending in "/" when recursive, else one exact key. */
  key: string;
  recursive: boolean;
  predicate?: Predicate;
  allowBookmarks: boolean;
  bookmarkTypeMeta?: TypeMeta;
  /** How many live events may wait for the consumer before the watcher is terminated. */
  bufferSize: number;
  /** Live events at or below this revision are not delivered (they are in the initial events). */
  startResourceVersion: number;
}

export class CacheWatcher implements Watcher {
  readonly #opts: CacheWatcherOptions;
  #initial: Pending[] = [];
  #initialHead = 0;
  #live: Pending[] = [];
  #liveHead = 0;
  /** The newest revision handed to this watcher; later events and bookmarks must be newer. */
  #rv: number;
  #state: 'open' | 'draining' | 'closed' = 'open';
  #closeReason: WatchCloseReason | undefined;
  #waiter: ((r: IteratorResult<WatchEvent, undefined>) => void) | undefined;
  #onClose: ((reason: WatchCloseReason) => void) | undefined;
  #resolveClosed!: (reason: WatchCloseReason) => void;
  readonly closed: Promise<WatchCloseReason>;

  constructor(opts: CacheWatcherOptions) {
    this.#opts = opts;
    this.#rv = opts.startResourceVersion;
    this.closed = new Promise((resolve) => (this.#resolveClosed = resolve));
  }

  get closeReason(): WatchCloseReason | undefined {
    return this.#closeReason;
  }

  /** Whether writes still reach this watcher. */
  get active(): boolean {
    return this.#state === 'open';
  }

  get allowBookmarks(): boolean {
    return this.#opts.allowBookmarks;
  }

  /** Live events waiting for the consumer. */
  get buffered(): number {
    return this.#live.length - this.#liveHead;
  }

  /**
   * Sets the one callback run when the watcher stops taking events (stop, overflow, error,
   * storage close) — at once if it already has.
   */
  onClose(callback: (reason: WatchCloseReason) => void): void {
    if (this.#state !== 'open') callback(this.#closeReason!);
    else this.#onClose = callback;
  }

  matchesKey(key: string): boolean {
    return this.#opts.recursive ? key.startsWith(this.#opts.key) : key === this.#opts.key;
  }

  /** Queues initial ADDED events (current state) — only before the consumer starts. */
  addInitialObjects(entries: readonly Entry[]): void {
    for (const entry of entries) {
      if (this.matchesKey(entry.key) && this.#passes(entry)) this.#initial.push({ kind: 'object', type: 'ADDED', entry });
    }
  }

  /** Queues replayed history (events after the requested revision) as initial events. */
  addInitialEvents(events: readonly CacheEvent[]): void {
    for (const event of events) {
      const converted = this.#convert(event);
      if (converted !== null) this.#initial.push({ kind: 'object', ...converted });
      if (event.rv > this.#rv) this.#rv = event.rv;
    }
  }

  /** The watch-list bookmark closing the initial events; sent only when bookmarks are allowed. */
  addInitialEventsEndBookmark(rv: number): void {
    if (this.#opts.allowBookmarks) this.#initial.push({ kind: 'bookmark', rv, initialEventsEnd: true });
  }

  /** Makes this an error watcher: one ERROR event, then the end (newErrWatcher). */
  failWith(status: StorageStatus): void {
    this.#initial.push({ kind: 'error', status });
    this.#terminate('error', true);
  }

  /** A change committed to storage. Returns false when the watcher is no longer taking events. */
  offer(event: CacheEvent): boolean {
    if (this.#state !== 'open') return false;
    if (event.rv <= this.#rv || !this.matchesKey(event.key)) return true;
    this.#rv = event.rv;
    let converted: ReturnType<typeof convertToWatchEvent>;
    try {
      converted = this.#convert(event);
    } catch {
      // A predicate that throws cannot decide for this watcher any more.
      this.#terminate('error', true);
      return false;
    }
    if (converted === null) return true;
    if (this.buffered >= this.#opts.bufferSize) {
      this.#terminate('too-slow', true);
      return false;
    }
    this.#push({ kind: 'object', ...converted });
    return true;
  }

  /**
   * A bookmark at `rv`, best effort as upstream's nonblockingAdd: dropped when bookmarks are not
   * allowed, when `rv` is not newer than what the watcher has seen, or when the buffer is full.
   */
  offerBookmark(rv: number): boolean {
    if (this.#state !== 'open' || !this.#opts.allowBookmarks || rv <= this.#rv) return false;
    if (this.buffered >= this.#opts.bufferSize) return false;
    this.#rv = rv;
    this.#push({ kind: 'bookmark', rv, initialEventsEnd: false });
    return true;
  }

  /** Ends the watch now, dropping anything not yet delivered. */
  stop(): void {
    this.#terminate('stopped', false);
  }

  /** Ends the watch because the storage is closing. */
  closeForStorage(): void {
    this.#terminate('storage-closed', false);
  }

  next(): Promise<IteratorResult<WatchEvent, undefined>> {
    const item = this.#shift();
    if (item !== undefined) return Promise.resolve({ done: false, value: this.#materialize(item) });
    if (this.#state !== 'open') {
      this.#finish();
      return Promise.resolve({ done: true, value: undefined });
    }
    if (this.#waiter !== undefined) return Promise.reject(new Error('watcher: next() called while another next() is pending'));
    return new Promise((resolve) => (this.#waiter = resolve));
  }

  return(): Promise<IteratorResult<WatchEvent, undefined>> {
    this.stop();
    return Promise.resolve({ done: true, value: undefined });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  #passes(entry: Entry): boolean {
    return this.#opts.predicate === undefined || this.#opts.predicate(entry.view);
  }

  #convert(event: CacheEvent): ReturnType<typeof convertToWatchEvent> {
    if (!this.matchesKey(event.key)) return null;
    return convertToWatchEvent(event, this.#opts.predicate);
  }

  #push(item: Pending): void {
    const waiter = this.#waiter;
    if (waiter !== undefined && this.#initialHead === this.#initial.length && this.buffered === 0) {
      this.#waiter = undefined;
      waiter({ done: false, value: this.#materialize(item) });
      return;
    }
    this.#live.push(item);
  }

  #shift(): Pending | undefined {
    if (this.#initialHead < this.#initial.length) {
      const item = this.#initial[this.#initialHead++]!;
      if (this.#initialHead === this.#initial.length) {
        this.#initial = [];
        this.#initialHead = 0;
      }
      return item;
    }
    if (this.#liveHead < this.#live.length) {
      const item = this.#live[this.#liveHead++]!;
      if (this.#liveHead === this.#live.length) {
        this.#live = [];
        this.#liveHead = 0;
      } else if (this.#liveHead > 1024 && this.#liveHead * 2 > this.#live.length) {
        this.#live = this.#live.slice(this.#liveHead);
        this.#liveHead = 0;
      }
      return item;
    }
    return undefined;
  }

  #materialize(item: Pending): WatchEvent {
    switch (item.kind) {
      case 'object':
        return { type: item.type, object: copyOut(item.entry) };
      case 'error':
        return { type: 'ERROR', object: structuredClone(item.status) };
      case 'bookmark':
        return { type: 'BOOKMARK', object: this.#bookmarkObject(item.rv, item.initialEventsEnd) };
    }
  }

  /** A bookmark carries only apiVersion/kind and metadata.resourceVersion (plus the watch-list annotation). */
  #bookmarkObject(rv: number, initialEventsEnd: boolean): StoredObject {
    const tm = this.#opts.bookmarkTypeMeta;
    const metadata: StoredObject['metadata'] = { resourceVersion: String(rv) };
    if (initialEventsEnd) metadata['annotations'] = { [initialEventsAnnotationKey]: 'true' };
    return tm === undefined ? { metadata } : { apiVersion: tm.apiVersion, kind: tm.kind, metadata };
  }

  /** Stops taking events; with `drain`, what was buffered is still delivered before the end. */
  #terminate(reason: WatchCloseReason, drain: boolean): void {
    if (this.#state === 'closed') return;
    if (this.#state === 'open') {
      this.#closeReason = reason;
      this.#state = 'draining';
      const onClose = this.#onClose;
      this.#onClose = undefined;
      onClose?.(reason);
    }
    if (!drain) {
      this.#initial = [];
      this.#initialHead = 0;
      this.#live = [];
      this.#liveHead = 0;
    }
    if (this.#initialHead === this.#initial.length && this.buffered === 0) this.#finish();
  }

  #finish(): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.({ done: true, value: undefined });
    this.#resolveClosed(this.#closeReason ?? 'stopped');
  }
}
