// Ports k8s.io/client-go/util/workqueue/rate_limiting_queue_test.go. Upstream reads the wait
// entries off the delaying queue's channel; here the VirtualClock shows when each item lands.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { VirtualClock } from '@tlsboot/util';
import { RateLimitingQueue } from './rate-limiting-queue.js';
import { exponentialFailureRateLimiter } from './default-rate-limiters.js';

/** How long after now `item` lands in the queue, stepping the clock 1 ms at a time. */
async function landsAfter(clock: VirtualClock, q: RateLimitingQueue<string>, item: string): Promise<number> {
  const start = clock.nowMs();
  for (let i = 0; i < 100; i++) {
    if (q.len() > 0) {
      const got = await q.get();
      assert.is(got, item);
      q.done(got!);
      return clock.nowMs() - start;
    }
    await clock.advance(1);
  }
  throw new Error(`${item} never landed`);
}

test('rate_limiting_queue_test.go TestRateLimitingQueue', async () => {
  const clock = new VirtualClock();
  const queue = new RateLimitingQueue<string>({ clock, rateLimiter: exponentialFailureRateLimiter(1, 1000) });

  queue.addRateLimited('one');
  assert.is(await landsAfter(clock, queue, 'one'), 1);
  queue.addRateLimited('one');
  assert.is(await landsAfter(clock, queue, 'one'), 2);
  assert.is(queue.numRequeues('one'), 2);

  queue.addRateLimited('two');
  assert.is(await landsAfter(clock, queue, 'two'), 1);
  queue.addRateLimited('two');
  assert.is(await landsAfter(clock, queue, 'two'), 2);

  queue.forget('one');
  assert.is(queue.numRequeues('one'), 0);
  queue.addRateLimited('one');
  assert.is(await landsAfter(clock, queue, 'one'), 1);
});

test('rate_limiting_queue.go: the default limiter is DefaultControllerRateLimiter (5 ms, 10 ms, 20 ms …)', async () => {
  const clock = new VirtualClock();
  const queue = new RateLimitingQueue<string>({ clock, name: 'csrsigning' });
  assert.is(queue.name, 'csrsigning');
  const seen: number[] = [];
  for (let i = 0; i < 4; i++) {
    queue.addRateLimited('k');
    const start = clock.nowMs();
    await clock.runAll();
    seen.push(clock.nowMs() - start);
    const k = await queue.get();
    queue.done(k!);
  }
  assert.equal(seen, [5, 10, 20, 40]);
  assert.is(queue.numRequeues('k'), 4);
});

test('rate_limiting_queue.go: a controller worker loop on virtual time (retry with backoff, then forget)', async () => {
  const clock = new VirtualClock();
  const queue = new RateLimitingQueue<string>({ clock });
  let attempts = 0;
  const handled: number[] = [];
  const worker = (async () => {
    for (;;) {
      const key = await queue.get();
      if (key === undefined) return;
      attempts++;
      if (attempts < 4) queue.addRateLimited(key);
      else {
        queue.forget(key);
        handled.push(clock.nowMs());
      }
      queue.done(key);
    }
  })();
  const start = clock.nowMs();
  queue.add('default/csr-1');
  await clock.runAll();
  queue.shutDown();
  await worker;
  assert.is(attempts, 4);
  assert.equal(handled, [start + 5 + 10 + 20]);
  assert.is(queue.numRequeues('default/csr-1'), 0);
});

test.run();
