// golang.org/x/time/rate (rate.go: Limiter, reserveN, advance, Reservation.DelayFrom), the token
// bucket behind client-go's BucketRateLimiter (k8s.io/client-go/util/workqueue/
// default_rate_limiters.go). Upstream reads time.Now(); here the bucket reads the injected Clock,
// so virtual time drives it.
import type { Clock } from '@tlsboot/util';

/**
 * A token bucket of `burst` tokens refilled at `limit` tokens per second. It starts full (upstream's
 * zero `last` makes the first refill saturate). Times are epoch milliseconds.
 */
export class TokenBucket {
  readonly #limit: number;
  #burst: number;
  readonly #clock: Clock;
  #tokens = 0;
  #lastMs = Number.NEGATIVE_INFINITY;

  constructor(limit: number, burst: number, clock: Clock) {
    this.#limit = limit;
    this.#burst = burst;
    this.#clock = clock;
  }

  /**
   * Reserves one token now and returns how long (ms) to wait before acting on it — Limiter.Reserve()
   * followed by Reservation.Delay(). `Infinity` when the bucket can never hold a token (burst 0),
   * where Go returns InfDuration.
   */
  reserveDelay(): number {
    const now = this.#clock.nowMs();
    if (this.#limit === Number.POSITIVE_INFINITY) return 0;
    if (this.#limit === 0) {
      // Upstream: with limit 0 the burst itself is spent, one token per reservation, never refilled.
      if (this.#burst < 1) return Number.POSITIVE_INFINITY;
      this.#burst -= 1;
      return 0;
    }
    const tokens = this.#advance(now) - 1;
    const waitMs = tokens < 0 ? durationFromTokens(this.#limit, -tokens) : 0;
    if (1 > this.#burst || !Number.isFinite(waitMs)) return Number.POSITIVE_INFINITY;
    this.#lastMs = now;
    this.#tokens = tokens;
    return waitMs;
  }

  /** The tokens the bucket holds at `nowMs` (rate.Limiter.TokensAt). */
  tokensAt(nowMs: number): number {
    return this.#advance(nowMs);
  }

  #advance(nowMs: number): number {
    const last = nowMs < this.#lastMs ? nowMs : this.#lastMs;
    const elapsedSeconds = (nowMs - last) / 1000;
    const tokens = this.#tokens + elapsedSeconds * this.#limit;
    return tokens > this.#burst ? this.#burst : tokens;
  }
}

/** Limit.durationFromTokens: Go truncates to whole nanoseconds; the result is in ms. */
function durationFromTokens(limit: number, tokens: number): number {
  const ns = Math.trunc((tokens / limit) * 1e9);
  return ns / 1e6;
}
