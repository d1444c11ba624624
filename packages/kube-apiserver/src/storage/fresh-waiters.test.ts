// waitUntilFreshAndBlock of kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/storage/
// cacher/watch_cache.go: wait up to blockTimeout (3 s) for a revision, then 504 Too large.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { VirtualClock } from '@tlsboot/util';
import { TooLargeResourceVersionError } from './errors.js';
import { FreshWaiters } from './fresh-waiters.js';

test('a reached revision resolves at once; a later one when reached; the timer is cancelled', async () => {
  const clock = new VirtualClock();
  const f = new FreshWaiters(clock, 3_000);
  let rv = 5;
  await f.wait(5, () => rv);
  let done = false;
  const p = f.wait(7, () => rv).then(() => (done = true));
  rv = 6;
  f.reached(6);
  await clock.advance(0);
  assert.not.ok(done);
  rv = 7;
  f.reached(7);
  await p;
  assert.ok(done);
  assert.is(clock.pendingTimers, 0);
});

test('past the timeout: TooLargeResourceVersionError with the revision reached by then', async () => {
  const clock = new VirtualClock();
  const f = new FreshWaiters(clock, 3_000);
  let err: unknown;
  const p = f.wait(9, () => 4).catch((e: unknown) => (err = e));
  await clock.advance(2_999);
  assert.is(err, undefined);
  await clock.advance(1);
  await p;
  assert.instance(err, TooLargeResourceVersionError);
  assert.is((err as Error).message, 'Timeout: Too large resource version: 9, current: 4');
});

test('timeout 0 fails at once without a timer; releaseAll lets waiters go', async () => {
  const clock = new VirtualClock();
  let err: unknown;
  await new FreshWaiters(clock, 0).wait(9, () => 4).catch((e: unknown) => (err = e));
  assert.instance(err, TooLargeResourceVersionError);
  assert.is(clock.pendingTimers, 0);
  const f = new FreshWaiters(clock, 3_000);
  const p = f.wait(9, () => 4);
  f.releaseAll();
  await p;
  assert.is(clock.pendingTimers, 0);
});

test.run();
