// nextBookmarkTime of kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/storage/cacher/
// cache_watcher.go (every bookmarkFrequency, and 2 s before the watch deadline) and the
// per-resource fan-out of cacher.go.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { VirtualClock } from '@tlsboot/util';
import { makeEntry } from './entry.js';
import { WatchHub, nextBookmarkTime } from './watch-hub.js';
import { CacheWatcher } from './watcher.js';

test('nextBookmarkTime: a frequency from now, capped at deadline − 2 s; none once that is not in the future', () => {
  assert.is(nextBookmarkTime(1_000, 60_000, undefined), 61_000);
  assert.is(nextBookmarkTime(1_000, 60_000, 100_000), 61_000);
  assert.is(nextBookmarkTime(1_000, 60_000, 30_000), 28_000);
  assert.is(nextBookmarkTime(28_000, 60_000, 30_000), undefined);
  assert.is(nextBookmarkTime(29_000, 60_000, 30_000), undefined);
});

test('record: history and watchers of that resource only', () => {
  const hub = new WatchHub({ clock: new VirtualClock(), initialResourceVersion: 1, history: {}, bookmarkFrequencyMs: 0, currentResourceVersion: () => 2 });
  const mk = (key: string): CacheWatcher => new CacheWatcher({ key, recursive: true, allowBookmarks: true, bufferSize: 10, startResourceVersion: 1 });
  const secrets = mk('/registry/secrets/');
  const nodes = mk('/registry/minions/');
  hub.register('/registry/secrets/', secrets, undefined);
  hub.register('/registry/minions/', nodes, undefined);
  const key = '/registry/secrets/default/a';
  hub.record('/registry/secrets/', { type: 'ADDED', key, rv: 2, object: makeEntry(key, 2, { metadata: { name: 'a' } }), prev: undefined, recordTimeMs: 0 });
  assert.is(secrets.buffered, 1);
  assert.is(nodes.buffered, 0);
  assert.is(hub.history('/registry/secrets/').size, 1);
  assert.is(hub.history('/registry/minions/').size, 0);
  assert.is(hub.bookmark(2), 1, 'only the nodes watcher has not seen revision 2');
  assert.is(hub.watcherCount, 2);
  secrets.stop();
  assert.is(hub.watcherCount, 1);
  hub.closeAll();
  assert.is(nodes.closeReason, 'storage-closed');
  assert.is(hub.watcherCount, 0);
});

test.run();
