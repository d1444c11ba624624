// A minimal shared informer: a reflector feeding a local cache keyed `namespace/name`, with
// event handlers (k8s.io/client-go/tools/cache/shared_informer.go HandleDeltas/processDeltas,
// store.go MetaNamespaceKeyFunc, delta_fifo.go Replace). Handlers run synchronously, in event
// order, after the cache has been changed; they should only enqueue work.
import type { KubeObject } from '@tlsboot/api';
import { errorMessage } from '@tlsboot/util';
import type { Clock, Random } from '@tlsboot/util';
import { systemRandom } from '@tlsboot/util';
import { listWatchFor } from './list-watch.js';
import type { ListWatch, Selectors } from './list-watch.js';
import { Reflector } from './reflector.js';
import type { ReflectorStore } from './reflector.js';
import type { RestClient } from './rest-client.js';

/** cache.ResourceEventHandler. */
export interface InformerHandlers<T extends KubeObject> {
  /** A new object; `isInInitialList` while the first list is being delivered. */
  onAdd?(obj: T, isInInitialList: boolean): void;
  /** A changed object — also every object still there after a relist, changed or not (as upstream). */
  onUpdate?(oldObj: T, newObj: T): void;
  /**
   * A deleted object: its final state from the DELETED event, or the last state this cache knew
   * when a relist found it gone (upstream wraps that one in DeletedFinalStateUnknown).
   */
  onDelete?(obj: T): void;
}

export interface InformerOptions {
  clock: Clock;
  /** Jitter of the backoff and of the watch timeouts; default the system source. */
  random?: Random;
  name?: string;
  pageSize?: number;
  minWatchTimeoutMs?: number;
  /** Failures the reflector backs off from, and handlers that threw. */
  onError?: (err: unknown) => void;
}

/** cache.MetaNamespaceKeyFunc: `namespace/name`, or `name` for cluster-scoped objects. */
export function metaNamespaceKey(obj: KubeObject): string {
  const ns = obj.metadata?.namespace;
  const name = obj.metadata?.name ?? '';
  return ns ? `${ns}/${name}` : name;
}

export class Informer<T extends KubeObject = KubeObject> {
  private readonly items = new Map<string, T>();
  private readonly handlers: InformerHandlers<T>[] = [];
  private readonly reflector: Reflector<T>;
  private synced = false;
  private readonly syncWaiters: Array<() => void> = [];
  private controller: AbortController | undefined;
  private running: Promise<void> | undefined;

  constructor(
    listWatch: ListWatch<T>,
    private readonly options: InformerOptions,
  ) {
    const store: ReflectorStore<T> = {
      replace: (items) => this.replace(items),
      add: (obj) => this.upsert(obj, false),
      update: (obj) => this.upsert(obj, false),
      delete: (obj) => this.remove(obj),
    };
    const reflectorOptions = {
      clock: options.clock,
      random: options.random ?? systemRandom(),
      ...(options.name !== undefined ? { name: options.name } : {}),
      ...(options.pageSize !== undefined ? { pageSize: options.pageSize } : {}),
      ...(options.minWatchTimeoutMs !== undefined ? { minWatchTimeoutMs: options.minWatchTimeoutMs } : {}),
      ...(options.onError !== undefined ? { onError: options.onError } : {}),
    };
    this.reflector = new Reflector(listWatch, store, reflectorOptions);
  }

  addEventHandler(handlers: InformerHandlers<T>): void {
    this.handlers.push(handlers);
  }

  /** Starts listing and watching in the background; a second call does nothing. */
  start(): void {
    if (this.running) return;
    this.controller = new AbortController();
    this.running = this.reflector.run(this.controller.signal);
  }

  /** Stops the reflector and waits for it; the cache keeps its last contents. */
  async stop(): Promise<void> {
    this.controller?.abort();
    await this.running;
  }

  /** True once the first list has been delivered to the cache and the handlers. */
  hasSynced(): boolean {
    return this.synced;
  }

  /** Resolves when hasSynced() turns true (cache.WaitForCacheSync, without polling). */
  waitForSync(): Promise<void> {
    if (this.synced) return Promise.resolve();
    return new Promise((resolve) => this.syncWaiters.push(resolve));
  }

  /** The resourceVersion the reflector last saw. */
  get lastSyncResourceVersion(): string {
    return this.reflector.lastSyncResourceVersion;
  }

  /** By `namespace/name` (or `name`), as metaNamespaceKey builds keys. */
  get(key: string): T | undefined {
    return this.items.get(key);
  }

  list(): T[] {
    return [...this.items.values()];
  }

  listKeys(): string[] {
    return [...this.items.keys()];
  }

  private replace(items: T[]): void {
    const initial = !this.synced;
    const keep = new Set<string>();
    for (const obj of items) {
      keep.add(metaNamespaceKey(obj));
      this.upsert(obj, initial);
    }
    for (const [key, old] of [...this.items]) {
      if (keep.has(key)) continue;
      this.items.delete(key);
      this.dispatch((h) => h.onDelete?.(old));
    }
    if (!this.synced) {
      this.synced = true;
      for (const resolve of this.syncWaiters.splice(0)) resolve();
    }
  }

  private upsert(obj: T, isInInitialList: boolean): void {
    const key = metaNamespaceKey(obj);
    const old = this.items.get(key);
    this.items.set(key, obj);
    if (old) this.dispatch((h) => h.onUpdate?.(old, obj));
    else this.dispatch((h) => h.onAdd?.(obj, isInInitialList));
  }

  private remove(obj: T): void {
    const key = metaNamespaceKey(obj);
    this.items.delete(key);
    this.dispatch((h) => h.onDelete?.(obj));
  }

  private dispatch(call: (h: InformerHandlers<T>) => void): void {
    for (const h of this.handlers) {
      try {
        call(h);
      } catch (err) {
        this.options.onError?.(new Error(`informer ${this.options.name ?? ''} handler failed: ${errorMessage(err)}`, { cause: err }));
      }
    }
  }
}

/** An informer over one collection path of `client`. */
export function newInformer<T extends KubeObject = KubeObject>(
  client: RestClient,
  path: string,
  options: InformerOptions & Selectors,
): Informer<T> {
  const selectors: Selectors = {};
  if (options.labelSelector) selectors.labelSelector = options.labelSelector;
  if (options.fieldSelector) selectors.fieldSelector = options.fieldSelector;
  return new Informer<T>(listWatchFor<T>(client, path, selectors), options);
}
