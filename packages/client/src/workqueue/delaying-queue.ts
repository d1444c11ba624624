// k8s.io/client-go/util/workqueue/delaying_queue.go (delayingType): addAfter holds an item until
// its time comes, on the injected Clock. Upstream's waiting loop (a goroutine woken by a channel,
// a timer for the earliest entry and a 10 s heartbeat) becomes one Clock timer for the earliest
// entry; the heartbeat is only insurance against lost wakeups, which a single-threaded loop cannot
// have, and a timer that re-arms forever would keep a VirtualClock from ever being idle.
import type { Clock, Timer } from '@tlsboot/util';
import { Queue } from './queue.js';
import type { QueueOptions } from './queue.js';

export interface DelayingQueueOptions extends QueueOptions {
  clock: Clock;
}

interface WaitFor<T> {
  readonly item: T;
  readyAtMs: number;
  /** Insertion order: entries ready at the same instant are added in the order they were asked for. */
  readonly seq: number;
  /** Position in the heap; -1 once out of it. */
  index: number;
}

export class DelayingQueue<T> extends Queue<T> {
  protected readonly clock: Clock;
  readonly #heap: WaitFor<T>[] = [];
  readonly #byItem = new Map<T, WaitFor<T>>();
  #seq = 0;
  #timer: Timer | undefined;
  #timerDueMs = Number.POSITIVE_INFINITY;

  constructor(options: DelayingQueueOptions) {
    super(options);
    this.clock = options.clock;
  }

  /**
   * Adds `item` once `delayMs` has passed; at once when the delay is 0 or less. An item already
   * waiting keeps the earlier of its two ready times. Ignored once shutting down.
   */
  addAfter(item: T, delayMs: number): void {
    if (this.shuttingDown()) return;
    if (!(delayMs > 0)) {
      this.add(item);
      return;
    }
    const readyAtMs = this.clock.nowMs() + delayMs;
    const existing = this.#byItem.get(item);
    if (existing !== undefined) {
      if (existing.readyAtMs > readyAtMs) {
        existing.readyAtMs = readyAtMs;
        this.#up(existing.index);
      }
    } else {
      const entry: WaitFor<T> = { item, readyAtMs, seq: this.#seq++, index: this.#heap.length };
      this.#heap.push(entry);
      this.#byItem.set(item, entry);
      this.#up(entry.index);
    }
    this.#arm();
  }

  /** How many items wait for their time (upstream: the waitingForDepth gauge). */
  waitingLen(): number {
    return this.#heap.length;
  }

  override shutDown(): void {
    this.#stop();
    super.shutDown();
  }

  override shutDownWithDrain(): Promise<void> {
    // Upstream's delayingType does not override ShutDownWithDrain: the waiting loop keeps running
    // until the inner queue reports shutting down, and then stops at its next wakeup. Items still
    // waiting are never added (add ignores them), so dropping them now is the same outcome.
    this.#stop();
    return super.shutDownWithDrain();
  }

  #stop(): void {
    this.#timer?.cancel();
    this.#timer = undefined;
    this.#timerDueMs = Number.POSITIVE_INFINITY;
    this.#heap.length = 0;
    this.#byItem.clear();
  }

  /** Sets the timer for the earliest entry unless one already fires by then. */
  #arm(): void {
    const head = this.#heap[0];
    if (head === undefined || head.readyAtMs >= this.#timerDueMs) return;
    this.#timer?.cancel();
    this.#timerDueMs = head.readyAtMs;
    this.#timer = this.clock.setTimer(head.readyAtMs - this.clock.nowMs(), () => this.#fire());
  }

  #fire(): void {
    this.#timer = undefined;
    this.#timerDueMs = Number.POSITIVE_INFINITY;
    const now = this.clock.nowMs();
    for (let head = this.#heap[0]; head !== undefined && head.readyAtMs <= now; head = this.#heap[0]) {
      this.#pop();
      this.#byItem.delete(head.item);
      this.add(head.item);
    }
    this.#arm();
  }

  // A binary min-heap with positions (container/heap with Fix), ordered by (readyAt, seq).

  #before(a: WaitFor<T>, b: WaitFor<T>): boolean {
    return a.readyAtMs < b.readyAtMs || (a.readyAtMs === b.readyAtMs && a.seq < b.seq);
  }

  #swap(i: number, j: number): void {
    const heap = this.#heap;
    const a = heap[i]!;
    const b = heap[j]!;
    heap[i] = b;
    heap[j] = a;
    b.index = i;
    a.index = j;
  }

  #up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#before(this.#heap[i]!, this.#heap[parent]!)) break;
      this.#swap(i, parent);
      i = parent;
    }
  }

  #pop(): void {
    const heap = this.#heap;
    const last = heap.length - 1;
    this.#swap(0, last);
    heap.pop()!.index = -1;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && this.#before(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && this.#before(heap[r]!, heap[m]!)) m = r;
      if (m === i) break;
      this.#swap(i, m);
      i = m;
    }
  }
}
