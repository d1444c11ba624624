/**
 * The history window of one resource, as the cacher's watchCache keeps it (kubernetes/kubernetes:
 * staging/src/k8s.io/apiserver/pkg/storage/cacher/watch_cache.go): a cyclic buffer of the most
 * recent events, each with the object's previous state so watchers with a selector can turn a
 * change into ADDED or DELETED. Pure: it is told the record time of each event and never reads a
 * clock or sets a timer.
 *
 * Capacity is dynamic as upstream's (resizeCacheLocked): it starts at the lower bound (100),
 * doubles (up to 100 × 1024) when the buffer is full and its oldest event is younger than
 * eventFreshDuration (75 s), and halves (down to the lower bound) when the newest quarter is
 * older than that. A fixed `capacity` turns resizing off.
 */
import { TooOldResourceVersionError } from './errors.js';
import type { Entry } from './entry.js';
import { restamp } from './entry.js';

/** watch_cache.go constants. */
export const defaultLowerBoundCapacity = 100;
export const defaultUpperBoundCapacity = 100 * 1024;
export const eventFreshDurationMs = 75_000;

/** watchCacheEvent: one change, with the state before it. */
export interface CacheEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly key: string;
  readonly rv: number;
  /** The new state (ADDED, MODIFIED). */
  readonly object: Entry | undefined;
  /** The state before (MODIFIED, DELETED). */
  readonly prev: Entry | undefined;
  readonly recordTimeMs: number;
}

const deletedViews = new WeakMap<CacheEvent, Entry>();

/**
 * The previous state stamped with the event's revision: what a DELETED event carries, both for a
 * real delete and for an object that stopped matching a watcher's selector. Memoized per event,
 * so a thousand watchers share one copy.
 */
export function deletedEntry(event: CacheEvent): Entry {
  let e = deletedViews.get(event);
  if (e === undefined) {
    e = restamp(event.prev!, event.rv);
    deletedViews.set(event, e);
  }
  return e;
}

export interface WatchCacheHistoryOptions {
  /** A fixed capacity; disables resizing. */
  capacity?: number;
  lowerBoundCapacity?: number;
  upperBoundCapacity?: number;
  eventFreshDurationMs?: number;
}

export class WatchCache {
  readonly resourcePrefix: string;
  #lower: number;
  #upper: number;
  readonly #freshMs: number;
  #capacity: number;
  #cache: (CacheEvent | undefined)[];
  /** Absolute indices: the window holds [#start, #end). */
  #start = 0;
  #end = 0;
  /** listResourceVersion: the history starts after this revision. */
  readonly #listRV: number;
  #removedEventSinceRelist = false;

  /** `listResourceVersion`: the revision before the first event this cache will see. */
  constructor(resourcePrefix: string, listResourceVersion: number, options: WatchCacheHistoryOptions = {}) {
    this.resourcePrefix = resourcePrefix;
    this.#listRV = listResourceVersion;
    this.#lower = options.capacity ?? options.lowerBoundCapacity ?? defaultLowerBoundCapacity;
    this.#upper = options.capacity ?? options.upperBoundCapacity ?? defaultUpperBoundCapacity;
    if (!(this.#lower >= 1) || !(this.#upper >= this.#lower)) {
      throw new RangeError(`watch cache capacity bounds must satisfy 1 <= lower (${this.#lower}) <= upper (${this.#upper})`);
    }
    this.#freshMs = options.eventFreshDurationMs ?? eventFreshDurationMs;
    this.#capacity = this.#lower;
    this.#cache = new Array<CacheEvent | undefined>(this.#capacity);
  }

  get capacity(): number {
    return this.#capacity;
  }

  /** Events currently held. */
  get size(): number {
    return this.#end - this.#start;
  }

  /** Appends an event, evicting the oldest when full (after resizing, if allowed). */
  add(event: CacheEvent): void {
    this.#resize(event.recordTimeMs);
    if (this.#isFull()) {
      this.#cache[this.#start % this.#capacity] = undefined;
      this.#start++;
      this.#removedEventSinceRelist = true;
    }
    this.#cache[this.#end % this.#capacity] = event;
    this.#end++;
  }

  /**
   * The oldest revision a watch may resume from: "oldest − 1" of getAllEventsSinceLocked, where
   * oldest is listResourceVersion + 1 while nothing was evicted, else the first buffered event.
   */
  oldestResumableResourceVersion(): number {
    if (!this.#removedEventSinceRelist) return this.#listRV;
    return this.#at(this.#start).rv - 1;
  }

  /**
   * Every buffered event with a revision greater than `rv`, oldest first; throws the 410
   * `too old resource version: N (M)` when events after `rv` were already evicted.
   */
  eventsSince(rv: number): CacheEvent[] {
    const oldestMinusOne = this.oldestResumableResourceVersion();
    if (rv < oldestMinusOne) throw new TooOldResourceVersionError(rv, oldestMinusOne);
    // Binary search for the first event with a greater revision.
    let lo = this.#start;
    let hi = this.#end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#at(mid).rv > rv) hi = mid;
      else lo = mid + 1;
    }
    const out: CacheEvent[] = [];
    for (let i = lo; i < this.#end; i++) out.push(this.#at(i));
    return out;
  }

  #at(i: number): CacheEvent {
    return this.#cache[i % this.#capacity]!;
  }

  #isFull(): boolean {
    return this.#end === this.#start + this.#capacity;
  }

  /** resizeCacheLocked. */
  #resize(nowMs: number): void {
    if (!this.#isFull()) return;
    if (nowMs - this.#at(this.#start).recordTimeMs < this.#freshMs) {
      const capacity = Math.min(this.#capacity * 2, this.#upper);
      if (capacity > this.#capacity) this.#doResize(capacity);
      return;
    }
    if (nowMs - this.#at(this.#end - Math.floor(this.#capacity / 4)).recordTimeMs > this.#freshMs) {
      const capacity = Math.max(Math.floor(this.#capacity / 2), this.#lower);
      if (capacity < this.#capacity) this.#doResize(capacity);
    }
  }

  #doResize(capacity: number): void {
    const next = new Array<CacheEvent | undefined>(capacity);
    if (capacity < this.#capacity) {
      // Shrinking drops the oldest events. Upstream's doCacheResizeLocked does not mark that as
      // a removal, so a resume from before the dropped events could silently miss them; here it
      // counts, and such a resume gets 410 Expired instead.
      this.#start = this.#end - capacity;
      this.#removedEventSinceRelist = true;
    }
    for (let i = this.#start; i < this.#end; i++) next[i % capacity] = this.#cache[i % this.#capacity];
    this.#cache = next;
    this.#capacity = capacity;
  }
}
