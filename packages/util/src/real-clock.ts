import { sleepWithTimer } from './clock.js';
import type { Clock, Timer } from './clock.js';

/** The host functions RealClock runs on; replaceable only so tests can watch them. */
export interface RealClockHost {
  now(): number;
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

const globalHost: RealClockHost = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Node's timers hold at most 2^31-1 ms (about 24.8 days); a longer delay fires after 1 ms with a
 * warning. Certificate rotation waits months, so longer delays are chained in steps of this size.
 */
export const maxHostTimerDelayMs = 2 ** 31 - 1;

/**
 * The wall clock: `Date.now()` and `setTimeout`, for live runs (`kubectl` against a running
 * tlsboot). Timers are ordinary (not unref'd): a pending timer keeps the process alive, as it
 * would in the component being modelled.
 */
export class RealClock implements Clock {
  readonly #host: RealClockHost;

  constructor(host: RealClockHost = globalHost) {
    this.#host = host;
  }

  now(): Date {
    return new Date(this.#host.now());
  }

  nowMs(): number {
    return this.#host.now();
  }

  setTimer(delayMs: number, callback: () => void): Timer {
    const host = this.#host;
    let remaining = delayMs > 0 ? delayMs : 0;
    let handle: unknown;
    let cancelled = false;
    const arm = (): void => {
      const step = Math.min(remaining, maxHostTimerDelayMs);
      remaining -= step;
      handle = host.setTimeout(() => {
        if (cancelled) return;
        if (remaining > 0) arm();
        else callback();
      }, step);
    };
    arm();
    return {
      cancel: () => {
        if (cancelled) return;
        cancelled = true;
        host.clearTimeout(handle);
      },
    };
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepWithTimer((d, cb) => this.setTimer(d, cb), ms, signal);
  }
}

/** The one wall clock of the process. */
export const realClock: Clock = new RealClock();
