// The history window of kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/storage/cacher/
// watch_cache.go: getAllEventsSinceLocked (the "too old" boundary) and resizeCacheLocked
// (dynamic capacity from event record times).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TooOldResourceVersionError } from './errors.js';
import { makeEntry } from './entry.js';
import type { CacheEvent } from './watch-cache.js';
import { WatchCache, deletedEntry } from './watch-cache.js';

function added(rv: number, t = 0): CacheEvent {
  const key = `/registry/secrets/default/s${rv}`;
  return { type: 'ADDED', key, rv, object: makeEntry(key, rv, { metadata: { name: `s${rv}` } }), prev: undefined, recordTimeMs: t };
}

test('nothing evicted yet: any revision from the list revision on can resume', () => {
  const c = new WatchCache('/registry/secrets/', 10, { capacity: 5 });
  for (const rv of [11, 12, 13]) c.add(added(rv));
  assert.is(c.oldestResumableResourceVersion(), 10);
  assert.equal(c.eventsSince(10).map((e) => e.rv), [11, 12, 13]);
  assert.equal(c.eventsSince(12).map((e) => e.rv), [13]);
  assert.equal(c.eventsSince(13), []);
  assert.equal(c.eventsSince(99), [], 'a future revision: nothing yet');
  assert.throws(() => c.eventsSince(9), (e: unknown) => e instanceof TooOldResourceVersionError && e.message === 'too old resource version: 9 (10)');
});

test('after eviction the boundary is one below the oldest kept event', () => {
  const c = new WatchCache('/registry/secrets/', 1, { capacity: 3 });
  for (const rv of [2, 5, 7, 9]) c.add(added(rv));
  assert.is(c.size, 3);
  assert.is(c.oldestResumableResourceVersion(), 4);
  assert.equal(c.eventsSince(4).map((e) => e.rv), [5, 7, 9]);
  assert.equal(c.eventsSince(6).map((e) => e.rv), [7, 9], 'a revision between events');
  try {
    c.eventsSince(3);
    assert.unreachable();
  } catch (err) {
    assert.instance(err, TooOldResourceVersionError);
    assert.is((err as Error).message, 'too old resource version: 3 (4)');
  }
});

test('dynamic capacity: doubles while the oldest event is fresher than 75 s, up to the upper bound', () => {
  const c = new WatchCache('/p/', 0, { lowerBoundCapacity: 2, upperBoundCapacity: 8 });
  for (let rv = 1; rv <= 20; rv++) c.add(added(rv, rv * 1000)); // one event a second
  assert.is(c.capacity, 8);
  assert.is(c.size, 8);
  assert.is(c.oldestResumableResourceVersion(), 12);
});

test('dynamic capacity: events older than 75 s are dropped instead, and the window halves when the newest quarter is stale', () => {
  const c = new WatchCache('/p/', 0, { lowerBoundCapacity: 2, upperBoundCapacity: 8 });
  for (let rv = 1; rv <= 8; rv++) c.add(added(rv, rv));
  assert.is(c.capacity, 8);
  c.add(added(9, 200_000)); // full, oldest and newest quarter older than 75 s → halve to 4, then evict
  assert.is(c.capacity, 4);
  assert.equal(c.eventsSince(c.oldestResumableResourceVersion()).map((e) => e.rv), [6, 7, 8, 9]);
  assert.throws(() => c.eventsSince(3), (e: unknown) => e instanceof TooOldResourceVersionError, 'shrinking counts as eviction');
});

test('deletedEntry: previous state stamped with the event revision, shared between callers', () => {
  const prev = makeEntry('/k', 3, { metadata: { name: 'x' }, data: { a: '1' } });
  const ev: CacheEvent = { type: 'DELETED', key: '/k', rv: 8, object: undefined, prev, recordTimeMs: 0 };
  const d = deletedEntry(ev);
  assert.is(d.rv, 8);
  assert.equal(JSON.parse(d.json), { metadata: { name: 'x', resourceVersion: '8' }, data: { a: '1' } });
  assert.is(deletedEntry(ev), d);
  assert.is(prev.view.metadata.resourceVersion, '3', 'the stored previous state is untouched');
});

test('capacity bounds are checked', () => {
  const isRange = (e: unknown): boolean => e instanceof RangeError && /capacity bounds/.test(e.message);
  assert.throws(() => new WatchCache('/p/', 0, { capacity: 0 }), isRange);
  assert.throws(() => new WatchCache('/p/', 0, { lowerBoundCapacity: 5, upperBoundCapacity: 4 }), isRange);
});

test.run();
