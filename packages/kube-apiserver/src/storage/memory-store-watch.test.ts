// MemoryStore.watch against the cacher (kubernetes/kubernetes:
// staging/src/k8s.io/apiserver/pkg/storage/cacher/cacher.go Watch, watch_cache.go
// getAllEventsSinceLocked, cache_watcher.go) and the API concepts page's resourceVersion rules
// for watch (../shared/reference/k8s-csr-kubelet.md §6.3–6.4).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { StorageBadRequestError } from './errors.js';
import type { StoredObject, WatchEvent, Watcher } from './interfaces.js';
import { keyFor, prefixFor } from './keys.js';
import { MemoryStore } from './memory-store.js';
import { newStore as newTestStore } from './testing.js';

const key = (name: string, ns = 'default'): string => keyFor('secrets', ns, name);
const secret = (name: string, labels: Record<string, string> = {}, ns = 'default'): StoredObject => ({
  metadata: { name, namespace: ns, labels },
});
const relabel = (labels: Record<string, string>) => (o: StoredObject): StoredObject => ({ ...o, metadata: { ...o.metadata, labels } });

/** Bookmarks only when a test asks for them. */
const newStore = (options: Parameters<typeof newTestStore>[0] = {}) => newTestStore({ bookmarkFrequencyMs: 0, ...options });

/** The next `n` events, as "TYPE name@rv" (BOOKMARK: "BOOKMARK @rv"). */
async function take(w: Watcher, n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await w.next();
    if (r.done) {
      out.push('END');
      break;
    }
    out.push(describe(r.value));
  }
  return out;
}

function describe(e: WatchEvent): string {
  if (e.type === 'ERROR') return `ERROR ${e.object.code} ${e.object.message}`;
  const m = e.object.metadata;
  return `${e.type} ${m.name ?? ''}@${m.resourceVersion}`;
}

/**
 * Whether the watcher has an event ready without waiting (one macrotask for the next()). It
 * consumes that event, so use it as a test's last look at a watcher.
 */
async function hasEventReady(w: Watcher): Promise<boolean> {
  let ready = false;
  void w.next().then(() => (ready = true));
  await new Promise((r) => setImmediate(r));
  return ready;
}

test('watch from "" (unset): synthetic ADDED of every current object, then live events', async () => {
  const { store } = newStore();
  await store.create(key('b'), secret('b'));
  await store.create(key('a'), secret('a'));
  await store.create(keyFor('configmaps', 'default', 'c'), { metadata: { name: 'c' } });
  const w = await store.watch(prefixFor('secrets'));
  await store.guaranteedUpdate(key('a'), relabel({ x: '1' }));
  await store.delete(key('b'));
  assert.equal(await take(w, 4), ['ADDED a@3', 'ADDED b@2', 'MODIFIED a@5', 'DELETED b@6']);
  w.stop();
});

test('watch from "0" behaves as "" (cacher: both parse to 0)', async () => {
  const { store } = newStore();
  await store.create(key('a'), secret('a'));
  const w = await store.watch(prefixFor('secrets'), { resourceVersion: '0' });
  await store.create(key('b'), secret('b'));
  assert.equal(await take(w, 2), ['ADDED a@2', 'ADDED b@3']);
  w.stop();
});

test('watch from N: only the events after N, from history, then live; nothing replayed twice', async () => {
  const { store } = newStore();
  await store.create(key('a'), secret('a')); // 2
  await store.create(key('b'), secret('b')); // 3
  await store.guaranteedUpdate(key('a'), relabel({ v: '2' })); // 4
  const w = await store.watch(prefixFor('secrets'), { resourceVersion: '3' });
  await store.delete(key('a')); // 5
  assert.equal(await take(w, 2), ['MODIFIED a@4', 'DELETED a@5']);
  assert.not.ok(await hasEventReady(w));
  w.stop();
});

test('watch from the current revision: no initial events at all', async () => {
  const { store } = newStore();
  await store.create(key('a'), secret('a'));
  const w = await store.watch(prefixFor('secrets'), { resourceVersion: String(store.resourceVersion) });
  assert.not.ok(await hasEventReady(w));
  w.stop();
});

test('watch from a too-old N: one ERROR event with 410 Expired "too old resource version: N (M)", then the end', async () => {
  const { store } = newStore({ history: { capacity: 2 } });
  for (const n of ['a', 'b', 'c', 'd']) await store.create(key(n), secret(n)); // revisions 2..5; window keeps 4, 5
  const w = await store.watch(prefixFor('secrets'), { resourceVersion: '2' });
  const first = await w.next();
  assert.equal(first.value, {
    type: 'ERROR',
    object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'too old resource version: 2 (3)', reason: 'Expired', code: 410 },
  });
  assert.equal(await w.next(), { done: true, value: undefined });
  assert.is(await w.closed, 'error');
  assert.is(store.watcherCount, 0, 'an error watcher is never registered');
  // The oldest resumable revision is one before the oldest kept event.
  const ok = await store.watch(prefixFor('secrets'), { resourceVersion: '3' });
  assert.equal(await take(ok, 2), ['ADDED c@4', 'ADDED d@5']);
  ok.stop();
});

test('history is per resource, as one cacher per resource: other resources do not evict it', async () => {
  const { store } = newStore({ history: { capacity: 2 } });
  await store.create(key('a'), secret('a')); // 2
  for (let i = 0; i < 10; i++) await store.create(keyFor('leases.coordination.k8s.io', 'kube-node-lease', `n${i}`), { metadata: { name: `n${i}` } });
  const w = await store.watch(prefixFor('secrets'), { resourceVersion: '1' });
  assert.equal(await take(w, 1), ['ADDED a@2']);
  w.stop();
});

test('watch from a future N: no error; events up to N are skipped (cacher lets clients wait)', async () => {
  const { store } = newStore();
  await store.create(key('a'), secret('a')); // 2
  const w = await store.watch(prefixFor('secrets'), { resourceVersion: '4' });
  await store.create(key('b'), secret('b')); // 3
  await store.create(key('c'), secret('c')); // 4
  await store.create(key('d'), secret('d')); // 5
  assert.equal(await take(w, 1), ['ADDED d@5']);
  w.stop();
});

test('predicate-filtered watch: stops matching → DELETED (previous state, new RV); starts matching → ADDED', async () => {
  const { store } = newStore();
  await store.create(key('a'), secret('a', { app: 'web' }));
  const w = await store.watch(prefixFor('secrets'), { predicate: (o) => (o.metadata['labels'] as Record<string, string> | undefined)?.['app'] === 'web' });
  await store.guaranteedUpdate(key('a'), relabel({ app: 'db' })); // 3: leaves the selection
  await store.guaranteedUpdate(key('a'), relabel({ app: 'db', x: '1' })); // 4: still out, invisible
  await store.guaranteedUpdate(key('a'), relabel({ app: 'web' })); // 5: back in
  await store.guaranteedUpdate(key('a'), relabel({ app: 'web', y: '2' })); // 6: modified in place
  await store.create(key('b'), secret('b', { app: 'db' })); // 7: never matches
  await store.delete(key('a')); // 8
  const events: WatchEvent[] = [];
  for (let i = 0; i < 5; i++) events.push((await w.next()).value!);
  assert.equal(events.map(describe), ['ADDED a@2', 'DELETED a@3', 'ADDED a@5', 'MODIFIED a@6', 'DELETED a@8']);
  // The DELETED for leaving the selection carries the state before the change (label app=web).
  assert.equal((events[1]!.object as StoredObject).metadata['labels'], { app: 'web' });
  assert.not.ok(await hasEventReady(w));
  w.stop();
});

test('a watch on one key sees only that key', async () => {
  const { store } = newStore();
  const w = await store.watch(key('a'));
  await store.create(key('b'), secret('b'));
  await store.create(key('a'), secret('a'));
  assert.equal(await take(w, 1), ['ADDED a@3']);
  w.stop();
});

test('a watch on a namespace prefix sees only that namespace', async () => {
  const { store } = newStore();
  const w = await store.watch(prefixFor('secrets', 'ns1'));
  await store.create(key('a', 'ns2'), secret('a', {}, 'ns2'));
  await store.create(key('a', 'ns1'), secret('a', {}, 'ns1'));
  assert.equal(await take(w, 1), ['ADDED a@3']);
  w.stop();
});

test('a watch spanning several resources is refused', async () => {
  const { store } = newStore();
  for (const k of ['/registry/', '/registry/services/']) {
    let err: unknown;
    await store.watch(k).catch((e: unknown) => (err = e));
    assert.instance(err, StorageBadRequestError, k);
  }
});

test('bookmark(): BOOKMARK with only apiVersion/kind and metadata.resourceVersion, to watchers that allow it, only when newer', async () => {
  const { store } = newStore();
  const withBm = await store.watch(prefixFor('secrets'), { allowBookmarks: true, bookmarkTypeMeta: { apiVersion: 'v1', kind: 'Secret' } });
  const without = await store.watch(prefixFor('secrets'));
  assert.is(store.bookmark(), 0, 'nothing newer than the watch start yet');
  await store.create(keyFor('configmaps', 'default', 'c'), { metadata: { name: 'c' } }); // 2, another resource
  assert.is(store.bookmark(), 1);
  assert.equal((await withBm.next()).value, { type: 'BOOKMARK', object: { apiVersion: 'v1', kind: 'Secret', metadata: { resourceVersion: '2' } } });
  assert.is(store.bookmark(), 0, 'same revision again: not resent');
  assert.not.ok(await hasEventReady(without));
  withBm.stop();
  without.stop();
});

test('timer-driven bookmarks: every bookmarkFrequency on the clock, and 2 s before the deadline', async () => {
  const { store, clock } = newStore({ bookmarkFrequencyMs: 60_000 });
  const start = clock.nowMs();
  const w = await store.watch(prefixFor('secrets'), { allowBookmarks: true, deadlineMs: start + 150_000 });
  await store.create(keyFor('nodes', undefined, 'n'), { metadata: { name: 'n' } }); // 2
  let first: WatchEvent | undefined;
  void w.next().then((r) => (first = r.value));
  await clock.advance(59_999);
  assert.is(first, undefined, 'nothing before a minute has passed');
  await clock.advance(1);
  assert.is(first === undefined ? 'none' : describe(first), 'BOOKMARK @2');
  await store.create(keyFor('nodes', undefined, 'm'), { metadata: { name: 'm' } }); // 3
  await clock.advance(60_000); // t = 120 s
  assert.equal(await take(w, 1), ['BOOKMARK @3']);
  await store.create(keyFor('nodes', undefined, 'o'), { metadata: { name: 'o' } }); // 4
  await clock.advance(28_000); // t = 148 s = deadline − 2 s
  assert.equal(await take(w, 1), ['BOOKMARK @4']);
  assert.is(clock.pendingTimers, 0, 'no bookmark scheduled past the pre-deadline one');
  w.stop();
});

test('stopping a watcher cancels its bookmark timer', async () => {
  const { store, clock } = newStore({ bookmarkFrequencyMs: 60_000 });
  const w = await store.watch(prefixFor('secrets'), { allowBookmarks: true });
  assert.is(clock.pendingTimers, 1);
  w.stop();
  assert.is(clock.pendingTimers, 0);
  assert.is(store.watcherCount, 0);
});

test('sendInitialEvents=true: current state as ADDED, then the BOOKMARK annotated k8s.io/initial-events-end', async () => {
  const { store } = newStore();
  await store.create(key('a'), secret('a'));
  await store.create(key('b'), secret('b'));
  const w = await store.watch(prefixFor('secrets'), { sendInitialEvents: true, allowBookmarks: true, bookmarkTypeMeta: { apiVersion: 'v1', kind: 'Secret' } });
  await store.create(key('c'), secret('c'));
  const events: WatchEvent[] = [];
  for (let i = 0; i < 4; i++) events.push((await w.next()).value!);
  assert.equal(events.map(describe), ['ADDED a@2', 'ADDED b@3', 'BOOKMARK @3', 'ADDED c@4']);
  assert.equal(events[2]!.object, {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { resourceVersion: '3', annotations: { 'k8s.io/initial-events-end': 'true' } },
  });
  w.stop();
});

test('sendInitialEvents=false: no initial state, only changes', async () => {
  const { store } = newStore();
  await store.create(key('a'), secret('a'));
  const w = await store.watch(prefixFor('secrets'), { sendInitialEvents: false, allowBookmarks: true });
  await store.create(key('b'), secret('b'));
  assert.equal(await take(w, 1), ['ADDED b@3']);
  w.stop();
});

test('sendInitialEvents=true at a future N: waits 3 s, then an ERROR event with the 504 Too large resource version', async () => {
  const { store, clock } = newStore();
  const pending = store.watch(prefixFor('secrets'), { sendInitialEvents: true, allowBookmarks: true, resourceVersion: '9' });
  await clock.advance(3_000);
  const w = await pending;
  const ev = (await w.next()).value!;
  assert.is(ev.type, 'ERROR');
  assert.is(ev.object.code, 504);
  assert.is((ev.object as { message: string }).message, 'Timeout: Too large resource version: 9, current: 1');
  assert.equal(await w.next(), { done: true, value: undefined });
  // When the revision arrives in time, the watch starts normally.
  const soon = store.watch(prefixFor('secrets'), { sendInitialEvents: true, allowBookmarks: true, resourceVersion: '2' });
  await store.create(key('a'), secret('a'));
  assert.equal(await take(await soon, 2), ['ADDED a@2', 'BOOKMARK @2']);
});

test('1,000 watchers each get the one change exactly once', async () => {
  const { store } = newStore();
  const watchers: Watcher[] = [];
  for (let i = 0; i < 1000; i++) watchers.push(await store.watch(prefixFor('secrets'), { resourceVersion: '1' }));
  assert.is(store.watcherCount, 1000);
  await store.create(key('a'), secret('a'));
  const got = await Promise.all(watchers.map((w) => take(w, 1)));
  assert.ok(got.every((g) => g.length === 1 && g[0] === 'ADDED a@2'));
  const again = await Promise.all(watchers.map(hasEventReady));
  assert.ok(again.every((r) => !r), 'no duplicates');
  for (const w of watchers) w.stop();
  assert.is(store.watcherCount, 0);
});

test('a slow watcher is terminated when its buffer overflows; the writer and other watchers go on', async () => {
  const { store } = newStore({ watcherBufferSize: 3 });
  const slow = await store.watch(prefixFor('secrets'), { resourceVersion: '1' });
  const fast = await store.watch(prefixFor('secrets'), { resourceVersion: '1' });
  const fastSeen: string[] = [];
  const draining = (async () => {
    for await (const e of fast) {
      fastSeen.push(describe(e));
      if (fastSeen.length === 5) break;
    }
  })();
  for (const n of ['a', 'b', 'c', 'd', 'e']) {
    await store.create(key(n), secret(n));
    await new Promise((r) => setImmediate(r));
  }
  await draining;
  assert.equal(fastSeen, ['ADDED a@2', 'ADDED b@3', 'ADDED c@4', 'ADDED d@5', 'ADDED e@6']);
  assert.is(slow.closeReason, 'too-slow');
  // What it had buffered is still delivered, then the stream ends without an ERROR event.
  assert.equal(await take(slow, 4), ['ADDED a@2', 'ADDED b@3', 'ADDED c@4', 'END']);
  assert.is(await slow.closed, 'too-slow');
  // Resuming from the last delivered revision recovers the rest from history.
  const resumed = await store.watch(prefixFor('secrets'), { resourceVersion: '4' });
  assert.equal(await take(resumed, 2), ['ADDED d@5', 'ADDED e@6']);
  resumed.stop();
  assert.is(store.watcherCount, 0);
});

test('breaking out of for-await stops the watcher', async () => {
  const { store } = newStore();
  await store.create(key('a'), secret('a'));
  const w = await store.watch(prefixFor('secrets'));
  for await (const e of w) {
    assert.is(e.type, 'ADDED');
    break;
  }
  assert.is(w.closeReason, 'stopped');
  assert.is(store.watcherCount, 0);
});

test.run();
