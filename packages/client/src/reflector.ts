// The reflector: keep a store in step with the server by LIST then WATCH, forever.
// k8s.io/client-go/tools/cache/reflector.go (v1.32: ListAndWatch, list, watch, handleWatch,
// relistResourceVersion, isExpiredError, isWatchErrorRetriable), minus watch-list, resync and
// the expected-type checks.
//
// - The first LIST asks for resourceVersion "0" in pages of 500; later LISTs ask for the last
//   version seen. A LIST answered 410 Expired/Gone is retried at once with resourceVersion ""
//   (a consistent read).
// - WATCH starts from the LIST's resourceVersion with bookmarks on and a timeout drawn from
//   [5 min, 10 min). A stream that ends is watched again from the last version seen; one that
//   ended within a second without an event counts as a failure.
// - A watch ending in 410 Expired/Gone goes back to LIST (after the backoff, as upstream).
// - Between failed attempts: the ExponentialBackoffManager, on the injected clock.
import type { KubeObject, WatchEvent } from '@tlsboot/api';
import { isGone, isResourceExpired, isTooManyRequests } from '@tlsboot/api';
import { isTlsbootError } from '@tlsboot/util';
import type { Clock, Random } from '@tlsboot/util';
import { ExponentialBackoffManager } from './backoff-manager.js';
import { ClientError } from './errors.js';
import { defaultPageSize, listAllPages } from './list-watch.js';
import type { ListWatch } from './list-watch.js';

/** What the reflector writes to: the informer's store (cache.Store's Replace/Add/Update/Delete). */
export interface ReflectorStore<T extends KubeObject> {
  replace(items: T[], resourceVersion: string): void;
  add(obj: T): void;
  update(obj: T): void;
  delete(obj: T): void;
}

export interface ReflectorOptions {
  clock: Clock;
  random: Random;
  /** Names the reflector in errors, e.g. `certificatesigningrequests`. */
  name?: string;
  /** Page size of the initial list; default 500. */
  pageSize?: number;
  /**
   * ReflectorOptions.MinWatchTimeout: the shortest server-side watch timeout; the reflector draws
   * from [min, 2·min). Default 5 min, and never less ("values lower than 5m will not be honored").
   */
  minWatchTimeoutMs?: number;
  /** Each failure that makes the reflector back off (upstream logs them). */
  onError?: (err: unknown) => void;
}

/** reflector.go defaultMinWatchTimeout. */
const defaultMinWatchTimeoutMs = 5 * 60_000;

const isExpired = (err: unknown): boolean => isResourceExpired(err) || isGone(err);

/** utilnet.IsConnectionRefused || IsTooManyRequests: worth waiting and watching again. */
function isWatchErrorRetriable(err: unknown): boolean {
  if (isTooManyRequests(err)) return true;
  const cause = isTlsbootError(err, 'CONNECTION_FAILED') ? (err.cause as { code?: unknown } | undefined) : undefined;
  return cause?.code === 'ECONNREFUSED';
}

export class Reflector<T extends KubeObject> {
  /** The resourceVersion of the last list, event or bookmark seen ('' before the first list). */
  lastSyncResourceVersion = '';
  private lastSyncResourceVersionUnavailable = false;
  private paginatedResult = false;
  private readonly backoff: ExponentialBackoffManager;
  private readonly name: string;

  constructor(
    private readonly listWatch: ListWatch<T>,
    private readonly store: ReflectorStore<T>,
    private readonly options: ReflectorOptions,
  ) {
    this.backoff = new ExponentialBackoffManager(options.clock, options.random);
    this.name = options.name ?? 'reflector';
  }

  /** wait.BackoffUntil(ListAndWatch, backoff, sliding=true) until `signal` aborts; never rejects. */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.listAndWatch(signal);
      } catch (err) {
        if (signal.aborted) break;
        this.options.onError?.(err);
      }
      if (!(await this.sleep(this.backoff.next(), signal))) break;
    }
  }

  /** relistResourceVersion: "" after an expired version, "0" before the first list, else the last seen. */
  relistResourceVersion(): string {
    if (this.lastSyncResourceVersionUnavailable) return '';
    return this.lastSyncResourceVersion === '' ? '0' : this.lastSyncResourceVersion;
  }

  async listAndWatch(signal: AbortSignal): Promise<void> {
    await this.list(signal);
    await this.watch(signal);
  }

  private async list(signal: AbortSignal): Promise<void> {
    let result;
    try {
      result = await this.listAt(this.relistResourceVersion(), signal);
    } catch (err) {
      if (!isExpired(err)) throw err;
      this.lastSyncResourceVersionUnavailable = true;
      result = await this.listAt(this.relistResourceVersion(), signal);
    }
    const rv = result.list.metadata?.resourceVersion ?? '';
    this.store.replace(result.list.items ?? [], rv);
    this.lastSyncResourceVersion = rv;
    this.lastSyncResourceVersionUnavailable = false;
  }

  private async listAt(resourceVersion: string, signal: AbortSignal) {
    // Paging is left on for "" and "0" (the watch cache ignores limit for "0") and once the
    // server has shown it pages; for a specific version it is turned off so the watch cache serves it.
    const pageSize = this.paginatedResult || resourceVersion === '' || resourceVersion === '0' ? (this.options.pageSize ?? defaultPageSize) : 0;
    const result = await listAllPages(this.listWatch, { resourceVersion }, pageSize, signal);
    if (result.paginated && (resourceVersion === '' || resourceVersion === '0')) this.paginatedResult = true;
    return result;
  }

  private async watch(signal: AbortSignal): Promise<void> {
    const minMs = Math.max(this.options.minWatchTimeoutMs ?? 0, defaultMinWatchTimeoutMs);
    while (!signal.aborted) {
      const timeoutSeconds = Math.floor((minMs / 1000) * (this.options.random.float() + 1));
      const start = this.options.clock.nowMs();
      let events = 0;
      try {
        const stream = this.listWatch.watch(
          { resourceVersion: this.lastSyncResourceVersion, timeoutSeconds, allowWatchBookmarks: true },
          signal,
        );
        for await (const event of stream) {
          events++;
          this.handle(event);
        }
      } catch (err) {
        if (signal.aborted) return;
        // Back to LIST at the last version seen: its semantics are "at least as fresh".
        if (isExpired(err)) return;
        if (events === 0 && isWatchErrorRetriable(err)) {
          if (!(await this.sleep(this.backoff.next(), signal))) return;
          continue;
        }
        throw err;
      }
      if (signal.aborted) return;
      if (events === 0 && this.options.clock.nowMs() - start < 1000) {
        throw new ClientError(
          'CONNECTION_FAILED',
          `very short watch: ${this.name}: Unexpected watch close - watch lasted less than a second and no items received`,
        );
      }
    }
  }

  private handle(event: WatchEvent<T>): void {
    if (event.type === 'ERROR') return; // watch() throws these
    const obj = event.object;
    const rv = obj.metadata?.resourceVersion ?? '';
    switch (event.type) {
      case 'ADDED':
        this.store.add(obj);
        break;
      case 'MODIFIED':
        this.store.update(obj);
        break;
      case 'DELETED':
        this.store.delete(obj);
        break;
      case 'BOOKMARK':
        break;
    }
    if (rv !== '') this.lastSyncResourceVersion = rv;
  }

  /** Sleeps on the clock; false when `signal` aborted first. */
  private async sleep(ms: number, signal: AbortSignal): Promise<boolean> {
    try {
      await this.options.clock.sleep(ms, signal);
      return true;
    } catch {
      return false;
    }
  }
}
