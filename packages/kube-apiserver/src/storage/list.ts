/**
 * The pure parts of GetList: the state of a key range at an older revision (rebuilt from the
 * history windows, as etcd serves a read at a past revision until compaction) and one page of a
 * list with etcd3's paging rules (kubernetes/kubernetes:
 * staging/src/k8s.io/apiserver/pkg/storage/etcd3/store.go GetList, storage.PrepareContinueToken).
 */
import { encodeContinue } from './continue.js';
import type { Entry } from './entry.js';
import { copyOut } from './entry.js';
import type { ListResult, Predicate } from './interfaces.js';
import { prefixRange } from './sorted-keys.js';
import type { WatchCache } from './watch-cache.js';

/** A read-only view of key → current entry with the keys in order. */
export interface KeySpace {
  readonly keys: readonly string[];
  get(key: string): Entry | undefined;
}

/** Whether a history window can hold keys under `prefix` (recursive) or the exact `key`. */
export function cacheCovers(cache: WatchCache, key: string, recursive: boolean): boolean {
  const p = cache.resourcePrefix;
  return recursive ? p.startsWith(key) || key.startsWith(p) : key.startsWith(p);
}

/**
 * The keys under `key` as they were at revision `rv`: the current entries with every later
 * event undone, newest first. Throws the window's TooOldResourceVersionError when some cache
 * no longer holds all events after `rv`.
 */
export function keySpaceAt(current: KeySpace, caches: Iterable<WatchCache>, key: string, recursive: boolean, rv: number): KeySpace {
  const inRange = (k: string): boolean => (recursive ? k.startsWith(key) : k === key);
  const state = new Map<string, Entry>();
  if (recursive) {
    const [start, end] = prefixRange(current.keys, key);
    for (let i = start; i < end; i++) state.set(current.keys[i]!, current.get(current.keys[i]!)!);
  } else {
    const e = current.get(key);
    if (e !== undefined) state.set(key, e);
  }
  for (const cache of caches) {
    if (!cacheCovers(cache, key, recursive)) continue;
    const events = cache.eventsSince(rv);
    for (let i = events.length - 1; i >= 0; i--) {
      const ev = events[i]!;
      if (!inRange(ev.key)) continue;
      if (ev.prev === undefined) state.delete(ev.key);
      else state.set(ev.key, ev.prev);
    }
  }
  const keys = [...state.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { keys, get: (k) => state.get(k) };
}

export interface PageRequest {
  /** The list prefix (ends in "/"); for an exact-key list, the key itself. */
  key: string;
  recursive: boolean;
  /** Inclusive start key from a continue token. */
  from?: string;
  /** 0: no paging. */
  limit: number;
  predicate?: Predicate;
  /** The revision the list reflects, reported and written into the continue token. */
  listRV: number;
}

/**
 * One page: items in key order; when `limit` items were taken and any key follows, a continue
 * token starting just after the last one (`lastKey + "\x00"`), and — without a predicate, whose
 * count etcd cannot know — remainingItemCount.
 */
export function listPage(space: KeySpace, req: PageRequest): ListResult {
  const result: ListResult = { items: [], resourceVersion: String(req.listRV) };
  const matches = (e: Entry): boolean => req.predicate === undefined || req.predicate(e.view);
  if (!req.recursive) {
    const e = space.get(req.key);
    if (e !== undefined && matches(e)) result.items.push(copyOut(e));
    return result;
  }
  const [start, end] = prefixRange(space.keys, req.key, req.from);
  for (let i = start; i < end; i++) {
    const key = space.keys[i]!;
    const e = space.get(key)!;
    if (!matches(e)) continue;
    result.items.push(copyOut(e));
    if (req.limit > 0 && result.items.length >= req.limit) {
      if (i + 1 < end) {
        result.continue = encodeContinue(`${key}\x00`, req.key, req.listRV);
        if (req.predicate === undefined) result.remainingItemCount = end - (i + 1);
      }
      break;
    }
  }
  return result;
}
