// MemoryStore reads and writes against storage.Interface semantics (kubernetes/kubernetes:
// staging/src/k8s.io/apiserver/pkg/storage/interfaces.go, etcd3/store.go) — the contract the
// generic registry relies on. Watch behaviour is in memory-store-watch.test.ts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  StorageError,
  StorageInternalError,
  isInvalidObj,
  isKeyExists,
  isKeyNotFound,
  resourceVersionSetOnCreateMessage,
} from './errors.js';
import type { StoredObject } from './interfaces.js';
import { keyFor, prefixFor } from './keys.js';
import { MemoryStore } from './memory-store.js';

import { newStore, rejects, secret, secretKey } from './testing.js';

test('create stamps the next revision; get returns it; the first write follows the initial revision', async () => {
  const { store } = newStore({ initialResourceVersion: 1 });
  assert.is(await store.currentResourceVersion(), '1');
  const created = await store.create(secretKey('a'), secret('a', { data: { k: 'dg==' } }));
  assert.is(created.metadata.resourceVersion, '2');
  assert.equal(await store.get(secretKey('a')), created);
  assert.is(await store.currentResourceVersion(), '2');
});

test('one revision counter across resources: strictly increasing over creates, updates and deletes', async () => {
  const { store } = newStore({ initialResourceVersion: 100 });
  const rvs: number[] = [];
  const push = (o: StoredObject): void => void rvs.push(Number(o.metadata.resourceVersion));
  push(await store.create(secretKey('a'), secret('a')));
  push(await store.create(keyFor('nodes', undefined, 'n1'), { metadata: { name: 'n1' } }));
  push(await store.create(keyFor('leases.coordination.k8s.io', 'kube-node-lease', 'n1'), { metadata: { name: 'n1' } }));
  push(await store.guaranteedUpdate(secretKey('a'), (o) => ({ ...o, data: { x: 'eQ==' } })));
  push(await store.delete(keyFor('nodes', undefined, 'n1')));
  push(await store.create(keyFor('certificatesigningrequests.certificates.k8s.io', undefined, 'csr-1'), { metadata: { name: 'csr-1' } }));
  assert.equal(rvs, [101, 102, 103, 104, 105, 106]);
  assert.is(store.resourceVersion, 106);
});

test('create on an existing key → KeyExists, and nothing changes', async () => {
  const { store } = newStore();
  await store.create(secretKey('a'), secret('a'));
  const err = await rejects(store.create(secretKey('a'), secret('a', { data: { other: 'eA==' } })));
  assert.ok(isKeyExists(err));
  assert.is((err as StorageError).message, 'StorageError: key exists, Code: 2, Key: /registry/secrets/default/a, ResourceVersion: 0, AdditionalErrorMsg: <nil>');
  assert.is(store.resourceVersion, 2);
  assert.equal((await store.get(secretKey('a'))).data, undefined);
});

test('create with a resourceVersion set → ErrResourceVersionSetOnCreate; "0" and unparseable ones are cleared', async () => {
  const { store } = newStore();
  const err = await rejects(store.create(secretKey('a'), { metadata: { name: 'a', resourceVersion: '7' } }));
  assert.instance(err, StorageInternalError);
  assert.is((err as Error).message, resourceVersionSetOnCreateMessage);
  assert.is((await store.create(secretKey('b'), { metadata: { name: 'b', resourceVersion: '0' } })).metadata.resourceVersion, '2');
  assert.is((await store.create(secretKey('c'), { metadata: { name: 'c', resourceVersion: 'x' } })).metadata.resourceVersion, '3');
});

test('objects that are not JSON objects with metadata are refused before any write', async () => {
  const { store } = newStore();
  await rejects(store.create(secretKey('a'), { spec: {} } as unknown as StoredObject));
  const cyclic: Record<string, unknown> = { metadata: {} };
  cyclic['self'] = cyclic;
  assert.instance(await rejects(store.create(secretKey('a'), cyclic as StoredObject)), StorageInternalError);
  assert.is(store.resourceVersion, 1);
  assert.is(await store.count(prefixFor('secrets')), 0);
});

test('get of a missing key → KeyNotFound, or null with ignoreNotFound', async () => {
  const { store } = newStore();
  const err = await rejects(store.get(secretKey('nope')));
  assert.ok(isKeyNotFound(err));
  assert.is((err as StorageError).key, '/registry/secrets/default/nope');
  assert.is(await store.get(secretKey('nope'), { ignoreNotFound: true }), null);
});

test('invalid keys are refused as etcd3 prepareKey does', async () => {
  const { store } = newStore();
  for (const key of ['', '/', '/registry/secrets/../x', '/registry/./x', '..']) {
    assert.instance(await rejects(store.get(key)), StorageInternalError, key);
  }
});

test('deep-copy isolation: neither the input, a returned object nor a watch event reaches stored state', async () => {
  const { store } = newStore();
  const input = secret('a', { data: { k: 'dg==' } });
  const created = await store.create(secretKey('a'), input);
  (input['data'] as Record<string, string>)['k'] = 'changed';
  input.metadata.name = 'changed';
  (created['data'] as Record<string, string>)['k'] = 'changed too';
  const got = await store.get(secretKey('a'));
  assert.equal(got['data'], { k: 'dg==' });
  got.metadata.labels = { evil: 'yes' };
  const w = await store.watch(prefixFor('secrets'), { resourceVersion: '0' });
  const ev = await w.next();
  (ev.value!.object as StoredObject).metadata.name = 'mutated by watcher';
  const listed = await store.getList(prefixFor('secrets'));
  listed.items[0]!.metadata.name = 'mutated by lister';
  assert.equal(await store.get(secretKey('a')), { metadata: { name: 'a', namespace: 'default', uid: 'uid-a', resourceVersion: '2' }, data: { k: 'dg==' } });
  w.stop();
});

test('predicates see a frozen view and cannot change stored state', async () => {
  const { store } = newStore();
  await store.create(secretKey('a'), secret('a'));
  const err = await rejects(
    store.getList(prefixFor('secrets'), {
      predicate: (o) => {
        (o.metadata as Record<string, unknown>)['name'] = 'x';
        return true;
      },
    }),
  );
  assert.instance(err, TypeError);
  assert.is((await store.get(secretKey('a'))).metadata.name, 'a');
});

test('guaranteedUpdate writes the result with the next revision and passes a private copy', async () => {
  const { store } = newStore();
  await store.create(secretKey('a'), secret('a'));
  let seenRV = '';
  const updated = await store.guaranteedUpdate(secretKey('a'), (cur, res) => {
    seenRV = res.resourceVersion;
    cur.metadata.labels = { l: 'v' };
    return cur;
  });
  assert.is(seenRV, '2');
  assert.is(updated.metadata.resourceVersion, '3');
  assert.equal((await store.get(secretKey('a'))).metadata.labels, { l: 'v' });
});

test('guaranteedUpdate that changes nothing writes nothing and keeps the resourceVersion (interfaces.go)', async () => {
  const { store } = newStore();
  await store.create(secretKey('a'), secret('a', { data: { a: 'YQ==', b: 'Yg==' } }));
  const same = await store.guaranteedUpdate(secretKey('a'), (cur) => cur);
  assert.is(same.metadata.resourceVersion, '2');
  // The same fields in another order are the same object.
  const reordered = await store.guaranteedUpdate(secretKey('a'), (cur) => ({ data: { b: 'Yg==', a: 'YQ==' }, metadata: { ...cur.metadata } }));
  assert.is(reordered.metadata.resourceVersion, '2');
  assert.is(store.resourceVersion, 2);
});

test('guaranteedUpdate of a missing key → KeyNotFound; with ignoreNotFound tryUpdate gets an empty object and creates', async () => {
  const { store } = newStore();
  assert.ok(isKeyNotFound(await rejects(store.guaranteedUpdate(secretKey('a'), (o) => o))));
  let input: StoredObject | undefined;
  let res = '';
  const created = await store.guaranteedUpdate(
    secretKey('a'),
    (o, r) => {
      input = o;
      res = r.resourceVersion;
      return secret('a');
    },
    { ignoreNotFound: true },
  );
  assert.equal(input, { metadata: {} });
  assert.is(res, '0');
  assert.is(created.metadata.resourceVersion, '2');
});

test('guaranteedUpdate retries tryUpdate on the new state when the object changed while it ran', async () => {
  const { store } = newStore();
  await store.create(secretKey('a'), secret('a', { data: { n: '0' } }));
  const seen: string[] = [];
  let interfered = false;
  const result = await store.guaranteedUpdate(secretKey('a'), async (cur) => {
    seen.push(cur.metadata.resourceVersion!);
    if (!interfered) {
      interfered = true;
      // Another writer commits while this tryUpdate is suspended.
      await store.guaranteedUpdate(secretKey('a'), (o) => ({ ...o, data: { n: '1' } }));
    }
    return { ...cur, data: { n: String(Number((cur['data'] as { n: string }).n) + 10) } };
  });
  assert.equal(seen, ['2', '3'], 'called again on the revision the other writer made');
  assert.equal(result['data'], { n: '11' });
  assert.is(result.metadata.resourceVersion, '4');
});

test('tryUpdate that throws leaves the object, the revision and the watchers untouched', async () => {
  const { store } = newStore();
  await store.create(secretKey('a'), secret('a', { data: { n: '0' } }));
  const w = await store.watch(prefixFor('secrets'), { resourceVersion: '2' });
  const boom = new Error('admission said no');
  const err = await rejects(
    store.guaranteedUpdate(secretKey('a'), (cur) => {
      cur['data'] = { n: 'half-written' };
      throw boom;
    }),
  );
  assert.is(err, boom);
  assert.is(store.resourceVersion, 2);
  assert.equal((await store.get(secretKey('a')))['data'], { n: '0' });
  // The watcher gets nothing until the next real write.
  await store.create(secretKey('b'), secret('b'));
  const ev = await w.next();
  assert.is(ev.value!.type, 'ADDED');
  assert.is((ev.value!.object as StoredObject).metadata.name, 'b');
  w.stop();
});

test('preconditions: a uid mismatch is InvalidObj with the upstream text (interfaces.go Preconditions.Check)', async () => {
  const { store } = newStore();
  await store.create(secretKey('a'), secret('a'));
  const err = await rejects(store.guaranteedUpdate(secretKey('a'), (o) => o, { preconditions: { uid: 'x' } }));
  assert.ok(isInvalidObj(err));
  assert.is((err as StorageError).additionalErrorMsg, 'Precondition failed: UID in precondition: x, UID in object meta: uid-a');
  assert.is(
    (err as Error).message,
    'StorageError: invalid object, Code: 4, Key: /registry/secrets/default/a, ResourceVersion: 0, AdditionalErrorMsg: Precondition failed: UID in precondition: x, UID in object meta: uid-a',
  );
  const del = await rejects(store.delete(secretKey('a'), { preconditions: { uid: 'x' } }));
  assert.ok(isInvalidObj(del));
  assert.is(store.resourceVersion, 2);
});

test('preconditions: a stale resourceVersion is refused (the API answers 409 Conflict); the current one passes', async () => {
  const { store } = newStore();
  await store.create(secretKey('a'), secret('a'));
  await store.guaranteedUpdate(secretKey('a'), (o) => ({ ...o, data: {} }));
  const err = await rejects(store.guaranteedUpdate(secretKey('a'), (o) => o, { preconditions: { resourceVersion: '2' } }));
  assert.ok(isInvalidObj(err));
  assert.is((err as StorageError).additionalErrorMsg, 'Precondition failed: ResourceVersion in precondition: 2, ResourceVersion in object meta: 3');
  const ok = await store.guaranteedUpdate(secretKey('a'), (o) => ({ ...o, data: { z: 'eg==' } }), {
    preconditions: { resourceVersion: '3', uid: 'uid-a' },
  });
  assert.is(ok.metadata.resourceVersion, '4');
});

test('delete returns the last state stamped with the deletion revision; a second delete → KeyNotFound', async () => {
  const { store } = newStore();
  await store.create(secretKey('a'), secret('a', { data: { k: 'dg==' } }));
  await store.create(secretKey('b'), secret('b'));
  const deleted = await store.delete(secretKey('a'));
  assert.equal(deleted, { metadata: { name: 'a', namespace: 'default', uid: 'uid-a', resourceVersion: '4' }, data: { k: 'dg==' } });
  assert.ok(isKeyNotFound(await rejects(store.delete(secretKey('a')))));
  assert.is(await store.get(secretKey('a'), { ignoreNotFound: true }), null);
  assert.is(await store.count(prefixFor('secrets')), 1);
});

test('delete: validateDeletion can refuse; it is re-run when the object changes meanwhile', async () => {
  const { store } = newStore();
  await store.create(secretKey('a'), secret('a'));
  const refusal = new Error('finalizers pending');
  assert.is(await rejects(store.delete(secretKey('a'), { validateDeletion: () => Promise.reject(refusal) })), refusal);
  assert.ok(await store.get(secretKey('a')));
  const seen: string[] = [];
  const deleted = await store.delete(secretKey('a'), {
    validateDeletion: async (o) => {
      seen.push(o.metadata.resourceVersion!);
      if (seen.length === 1) await store.guaranteedUpdate(secretKey('a'), (x) => ({ ...x, data: { late: 'eA==' } }));
    },
  });
  assert.equal(seen, ['2', '3']);
  assert.equal(deleted['data'], { late: 'eA==' });
  assert.is(deleted.metadata.resourceVersion, '4');
});

test('close: writes and watches fail afterwards; open watchers end with storage-closed', async () => {
  const { store } = newStore();
  const w = await store.watch(prefixFor('secrets'));
  store.close();
  assert.is(await w.closed, 'storage-closed');
  assert.instance(await rejects(store.create(secretKey('a'), secret('a'))), StorageInternalError);
  assert.instance(await rejects(store.watch(prefixFor('secrets'))), StorageInternalError);
  assert.is(store.watcherCount, 0);
});

test.run();
