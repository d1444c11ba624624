// Ports k8s.io/client-go/util/workqueue/default_rate_limiters_test.go; durations in ms.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { VirtualClock } from '@tlsboot/util';
import {
  bucketRateLimiter,
  defaultControllerRateLimiter,
  exponentialFailureRateLimiter,
  itemFastSlowRateLimiter,
  maxOfRateLimiter,
  withMaxWaitRateLimiter,
} from './default-rate-limiters.js';
import type { RateLimiter } from './default-rate-limiters.js';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

test('default_rate_limiters_test.go TestItemExponentialFailureRateLimiter', () => {
  const limiter = exponentialFailureRateLimiter<string>(1, 1 * second);
  assert.equal([1, 2, 3, 4, 5].map(() => limiter.when('one')), [1, 2, 4, 8, 16]);
  assert.is(limiter.numRequeues('one'), 5);
  assert.is(limiter.when('two'), 1);
  assert.is(limiter.when('two'), 2);
  assert.is(limiter.numRequeues('two'), 2);
  limiter.forget('one');
  assert.is(limiter.numRequeues('one'), 0);
  assert.is(limiter.when('one'), 1);
});

test('default_rate_limiters_test.go TestItemExponentialFailureRateLimiterOverFlow', () => {
  let limiter = exponentialFailureRateLimiter<string>(1, 1000 * second);
  for (let i = 0; i < 5; i++) limiter.when('one');
  assert.is(limiter.when('one'), 32);
  for (let i = 0; i < 1000; i++) limiter.when('overflow1');
  assert.is(limiter.when('overflow1'), 1000 * second);

  limiter = exponentialFailureRateLimiter<string>(1 * minute, 1000 * hour);
  for (let i = 0; i < 2; i++) limiter.when('two');
  assert.is(limiter.when('two'), 4 * minute);
  for (let i = 0; i < 1000; i++) limiter.when('overflow2');
  assert.is(limiter.when('overflow2'), 1000 * hour);
  for (let i = 0; i < 2000; i++) limiter.when('overflow3'); // 2^2000 is Infinity as a float
  assert.is(limiter.when('overflow3'), 1000 * hour);
});

test('default_rate_limiters_test.go TestItemFastSlowRateLimiter', () => {
  const limiter = itemFastSlowRateLimiter<string>(5, 10 * second, 3);
  assert.equal([1, 2, 3, 4, 5].map(() => limiter.when('one')), [5, 5, 5, 10 * second, 10 * second]);
  assert.is(limiter.numRequeues('one'), 5);
  assert.equal([limiter.when('two'), limiter.when('two')], [5, 5]);
  assert.is(limiter.numRequeues('two'), 2);
  limiter.forget('one');
  assert.is(limiter.numRequeues('one'), 0);
  assert.is(limiter.when('one'), 5);
});

test('default_rate_limiters_test.go TestMaxOfRateLimiter', () => {
  const limiter = maxOfRateLimiter<string>(
    itemFastSlowRateLimiter(5, 3 * second, 3),
    exponentialFailureRateLimiter(1, 1 * second),
  );
  assert.equal([1, 2, 3, 4, 5].map(() => limiter.when('one')), [5, 5, 5, 3 * second, 3 * second]);
  assert.is(limiter.numRequeues('one'), 5);
  assert.equal([limiter.when('two'), limiter.when('two')], [5, 5]);
  assert.is(limiter.numRequeues('two'), 2);
  limiter.forget('one');
  assert.is(limiter.numRequeues('one'), 0);
  assert.is(limiter.when('one'), 5);
});

function stepRateLimiter(baseDelay: number, maxDelay: number, threshold: number): RateLimiter<number> {
  let count = 0;
  return {
    when: () => (++count <= threshold ? baseDelay : maxDelay),
    numRequeues: () => 0,
    forget: () => {},
  };
}

test('default_rate_limiters_test.go TestWithMaxWaitRateLimiter', () => {
  const limiter = withMaxWaitRateLimiter(stepRateLimiter(5, 1000 * second, 100), 500 * second);
  for (let i = 0; i < 100; i++) assert.is(limiter.when(i), 5);
  for (let i = 100; i < 200; i++) assert.is(limiter.when(i), 500 * second);
});

test('default_rate_limiters.go BucketRateLimiter: a burst of 100 at once, then one per 100 ms (10 qps)', async () => {
  const clock = new VirtualClock();
  const limiter = bucketRateLimiter<string>(10, 100, clock);
  for (let i = 0; i < 100; i++) assert.is(limiter.when(`k${i}`), 0);
  assert.is(limiter.when('x'), 100);
  assert.is(limiter.when('y'), 200);
  assert.is(limiter.numRequeues('x'), 0);
  await clock.advance(200); // the two reserved tokens are now paid for; the bucket is empty
  assert.is(limiter.when('z'), 100);
  await clock.advance(60 * second); // refills to the burst, never beyond
  for (let i = 0; i < 100; i++) assert.is(limiter.when(`k${i}`), 0);
  assert.is(limiter.when('over'), 100);
});

test('default_rate_limiters.go DefaultControllerRateLimiter: per-item exponential unless the bucket is worse', async () => {
  const clock = new VirtualClock();
  const limiter = defaultControllerRateLimiter<string>(clock);
  assert.equal([1, 2, 3].map(() => limiter.when('a')), [5, 10, 20]);
  assert.is(limiter.numRequeues('a'), 3);
  // 97 more distinct items use up the bucket of 100; after that the bucket's 100 ms wait wins.
  for (let i = 0; i < 97; i++) assert.is(limiter.when(`i${i}`), 5);
  assert.is(limiter.when('b'), 100);
  assert.is(limiter.when('c'), 200);
  limiter.forget('a');
  assert.is(limiter.numRequeues('a'), 0);
  // 1000 s cap for an item that keeps failing.
  for (let i = 0; i < 40; i++) limiter.when('hot');
  assert.is(limiter.when('hot'), 1000 * second);
});

test.run();
