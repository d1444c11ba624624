/** A scheduled callback; `cancel()` stops it from firing and may be called any number of times. */
export interface Timer {
  cancel(): void;
}

/**
 * Where every tlsboot component gets the time from (DESIGN.md, "Time"). Components never call
 * `Date.now()` or `setTimeout` themselves, so the same code runs on the wall clock
 * (`realClock`) and on a `VirtualClock` that a scenario moves by hand.
 *
 * Contract, which every implementation keeps (clock.test.ts checks both):
 * - `nowMs()` is milliseconds since the Unix epoch; `now()` is the same instant as a new `Date`.
 * - `setTimer(delayMs, callback)` calls `callback` once, no earlier than `delayMs` from now.
 *   A negative or NaN delay counts as 0, as with `setTimeout`. Timers due at the same instant
 *   fire in the order they were set.
 * - `sleep(ms, signal)` resolves after `ms`; when `signal` aborts first (or already has) it
 *   rejects with `signal.reason` and cancels its timer, so nothing is left pending.
 */
export interface Clock {
  now(): Date;
  nowMs(): number;
  setTimer(delayMs: number, callback: () => void): Timer;
  /**
   * Optional: a timer for a periodic check that returns true when it did something and false when
   * it only looked (VirtualClock.setCheckTimer). Use `setCheckTimer(clock, …)`, which falls back
   * to `setTimer` on clocks without it.
   */
  setCheckTimer?(delayMs: number, check: () => boolean): Timer;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * A periodic check's timer on any clock: the clock's own `setCheckTimer` when it has one (a
 * VirtualClock may then fire checks that find nothing back to back, without settling between
 * them), else an ordinary timer. `check` returns true when it did something.
 */
export function setCheckTimer(clock: Clock, delayMs: number, check: () => boolean): Timer {
  return clock.setCheckTimer ? clock.setCheckTimer(delayMs, check) : clock.setTimer(delayMs, () => void check());
}

/**
 * `Clock.sleep` in terms of `Clock.setTimer`, shared by the implementations so they abort the
 * same way.
 */
export function sleepWithTimer(
  setTimer: (delayMs: number, callback: () => void) => Timer,
  ms: number,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      timer.cancel();
      reject(signal!.reason);
    };
    const timer = setTimer(ms, () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
