// kubernetes/kubernetes pkg/controller/bootstrap/tokencleaner_test.go: TestCleanerNoExpiration,
// TestCleanerExpired, TestCleanerNotExpired, TestCleanerExpiredAt — on a VirtualClock — plus the
// UID precondition, the ignored NotFound/Conflict and the event filter.
import { bootstrapTokenExpirationKey, formatRFC3339, newConflict, newNotFound } from '@tlsboot/api';
import type { Secret } from '@tlsboot/api';
import { VirtualClock } from '@tlsboot/util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { KcmTraceEventInput } from '../../trace.js';
import { FakeInformer, fakeClient, newTokenSecret, settle } from './testing.js';
import type { Action } from './testing.js';
import { TokenCleaner, decideTokenSecret } from './tokencleaner.js';

const hour = 3_600_000;

function newTokenCleaner() {
  const clock = new VirtualClock();
  const actions: Action[] = [];
  const fail: { next?: unknown } = {};
  const secrets = new FakeInformer<Secret>();
  const events: KcmTraceEventInput[] = [];
  const cleaner = new TokenCleaner({ client: fakeClient(actions, fail), secrets: secrets.asInformer(), clock, emit: (e) => void events.push(e) });
  const timeString = (deltaMs: number) => formatRFC3339(new Date(clock.nowMs() + deltaMs));
  return { clock, actions, fail, secrets, cleaner, events, timeString };
}

const deletePath = '/api/v1/namespaces/kube-system/secrets/bootstrap-token-tokenID';

test('tokencleaner_test.go TestCleanerNoExpiration', async () => {
  const { cleaner, secrets, actions } = newTokenCleaner();
  const secret = newTokenSecret('tokenID', 'tokenSecret');
  secrets.index(secret);
  await cleaner.evalSecret(secret);
  assert.equal(actions, []);
  assert.is(cleaner.queue.len() + cleaner.queue.waitingLen(), 0);
});

test('tokencleaner_test.go TestCleanerExpired: DELETE with the UID precondition', async () => {
  const { cleaner, secrets, actions, timeString, events } = newTokenCleaner();
  const secret = newTokenSecret('tokenID', 'tokenSecret', {}, 'uid-1');
  secret.data![bootstrapTokenExpirationKey] = Buffer.from(timeString(-hour)).toString('base64');
  secrets.index(secret);
  await cleaner.evalSecret(secret);
  assert.equal(actions, [{ verb: 'delete', path: deletePath, body: { preconditions: { uid: 'uid-1' } } }]);
  assert.is(events[0]?.type, 'bootstraptoken.deleted');
});

test('tokencleaner.go: no UID → no precondition; NotFound and Conflict are not errors', async () => {
  const { cleaner, actions, timeString, fail, events } = newTokenCleaner();
  const secret = newTokenSecret('tokenID', 'tokenSecret', { [bootstrapTokenExpirationKey]: timeString(-hour) });
  await cleaner.evalSecret(secret);
  assert.equal(actions, [{ verb: 'delete', path: deletePath }]);
  fail.next = newNotFound({ group: '', resource: 'secrets' }, 'bootstrap-token-tokenID');
  await cleaner.evalSecret(secret);
  fail.next = newConflict({ group: '', resource: 'secrets' }, 'bootstrap-token-tokenID', new Error('Precondition failed: UID in precondition: a, UID in object meta: b'));
  await cleaner.evalSecret(secret);
  assert.is(actions.length, 3);
  assert.ok(events.every((e) => !('error' in e) || e.error === undefined));
});

test('tokencleaner_test.go TestCleanerNotExpired', async () => {
  const { cleaner, secrets, actions, timeString } = newTokenCleaner();
  const secret = newTokenSecret('tokenID', 'tokenSecret', { [bootstrapTokenExpirationKey]: timeString(hour) });
  secrets.index(secret);
  await cleaner.evalSecret(secret);
  assert.equal(actions, []);
});

test('tokencleaner_test.go TestCleanerExpiredAt: requeued at expiry on the clock, then deleted', async () => {
  const { cleaner, secrets, actions, timeString, clock } = newTokenCleaner();
  const secret = newTokenSecret('tokenID', 'tokenSecret', { [bootstrapTokenExpirationKey]: timeString(2000) }, 'uid-1');
  secrets.add(secret); // the add event enqueues the key
  assert.is(cleaner.queue.len(), 1);
  await cleaner.processNextWorkItem();
  assert.equal(actions, []);
  assert.is(cleaner.queue.len(), 0, 'not using the queue, the length should be 0');
  await clock.advance(1999);
  assert.is(cleaner.queue.len(), 0);
  await clock.advance(1);
  assert.is(cleaner.queue.len(), 1, 'secret is put back into the queue');
  await cleaner.processNextWorkItem();
  assert.equal(actions, [{ verb: 'delete', path: deletePath, body: { preconditions: { uid: 'uid-1' } } }]);
});

test('tokencleaner.go: only bootstrap-type Secrets of kube-system are enqueued; a deleted one is skipped', async () => {
  const { cleaner, secrets, actions, timeString } = newTokenCleaner();
  const other = newTokenSecret('aaaaaa', 's', { [bootstrapTokenExpirationKey]: timeString(-hour) });
  other.type = 'Opaque';
  secrets.add(other);
  const elsewhere = newTokenSecret('bbbbbb', 's', { [bootstrapTokenExpirationKey]: timeString(-hour) });
  elsewhere.metadata.namespace = 'default';
  secrets.add(elsewhere);
  assert.is(cleaner.queue.len(), 0);
  await cleaner.syncFunc('kube-system/bootstrap-token-gone00');
  assert.equal(actions, []);
});

test('tokencleaner.go: the running controller deletes an expired token from an add event', async () => {
  const { cleaner, secrets, actions, timeString } = newTokenCleaner();
  await cleaner.run();
  secrets.add(newTokenSecret('tokenID', 'tokenSecret', { [bootstrapTokenExpirationKey]: timeString(-1000) }));
  await settle();
  assert.is(actions.length, 1);
  await cleaner.stop();
});

test('GetExpiration through decideTokenSecret: unparseable counts as expired, the exact instant is expired', () => {
  const now = new Date('2024-01-01T00:00:00Z');
  assert.is(decideTokenSecret(newTokenSecret('abcdef', 's', { [bootstrapTokenExpirationKey]: 'tomorrow' }), now).action, 'delete');
  assert.is(decideTokenSecret(newTokenSecret('abcdef', 's', { [bootstrapTokenExpirationKey]: '2024-01-01T00:00:00Z' }), now).action, 'delete');
  assert.equal(decideTokenSecret(newTokenSecret('abcdef', 's', { [bootstrapTokenExpirationKey]: '2024-01-01T00:00:01Z' }), now), { action: 'requeue', afterMs: 1000 });
  assert.equal(decideTokenSecret(newTokenSecret('abcdef', 's'), now), { action: 'keep' });
});

test.run();
