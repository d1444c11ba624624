// k8s.io/client-go/util/workqueue/queue.go (Typed[T]): a FIFO of items to process with a dirty
// set and a processing set, so an item is never processed by two workers at once and adding an
// item that is already queued does nothing. Go's sync.Cond becomes a list of waiting get() calls,
// served as items arrive; items are compared with === (use string keys such as namespace/name).
//
// Queued or processing items are work in progress for the process's activity tracker (DESIGN.md
// "Time": "no work queued in any controller"): the queue is busy from the first add() until the
// last done() leaves nothing dirty or processing. Items waiting on a delaying queue's timer are
// not in the queue yet, so they do not count; the clock sees their timer. Two exceptions keep a
// stuck controller from stopping the clock forever: items queued before any worker ever asked
// for one (workers start once the informers sync, which may wait on a backoff timer), and items
// still queued once the queue shuts down.
import { activity } from '@tlsboot/util';
import type { EndActivity } from '@tlsboot/util';

/** Options every workqueue takes. */
export interface QueueOptions {
  /** Names the queue in traces and errors (upstream: metrics). */
  name?: string;
}

export class Queue<T> {
  readonly name: string;
  /** Items waiting to be handed out, oldest first. Every one is dirty and not processing. */
  #queue: T[] = [];
  #head = 0;
  /** Items that need processing: queued, or added again while processing. */
  readonly #dirty = new Set<T>();
  /** Items handed out by get() and not yet done(). */
  readonly #processing = new Set<T>();
  /** get() calls waiting for an item; only non-empty while the queue is empty. */
  readonly #getters: ((item: T | undefined) => void)[] = [];
  /** shutDownWithDrain() calls waiting for processing to empty. */
  readonly #drainers: (() => void)[] = [];
  #shuttingDown = false;
  #drain = false;
  /** Ends the queue's activity; set while an item is dirty or processing. */
  #busy: EndActivity | undefined;
  /** A worker has called get(): queued items will be taken. */
  #served = false;

  constructor(options: QueueOptions = {}) {
    this.name = options.name ?? '';
  }

  /** Marks `item` as needing processing. Ignored once shutting down. */
  add(item: T): void {
    if (this.#shuttingDown) return;
    // Already dirty: queued, or queued again for after the current processing ends.
    if (this.#dirty.has(item)) return;
    this.#dirty.add(item);
    if (!this.#processing.has(item)) this.#push(item);
    this.#updateBusy();
  }

  /** How many items are queued (not counting items being processed). Informational only. */
  len(): number {
    return this.#queue.length - this.#head;
  }

  /**
   * The next item to process; waits for one while the queue is empty. Resolves to undefined once
   * the queue is shutting down and empty — items queued before the shutdown are still handed out,
   * as upstream's Get does. Call done(item) when finished with it.
   */
  get(): Promise<T | undefined> {
    this.#served = true;
    if (this.len() > 0) {
      const item = this.#take();
      this.#updateBusy();
      return Promise.resolve(item);
    }
    if (this.#shuttingDown) return Promise.resolve(undefined);
    return new Promise((resolve) => this.#getters.push(resolve));
  }

  /**
   * Marks `item` as done processing; if it was added again meanwhile it goes back on the queue.
   */
  done(item: T): void {
    this.#processing.delete(item);
    if (this.#dirty.has(item)) this.#push(item);
    this.#settleDrainers();
    this.#updateBusy();
  }

  /** Ignores new items from now on and wakes every waiting get() (which then resolves undefined). */
  shutDown(): void {
    this.#drain = false;
    this.#shuttingDown = true;
    this.#wakeGettersOnShutdown();
    this.#settleDrainers();
    this.#updateBusy();
  }

  /**
   * As shutDown, but resolves only once every item handed out has been marked done (or shutDown()
   * is called meanwhile, which stops the wait). Workers must keep calling done() until then.
   */
  shutDownWithDrain(): Promise<void> {
    this.#drain = true;
    this.#shuttingDown = true;
    this.#wakeGettersOnShutdown();
    this.#updateBusy();
    if (this.#processing.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#drainers.push(resolve));
  }

  shuttingDown(): boolean {
    return this.#shuttingDown;
  }

  #push(item: T): void {
    const getter = this.#getters.shift();
    this.#queue.push(item);
    if (getter !== undefined) getter(this.#take());
  }

  /** Pops the oldest item and moves it from dirty to processing (Get). */
  #take(): T {
    const item = this.#queue[this.#head] as T;
    this.#queue[this.#head] = undefined as T; // let the item be collected
    this.#head++;
    if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
    this.#processing.add(item);
    this.#dirty.delete(item);
    return item;
  }

  /**
   * Busy while an item is processing, or dirty once workers take items and until shutdown
   * (queued items of a controller with no worker yet or no more may never be taken; they must
   * not keep the clock from moving).
   */
  #updateBusy(): void {
    const busy = this.#processing.size > 0 || (this.#dirty.size > 0 && this.#served && !this.#shuttingDown);
    if (busy && this.#busy === undefined) this.#busy = activity.begin();
    else if (!busy && this.#busy !== undefined) {
      this.#busy();
      this.#busy = undefined;
    }
  }

  #wakeGettersOnShutdown(): void {
    // Getters only wait while the queue is empty, so every one of them sees "shut down".
    for (const getter of this.#getters.splice(0)) getter(undefined);
  }

  #settleDrainers(): void {
    if (this.#processing.size !== 0 && this.#drain) return;
    for (const resolve of this.#drainers.splice(0)) resolve();
  }
}
