/**
 * The cacher side of the store: one history window and one set of watchers per resource, as
 * kube-apiserver runs one cacher per resource (kubernetes/kubernetes:
 * staging/src/k8s.io/apiserver/pkg/storage/cacher/cacher.go). It records each committed change,
 * fans it out to the resource's watchers without ever waiting for them, and sends their
 * bookmarks on the clock (cache_watcher.go nextBookmarkTime).
 */
import { setCheckTimer } from '@tlsboot/util';
import type { Clock, Timer } from '@tlsboot/util';
import type { CacheEvent, WatchCacheHistoryOptions } from './watch-cache.js';
import { WatchCache } from './watch-cache.js';
import type { CacheWatcher } from './watcher.js';

/** cacher.go defaultBookmarkFrequency. */
export const defaultBookmarkFrequencyMs = 60_000;
/** cache_watcher.go: the last bookmark goes out this long before the watch deadline. */
export const bookmarkBeforeDeadlineMs = 2_000;

/**
 * When a watcher's next bookmark is due: a frequency after now, or 2 s before its deadline if
 * that is sooner; undefined when that moment is not after now (no more bookmarks).
 */
export function nextBookmarkTime(nowMs: number, frequencyMs: number, deadlineMs: number | undefined): number | undefined {
  let at = nowMs + frequencyMs;
  if (deadlineMs !== undefined) at = Math.min(at, deadlineMs - bookmarkBeforeDeadlineMs);
  return at > nowMs ? at : undefined;
}

interface Resource {
  readonly cache: WatchCache;
  readonly watchers: Set<CacheWatcher>;
}

export interface WatchHubOptions {
  clock: Clock;
  /** The store's revision before its first write: every history starts right after it. */
  initialResourceVersion: number;
  history: WatchCacheHistoryOptions;
  /** 0 or less: no timed bookmarks. */
  bookmarkFrequencyMs: number;
  /** The store's current revision, for bookmarks. */
  currentResourceVersion: () => number;
}

export class WatchHub {
  readonly #opts: WatchHubOptions;
  readonly #resources = new Map<string, Resource>();

  constructor(opts: WatchHubOptions) {
    this.#opts = opts;
  }

  get watcherCount(): number {
    let n = 0;
    for (const r of this.#resources.values()) n += r.watchers.size;
    return n;
  }

  /**
   * The history of one resource, created on first use. No change of that resource happened
   * before it existed, so its history is complete from the store's first revision.
   */
  history(resourcePrefix: string): WatchCache {
    return this.#resource(resourcePrefix).cache;
  }

  /** Every resource's history (list.ts keySpaceAt picks the ones a key range needs). */
  histories(): Iterable<WatchCache> {
    return [...this.#resources.values()].map((r) => r.cache);
  }

  /** Records a committed change and hands it to the resource's watchers. */
  record(resourcePrefix: string, event: CacheEvent): void {
    const r = this.#resource(resourcePrefix);
    r.cache.add(event);
    for (const w of r.watchers) w.offer(event);
  }

  /** Starts delivering live changes (and timed bookmarks) to `w` until it closes. */
  register(resourcePrefix: string, w: CacheWatcher, deadlineMs: number | undefined): void {
    const r = this.#resource(resourcePrefix);
    r.watchers.add(w);
    const { clock, bookmarkFrequencyMs, currentResourceVersion } = this.#opts;
    let timer: Timer | undefined;
    const schedule = (): void => {
      if (!w.allowBookmarks || bookmarkFrequencyMs <= 0) return;
      const now = clock.nowMs();
      const at = nextBookmarkTime(now, bookmarkFrequencyMs, deadlineMs);
      if (at === undefined) return;
      // a check: when nothing newer than what the watcher has was committed, no bookmark goes out
      timer = setCheckTimer(clock, at - now, () => {
        const sent = w.offerBookmark(currentResourceVersion());
        schedule();
        return sent;
      });
    };
    w.onClose(() => {
      r.watchers.delete(w);
      timer?.cancel();
    });
    schedule();
  }

  /** A bookmark at `rv` to every watcher that allows one; how many took it. */
  bookmark(rv: number): number {
    let sent = 0;
    for (const r of this.#resources.values()) for (const w of r.watchers) if (w.offerBookmark(rv)) sent++;
    return sent;
  }

  closeAll(): void {
    for (const r of this.#resources.values()) for (const w of [...r.watchers]) w.closeForStorage();
  }

  #resource(resourcePrefix: string): Resource {
    let r = this.#resources.get(resourcePrefix);
    if (r === undefined) {
      r = { cache: new WatchCache(resourcePrefix, this.#opts.initialResourceVersion, this.#opts.history), watchers: new Set() };
      this.#resources.set(resourcePrefix, r);
    }
    return r;
  }
}
