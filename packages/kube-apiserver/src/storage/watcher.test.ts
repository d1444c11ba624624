// cacheWatcher of kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/storage/cacher/
// cache_watcher.go: convertToWatchEvent (selector transitions), bookmark filtering in process()
// ("only send events newer than resourceVersion"), termination of unresponsive watchers, and
// cacher.go newErrWatcher.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Entry } from './entry.js';
import { makeEntry } from './entry.js';
import type { StoredObject } from './interfaces.js';
import type { CacheEvent } from './watch-cache.js';
import { CacheWatcher, convertToWatchEvent } from './watcher.js';

const K = '/registry/pods/default/p';
const entry = (rv: number, phase: string): Entry => makeEntry(K, rv, { metadata: { name: 'p' }, status: { phase } });
const running = (o: Readonly<StoredObject>): boolean => (o['status'] as { phase: string }).phase === 'Running';

function ev(type: CacheEvent['type'], rv: number, cur: string | undefined, prev: string | undefined, key = K): CacheEvent {
  return {
    type,
    key,
    rv,
    object: cur === undefined ? undefined : makeEntry(key, rv, { metadata: { name: key.split('/').pop() }, status: { phase: cur } }),
    prev: prev === undefined ? undefined : makeEntry(key, rv - 1, { metadata: { name: key.split('/').pop() }, status: { phase: prev } }),
    recordTimeMs: 0,
  };
}

function watcher(over: Partial<ConstructorParameters<typeof CacheWatcher>[0]> = {}): CacheWatcher {
  return new CacheWatcher({ key: '/registry/pods/', recursive: true, allowBookmarks: false, bufferSize: 10, startResourceVersion: 1, ...over });
}

test('convertToWatchEvent: the selector transition table', () => {
  const table: [CacheEvent, string | null][] = [
    [ev('ADDED', 5, 'Running', undefined), 'ADDED'],
    [ev('ADDED', 5, 'Pending', undefined), null],
    [ev('MODIFIED', 5, 'Running', 'Running'), 'MODIFIED'],
    [ev('MODIFIED', 5, 'Running', 'Pending'), 'ADDED'],
    [ev('MODIFIED', 5, 'Succeeded', 'Running'), 'DELETED'],
    [ev('MODIFIED', 5, 'Succeeded', 'Pending'), null],
    [ev('DELETED', 5, undefined, 'Running'), 'DELETED'],
    [ev('DELETED', 5, undefined, 'Pending'), null],
  ];
  for (const [event, want] of table) assert.is(convertToWatchEvent(event, running)?.type ?? null, want, `${event.type} ${event.prev?.view['status']} → ${event.object?.view['status']}`);
  // Without a predicate everything passes and keeps its type.
  assert.is(convertToWatchEvent(ev('DELETED', 5, undefined, 'Pending'), undefined)?.type, 'DELETED');
});

test('convertToWatchEvent: leaving the selection delivers the previous object with the event\'s revision', () => {
  const out = convertToWatchEvent(ev('MODIFIED', 9, 'Succeeded', 'Running'), running)!;
  assert.equal(JSON.parse(out.entry.json), { metadata: { name: 'p', resourceVersion: '9' }, status: { phase: 'Running' } });
});

test('offer: events at or below the start revision and other keys are skipped', async () => {
  const w = watcher({ startResourceVersion: 5 });
  w.offer(ev('ADDED', 5, 'Running', undefined));
  w.offer(ev('ADDED', 6, 'Running', undefined, '/registry/secrets/default/s'));
  w.offer(ev('MODIFIED', 7, 'Running', 'Running'));
  assert.is(w.buffered, 1);
  const r = await w.next();
  assert.is(r.value!.type, 'MODIFIED');
  assert.is((r.value!.object as StoredObject).metadata.resourceVersion, '7');
});

test('initial objects come first, in order, and are filtered by key and predicate', async () => {
  const w = watcher({ predicate: running, startResourceVersion: 3 });
  w.addInitialObjects([entry(2, 'Running'), makeEntry('/registry/pods/default/q', 3, { metadata: { name: 'q' }, status: { phase: 'Pending' } })]);
  w.offer(ev('ADDED', 4, 'Running', undefined, '/registry/pods/default/r'));
  assert.is(w.buffered, 1, 'initial events do not count against the buffer');
  const names: string[] = [];
  for (let i = 0; i < 2; i++) names.push(((await w.next()).value!.object as StoredObject).metadata.name!);
  assert.equal(names, ['p', 'r']);
});

test('bookmarks: only when allowed and newer than anything delivered; they never terminate a watcher', async () => {
  const off = watcher();
  assert.not.ok(off.offerBookmark(10));
  const w = watcher({ allowBookmarks: true, startResourceVersion: 5, bufferSize: 1 });
  assert.not.ok(w.offerBookmark(5), 'not newer than the start');
  assert.ok(w.offerBookmark(6));
  assert.not.ok(w.offerBookmark(7), 'buffer full: dropped, watcher kept');
  assert.ok(w.active);
  assert.equal((await w.next()).value, { type: 'BOOKMARK', object: { metadata: { resourceVersion: '6' } } });
});

test('overflow: the watcher is terminated as too slow, drains what it had, then ends; onClose runs once', async () => {
  const w = watcher({ bufferSize: 2 });
  const reasons: string[] = [];
  w.onClose((r) => reasons.push(r));
  assert.ok(w.offer(ev('ADDED', 2, 'Running', undefined)));
  assert.ok(w.offer(ev('MODIFIED', 3, 'Running', 'Running')));
  assert.not.ok(w.offer(ev('MODIFIED', 4, 'Running', 'Running')));
  assert.not.ok(w.offer(ev('MODIFIED', 5, 'Running', 'Running')), 'a terminated watcher takes nothing');
  assert.equal(reasons, ['too-slow']);
  assert.is(w.closeReason, 'too-slow');
  const rvs: string[] = [];
  for await (const e of w) rvs.push((e.object as StoredObject).metadata.resourceVersion!);
  assert.equal(rvs, ['2', '3']);
  assert.is(await w.closed, 'too-slow');
  w.stop();
  assert.equal(reasons, ['too-slow']);
});

test('stop: a pending next() ends, buffered events are dropped', async () => {
  const w = watcher();
  const pending = w.next();
  w.stop();
  assert.equal(await pending, { done: true, value: undefined });
  const w2 = watcher();
  w2.offer(ev('ADDED', 2, 'Running', undefined));
  w2.stop();
  assert.equal(await w2.next(), { done: true, value: undefined });
  assert.is(await w2.closed, 'stopped');
});

test('a live event reaches a consumer already waiting', async () => {
  const w = watcher();
  const pending = w.next();
  w.offer(ev('ADDED', 2, 'Running', undefined));
  assert.is((await pending).value!.type, 'ADDED');
  assert.is(w.buffered, 0);
});

test('two next() calls at once are a programming error', async () => {
  const w = watcher();
  void w.next();
  let err: unknown;
  await w.next().catch((e: unknown) => (err = e));
  assert.match(String(err), /another next\(\) is pending/);
  w.stop();
});

test('a predicate that throws ends that watcher with reason error', async () => {
  const w = watcher({
    predicate: () => {
      throw new Error('bad selector');
    },
  });
  assert.not.ok(w.offer(ev('ADDED', 2, 'Running', undefined)));
  assert.is(await w.closed, 'error');
});

test('failWith: exactly one ERROR event, then the end (newErrWatcher)', async () => {
  const w = watcher();
  w.failWith({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'too old resource version: 1 (2)', reason: 'Expired', code: 410 });
  assert.not.ok(w.active);
  const first = await w.next();
  assert.is(first.value!.type, 'ERROR');
  assert.equal(await w.next(), { done: true, value: undefined });
  assert.is(w.closeReason, 'error');
});

test.run();
