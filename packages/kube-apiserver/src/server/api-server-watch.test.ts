// Live-server tests: watch streams — full objects with kind/apiVersion, resume from a
// resourceVersion, label-selected watches, bookmarks, timeoutSeconds on the server clock, and a
// too-old resourceVersion as a 200 stream with one ERROR event carrying 410 Expired.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { VirtualClock, realClock } from '@tlsboot/util';
import { MemoryStore } from '../storage/index.js';
import { openWatch, startTestServer } from './testing.js';
import type { TestServer } from './testing.js';

let t: TestServer;
let clock: VirtualClock;
test.before(async () => {
  clock = new VirtualClock({ start: realClock.nowMs() });
  t = await startTestServer({ clock, storage: new MemoryStore({ clock, history: { capacity: 4 } }) });
});
test.after(async () => {
  await t.close();
});

const secrets = '/api/v1/namespaces/default/secrets';
const create = (name: string, labels: Record<string, string> = {}) => t.request('POST', secrets, { body: { apiVersion: 'v1', kind: 'Secret', metadata: { name, labels } } });

test('watch=1 from the list resourceVersion: ADDED, MODIFIED, DELETED with full objects', async () => {
  const rv = (await t.request('GET', secrets)).json.metadata.resourceVersion;
  const w = await openWatch(t, `${secrets}?watch=1&resourceVersion=${rv}`);
  assert.is(w.status, 200);
  assert.is(w.headers['content-type'], 'application/json');
  assert.is(w.headers['transfer-encoding'], 'chunked');
  await create('w1');
  const added = await w.next();
  assert.is(added.type, 'ADDED');
  assert.equal([added.object.kind, added.object.apiVersion, added.object.metadata.name], ['Secret', 'v1', 'w1']);
  await t.request('PATCH', `${secrets}/w1`, { body: '{"metadata":{"labels":{"a":"b"}}}', headers: { 'content-type': 'application/merge-patch+json' } });
  const modified = await w.next();
  assert.is(modified.type, 'MODIFIED');
  assert.is(modified.object.metadata.labels.a, 'b');
  await t.request('DELETE', `${secrets}/w1`);
  const deleted = await w.next();
  assert.is(deleted.type, 'DELETED');
  assert.ok(Number(deleted.object.metadata.resourceVersion) > Number(modified.object.metadata.resourceVersion));
  w.close();
});

test('watch=true without a resourceVersion starts with the current objects; label selectors apply', async () => {
  await create('sel-a', { tier: 'a' });
  await create('sel-b', { tier: 'b' });
  const w = await openWatch(t, `${secrets}?watch=true&labelSelector=tier%3Da`);
  const first = await w.next();
  assert.equal([first.type, first.object.metadata.name], ['ADDED', 'sel-a']);
  await create('sel-a2', { tier: 'a' });
  await create('sel-b2', { tier: 'b' });
  const next = await w.next();
  assert.is(next.object.metadata.name, 'sel-a2');
  w.close();
});

test('timeoutSeconds ends the stream when the server clock passes it', async () => {
  const w = await openWatch(t, `${secrets}?watch=1&resourceVersion=0&timeoutSeconds=30`);
  await w.next();
  await clock.advance(31_000);
  await w.ended;
});

test('a too-old resourceVersion: 200 with one ERROR event (410 Expired), then the end', async () => {
  for (let i = 0; i < 6; i++) await create(`old-${i}`);
  const w = await openWatch(t, `${secrets}?watch=1&resourceVersion=2`);
  assert.is(w.status, 200);
  const e = await w.next();
  assert.is(e.type, 'ERROR');
  assert.equal(Object.keys(e.object), ['kind', 'apiVersion', 'metadata', 'status', 'message', 'reason', 'code']);
  assert.is(e.object.code, 410);
  assert.is(e.object.reason, 'Expired');
  assert.match(e.object.message, /^too old resource version: 2 \(\d+\)$/);
  await w.ended;
});

test('kubectl get --watch asks for Tables: each event object is a Table', async () => {
  const rv = (await t.request('GET', secrets)).json.metadata.resourceVersion;
  const w = await openWatch(t, `${secrets}?watch=1&resourceVersion=${rv}`, { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' });
  assert.is(w.headers['content-type'], 'application/json;as=Table;v=v1;g=meta.k8s.io;stream=watch');
  await create('tabled');
  const e = await w.next();
  assert.is(e.object.kind, 'Table');
  assert.equal(e.object.rows[0].cells.slice(0, 3), ['tabled', 'Opaque', 0]);
  w.close();
});

test('closing the client connection stops the server-side watcher', async () => {
  const store = t.server.storage as MemoryStore;
  // the server's own informers (RBAC, the Node authorizer's graph) watch storage too: count from them
  const own = (await startTestServer()).server;
  const base = (own.storage as MemoryStore).watcherCount;
  await own.close();
  const settle = async (want: number) => {
    for (let i = 0; i < 100 && store.watcherCount !== want; i++) await realClock.sleep(10);
  };
  await settle(base);
  assert.is(store.watcherCount, base, 'earlier watches have ended');
  const w = await openWatch(t, `${secrets}?watch=1&resourceVersion=0`);
  await w.next();
  assert.is(store.watcherCount, base + 1);
  w.close();
  await settle(base);
  assert.is(store.watcherCount, base);
});

test.run();
