// kubernetes/kubernetes pkg/controller/bootstrap/bootstrapsigner_test.go: TestNoConfigMap,
// TestSimpleSign, TestNoSignNeeded, TestUpdateSignature, TestRemoveSignature (with upstream's
// expected signature bytes), plus util.go validateSecretForSigning and the event wiring.
import { bootstrapTokenExpirationKey, bootstrapTokenUsageSigningKey, detachedTokenIsValid, newConflict } from '@tlsboot/api';
import type { ConfigMap, Secret } from '@tlsboot/api';
import { VirtualClock } from '@tlsboot/util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BootstrapSigner } from './bootstrapsigner.js';
import { FakeInformer, fakeClient, newTokenSecret, settle } from './testing.js';
import type { Action } from './testing.js';
import { validateSecretForSigning } from './util.js';

const testTokenID = 'abc123';
const upstreamSignature = 'eyJhbGciOiJIUzI1NiIsImtpZCI6ImFiYzEyMyJ9..QSxpUG7Q542CirTI2ECPSZjvBOJURUW5a7XqFpNI958';
const cmPath = '/api/v1/namespaces/kube-public/configmaps/cluster-info';

function newConfigMap(tokenId = '', signature = ''): ConfigMap {
  const cm: ConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { namespace: 'kube-public', name: 'cluster-info', resourceVersion: '1' },
    data: { kubeconfig: 'payload' },
  };
  if (tokenId) cm.data![`jws-kubeconfig-${tokenId}`] = signature;
  return cm;
}

function newSigner() {
  const clock = new VirtualClock();
  const actions: Action[] = [];
  const fail: { next?: unknown } = {};
  const secrets = new FakeInformer<Secret>();
  const configMaps = new FakeInformer<ConfigMap>();
  const signer = new BootstrapSigner({ client: fakeClient(actions, fail), secrets: secrets.asInformer(), configMaps: configMaps.asInformer(), clock });
  return { clock, actions, fail, secrets, configMaps, signer };
}

const signingSecret = (extra: Record<string, string> = {}) => newTokenSecret(testTokenID, 'tokenSecret', { [bootstrapTokenUsageSigningKey]: 'true', ...extra });

test('bootstrapsigner_test.go TestNoConfigMap', async () => {
  const { signer, actions } = newSigner();
  await signer.signConfigMap();
  assert.equal(actions, []);
});

test('bootstrapsigner_test.go TestSimpleSign: the exact upstream signature', async () => {
  const { signer, actions, secrets, configMaps } = newSigner();
  configMaps.index(newConfigMap());
  secrets.index(signingSecret());
  await signer.signConfigMap();
  assert.equal(actions, [{ verb: 'update', path: cmPath, body: newConfigMap(testTokenID, upstreamSignature) }]);
  assert.ok(detachedTokenIsValid(upstreamSignature, 'payload', testTokenID, 'tokenSecret'));
});

test('bootstrapsigner_test.go TestNoSignNeeded', async () => {
  const { signer, actions, secrets, configMaps } = newSigner();
  configMaps.index(newConfigMap(testTokenID, upstreamSignature));
  secrets.index(signingSecret());
  await signer.signConfigMap();
  assert.equal(actions, []);
});

test('bootstrapsigner_test.go TestUpdateSignature', async () => {
  const { signer, actions, secrets, configMaps } = newSigner();
  configMaps.index(newConfigMap(testTokenID, 'old signature'));
  secrets.index(signingSecret());
  await signer.signConfigMap();
  assert.equal(actions, [{ verb: 'update', path: cmPath, body: newConfigMap(testTokenID, upstreamSignature) }]);
});

test('bootstrapsigner_test.go TestRemoveSignature', async () => {
  const { signer, actions, configMaps } = newSigner();
  configMaps.index(newConfigMap(testTokenID, 'old signature'));
  await signer.signConfigMap();
  assert.equal(actions, [{ verb: 'update', path: cmPath, body: newConfigMap() }]);
});

test('bootstrapsigner.go: no kubeconfig key → nothing; update Conflict is ignored', async () => {
  const { signer, actions, secrets, configMaps, fail } = newSigner();
  const cm = newConfigMap();
  delete cm.data!.kubeconfig;
  configMaps.index(cm);
  secrets.index(signingSecret());
  await signer.signConfigMap();
  assert.equal(actions, []);
  configMaps.index(newConfigMap());
  fail.next = newConflict({ group: '', resource: 'configmaps' }, 'cluster-info', new Error('the object has been modified'));
  await signer.signConfigMap();
  assert.is(actions.length, 1);
});

test('util.go validateSecretForSigning: name, token-id, token-secret, expiry, usage-bootstrap-signing', () => {
  const now = new Date('2024-01-01T00:00:00Z');
  assert.equal(validateSecretForSigning(signingSecret(), now), { ok: true, tokenId: testTokenID, tokenSecret: 'tokenSecret' });
  const badName = signingSecret();
  badName.metadata.name = 'token-abc123';
  assert.not.ok(validateSecretForSigning(badName, now).ok);
  const mismatch = signingSecret();
  mismatch.metadata.name = 'bootstrap-token-zzz999';
  assert.not.ok(validateSecretForSigning(mismatch, now).ok);
  assert.not.ok(validateSecretForSigning(newTokenSecret(testTokenID, '', { [bootstrapTokenUsageSigningKey]: 'true' }), now).ok);
  assert.not.ok(validateSecretForSigning(signingSecret({ [bootstrapTokenExpirationKey]: '2023-12-31T23:59:59Z' }), now).ok);
  assert.ok(validateSecretForSigning(signingSecret({ [bootstrapTokenExpirationKey]: '2024-01-01T00:00:01Z' }), now).ok);
  assert.not.ok(validateSecretForSigning(newTokenSecret(testTokenID, 'tokenSecret', { [bootstrapTokenUsageSigningKey]: 'yes' }), now).ok);
  assert.not.ok(validateSecretForSigning(newTokenSecret(testTokenID, 'tokenSecret'), now).ok, 'usage-bootstrap-signing missing');
});

test('bootstrapsigner.go: the running controller signs on a Secret add, re-signs on delete, ignores other ConfigMaps', async () => {
  const { signer, actions, secrets, configMaps } = newSigner();
  await signer.run();
  const other = newConfigMap();
  other.metadata.name = 'other';
  configMaps.add(other);
  await settle();
  assert.equal(actions, []);
  configMaps.add(newConfigMap());
  await settle();
  assert.equal(actions, [], 'no token yet: nothing to add or remove');
  const secret = signingSecret();
  secrets.add(secret);
  await settle();
  assert.equal(actions.map((a) => a.body), [newConfigMap(testTokenID, upstreamSignature)]);
  configMaps.update(newConfigMap(testTokenID, upstreamSignature));
  await settle();
  assert.is(actions.length, 1, 'already signed');
  secrets.delete(secret);
  await settle();
  assert.equal(actions.map((a) => a.body).at(-1), newConfigMap());
  await signer.stop();
});

test.run();
