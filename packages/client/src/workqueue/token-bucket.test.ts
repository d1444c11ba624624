// golang.org/x/time/rate (rate.go) semantics of the bucket behind BucketRateLimiter, on a
// VirtualClock: full at start, refilled at `limit` per second up to `burst`, reservations that
// queue up behind each other, Go's truncation to whole nanoseconds.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { VirtualClock } from '@tlsboot/util';
import { TokenBucket } from './token-bucket.js';

test('rate.go: starts full; the (burst+1)-th reservation waits one token', () => {
  const clock = new VirtualClock();
  const b = new TokenBucket(2, 3, clock);
  assert.equal([b.reserveDelay(), b.reserveDelay(), b.reserveDelay()], [0, 0, 0]);
  assert.is(b.reserveDelay(), 500);
  assert.is(b.reserveDelay(), 1000);
  assert.is(b.tokensAt(clock.nowMs()), -2);
});

test('rate.go advance: tokens refill with time, capped at burst', async () => {
  const clock = new VirtualClock();
  const b = new TokenBucket(2, 3, clock);
  for (let i = 0; i < 3; i++) b.reserveDelay();
  await clock.advance(250);
  assert.is(b.tokensAt(clock.nowMs()), 0.5);
  assert.is(b.reserveDelay(), 250);
  await clock.advance(10_000);
  assert.is(b.tokensAt(clock.nowMs()), 3);
});

test('rate.go durationFromTokens: truncated to whole nanoseconds', () => {
  const clock = new VirtualClock();
  const b = new TokenBucket(3, 1, clock);
  b.reserveDelay();
  assert.is(b.reserveDelay(), 333.333333);
});

test('rate.go reserveN: burst 0 never admits (InfDuration); Inf limit always admits', () => {
  const clock = new VirtualClock();
  assert.is(new TokenBucket(10, 0, clock).reserveDelay(), Number.POSITIVE_INFINITY);
  const inf = new TokenBucket(Number.POSITIVE_INFINITY, 0, clock);
  assert.is(inf.reserveDelay(), 0);
});

test('rate.go reserveN: limit 0 spends the burst and then never admits', () => {
  const clock = new VirtualClock();
  const b = new TokenBucket(0, 2, clock);
  assert.equal([b.reserveDelay(), b.reserveDelay(), b.reserveDelay()], [0, 0, Number.POSITIVE_INFINITY]);
});

test.run();
