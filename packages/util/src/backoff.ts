import type { Clock } from './clock.js';
import { TlsbootError } from './errors.js';
import type { Random } from './random.js';

export type WaitErrorCode = 'WAIT_TIMEOUT';

/**
 * The parameters of k8s.io/apimachinery/pkg/util/wait.Backoff (pkg/util/wait/backoff.go), with
 * durations in milliseconds.
 */
export interface BackoffParams {
  /** The initial duration (Go: Duration). */
  durationMs: number;
  /**
   * Each step multiplies the duration by this, if it is not zero and the limits set by steps
   * and cap have not been reached. Should not be negative. Jitter does not feed into it.
   */
  factor: number;
  /**
   * Each sleep is the duration plus a random amount in [0, jitter*duration). 0 means none; see
   * Random.jitter for the exact formula (wait.Jitter).
   */
  jitter: number;
  /**
   * How many more steps may change the duration (and, for exponentialBackoff, how many times
   * the condition is checked). Not positive: the duration never changes.
   */
  steps: number;
  /**
   * A limit on the duration: a step that would take it past capMs sets it to capMs and steps
   * to 0. 0 or absent means no limit (Go: Cap).
   */
  capMs?: number;
}

/**
 * wait.Backoff: exponential backoff with jitter and a cap, stepped by hand. Like the Go value,
 * it is mutated by `step()`; `durationMs` and `steps` show where it stands.
 */
export class Backoff {
  durationMs: number;
  readonly factor: number;
  readonly jitter: number;
  steps: number;
  readonly capMs: number;

  constructor(params: BackoffParams) {
    this.durationMs = params.durationMs;
    this.factor = params.factor;
    this.jitter = params.jitter;
    this.steps = params.steps;
    this.capMs = params.capMs ?? 0;
  }

  /**
   * How long to sleep now (Go: Backoff.Step, via delay()). When steps are used up the duration
   * stays put and only jitter varies it; otherwise this step sleeps the current duration
   * (jittered) and the next one is duration*factor, held to the cap.
   *
   * Go keeps durations as whole nanoseconds and truncates after multiplying; here they stay
   * fractional milliseconds, so results can differ from Go's by under a nanosecond.
   */
  step(random: Random): number {
    if (this.steps < 1) {
      return this.jitter > 0 ? random.jitter(this.durationMs, this.jitter) : this.durationMs;
    }
    this.steps--;
    let current = this.durationMs;
    if (this.factor !== 0) {
      let next = this.durationMs * this.factor;
      if (this.capMs > 0 && next > this.capMs) {
        next = this.capMs;
        this.steps = 0;
      }
      this.durationMs = next;
    }
    if (this.jitter > 0) current = random.jitter(current, this.jitter);
    return current;
  }
}

export interface ExponentialBackoffOptions {
  /** Where jitter comes from. */
  random: Random;
  /** Stops the wait: it then rejects with the signal's reason (Go: ctx.Err()). */
  signal?: AbortSignal;
}

/**
 * wait.ExponentialBackoff / ExponentialBackoffWithContext: checks `condition`, and while it
 * answers false sleeps on `clock` for `step()` and checks again. Resolves as soon as the
 * condition is true; rejects with what the condition threw; rejects with WAIT_TIMEOUT ("timed
 * out waiting for the condition", wait.ErrWaitTimeout) after `steps` checks, or once a sleep cut
 * short by the cap has passed. `params` is copied, as Go passes Backoff by value.
 */
export async function exponentialBackoff(
  clock: Clock,
  params: BackoffParams,
  condition: () => Promise<boolean> | boolean,
  options: ExponentialBackoffOptions,
): Promise<void> {
  const backoff = new Backoff(params);
  const { random, signal } = options;
  while (backoff.steps > 0) {
    signal?.throwIfAborted();
    if (await condition()) return;
    if (backoff.steps === 1) break;
    await clock.sleep(backoff.step(random), signal);
  }
  throw new TlsbootError<WaitErrorCode>('WAIT_TIMEOUT', 'timed out waiting for the condition');
}
