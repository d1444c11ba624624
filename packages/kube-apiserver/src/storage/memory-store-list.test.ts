// MemoryStore.getList and reads at a resourceVersion: etcd3 GetList paging and continue tokens
// (kubernetes/kubernetes: staging/src/k8s.io/apiserver/pkg/storage/etcd3/store.go,
// pkg/storage/continue.go), the cacher's delegation rules for resourceVersion/limit
// (pkg/storage/cacher/delegator.go shouldDelegateList) and waitUntilFreshAndBlock
// (pkg/storage/cacher/watch_cache.go).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  InvalidError,
  ResourceExpiredError,
  StorageBadRequestError,
  TooLargeResourceVersionError,
} from './errors.js';
import { keyFor, prefixFor } from './keys.js';
import { MemoryStore } from './memory-store.js';

import { newStore, rejects, secret, secretKey } from './testing.js';

test('getList: items under the prefix sorted by key, list RV is the current revision, predicate filters', async () => {
  const { store } = newStore();
  await store.create(secretKey('b', 'ns1'), secret('b', { type: 'Opaque' }, 'ns1'));
  await store.create(secretKey('a', 'ns2'), secret('a', { type: 'kubernetes.io/tls' }, 'ns2'));
  await store.create(secretKey('a', 'ns1'), secret('a', { type: 'kubernetes.io/tls' }, 'ns1'));
  await store.create(keyFor('configmaps', 'ns1', 'c'), { metadata: { name: 'c' } });
  const all = await store.getList(prefixFor('secrets'));
  assert.equal(all.items.map((o) => `${o.metadata.namespace}/${o.metadata.name}`), ['ns1/a', 'ns1/b', 'ns2/a']);
  assert.is(all.resourceVersion, '5');
  assert.is(all.continue, undefined);
  const ns1 = await store.getList(prefixFor('secrets', 'ns1'));
  assert.equal(ns1.items.map((o) => o.metadata.name), ['a', 'b']);
  const tls = await store.getList(prefixFor('secrets'), { predicate: (o) => o['type'] === 'kubernetes.io/tls' });
  assert.equal(tls.items.map((o) => o.metadata.namespace), ['ns1', 'ns2']);
  const none = await store.getList(prefixFor('pods'));
  assert.equal(none, { items: [], resourceVersion: '5' });
  // A non-recursive key is one exact key.
  const one = await store.getList(secretKey('b', 'ns1'));
  assert.equal(one.items.map((o) => o.metadata.name), ['b']);
});

test('getList paging: limit, continue token as upstream, remainingItemCount only without a predicate', async () => {
  const { store } = newStore();
  for (const n of ['a', 'b', 'c', 'd', 'e']) await store.create(secretKey(n), secret(n, { type: n === 'c' ? 'x' : 'y' }));
  const p1 = await store.getList(prefixFor('secrets'), { limit: 2 });
  assert.equal(p1.items.map((o) => o.metadata.name), ['a', 'b']);
  assert.is(p1.resourceVersion, '6');
  assert.is(p1.remainingItemCount, 3);
  // storage/continue.go: base64url({"v":"meta.k8s.io/v1","rv":6,"start":"default/b\u0000"})
  assert.is(Buffer.from(p1.continue!, 'base64url').toString(), '{"v":"meta.k8s.io/v1","rv":6,"start":"default/b\\u0000"}');
  // Writes between pages do not show: the continuation reads at revision 6.
  await store.create(secretKey('bb'), secret('bb'));
  await store.delete(secretKey('d'));
  await store.guaranteedUpdate(secretKey('c'), (o) => ({ ...o, data: { late: 'eA==' } }));
  const p2 = await store.getList(prefixFor('secrets'), { limit: 2, continue: p1.continue! });
  assert.equal(p2.items.map((o) => o.metadata.name), ['c', 'd']);
  assert.equal(p2.items[0]!['data'], undefined, 'c as it was at revision 6');
  assert.is(p2.resourceVersion, '6');
  assert.is(p2.remainingItemCount, 1);
  const p3 = await store.getList(prefixFor('secrets'), { limit: 2, continue: p2.continue! });
  assert.equal(p3.items.map((o) => o.metadata.name), ['e']);
  assert.is(p3.continue, undefined);
  const filtered = await store.getList(prefixFor('secrets'), { limit: 1, predicate: (o) => o['type'] === 'y' });
  assert.ok(filtered.continue);
  assert.is(filtered.remainingItemCount, undefined);
});

test('getList: resourceVersion "0" ignores limit (served as from the watch cache)', async () => {
  const { store } = newStore();
  for (const n of ['a', 'b', 'c']) await store.create(secretKey(n), secret(n));
  const l = await store.getList(prefixFor('secrets'), { resourceVersion: '0', limit: 1 });
  assert.is(l.items.length, 3);
  assert.is(l.continue, undefined);
});

test('getList Exact: the state at an older revision, rebuilt from history; too old → 410 as etcd3', async () => {
  const { store } = newStore({ history: { capacity: 3 } });
  await store.create(secretKey('a'), secret('a')); // 2
  await store.create(secretKey('b'), secret('b')); // 3
  await store.guaranteedUpdate(secretKey('a'), (o) => ({ ...o, data: { v: 'Mg==' } })); // 4
  await store.delete(secretKey('b')); // 5
  const at3 = await store.getList(prefixFor('secrets'), { resourceVersion: '3', resourceVersionMatch: 'Exact' });
  assert.equal(at3.items.map((o) => [o.metadata.name, o.metadata.resourceVersion, o['data']]), [
    ['a', '2', undefined],
    ['b', '3', undefined],
  ]);
  assert.is(at3.resourceVersion, '3');
  // Legacy rule: an "N" with a limit and no match means Exact.
  const legacy = await store.getList(prefixFor('secrets'), { resourceVersion: '3', limit: 10 });
  assert.is(legacy.items.length, 2);
  // Capacity 3 holds revisions 3..5, so a read at 1 needs the evicted revision 2.
  const err = await rejects(store.getList(prefixFor('secrets'), { resourceVersion: '1', resourceVersionMatch: 'Exact' }));
  assert.instance(err, ResourceExpiredError);
  assert.is((err as ResourceExpiredError).status.message, 'The resourceVersion for the provided list is too old.');
  assert.is((err as ResourceExpiredError).status.code, 410);
});

test('getList: continue with a resourceVersion, or a broken token → 400 as etcd3 GetList', async () => {
  const { store } = newStore();
  await store.create(secretKey('a'), secret('a'));
  await store.create(secretKey('b'), secret('b'));
  const p1 = await store.getList(prefixFor('secrets'), { limit: 1 });
  const withRV = await rejects(store.getList(prefixFor('secrets'), { continue: p1.continue!, resourceVersion: '3' }));
  assert.instance(withRV, StorageBadRequestError);
  assert.is((withRV as Error).message, 'specifying resource version is not allowed when using continue');
  const bad = await rejects(store.getList(prefixFor('secrets'), { continue: 'not base64!' }));
  assert.instance(bad, StorageBadRequestError);
  assert.match((bad as Error).message, /^invalid continue token: continue key is not valid/);
});

test('an unparseable resourceVersion → InvalidError with strconv text', async () => {
  const { store } = newStore();
  const err = await rejects(store.getList(prefixFor('secrets'), { resourceVersion: 'abc' }));
  assert.instance(err, InvalidError);
  assert.is((err as Error).message, 'resourceVersion: Invalid value: "abc": strconv.ParseUint: parsing "abc": invalid syntax');
});

test('reads at a future resourceVersion wait up to 3 s on the clock, then 504 Too large resource version', async () => {
  const { store, clock } = newStore();
  await store.create(secretKey('a'), secret('a')); // 2
  const pending = store.get(secretKey('a'), { resourceVersion: '3' });
  const late = rejects(store.getList(prefixFor('secrets'), { resourceVersion: '10' }));
  await clock.advance(1_000);
  await store.create(secretKey('b'), secret('b')); // 3 — the get may proceed now
  assert.is((await pending).metadata.name, 'a');
  await clock.advance(2_000);
  const err = (await late) as TooLargeResourceVersionError;
  assert.instance(err, TooLargeResourceVersionError);
  assert.equal(err.status, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'Timeout: Too large resource version: 10, current: 3',
    reason: 'Timeout',
    details: { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 },
    code: 504,
  });
  assert.is(clock.pendingTimers, 0, 'no timer left behind');
});

test('count counts keys under a prefix', async () => {
  const { store } = newStore();
  await store.create(secretKey('a'), secret('a'));
  await store.create(secretKey('b', 'x'), secret('b', {}, 'x'));
  assert.is(await store.count(prefixFor('secrets')), 2);
  assert.is(await store.count('/registry/secrets/x'), 1);
  assert.is(await store.count(prefixFor('configmaps')), 0);
});

test.run();
