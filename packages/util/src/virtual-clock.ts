import { sleepWithTimer } from './clock.js';
import type { Clock, Timer } from './clock.js';
import { TlsbootError } from './errors.js';
import { MinHeap } from './min-heap.js';

export type VirtualClockErrorCode = 'CLOCK_INVALID' | 'CLOCK_RUNAWAY' | 'CLOCK_BUSY';

/** Where a VirtualClock starts when no `start` is given: a fixed instant, so traces are stable. */
export const defaultVirtualClockStart = Date.UTC(2024, 0, 1);

export interface VirtualClockOptions {
  /** The instant the clock reads before anything moves it. Default 2024-01-01T00:00:00Z. */
  start?: Date | number;
}

export interface RunAllOptions {
  /** How many timers may fire before runAll gives up with CLOCK_RUNAWAY. Default 100 000. */
  maxTimers?: number;
}

interface Entry {
  readonly dueMs: number;
  /** Insertion order; breaks ties so timers due together fire in the order they were set. */
  readonly seq: number;
  readonly callback: () => unknown;
  /** A periodic check (setCheckTimer): its callback returns true when it did something. */
  readonly check: boolean;
  /** Cancelled or fired; a done entry left in the heap is skipped when it surfaces. */
  done: boolean;
}

/** What `runChecks` did: how many checks fired, and whether the last one did something. */
export interface ChecksRun {
  fired: number;
  active: boolean;
}

/** Checks one `runChecks` may fire: far beyond a year of 10-second checks on a few components. */
const maxChecksPerRun = 50_000_000;

/**
 * SIMULATED time: a clock that moves only when told to (DESIGN.md, "Time"). Timers wait in a
 * binary min-heap ordered by (due time, insertion order) and fire during `advance`, `runDue`,
 * `runAll` or a forward `set`, each with `now` equal to its due time.
 *
 * Between two fires the clock waits one macrotask turn (`setImmediate`), so the promise
 * continuations a callback started — a `sleep` resolving, an `await` after it — run before the
 * next timer, at the time of the timer that woke them, and the timers they set fire in the same
 * pass when they fall due inside it. Work that waits on real I/O is not waited for; the scenario
 * runner decides when the system is idle.
 *
 * A callback that throws does not stop the pass: the remaining due timers still fire, and the
 * pass then rethrows — the error itself when there was one, an AggregateError of all of them
 * when there were several.
 *
 * A delay of `Infinity` never fires; it counts as pending until cancelled.
 */
export class VirtualClock implements Clock {
  #nowMs: number;
  #seq = 0;
  #pending = 0;
  #busy = false;
  readonly #heap = new MinHeap<Entry>(
    (a, b) => a.dueMs < b.dueMs || (a.dueMs === b.dueMs && a.seq < b.seq),
  );

  constructor(options: VirtualClockOptions = {}) {
    this.#nowMs = toMs(options.start ?? defaultVirtualClockStart, 'VirtualClock start');
  }

  now(): Date {
    return new Date(this.#nowMs);
  }

  nowMs(): number {
    return this.#nowMs;
  }

  /** Timers set and neither fired nor cancelled. */
  get pendingTimers(): number {
    return this.#pending;
  }

  /** When the next timer falls due (epoch ms), or undefined when none ever will. */
  get nextDueMs(): number | undefined {
    const next = this.#peek();
    return next !== undefined && Number.isFinite(next.dueMs) ? next.dueMs : undefined;
  }

  setTimer(delayMs: number, callback: () => void): Timer {
    return this.#add(delayMs, callback, false);
  }

  /**
   * A timer for a periodic check (a kubelet looking at its certificate every 10 s, the watch
   * cache's minute bookmark) whose callback returns true when it did something — emitted, wrote,
   * started work — and false when it only looked. It fires like any timer in `advance`, `set` and
   * the rest; `runChecks` may also fire it, back to back, while the checks find nothing to do.
   */
  setCheckTimer(delayMs: number, check: () => boolean): Timer {
    return this.#add(delayMs, check, true);
  }

  /**
   * Fires, in order and without waiting between them, the checks due up to `untilMs` that come
   * before any ordinary timer — so long as each finds nothing to do. Stops after the first that
   * did something (`active`; the host lets the system settle), or at the first ordinary timer.
   * Checks that found nothing changed nothing, so the system was as idle after them as before:
   * what a scenario runner would see if it had settled after each, at a fraction of the cost.
   */
  runChecks(untilMs: number): ChecksRun {
    if (this.#busy) throw busyError();
    let fired = 0;
    for (;;) {
      const next = this.#peek();
      if (next === undefined || !next.check || next.dueMs > untilMs) return { fired, active: false };
      if (fired >= maxChecksPerRun) {
        throw new TlsbootError<VirtualClockErrorCode>('CLOCK_RUNAWAY', `virtual clock: more than ${maxChecksPerRun} checks fired in one runChecks() at ${new Date(this.#nowMs).toISOString()}`);
      }
      this.#heap.pop();
      next.done = true;
      this.#pending--;
      this.#nowMs = next.dueMs;
      fired++;
      if (next.callback() !== false) return { fired, active: true };
    }
  }

  #add(delayMs: number, callback: () => unknown, check: boolean): Timer {
    // As with setTimeout: NaN and negative delays mean "as soon as possible".
    const delay = delayMs > 0 ? delayMs : 0;
    const entry: Entry = { dueMs: this.#nowMs + delay, seq: this.#seq++, callback, check, done: false };
    this.#heap.push(entry);
    this.#pending++;
    return {
      cancel: () => {
        if (entry.done) return;
        entry.done = true;
        this.#pending--;
      },
    };
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepWithTimer((d, cb) => this.setTimer(d, cb), ms, signal);
  }

  /**
   * Moves the clock forward by `ms`, firing in order every timer due up to the new time, and
   * ends with the clock exactly `ms` later. Resolves to the number of timers fired.
   */
  advance(ms: number): Promise<number> {
    if (!(ms >= 0) || !Number.isFinite(ms)) {
      return Promise.reject(
        new TlsbootError<VirtualClockErrorCode>(
          'CLOCK_INVALID',
          `virtual clock: cannot advance by ${ms} ms: the step must be a finite number of milliseconds, 0 or more (use set() to go back in time)`,
        ),
      );
    }
    return this.#pass(this.#nowMs + ms, Infinity, true);
  }

  /** Fires the timers due at the current time (and any they set for it). Same as `advance(0)`. */
  runDue(): Promise<number> {
    return this.#pass(this.#nowMs, Infinity, true);
  }

  /**
   * Jumps from timer to timer until none is left, and leaves the clock at the due time of the
   * last one fired. Timers that reschedule themselves forever make this throw CLOCK_RUNAWAY once
   * more than `maxTimers` would fire.
   */
  runAll(options: RunAllOptions = {}): Promise<number> {
    const maxTimers = options.maxTimers ?? 100_000;
    return this.#pass(Infinity, maxTimers, false);
  }

  /**
   * Sets the clock to `to`. Forward, it fires the timers due on the way, as `advance` does.
   * Backward, nothing fires and pending timers keep their absolute due times (as a wall clock
   * set back), so they now fire later than their delay said.
   */
  set(to: Date | number): Promise<number> {
    let target: number;
    try {
      target = toMs(to, 'virtual clock: set()');
    } catch (err) {
      return Promise.reject(err);
    }
    if (target <= this.#nowMs) {
      if (this.#busy) return Promise.reject(busyError());
      this.#nowMs = target;
      return Promise.resolve(0);
    }
    return this.advance(target - this.#nowMs);
  }

  /** The earliest entry not yet done, dropping done ones from the top of the heap. */
  #peek(): Entry | undefined {
    let top = this.#heap.peek();
    while (top !== undefined && top.done) {
      this.#heap.pop();
      top = this.#heap.peek();
    }
    return top;
  }

  async #pass(untilMs: number, maxTimers: number, settleAtEnd: boolean): Promise<number> {
    if (this.#busy) throw busyError();
    this.#busy = true;
    const errors: unknown[] = [];
    let fired = 0;
    try {
      for (;;) {
        // Let promise continuations from before the call, or from the last callback, run first.
        await macrotask();
        const next = this.#peek();
        if (next === undefined || next.dueMs > untilMs || !Number.isFinite(next.dueMs)) break;
        if (fired >= maxTimers) {
          throw new TlsbootError<VirtualClockErrorCode>(
            'CLOCK_RUNAWAY',
            `virtual clock: more than ${maxTimers} timers fired in one runAll() at ${new Date(this.#nowMs).toISOString()}; a timer probably reschedules itself forever — use advance() to run for a bounded time, or raise maxTimers`,
            errors.length > 0 ? { cause: aggregate(errors) } : undefined,
          );
        }
        this.#heap.pop();
        next.done = true;
        this.#pending--;
        this.#nowMs = next.dueMs;
        fired++;
        try {
          next.callback();
        } catch (err) {
          errors.push(err);
        }
      }
      if (settleAtEnd) this.#nowMs = untilMs;
    } finally {
      this.#busy = false;
    }
    if (errors.length > 0) throw aggregate(errors);
    return fired;
  }
}

function aggregate(errors: unknown[]): unknown {
  return errors.length === 1
    ? errors[0]
    : new AggregateError(errors, `virtual clock: ${errors.length} timer callbacks threw`);
}

function busyError(): TlsbootError<VirtualClockErrorCode> {
  return new TlsbootError<VirtualClockErrorCode>(
    'CLOCK_BUSY',
    'virtual clock: advance, runDue, runAll or set called while another is still running (or from a timer callback); await the first one',
  );
}

function macrotask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function toMs(value: Date | number, what: string): number {
  const ms = value instanceof Date ? value.getTime() : value;
  if (!Number.isFinite(ms)) {
    throw new TlsbootError<VirtualClockErrorCode>(
      'CLOCK_INVALID',
      `${what}: ${String(value)} is not a valid instant; give a Date or epoch milliseconds`,
    );
  }
  return ms;
}
