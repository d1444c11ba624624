// Live-server tests of service-account tokens over real HTTPS: TokenRequest
// (kubernetes/kubernetes pkg/registry/core/serviceaccount/storage/token.go) and the tokens it
// issues used as `Authorization: Bearer` without a client certificate (pkg/serviceaccount/jwt.go,
// claims.go). Every refused token is the same 401 `Unauthorized`; the reason is in the trace only.
import { VirtualClock, realClock } from '@tlsboot/util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { keyIDFromPublicKey, signCompact } from '../../serviceaccount/jws.js';
import { legacyServiceAccountToken } from '../../serviceaccount/legacy.js';
import { startTestServer } from '../../server/testing.js';
import type { TestServer } from '../../server/testing.js';
import type { RequestAuthenticatedEvent } from '../../trace.js';

const issuer = 'https://kubernetes.default.svc.cluster.local';
const sas = '/api/v1/namespaces/default/serviceaccounts';
const whoami = '/apis/authentication.k8s.io/v1/selfsubjectreviews';
const unauthorized = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 };

let t: TestServer;
let clock: VirtualClock;

test.before.each(async () => {
  clock = new VirtualClock({ start: realClock.nowMs() });
  t = await startTestServer({ clock });
  const created = await t.request('POST', sas, { body: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot' } } });
  assert.is(created.status, 201);
});
test.after.each(async () => {
  await t.close();
});

const requestToken = (spec: object = {}, name = 'robot', extra: object = {}) =>
  t.request('POST', `${sas}/${name}/token`, { body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', ...extra, spec } });

async function token(spec: object = {}): Promise<string> {
  const r = await requestToken(spec);
  assert.is(r.status, 201, r.text);
  return r.json.status.token;
}

/** POST selfsubjectreviews with only the bearer token (no client certificate). */
const asBearer = (tok: string) =>
  t.request('POST', whoami, { identity: null, headers: { authorization: `Bearer ${tok}` }, body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } });

const lastAuthentication = (): RequestAuthenticatedEvent => t.trace.events.filter((e): e is RequestAuthenticatedEvent => e.type === 'request.authenticated').at(-1)!;

const decode = (part: string | undefined) => JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));

test('TokenRequest with the defaults: 201, an hour, the API audiences, a bound JWT signed with the service-account key', async () => {
  const now = clock.now();
  const r = await requestToken();
  assert.is(r.status, 201);
  const sa = (await t.request('GET', `${sas}/robot`)).json;
  const { token: tok, expirationTimestamp } = r.json.status;
  assert.equal(r.json, {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name: 'robot', namespace: 'default', creationTimestamp: `${now.toISOString().slice(0, 19)}Z` },
    spec: { audiences: [issuer], expirationSeconds: 3600 },
    status: { token: tok, expirationTimestamp },
  });
  assert.is(Date.parse(expirationTimestamp), Math.floor(now.getTime() / 1000) * 1000 + 3_600_000);
  const [h, p] = tok.split('.');
  assert.equal(decode(h), { alg: 'ES256', kid: await keyIDFromPublicKey(t.server.serviceAccountKeys.publicKey) });
  const claims = decode(p);
  assert.equal(Object.keys(claims), ['aud', 'exp', 'iat', 'iss', 'jti', 'kubernetes.io', 'nbf', 'sub']);
  assert.equal(claims.aud, [issuer]);
  assert.is(claims.iss, issuer);
  assert.is(claims.sub, 'system:serviceaccount:default:robot');
  assert.is(claims.exp - claims.iat, 3600);
  assert.is(claims.nbf, claims.iat);
  assert.match(claims.jti, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(claims['kubernetes.io'], { namespace: 'default', serviceaccount: { name: 'robot', uid: sa.metadata.uid } });
  assert.is(t.server.serviceAccountIssuers[0], issuer);
  assert.equal(t.server.apiAudiences, [issuer]);
  assert.match(t.server.serviceAccountPublicKeyPem, /^-----BEGIN PUBLIC KEY-----\n/);
});

test('the token as Bearer (no client certificate): the ServiceAccount user, its groups, system:authenticated, the credential id', async () => {
  const tok = await token();
  const sa = (await t.request('GET', `${sas}/robot`)).json;
  const r = await asBearer(tok);
  assert.is(r.status, 201);
  const jti = decode(tok.split('.')[1]).jti;
  assert.equal(r.json.status.userInfo, {
    username: 'system:serviceaccount:default:robot',
    uid: sa.metadata.uid,
    groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'],
    extra: { 'authentication.kubernetes.io/credential-id': [`JTI=${jti}`] },
  });
  const event = lastAuthentication();
  assert.is(event.authenticator, 'service-account-token');
  assert.is(event.user, 'system:serviceaccount:default:robot');
});

test('forged tokens — another key, alg none, a tampered payload, garbage: 401 Unauthorized, the reason in the trace', async () => {
  const tok = await token();
  const [h, p, s] = tok.split('.') as [string, string, string];
  const other = await (await import('@tlsboot/pki')).generateKeyPair();
  const otherKid = await keyIDFromPublicKey(other.publicKey);
  const claims = decode(p);
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const cases: [string, string, string][] = [
    ['another key', await signCompact(JSON.stringify(claims), other, otherKid), 'invalid signature, no keys found'],
    ['another key, our kid', await signCompact(JSON.stringify(claims), other, decode(h).kid), 'go-jose/go-jose: error in cryptographic primitive'],
    ['alg none', `${b64({ alg: 'none' })}.${p}.`, 'go-jose/go-jose: error in cryptographic primitive'],
    ['tampered payload', `${h}.${b64({ ...claims, sub: 'system:serviceaccount:kube-system:admin' })}.${s}`, 'go-jose/go-jose: error in cryptographic primitive'],
    ['garbage', 'not-a-token', 'invalid bearer token'],
  ];
  for (const [name, forged, reason] of cases) {
    const r = await asBearer(forged);
    assert.is(r.status, 401, name);
    assert.equal(r.json, unauthorized, name);
    assert.not.match(r.text, /jose|signature|keys/, name);
    const event = lastAuthentication();
    assert.is(event.authenticated, false, name);
    assert.is(event.failure, reason, name);
  }
});

test('expired (beyond the one-minute leeway): 401, `service account token has expired` in the trace', async () => {
  const tok = await token({ expirationSeconds: 600 });
  // exp is whole seconds (now truncated + 600): up to exp + 60 s still passes
  await clock.advance(659_000);
  assert.is((await asBearer(tok)).status, 201);
  await clock.advance(2_000);
  const r = await asBearer(tok);
  assert.equal(r.json, unauthorized);
  assert.is(lastAuthentication().failure, 'service account token has expired');
});

test('the ServiceAccount deleted: its tokens stop working (401, `serviceaccounts "robot" not found`)', async () => {
  const tok = await token();
  assert.is((await t.request('DELETE', `${sas}/robot`)).status, 200);
  assert.equal((await asBearer(tok)).json, unauthorized);
  assert.is(lastAuthentication().failure, 'serviceaccounts "robot" not found');
  // recreated under the same name: a new uid, the old token stays dead
  await t.request('POST', sas, { body: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot' } } });
  assert.is((await asBearer(tok)).status, 401);
  assert.match(lastAuthentication().failure!, /^service account UID \(.+\) does not match claim \(.+\)$/);
});

test('a token for another audience is not good for the apiserver', async () => {
  const r = await requestToken({ audiences: ['vault'] });
  assert.equal(r.json.spec.audiences, ['vault']);
  assert.is((await asBearer(r.json.status.token)).status, 401);
  assert.is(lastAuthentication().failure, `token audiences ["vault"] is invalid for the target audiences ["${issuer}"]`);
});

test('validation: 422 below ten minutes and above 2^32 seconds, with upstream wording', async () => {
  const short = await requestToken({ expirationSeconds: 599 });
  assert.is(short.status, 422);
  assert.equal(short.json, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 599: may not specify a duration less than 10 minutes',
    reason: 'Invalid',
    details: { group: 'authentication.k8s.io', kind: 'TokenRequest', causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: 599: may not specify a duration less than 10 minutes', field: 'spec.expirationSeconds' }] },
    code: 422,
  });
  const long = await requestToken({ expirationSeconds: 2 ** 32 + 1 });
  assert.is(long.json.message, `TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: ${2 ** 32 + 1}: may not specify a duration larger than 2^32 seconds`);
  assert.is((await requestToken({ expirationSeconds: 600 })).status, 201);
});

test('bad requests: unknown ServiceAccount 404, name or namespace mismatch, wrong types, GET 405', async () => {
  const missing = await requestToken({}, 'nobody');
  assert.is(missing.status, 404);
  assert.is(missing.json.message, 'serviceaccounts "nobody" not found');
  const name = await requestToken({}, 'robot', { metadata: { name: 'other' } });
  assert.is(name.status, 422);
  assert.is(name.json.message, 'TokenRequest.authentication.k8s.io "robot" is invalid: metadata.name: Invalid value: "other": must match the service account name if specified');
  const ns = await requestToken({}, 'robot', { metadata: { namespace: 'kube-system' } });
  assert.is(ns.status, 400);
  assert.is(ns.json.message, 'the namespace of the provided object does not match the namespace sent on the request');
  const typed = await requestToken({ expirationSeconds: '3600' });
  assert.is(typed.status, 400);
  assert.is(typed.json.message, 'TokenRequest in version "v1" cannot be handled as a TokenRequest: json: cannot unmarshal string into Go struct field TokenRequestSpec.spec.expirationSeconds of type int64');
  const kind = await t.request('POST', `${sas}/robot/token`, { body: { apiVersion: 'v1', kind: 'ServiceAccount' } });
  assert.is(kind.status, 400);
  assert.is((await t.request('GET', `${sas}/robot/token`)).status, 405);
});

test('boundObjectRef: Pod (must run as the ServiceAccount; its node is named too), Secret, Node; other kinds 400; a stale uid 409', async () => {
  const pods = '/api/v1/namespaces/default/pods';
  await t.request('POST', '/api/v1/nodes', { body: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-1' } } });
  const pod = (await t.request('POST', pods, { body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { serviceAccountName: 'robot', nodeName: 'worker-1', containers: [{ name: 'c', image: 'i' }] } } })).json;
  await t.request('POST', pods, { body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'other' }, spec: { serviceAccountName: 'default', containers: [{ name: 'c', image: 'i' }] } } });
  const node = (await t.request('GET', '/api/v1/nodes/worker-1')).json;

  const podToken = await requestToken({ boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'web' } });
  assert.is(podToken.status, 201);
  assert.equal(podToken.json.spec.boundObjectRef, { kind: 'Pod', apiVersion: 'v1', name: 'web' });
  const k = decode(podToken.json.status.token.split('.')[1])['kubernetes.io'];
  assert.equal(k.pod, { name: 'web', uid: pod.metadata.uid });
  assert.equal(k.node, { name: 'worker-1', uid: node.metadata.uid });
  const who = await asBearer(podToken.json.status.token);
  assert.equal(who.json.status.userInfo.extra['authentication.kubernetes.io/pod-name'], ['web']);
  assert.equal(who.json.status.userInfo.extra['authentication.kubernetes.io/node-name'], ['worker-1']);

  const otherSA = await requestToken({ boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'other' } });
  assert.is(otherSA.status, 400);
  assert.is(otherSA.json.message, 'cannot bind token for serviceaccount "robot" to pod running with different serviceaccount name.');
  const stale = await requestToken({ boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'web', uid: 'old-uid' } });
  assert.is(stale.status, 409);
  assert.is(stale.json.message, 'Operation cannot be fulfilled on Pod "web": the UID in the bound object reference (old-uid) does not match the UID in record. The object might have been deleted and then recreated');
  const cm = await requestToken({ boundObjectRef: { kind: 'ConfigMap', apiVersion: 'v1', name: 'x' } });
  assert.is(cm.status, 400);
  assert.is(cm.json.message, 'cannot bind token to object of type /v1, Kind=ConfigMap');
  const deploy = await requestToken({ boundObjectRef: { kind: 'Deployment', apiVersion: 'apps/v1', name: 'x' } });
  assert.is(deploy.json.message, 'cannot bind token to object of type apps/v1, Kind=Deployment');
  const nopod = await requestToken({ boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'gone' } });
  assert.is(nopod.status, 404);
  assert.is(nopod.json.message, 'pods "gone" not found');

  const nodeToken = await requestToken({ boundObjectRef: { kind: 'Node', apiVersion: 'v1', name: 'worker-1' } });
  assert.equal(decode(nodeToken.json.status.token.split('.')[1])['kubernetes.io'].node, { name: 'worker-1', uid: node.metadata.uid });

  await t.request('POST', '/api/v1/namespaces/default/secrets', { body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } } });
  const secretToken = (await requestToken({ boundObjectRef: { kind: 'Secret', apiVersion: 'v1', name: 's' } })).json.status.token;
  assert.is((await asBearer(secretToken)).status, 201);
  await t.request('DELETE', '/api/v1/namespaces/default/secrets/s');
  assert.is((await asBearer(secretToken)).status, 401);
  assert.is(lastAuthentication().failure, 'service account token has been invalidated');
});

test('the kubelet’s pod-bound 3607-second request: a one-year token that warns after 3607 s; the status says 3607 s', async () => {
  await t.request('POST', '/api/v1/namespaces/default/pods', { body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { serviceAccountName: 'robot', containers: [{ name: 'c', image: 'i' }] } } });
  const now = clock.now();
  const r = await requestToken({ expirationSeconds: 3607, boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'web' } });
  const claims = decode(r.json.status.token.split('.')[1]);
  assert.is(claims.exp - claims.iat, 365 * 24 * 3600);
  assert.is(claims['kubernetes.io'].warnafter, claims.iat + 3607);
  assert.is(claims['kubernetes.io'].node, undefined, 'a pod without a node names none');
  assert.is(Date.parse(r.json.status.expirationTimestamp), Math.floor(now.getTime() / 1000) * 1000 + 3_607_000);
  // not bound to a pod, or for another audience: no extension
  const plain = decode((await requestToken({ expirationSeconds: 3607 })).json.status.token.split('.')[1]);
  assert.is(plain.exp - plain.iat, 3607);
  const vault = await requestToken({ expirationSeconds: 3607, audiences: ['vault'], boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'web' } });
  const v = decode(vault.json.status.token.split('.')[1]);
  assert.is(v.exp - v.iat, 3607);
});

test('authorization: a ServiceAccount may not mint tokens for itself without a grant (403 on serviceaccounts/token)', async () => {
  const tok = await token();
  const r = await t.request('POST', `${sas}/robot/token`, { identity: null, headers: { authorization: `Bearer ${tok}` }, body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: {} } });
  assert.is(r.status, 403);
  assert.is(r.json.message, 'serviceaccounts "robot" is forbidden: User "system:serviceaccount:default:robot" cannot create resource "serviceaccounts/token" in API group "" in the namespace "default"');
});

test('a legacy Secret-based token (as the tokens controller writes it) works while its Secret holds it', async () => {
  const sa = (await t.request('GET', `${sas}/robot`)).json;
  const secrets = '/api/v1/namespaces/default/secrets';
  const secret = { apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token', metadata: { name: 'robot-token', annotations: { 'kubernetes.io/service-account.name': 'robot' } } };
  const tok = await legacyServiceAccountToken({ serviceAccount: sa, secret, keys: t.server.serviceAccountKeys });
  assert.is((await t.request('POST', secrets, { body: { ...secret, data: { token: Buffer.from(tok).toString('base64') } } })).status, 201);
  const r = await asBearer(tok);
  assert.is(r.status, 201);
  assert.equal(r.json.status.userInfo, { username: 'system:serviceaccount:default:robot', uid: sa.metadata.uid, groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'] });
  assert.is((await t.request('GET', `${secrets}/robot-token`)).json.metadata.labels['kubernetes.io/legacy-token-last-used'], clock.now().toISOString().slice(0, 10));
  await t.request('PATCH', `${secrets}/robot-token`, { body: JSON.stringify({ data: { token: Buffer.from('other').toString('base64') } }), headers: { 'content-type': 'application/merge-patch+json' } });
  assert.equal((await asBearer(tok)).json, unauthorized);
  assert.is(lastAuthentication().failure, "Token does not match server's copy");
});

test('--service-account-max-token-expiration shortens long requests; other issuers and audiences are options', async () => {
  await t.close();
  t = await startTestServer({ clock, serviceAccountIssuer: ['https://issuer.example', 'https://old.example'], apiAudiences: ['api'], serviceAccountMaxTokenExpirationSeconds: 7200 });
  await t.request('POST', sas, { body: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot' } } });
  const r = await requestToken({ expirationSeconds: 86_400 });
  assert.is(r.json.spec.expirationSeconds, 7200);
  assert.equal(r.json.spec.audiences, ['api']);
  const claims = decode(r.json.status.token.split('.')[1]);
  assert.is(claims.iss, 'https://issuer.example');
  assert.is(claims.exp - claims.iat, 7200);
  assert.is((await asBearer(r.json.status.token)).status, 201);
});

test.run();
