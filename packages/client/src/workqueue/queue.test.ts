// Ports k8s.io/client-go/util/workqueue/queue_test.go. Goroutines become async tasks; the sleeps
// of TestBasic run on a VirtualClock, so the interleaving is deterministic.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { VirtualClock, activity } from '@tlsboot/util';
import { Queue } from './queue.js';

const shutDowns: [string, (q: Queue<unknown>) => Promise<void> | void][] = [
  ['ShutDown', (q) => q.shutDown()],
  ['ShutDownWithDrain', (q) => q.shutDownWithDrain()],
];

for (const [how, shutDown] of shutDowns) {
  test(`queue_test.go TestBasic (${how}): 50 producers, 10 consumers, no item processed twice at once`, async () => {
    const clock = new VirtualClock();
    const q = new Queue<unknown>();
    const producers = Array.from({ length: 50 }, async (_, i) => {
      for (let j = 0; j < 50; j++) {
        q.add(i);
        await clock.sleep(1);
      }
    });
    const active = new Set<unknown>();
    const seen = new Set<unknown>();
    const problems: string[] = [];
    const consumers = Array.from({ length: 10 }, async () => {
      for (;;) {
        const item = await q.get();
        if (item === 'added after shutdown!') problems.push('got an item added after shutdown');
        if (item === undefined) return;
        if (active.has(item)) problems.push(`item ${String(item)} processed twice at once`);
        active.add(item);
        seen.add(item);
        await clock.sleep(3);
        active.delete(item);
        q.done(item);
      }
    });
    const run = clock.runAll();
    await Promise.all(producers);
    const stopped = shutDown(q);
    q.add('added after shutdown!');
    await Promise.all(consumers);
    await stopped;
    await run;
    assert.equal(problems, []);
    assert.is(seen.size, 50);
    assert.is(q.len(), 0);
  });

  test(`queue_test.go TestAddWhileProcessing (${how}): every item re-added while processing comes back`, async () => {
    const q = new Queue<number>();
    for (let i = 0; i < 50; i++) q.add(i);
    const counts = new Map<number, number>();
    const consumers = Array.from({ length: 10 }, async () => {
      const counters = new Map<number, number>();
      for (;;) {
        const item = await q.get();
        if (item === undefined) return;
        counters.set(item, (counters.get(item) ?? 0) + 1);
        counts.set(item, (counts.get(item) ?? 0) + 1);
        if ((counters.get(item) ?? 0) < 2) q.add(item);
        await Promise.resolve();
        q.done(item);
      }
    });
    // Let the consumers drain the queue before shutting down, as the producers' WaitGroup does.
    while (q.len() > 0) await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    await shutDown(q as Queue<unknown>);
    await Promise.all(consumers);
    assert.is(q.len(), 0);
    for (let i = 0; i < 50; i++) assert.ok((counts.get(i) ?? 0) >= 2, `item ${i} processed ${counts.get(i)} times`);
  });
}

test('queue_test.go TestLen: adding an item already queued does not grow the queue', () => {
  const q = new Queue<string>();
  q.add('foo');
  assert.is(q.len(), 1);
  q.add('bar');
  assert.is(q.len(), 2);
  q.add('foo');
  assert.is(q.len(), 2);
});

test('queue_test.go TestReinsert: an item added while processing is queued again after done', async () => {
  const q = new Queue<string>();
  q.add('foo');
  let i = await q.get();
  assert.is(i, 'foo');
  q.add(i!);
  assert.is(q.len(), 0, 'not queued while processing');
  q.done(i!);
  i = await q.get();
  assert.is(i, 'foo');
  q.done(i!);
  assert.is(q.len(), 0);
});

test('queue_test.go TestQueueDrainageUsingShutDownWithDrain: resolves once items are done', async () => {
  const q = new Queue<string>();
  q.add('foo');
  q.add('bar');
  const first = await q.get();
  const second = await q.get();
  let finished = false;
  const drained = q.shutDownWithDrain().then(() => (finished = true));
  assert.is(await q.get(), undefined, 'get reports shutdown');
  await Promise.resolve();
  assert.is(finished, false, 'still waiting for done');
  q.done(first!);
  await Promise.resolve();
  assert.is(finished, false);
  q.done(second!);
  await drained;
  assert.is(finished, true);
});

test('queue_test.go TestNoQueueDrainageUsingShutDown: shutDown does not wait for items in flight', async () => {
  const q = new Queue<string>();
  q.add('foo');
  q.add('bar');
  await q.get();
  await q.get();
  q.shutDown();
  assert.is(q.shuttingDown(), true);
  assert.is(await q.get(), undefined);
});

test('queue_test.go TestForceQueueShutdownUsingShutDown: shutDown ends a pending drain', async () => {
  const q = new Queue<string>();
  q.add('foo');
  q.add('bar');
  await q.get();
  await q.get();
  const drained = q.shutDownWithDrain();
  assert.is(await q.get(), undefined);
  q.shutDown();
  await drained; // would hang if shutDown did not end the drain
});

test('queue_test.go TestQueueDrainageUsingShutDownWithDrainWithDirtyItem: a dirty item is still handed out', async () => {
  const q = new Queue<string>();
  q.add('foo');
  const gotten = await q.get();
  q.add('foo');
  const drained = q.shutDownWithDrain();
  assert.is(await q.get(), undefined, 'nothing queued yet: shutting down');
  q.done(gotten!);
  const again = await q.get();
  assert.is(again, 'foo', 'done put the dirty item back, and get hands it out');
  q.done(again!);
  assert.is(await q.get(), undefined, 'now really done');
  await drained;
});

test('queue.go Get: items queued before shutDown are still handed out, then undefined', async () => {
  const q = new Queue<string>();
  q.add('a');
  q.add('b');
  q.shutDown();
  q.add('c');
  assert.is(await q.get(), 'a');
  assert.is(await q.get(), 'b');
  assert.is(await q.get(), undefined);
});

test('queue.go Get: a waiting get is woken by add, and by shutDown', async () => {
  const q = new Queue<string>();
  const waiting = [q.get(), q.get()];
  q.add('x');
  assert.is(await waiting[0], 'x');
  q.shutDown();
  assert.is(await waiting[1], undefined);
});

test('queue.go: FIFO order, duplicates collapse, === identity', async () => {
  const q = new Queue<object | string>();
  const a = { k: 1 };
  const b = { k: 1 };
  q.add('z');
  q.add(a);
  q.add(b);
  q.add(a);
  assert.is(q.len(), 3);
  assert.is(await q.get(), 'z');
  assert.is(await q.get(), a);
  assert.is(await q.get(), b);
});

test('queue.go Done: done on an item never handed out is harmless', async () => {
  const q = new Queue<string>();
  q.done('nope');
  q.add('a');
  assert.is(await q.get(), 'a');
  let drained = false;
  void q.shutDownWithDrain().then(() => (drained = true));
  await new Promise((r) => setImmediate(r));
  assert.is(drained, false, 'must wait for a');
  q.done('a');
  await new Promise((r) => setImmediate(r));
  assert.is(drained, true);
});

// Not upstream: the queue reports its work to the process's activity tracker (DESIGN.md "Time").
test('activity: busy from add() (once a worker asks) until the last done(); re-add while processing keeps it busy', async () => {
  const base = activity.busy;
  const q = new Queue<string>();
  q.add('a');
  assert.is(activity.busy, base, 'queued before any worker asked for items: not counted (workers may wait on a timer to start)');
  const first = await q.get();
  assert.is(first, 'a');
  assert.is(activity.busy, base + 1, 'processing');
  q.add('a'); // dirty again while processing
  q.done('a');
  assert.is(activity.busy, base + 1, 'queued again');
  const again = await q.get();
  q.done(again!);
  assert.is(activity.busy, base, 'nothing dirty or processing');
  const waiting = q.get();
  q.add('b');
  assert.is(activity.busy, base + 1, 'handed to the waiting worker');
  q.done((await waiting)!);
  assert.is(activity.busy, base);
  q.add('c');
  q.add('d');
  assert.is(activity.busy, base + 1, 'queued for a worker that serves the queue');
  q.shutDown();
  assert.is(activity.busy, base, 'a shut-down queue whose items may never be taken is not busy');
});

test.run();
