// The generic registry Store over the in-memory storage: system fields, generateName retries,
// optimistic concurrency, finalizers, and the errors storage failures become.
import { lookupResource } from '@tlsboot/api';
import type { KubeObject } from '@tlsboot/api';
import { VirtualClock, systemRandom } from '@tlsboot/util';
import type { Random } from '@tlsboot/util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MemoryStore } from '../../storage/index.js';
import { strategyFor } from '../strategies.js';
import { Store, maxNameGenerationAttempts } from './store.js';

const clock = new VirtualClock({ start: new Date('2024-01-01T00:00:00Z') });
const user = { name: 'tester', groups: [] };
const secrets = lookupResource('', 'v1', 'secrets')!;

/** A Random whose name suffixes come from a list (then the system's). */
function scriptedRandom(suffixes: string[]): Random {
  const base = systemRandom();
  return { ...base, float: () => base.float(), int: (n) => base.int(n), intBetween: (a, b) => base.intBetween(a, b), bytes: (n) => base.bytes(n), pick: (x) => base.pick(x), jitter: (d, f) => base.jitter(d, f), string: (n) => suffixes.shift() ?? base.string(n) };
}

const newStore = (random: Random = systemRandom()) => new Store(secrets, strategyFor(secrets), { storage: new MemoryStore({ clock }), clock, random });
const secret = (meta: Partial<KubeObject['metadata']>): KubeObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { namespace: 'default', ...meta } });

test('create fills uid and creationTimestamp from the clock; fields come out in Go order', async () => {
  const store = newStore();
  const out = await store.create(secret({ name: 'a', labels: { x: 'y' } }), user);
  assert.is(out.metadata.creationTimestamp, '2024-01-01T00:00:00Z');
  assert.equal(Object.keys(out), ['kind', 'apiVersion', 'metadata', 'type']);
  assert.equal(Object.keys(out.metadata), ['name', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp', 'labels']);
});

test('generateName retries on collision, then gives up with the upstream 409', async () => {
  const store = newStore(scriptedRandom(['aaaaa', 'aaaaa', 'bbbbb']));
  assert.is((await store.create(secret({ generateName: 'g-' }), user)).metadata.name, 'g-aaaaa');
  assert.is((await store.create(secret({ generateName: 'g-' }), user)).metadata.name, 'g-bbbbb');
  const stuck = newStore(scriptedRandom(Array(maxNameGenerationAttempts + 1).fill('ccccc')));
  await stuck.create(secret({ generateName: 'g-' }), user);
  try {
    await stuck.create(secret({ generateName: 'g-' }), user);
    assert.unreachable();
  } catch (err) {
    assert.is((err as Error).message, 'secrets "g-ccccc" already exists, the server was not able to generate a unique name for the object');
    assert.is((err as { status: { details: { retryAfterSeconds: number } } }).status.details.retryAfterSeconds, 1);
  }
});

test('update: unconditional without a resourceVersion, 409 with a stale one, uid and creationTimestamp kept', async () => {
  const store = newStore();
  const created = await store.create(secret({ name: 'u' }), user);
  await clock.advance(5000);
  const { object } = await store.update('default', 'u', () => secret({ name: 'u', labels: { a: 'b' }, creationTimestamp: 'forged', uid: '' }), user);
  assert.is(object.metadata.creationTimestamp, created.metadata.creationTimestamp);
  assert.is(object.metadata.uid, created.metadata.uid);
  try {
    await store.update('default', 'u', () => secret({ name: 'u', resourceVersion: created.metadata.resourceVersion! }), user);
    assert.unreachable();
  } catch (err) {
    assert.is((err as { reason: string }).reason, 'Conflict');
  }
  try {
    await store.update('default', 'missing', () => secret({ name: 'missing' }), user);
    assert.unreachable();
  } catch (err) {
    assert.is((err as Error).message, 'secrets "missing" not found');
  }
});

test('finalizers keep a deleted object until the last one is removed', async () => {
  const store = newStore();
  await store.create(secret({ name: 'f', finalizers: ['example.com/hold'] }), user);
  const first = await store.delete('default', 'f');
  assert.is(first.deleted, false);
  assert.is(first.object.metadata.deletionTimestamp, `${clock.now().toISOString().slice(0, 19)}Z`);
  const current = await store.get('default', 'f');
  await store.update('default', 'f', () => ({ ...current, metadata: { ...current.metadata, finalizers: [] } }), user);
  try {
    await store.get('default', 'f');
    assert.unreachable();
  } catch (err) {
    assert.is((err as { reason: string }).reason, 'NotFound');
  }
});

test('validation failures are 422 with the kind', async () => {
  try {
    await newStore().create(secret({ name: 'Bad!' }), user);
    assert.unreachable();
  } catch (err) {
    assert.is((err as { statusCode: number }).statusCode, 422);
    assert.match((err as Error).message, /^Secret "Bad!" is invalid: metadata.name: Invalid value: "Bad!"/);
  }
});

test.run();
