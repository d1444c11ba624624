// k8s.io/client-go/util/workqueue/default_rate_limiters.go: the RateLimiter contract and the
// limiters controllers use (ItemExponentialFailureRateLimiter, BucketRateLimiter,
// ItemFastSlowRateLimiter, MaxOfRateLimiter, WithMaxWaitRateLimiter, DefaultControllerRateLimiter).
// Items are compared with ===, as Go map keys compare comparable values; use string keys.
import type { Clock } from '@tlsboot/util';
import { TokenBucket } from './token-bucket.js';

/** Decides how long an item waits before it is queued again. All durations are milliseconds. */
export interface RateLimiter<T> {
  /** How long `item` should wait now; counts a failure for per-item limiters. */
  when(item: T): number;
  /** The item is finished being retried (succeeded or gave up): stop tracking it. */
  forget(item: T): void;
  /** How many failures the item has had. */
  numRequeues(item: T): number;
}

/** baseDelay·2^failures per item, capped at maxDelay (NewItemExponentialFailureRateLimiter). */
export function exponentialFailureRateLimiter<T>(
  baseDelayMs: number,
  maxDelayMs: number,
): RateLimiter<T> {
  const failures = new Map<T, number>();
  return {
    when(item) {
      const exp = failures.get(item) ?? 0;
      failures.set(item, exp + 1);
      // Upstream caps the float before converting so the value never overflows int64 ns.
      const backoff = baseDelayMs * 2 ** exp;
      if (!Number.isFinite(backoff) || backoff > maxDelayMs) return maxDelayMs;
      return backoff;
    },
    forget(item) {
      failures.delete(item);
    },
    numRequeues(item) {
      return failures.get(item) ?? 0;
    },
  };
}

/**
 * One token bucket for all items (BucketRateLimiter over rate.NewLimiter(qps, burst)): `when`
 * reserves a token and returns the reservation's delay. It tracks no items.
 */
export function bucketRateLimiter<T>(qps: number, burst: number, clock: Clock): RateLimiter<T> {
  const bucket = new TokenBucket(qps, burst, clock);
  return {
    when: () => bucket.reserveDelay(),
    forget: () => {},
    numRequeues: () => 0,
  };
}

/** fastDelay for the first maxFastAttempts failures of an item, slowDelay after (NewItemFastSlowRateLimiter). */
export function itemFastSlowRateLimiter<T>(
  fastDelayMs: number,
  slowDelayMs: number,
  maxFastAttempts: number,
): RateLimiter<T> {
  const failures = new Map<T, number>();
  return {
    when(item) {
      const n = (failures.get(item) ?? 0) + 1;
      failures.set(item, n);
      return n <= maxFastAttempts ? fastDelayMs : slowDelayMs;
    },
    forget(item) {
      failures.delete(item);
    },
    numRequeues(item) {
      return failures.get(item) ?? 0;
    },
  };
}

/**
 * Asks every limiter and returns the worst answer (NewMaxOfRateLimiter). Every limiter is asked,
 * so each one counts the failure; numRequeues is the largest count, forget reaches all.
 */
export function maxOfRateLimiter<T>(...limiters: RateLimiter<T>[]): RateLimiter<T> {
  return {
    when(item) {
      let ret = 0;
      for (const limiter of limiters) {
        const curr = limiter.when(item);
        if (curr > ret) ret = curr;
      }
      return ret;
    },
    forget(item) {
      for (const limiter of limiters) limiter.forget(item);
    },
    numRequeues(item) {
      let ret = 0;
      for (const limiter of limiters) {
        const curr = limiter.numRequeues(item);
        if (curr > ret) ret = curr;
      }
      return ret;
    },
  };
}

/** Caps another limiter's answer at maxDelay (NewWithMaxWaitRateLimiter). */
export function withMaxWaitRateLimiter<T>(limiter: RateLimiter<T>, maxDelayMs: number): RateLimiter<T> {
  return {
    when: (item) => Math.min(limiter.when(item), maxDelayMs),
    forget: (item) => limiter.forget(item),
    numRequeues: (item) => limiter.numRequeues(item),
  };
}

/**
 * DefaultControllerRateLimiter: per item 5 ms doubling to 1000 s, and overall 10 qps with a
 * bucket of 100 — the bucket only paces retries across all items.
 */
export function defaultControllerRateLimiter<T>(clock: Clock): RateLimiter<T> {
  return maxOfRateLimiter<T>(
    exponentialFailureRateLimiter<T>(5, 1000 * 1000),
    bucketRateLimiter<T>(10, 100, clock),
  );
}
