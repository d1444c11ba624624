// render.ts: the watch-line cache that renders one change once for every watcher
// (k8s.io/apiserver/pkg/endpoints/handlers/watch.go serialises per watcher; the bytes are the same).
import { lookupResource } from '@tlsboot/api';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { WatchEvent } from '../storage/index.js';
import { WatchLineCache, renderWatchEvent } from './render.js';

const secrets = lookupResource('', 'v1', 'secrets')!;
const configmaps = lookupResource('', 'v1', 'configmaps')!;
const secret = (rv: string, uid = 'u-1', data = 'a'): WatchEvent =>
  ({ type: 'MODIFIED', object: { metadata: { name: 's', namespace: 'default', uid, resourceVersion: rv }, data: { k: data } } }) as unknown as WatchEvent;

function counting(cache: WatchLineCache) {
  let renders = 0;
  const line = (event: WatchEvent, info = secrets) =>
    cache.line(event, info, () => {
      renders++;
      return renderWatchEvent(event, 'json', info, new URLSearchParams(), new Date(0));
    });
  return { line, renders: () => renders };
}

test('one revision of one object is rendered once for any number of watchers', () => {
  const c = counting(new WatchLineCache());
  const lines = Array.from({ length: 1000 }, () => c.line(secret('7')));
  assert.is(c.renders(), 1);
  assert.ok(lines.every((l) => l === lines[0]));
  assert.equal(JSON.parse(lines[0]!), { type: 'MODIFIED', object: { metadata: { name: 's', namespace: 'default', uid: 'u-1', resourceVersion: '7' }, data: { k: 'a' } } });
});

test('another revision, object, event type or resource is rendered afresh', () => {
  const c = counting(new WatchLineCache());
  c.line(secret('7'));
  assert.match(c.line(secret('8', 'u-1', 'b')), /"resourceVersion":"8".*"k":"b"/);
  c.line(secret('7', 'u-2'));
  c.line({ ...secret('7'), type: 'DELETED' } as WatchEvent);
  c.line(secret('7'), configmaps);
  assert.is(c.renders(), 5);
});

test('bookmarks, errors and objects without uid or resourceVersion are never kept', () => {
  const c = counting(new WatchLineCache());
  const bookmark = { type: 'BOOKMARK', object: { kind: 'Secret', apiVersion: 'v1', metadata: { resourceVersion: '9' } } } as unknown as WatchEvent;
  const error = { type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 410 } } as unknown as WatchEvent;
  for (let i = 0; i < 2; i++) {
    c.line(bookmark);
    c.line(error);
    c.line(secret('7', ''));
    c.line(secret('', 'u-1'));
  }
  assert.is(c.renders(), 8);
});

test('bounded: past maxEntries the cache starts over', () => {
  const c = counting(new WatchLineCache(2));
  c.line(secret('1'));
  c.line(secret('2'));
  c.line(secret('3')); // full: dropped 1 and 2
  c.line(secret('1'));
  assert.is(c.renders(), 4);
});

test.run();
