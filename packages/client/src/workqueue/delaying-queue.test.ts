// Ports k8s.io/client-go/util/workqueue/delaying_queue_test.go. The fake clock's Step becomes
// VirtualClock.advance, which fires the queue's timer deterministically; the waitingForDepth gauge
// is waitingLen().
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { VirtualClock, activity } from '@tlsboot/util';
import { DelayingQueue } from './delaying-queue.js';

function setup(): { clock: VirtualClock; q: DelayingQueue<string> } {
  const clock = new VirtualClock();
  return { clock, q: new DelayingQueue<string>({ clock, name: 'test' }) };
}

test('delaying_queue_test.go TestSimpleQueue', async () => {
  const { clock, q } = setup();
  q.addAfter('foo', 50);
  assert.is(q.waitingLen(), 1);
  assert.is(q.len(), 0, 'should not have added');

  await clock.advance(60);
  assert.is(q.len(), 1, 'should have added');
  assert.is(q.waitingLen(), 0);
  const item = await q.get();
  q.done(item!);

  // step past the next heartbeat
  await clock.advance(10_000);
  assert.is(q.len(), 0, 'should not have added');
  assert.is(clock.pendingTimers, 0, 'no timer left behind');
});

test('delaying_queue_test.go TestDeduping: an item waits once, at the earlier time', async () => {
  const { clock, q } = setup();
  q.addAfter('foo', 50);
  q.addAfter('foo', 70);
  assert.is(q.waitingLen(), 1);
  assert.is(q.len(), 0);

  // step past the first block, we should receive now
  await clock.advance(60);
  assert.is(q.len(), 1);
  assert.is(q.waitingLen(), 0);
  let item = await q.get();
  q.done(item!);

  // step past the second add
  await clock.advance(20);
  assert.is(q.len(), 0, 'the later add was merged into the first');

  // test again, but this time the earlier should override
  q.addAfter('foo', 50);
  q.addAfter('foo', 30);
  assert.is(q.waitingLen(), 1);
  assert.is(q.len(), 0);
  await clock.advance(40);
  assert.is(q.len(), 1);
  assert.is(q.waitingLen(), 0);
  item = await q.get();
  q.done(item!);

  await clock.advance(20);
  assert.is(q.len(), 0);
});

test('delaying_queue_test.go TestAddTwoFireEarly', async () => {
  const { clock, q } = setup();
  q.addAfter('foo', 1000);
  q.addAfter('bar', 50);
  assert.is(q.waitingLen(), 2);
  assert.is(q.len(), 0);

  await clock.advance(60);
  assert.is(q.len(), 1);
  assert.is(q.waitingLen(), 1);
  assert.is(await q.get(), 'bar');

  q.addAfter('baz', 2000);
  await clock.advance(1000);
  assert.is(q.len(), 1);
  assert.is(q.waitingLen(), 1);
  assert.is(await q.get(), 'foo');

  await clock.advance(2000);
  assert.is(q.len(), 1);
  assert.is(q.waitingLen(), 0);
  assert.is(await q.get(), 'baz');
});

test('delaying_queue_test.go TestCopyShifting: items come out in ready order', async () => {
  const { clock, q } = setup();
  q.addAfter('foo', 1000);
  q.addAfter('bar', 500);
  q.addAfter('baz', 250);
  assert.is(q.waitingLen(), 3);
  assert.is(q.len(), 0);

  await clock.advance(2000);
  assert.is(q.len(), 3);
  assert.is(q.waitingLen(), 0);
  assert.is(await q.get(), 'baz');
  assert.is(await q.get(), 'bar');
  assert.is(await q.get(), 'foo');
});

test('delaying_queue_test.go BenchmarkDelayingQueue_AddAfter as a check: 2000 random delays come out sorted', async () => {
  const { clock, q } = setup();
  const delays = new Map<string, number>();
  let seed = 7;
  for (let n = 0; n < 2000; n++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const d = 1 + (seed % (10 * 60_000));
    delays.set(String(n), d);
    q.addAfter(String(n), d);
  }
  await clock.advance(11 * 60_000);
  assert.is(q.len(), 2000);
  let last = -1;
  for (let n = 0; n < 2000; n++) {
    const item = (await q.get())!;
    const d = delays.get(item)!;
    assert.ok(d >= last, 'ready order');
    last = d;
  }
});

test('delaying_queue.go AddAfter: a delay of 0 or less adds at once; nothing after shutdown', async () => {
  const { clock, q } = setup();
  q.addAfter('now', 0);
  q.addAfter('past', -5);
  assert.is(q.len(), 2);
  q.addAfter('later', 10);
  q.shutDown();
  q.addAfter('after', 0);
  await clock.advance(100);
  assert.is(q.len(), 2, 'waiting items are dropped at shutdown');
  assert.is(clock.pendingTimers, 0);
});

test('delaying_queue.go: the item fires at exactly its ready time, not before', async () => {
  const { clock, q } = setup();
  q.addAfter('foo', 50);
  await clock.advance(49);
  assert.is(q.len(), 0);
  await clock.advance(1);
  assert.is(q.len(), 1);
});

test('delaying_queue.go: a ready item already queued collapses; one being processed is re-queued after done', async () => {
  const { clock, q } = setup();
  q.add('foo');
  q.addAfter('foo', 10);
  await clock.advance(10);
  assert.is(q.len(), 1);
  const item = await q.get();
  q.addAfter('foo', 10);
  await clock.advance(10);
  assert.is(q.len(), 0, 'dirty while processing');
  q.done(item!);
  assert.is(q.len(), 1);
});

// Not upstream: an item waiting on its timer is not work in progress (the clock sees the timer);
// once the timer adds it, it is (DESIGN.md "Time").
test('activity: addAfter is idle until the item is added', async () => {
  const { clock, q } = setup();
  const base = activity.busy;
  const got = q.get();
  q.addAfter('foo', 50);
  assert.is(activity.busy, base, 'waiting on the timer');
  await clock.advance(60);
  assert.is(activity.busy, base + 1, 'handed out');
  q.done((await got)!);
  assert.is(activity.busy, base);
  q.shutDown();
});

test.run();
