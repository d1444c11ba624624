// The service-account token authenticator as kube-apiserver installs it
// (pkg/kubeapiserver/authenticator/config.go: legacy + bound JWT authenticators over one key set),
// against objects in the apiserver's own registry: the user a token becomes, and every refusal
// with upstream's reason (pkg/serviceaccount/jwt.go, claims.go, legacy.go).
import type { KubeObject } from '@tlsboot/api';
import { generateKeyPair } from '@tlsboot/pki';
import type { KeyPair } from '@tlsboot/pki';
import { VirtualClock, systemRandom } from '@tlsboot/util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ResourceRegistry } from '../registry/registry.js';
import { MemoryStore } from '../storage/index.js';
import { serviceAccountTokenAuthenticator } from './authenticator.js';
import type { ServiceAccountAuthenticationResult } from './authenticator.js';
import { boundClaims } from './claims.js';
import { base64url } from './jws.js';
import { jwtTokenGenerator } from './jwt.js';
import { legacyServiceAccountToken } from './legacy.js';
import { registryTokenGetter } from './token-getter.js';

const issuer = 'https://kubernetes.default.svc.cluster.local';
const start = new Date('2024-01-01T00:00:00Z');
const admin = { name: 'admin', groups: ['system:masters'] };
const b64 = (s: string) => base64url(Buffer.from(s, 'utf8'));

let clock: VirtualClock;
let storage: MemoryStore;
let registry: ResourceRegistry;
let keys: KeyPair;
let sa: KubeObject;

test.before.each(async () => {
  clock = new VirtualClock({ start });
  storage = new MemoryStore({ clock });
  registry = new ResourceRegistry({ storage, clock, random: systemRandom() });
  keys ??= await generateKeyPair();
  await registry.store('', 'namespaces').create({ kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'default' } }, admin);
  sa = await create('serviceaccounts', { kind: 'ServiceAccount', apiVersion: 'v1', metadata: { name: 'robot', namespace: 'default' } });
});

test.after.each(() => storage.close());

const create = (resource: string, obj: KubeObject) => registry.store('', resource).create(obj, admin);

function authenticator(options: { audiences?: string[]; keys?: KeyPair['publicKey'][] } = {}) {
  return serviceAccountTokenAuthenticator({ keys: options.keys ?? [keys.publicKey], issuers: [issuer], audiences: options.audiences ?? [issuer], clock, getters: registryTokenGetter(registry) });
}

/** A bound token as TokenRequest issues it. */
async function bound(extra: { pod?: KubeObject; secret?: KubeObject; node?: KubeObject; exp?: number; audiences?: string[]; signer?: KeyPair; iss?: string } = {}): Promise<string> {
  const { claims, privateClaims } = boundClaims({ serviceAccount: sa, ...extra, expirationSeconds: extra.exp ?? 3600, warnAfterSeconds: 0, audiences: extra.audiences ?? [issuer], now: clock.now(), jti: 'jti-1' });
  return (await jwtTokenGenerator(extra.iss ?? issuer, extra.signer ?? keys)).generateToken(claims, privateClaims);
}

const errorOf = (r: ServiceAccountAuthenticationResult) => (r.kind === 'error' ? r.error : `not an error: ${r.kind}`);

test('a bound token: system:serviceaccount:<ns>:<name>, the SA uid, the two SA groups, the JTI credential id', async () => {
  const r = await authenticator().authenticateToken(await bound());
  assert.equal(r, {
    kind: 'authenticated',
    authenticator: 'service-account-token',
    audiences: [issuer],
    user: {
      name: 'system:serviceaccount:default:robot',
      uid: sa.metadata.uid,
      groups: ['system:serviceaccounts', 'system:serviceaccounts:default'],
      extra: { 'authentication.kubernetes.io/credential-id': ['JTI=jti-1'] },
    },
  });
});

test('a pod-bound token names the pod and its node in extra (credential-id, node-name, node-uid, pod-name, pod-uid)', async () => {
  const node = await create('nodes', { kind: 'Node', apiVersion: 'v1', metadata: { name: 'worker-1' } });
  const pod = await create('pods', { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'web', namespace: 'default' }, spec: { serviceAccountName: 'robot', nodeName: 'worker-1' } });
  const r = await authenticator().authenticateToken(await bound({ pod, node }));
  assert.is(r.kind, 'authenticated');
  assert.equal(r.kind === 'authenticated' && r.user.extra, {
    'authentication.kubernetes.io/credential-id': ['JTI=jti-1'],
    'authentication.kubernetes.io/node-name': ['worker-1'],
    'authentication.kubernetes.io/node-uid': [node.metadata.uid!],
    'authentication.kubernetes.io/pod-name': ['web'],
    'authentication.kubernetes.io/pod-uid': [pod.metadata.uid!],
  });
  // the pod deleted: the token dies with it
  await registry.store('', 'pods').delete('default', 'web');
  assert.is(errorOf(await authenticator().authenticateToken(await bound({ pod, node }))), 'service account token has been invalidated');
});

test('a node-bound token: the node must still exist with the same uid', async () => {
  const node = await create('nodes', { kind: 'Node', apiVersion: 'v1', metadata: { name: 'worker-1' } });
  const token = await bound({ node });
  const r = await authenticator().authenticateToken(token);
  assert.equal(r.kind === 'authenticated' && r.user.extra?.['authentication.kubernetes.io/node-name'], ['worker-1']);
  await registry.store('', 'nodes').delete('', 'worker-1');
  assert.is(errorOf(await authenticator().authenticateToken(token)), 'service account token has been invalidated');
  const again = await create('nodes', { kind: 'Node', apiVersion: 'v1', metadata: { name: 'worker-1' } });
  assert.is(errorOf(await authenticator().authenticateToken(token)), `node UID (${again.metadata.uid}) does not match service account node ref claim (${node.metadata.uid})`);
});

test('a secret-bound token dies with its Secret', async () => {
  const secret = await create('secrets', { kind: 'Secret', apiVersion: 'v1', metadata: { name: 's', namespace: 'default' } });
  const token = await bound({ secret });
  assert.is((await authenticator().authenticateToken(token)).kind, 'authenticated');
  await registry.store('', 'secrets').delete('default', 's');
  assert.is(errorOf(await authenticator().authenticateToken(token)), 'service account token has been invalidated');
});

test('expiry with the one-minute leeway: valid until exp + 60 s, then `service account token has expired`', async () => {
  const token = await bound({ exp: 600 });
  await clock.advance(660_000);
  assert.is((await authenticator().authenticateToken(token)).kind, 'authenticated');
  await clock.advance(1_000);
  assert.is(errorOf(await authenticator().authenticateToken(token)), 'service account token has expired');
});

test('a token from the future: `service account token is not valid yet`', async () => {
  const token = await bound();
  const r = await serviceAccountTokenAuthenticator({ keys: [keys.publicKey], issuers: [issuer], audiences: [issuer], clock: new VirtualClock({ start: new Date(start.getTime() - 120_000) }), getters: registryTokenGetter(registry) }).authenticateToken(token);
  assert.is(errorOf(r), 'service account token is not valid yet');
});

test('the ServiceAccount deleted, or deleted and recreated: refused with upstream’s reason', async () => {
  const token = await bound();
  await registry.store('', 'serviceaccounts').delete('default', 'robot');
  assert.is(errorOf(await authenticator().authenticateToken(token)), 'serviceaccounts "robot" not found');
  const again = await create('serviceaccounts', { kind: 'ServiceAccount', apiVersion: 'v1', metadata: { name: 'robot', namespace: 'default' } });
  assert.is(errorOf(await authenticator().authenticateToken(token)), `service account UID (${again.metadata.uid}) does not match claim (${sa.metadata.uid})`);
});

test('forgeries: another key (its own kid), no kid, alg none, a tampered payload — all errors', async () => {
  const other = await generateKeyPair();
  const a = authenticator();
  assert.is(errorOf(await a.authenticateToken(await bound({ signer: other }))), 'invalid signature, no keys found');
  const token = await bound();
  const [, payload, sig] = token.split('.');
  const noKid = `${b64('{"alg":"ES256"}')}.${payload}.${sig}`;
  assert.is(errorOf(await a.authenticateToken(noKid)), 'go-jose/go-jose: error in cryptographic primitive');
  assert.is(errorOf(await a.authenticateToken(`${b64('{"alg":"none"}')}.${payload}.`)), 'go-jose/go-jose: error in cryptographic primitive');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
  claims['kubernetes.io'].namespace = 'kube-system';
  const [header] = token.split('.');
  assert.is(errorOf(await a.authenticateToken(`${header}.${b64(JSON.stringify(claims))}.${sig}`)), 'go-jose/go-jose: error in cryptographic primitive');
  // the right signature verified by a second, rotated-in key
  const rotated = authenticator({ keys: [other.publicKey, keys.publicKey] });
  assert.is((await rotated.authenticateToken(token)).kind, 'authenticated');
});

test('not ours (no error, the next authenticator may take it): garbage, a bootstrap token, another issuer’s JWT', async () => {
  const a = authenticator();
  assert.equal(await a.authenticateToken('garbage'), { kind: 'not-mine' });
  assert.equal(await a.authenticateToken('abcdef.0123456789abcdef'), { kind: 'not-mine' });
  assert.equal(await a.authenticateToken(await bound({ iss: 'https://accounts.example.com' })), { kind: 'not-mine' });
  assert.equal(await a.authenticateToken(`${b64('{"alg":"ES256"}')}.${b64(`{"iss":"${issuer}"`)}.x`), { kind: 'not-mine' });
});

test('audiences: the API audiences by default; a TokenReview may ask for others', async () => {
  const a = authenticator({ audiences: [issuer, 'api'] });
  const vault = await bound({ audiences: ['vault'] });
  assert.is(errorOf(await a.authenticateToken(vault)), `token audiences ["vault"] is invalid for the target audiences ["${issuer}" "api"]`);
  const r = await a.authenticateToken(vault, ['vault']);
  assert.is(r.kind, 'authenticated');
  assert.equal(r.audiences, ['vault']);
  // the shape TokenReview calls (registry/authentication/token-review.ts)
  const review = await a.authenticateTokenForAudiences(vault, ['vault', 'other']);
  assert.equal([review.result.kind, review.audiences], ['authenticated', ['vault']]);
  assert.equal((await a.authenticateTokenForAudiences(vault, undefined)).audiences, []);
  assert.equal((await a.authenticateTokenForAudiences(await bound(), undefined)).audiences, [issuer]);
});

test('legacy token: valid while its Secret holds it; stamps the last-used label; refused when replaced or marked invalid', async () => {
  const secret = await create('secrets', { kind: 'Secret', apiVersion: 'v1', type: 'kubernetes.io/service-account-token', metadata: { name: 'robot-token', namespace: 'default', annotations: { 'kubernetes.io/service-account.name': 'robot' } } });
  const token = await legacyServiceAccountToken({ serviceAccount: sa, secret, keys });
  const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
  assert.equal(Object.keys(payload), [
    'iss',
    'kubernetes.io/serviceaccount/namespace',
    'kubernetes.io/serviceaccount/secret.name',
    'kubernetes.io/serviceaccount/service-account.name',
    'kubernetes.io/serviceaccount/service-account.uid',
    'sub',
  ]);
  const secrets = registry.store('', 'secrets');
  const put = (data: Record<string, string>, labels?: Record<string, string>) =>
    secrets.rawUpdate('default', 'robot-token', (s) => ({ ...s, data, metadata: { ...s.metadata, ...(labels ? { labels } : {}) } }));
  const a = authenticator();
  assert.is(errorOf(await a.authenticateToken(token)), "Token does not match server's copy");
  await put({ token: Buffer.from(token).toString('base64') });
  const r = await a.authenticateToken(token);
  assert.equal(r.kind === 'authenticated' && r.user, { name: 'system:serviceaccount:default:robot', uid: sa.metadata.uid, groups: ['system:serviceaccounts', 'system:serviceaccounts:default'] });
  assert.is((await secrets.get('default', 'robot-token')).metadata.labels?.['kubernetes.io/legacy-token-last-used'], '2024-01-01');
  await put({ token: Buffer.from(token).toString('base64') }, { 'kubernetes.io/legacy-token-invalid-since': '2023-12-01' });
  assert.match(errorOf(await a.authenticateToken(token)), /^the token in secret default\/robot-token for service account default\/robot has been marked invalid\. Use tokens from the TokenRequest API/);
  await put({ token: Buffer.from(`${token}x`).toString('base64') }, {});
  assert.is(errorOf(await a.authenticateToken(token)), "Token does not match server's copy");
  await secrets.delete('default', 'robot-token');
  assert.is(errorOf(await a.authenticateToken(token)), 'Token has been invalidated');
});

test.run();
