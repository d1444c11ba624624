/**
 * Keeps the Node authorizer's graph in step with storage, as the shared informers behind
 * AddGraphEventHandlers do upstream (kubernetes/kubernetes: plugin/pkg/auth/authorizer/node/
 * graph_populator.go, pkg/kubeapiserver/authorizer/config.go): per resource, a list, then a
 * watch from the list's resourceVersion; a watch that ends early is resumed from the last
 * revision seen, and one that cannot be resumed (410 Expired) is replaced by a new list.
 *
 * Read-through: the watch delivers asynchronously, so a decision could run before the graph has
 * seen a write that just returned to the admin. When the graph finds no relationship, the
 * authorizer asks `readThrough(node)` to list (a consistent read) the objects that can lead to
 * that node and merge them in before deciding again. Per object, a state older than the one
 * already known is ignored, and so is a late event or list for an object already seen deleted,
 * so the two paths never move the graph backwards.
 */
import { parseResourceVersion } from '../../storage/index.js';
import type { Predicate, StoredObject, Watcher } from '../../storage/index.js';
import type { Store } from '../../registry/generic/store.js';
import type { Graph } from './graph.js';
import type { GraphSource, ObjectView } from './graph-populator.js';

interface Known {
  obj: ObjectView;
  rv: number;
}

const keyOf = (o: ObjectView): string => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
const rvOf = (o: ObjectView): number => parseResourceVersion(o.metadata.resourceVersion ?? '');

export class SourceInformer {
  readonly #known = new Map<string, Known>();
  /**
   * Objects seen gone (deleted by a watch event, or missing from a read-through list) with that
   * revision: a list still in flight, or a late watch event, must not bring them back.
   */
  readonly #tombstones = new Map<string, number>();
  /** Lists started and not yet merged. */
  #inflight = 0;
  #rv = '';
  #watcher: Watcher | undefined;
  #stopped = false;
  #done: Promise<void> = Promise.resolve();

  constructor(
    readonly graph: Graph,
    readonly source: GraphSource,
    readonly store: Store,
  ) {}

  /** Lists, then watches in the background; resolves once the first list is in the graph (HasSynced). */
  async start(): Promise<void> {
    await this.#relist();
    this.#done = this.#run();
  }

  stop(): Promise<void> {
    this.#stopped = true;
    this.#watcher?.stop();
    return this.#done;
  }

  /** Merges what storage holds now for `nodeName` (or everything when the source cannot tell). */
  async readThrough(nodeName: string): Promise<void> {
    const related = this.source.relatedTo;
    await this.#merge(related === undefined ? undefined : (o) => related(o as unknown as ObjectView, nodeName));
  }

  async #relist(): Promise<void> {
    this.#rv = await this.#merge(undefined);
  }

  /** One consistent list (optionally filtered), merged; returns the list's resourceVersion. */
  async #merge(predicate: Predicate | undefined): Promise<string> {
    this.#inflight++;
    try {
      const list = await this.store.list('', predicate === undefined ? {} : { predicate });
      const listRV = list.metadata.resourceVersion ?? '';
      const at = parseResourceVersion(listRV);
      const seen = new Set<string>();
      for (const item of list.items as ObjectView[]) {
        seen.add(keyOf(item));
        this.#upsert(item);
      }
      for (const [key, k] of [...this.#known]) {
        if (seen.has(key) || k.rv > at) continue;
        if (predicate !== undefined && !predicate(k.obj as unknown as StoredObject)) continue;
        this.#remove(key, at);
      }
      return listRV;
    } finally {
      this.#inflight--;
      this.#pruneTombstones();
    }
  }

  #upsert(obj: ObjectView): void {
    const key = keyOf(obj);
    const rv = rvOf(obj);
    const tomb = this.#tombstones.get(key);
    if (tomb !== undefined && rv <= tomb) return;
    const old = this.#known.get(key);
    if (old !== undefined && old.rv >= rv) return;
    this.#known.set(key, { obj, rv });
    this.source.update(this.graph, old?.obj, obj);
  }

  #remove(key: string, rv: number): void {
    const old = this.#known.get(key);
    if (old === undefined || old.rv > rv) return;
    this.#known.delete(key);
    this.#tombstones.set(key, Math.max(rv, this.#tombstones.get(key) ?? 0));
    this.source.delete(this.graph, old.obj);
  }

  async #run(): Promise<void> {
    while (!this.#stopped) {
      let expired = false;
      try {
        const w = await this.store.watch('', { resourceVersion: this.#rv, allowBookmarks: true });
        this.#watcher = w;
        if (this.#stopped) w.stop();
        for await (const ev of w) {
          if (ev.type === 'ERROR') {
            expired = true;
            break;
          }
          const obj = ev.object as unknown as ObjectView;
          this.#rv = obj.metadata.resourceVersion ?? this.#rv;
          if (ev.type === 'ADDED' || ev.type === 'MODIFIED') this.#upsert(obj);
          else if (ev.type === 'DELETED') this.#remove(keyOf(obj), rvOf(obj));
          this.#pruneTombstones();
        }
        const reason = w.closeReason;
        if (this.#stopped || reason === 'storage-closed' || (reason === 'stopped' && !expired)) return;
        if (expired || reason === 'error') await this.#relist();
      } catch {
        // storage refused a watch or a list (closed, or failing): stop; the graph keeps its last state
        return;
      }
    }
  }

  /** Once the watch is past a tombstone's revision and no list is in flight, nothing it guards against can still arrive. */
  #pruneTombstones(): void {
    if (this.#inflight > 0 || this.#tombstones.size === 0) return;
    const rv = parseResourceVersion(this.#rv);
    for (const [key, at] of this.#tombstones) if (at <= rv) this.#tombstones.delete(key);
  }
}
