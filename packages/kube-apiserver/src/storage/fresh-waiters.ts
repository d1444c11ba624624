/**
 * Reads that ask for a resourceVersion the store has not reached, as the cacher's
 * waitUntilFreshAndBlock (kubernetes/kubernetes:
 * staging/src/k8s.io/apiserver/pkg/storage/cacher/watch_cache.go): they wait until a write
 * reaches it, or fail after blockTimeout (3 s on the clock) with the 504 `Too large resource
 * version` and a 1 s retry hint.
 */
import type { Clock, Timer } from '@tlsboot/util';
import { TooLargeResourceVersionError } from './errors.js';

/** watch_cache.go blockTimeout and resourceVersionTooHighRetrySeconds. */
export const blockTimeoutMs = 3_000;
export const resourceVersionTooHighRetrySeconds = 1;

interface Waiter {
  readonly rv: number;
  readonly resolve: () => void;
  readonly timer: Timer;
}

export class FreshWaiters {
  readonly #clock: Clock;
  readonly #timeoutMs: number;
  readonly #waiters = new Set<Waiter>();

  /** `timeoutMs` 0 or less: fail at once instead of waiting. */
  constructor(clock: Clock, timeoutMs: number) {
    this.#clock = clock;
    this.#timeoutMs = timeoutMs;
  }

  /** Resolves once `current()` reaches `rv` (see `reached`), or rejects after the timeout. */
  wait(rv: number, current: () => number): Promise<void> {
    if (rv <= current()) return Promise.resolve();
    if (this.#timeoutMs <= 0) {
      return Promise.reject(new TooLargeResourceVersionError(rv, current(), resourceVersionTooHighRetrySeconds));
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        rv,
        resolve,
        timer: this.#clock.setTimer(this.#timeoutMs, () => {
          this.#waiters.delete(waiter);
          reject(new TooLargeResourceVersionError(rv, current(), resourceVersionTooHighRetrySeconds));
        }),
      };
      this.#waiters.add(waiter);
    });
  }

  /** The store is now at `rv`: release every waiter it satisfies. */
  reached(rv: number): void {
    for (const waiter of this.#waiters) {
      if (waiter.rv <= rv) this.#release(waiter);
    }
  }

  /** Releases everyone (the store is closing; callers then see it closed). */
  releaseAll(): void {
    for (const waiter of this.#waiters) this.#release(waiter);
  }

  #release(waiter: Waiter): void {
    this.#waiters.delete(waiter);
    waiter.timer.cancel();
    waiter.resolve();
  }
}
