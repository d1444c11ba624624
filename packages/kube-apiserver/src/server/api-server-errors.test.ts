// Live-server tests: Status bodies for 400/401/403/404/405/409/410/413/415/422 with upstream
// messages; the server keeps serving and the store is unchanged after bad input.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MemoryStore } from '../storage/index.js';
import { VirtualClock, realClock } from '@tlsboot/util';
import { foreignIdentity, startTestServer } from './testing.js';
import type { TestServer } from './testing.js';

let t: TestServer;
test.before(async () => {
  const clock = new VirtualClock({ start: realClock.nowMs() });
  // a short watch-cache history, so old resourceVersions expire
  t = await startTestServer({ clock, storage: new MemoryStore({ clock, history: { capacity: 4 } }) });
});
test.after(async () => {
  await t.close();
});

const secrets = '/api/v1/namespaces/default/secrets';
const status = (code: number, reason: string, message: string, details?: object) => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message,
  reason,
  ...(details ? { details } : {}),
  code,
});

test('400: malformed JSON, wrong kind, wrong namespace, bad selectors, bad resourceVersion', async () => {
  const before = (await t.request('GET', secrets)).json.metadata.resourceVersion;
  const malformed = await t.request('POST', secrets, { body: '{"apiVersion":', headers: { 'content-type': 'application/json' } });
  assert.equal(malformed.json, status(400, 'BadRequest', 'the object provided is unrecognized (must be of type Secret): couldn\'t get version/kind; json parse error: unexpected end of JSON input ({"apiVersion":)'));
  const kind = await t.request('POST', secrets, { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } } });
  assert.is(kind.status, 400);
  assert.is(kind.json.message, 'ConfigMap in version "v1" cannot be handled as a Secret: converting (v1.ConfigMap) to (core.Secret): unknown conversion');
  const ns = await t.request('POST', secrets, { body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x', namespace: 'kube-system' } } });
  assert.equal(ns.json, status(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request'));
  const field = await t.request('GET', `${secrets}?fieldSelector=spec.nodeName%3Dn1`);
  assert.equal(field.json, status(400, 'BadRequest', 'field label not supported: spec.nodeName'));
  assert.is((await t.request('GET', `${secrets}?labelSelector=%3D%3D%3D`)).status, 400);
  const rv = await t.request('GET', `${secrets}?resourceVersion=abc`);
  assert.equal(rv.json, status(400, 'BadRequest', 'invalid resource version: resourceVersion: Invalid value: "abc": strconv.ParseUint: parsing "abc": invalid syntax'));
  const base64 = await t.request('POST', secrets, { body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' }, data: { k: 'not base64!' } } });
  assert.is(base64.json.message, 'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3');
  // nothing was written, and the server still answers
  assert.is((await t.request('GET', secrets)).json.metadata.resourceVersion, before);
});

test('401: a certificate from another CA, an unknown bearer token — the exact 129-byte body', async () => {
  const foreign = await foreignIdentity('mallory', t.clock.now());
  const r = await t.request('GET', '/api/v1/namespaces', { identity: foreign });
  assert.is(r.status, 401);
  assert.is(r.text, '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}\n');
  assert.is(Buffer.byteLength(r.text), 129);
  const authn = t.trace.forRequest(r.headers['audit-id'] as string).find((e) => e.type === 'request.authenticated') as { failure?: string };
  assert.match(authn.failure ?? '', /^verifying certificate SN=\d+, SKID=.*, AKID=.* failed: x509: certificate signed by unknown authority/);
  const token = await t.request('GET', '/api/v1/namespaces', { identity: null, headers: { authorization: 'Bearer abcdef.0123456789abcdef' } });
  assert.is(token.status, 401);
});

test('403: a user outside system:masters, with the upstream message; anonymous likewise', async () => {
  const alice = await t.server.issueClientCertificate({ commonName: 'alice', organizations: ['devs'] });
  const r = await t.request('POST', secrets, { identity: alice, body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' } } });
  assert.equal(
    r.json,
    status(403, 'Forbidden', 'secrets is forbidden: User "alice" cannot create resource "secrets" in API group "" in the namespace "default"', { kind: 'secrets' }),
  );
  assert.is(r.headers['x-content-type-options'], 'nosniff');
  const csr = await t.request('GET', '/apis/certificates.k8s.io/v1/certificatesigningrequests/x', { identity: null });
  assert.is(
    csr.json.message,
    'certificatesigningrequests.certificates.k8s.io "x" is forbidden: User "system:anonymous" cannot get resource "certificatesigningrequests" in API group "certificates.k8s.io" at the cluster scope',
  );
  assert.equal(csr.json.details, { name: 'x', group: 'certificates.k8s.io', kind: 'certificatesigningrequests' });
});

test('404: an unknown resource (generic body), a missing object, a missing namespace', async () => {
  const unknown = await t.request('GET', '/api/v1/widgets');
  assert.is(unknown.text, '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server could not find the requested resource","reason":"NotFound","details":{},"code":404}\n');
  const missing = await t.request('GET', `${secrets}/nope`);
  assert.equal(missing.json, status(404, 'NotFound', 'secrets "nope" not found', { name: 'nope', kind: 'secrets' }));
  const noNs = await t.request('POST', '/api/v1/namespaces/ghost/secrets', { body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' } } });
  assert.equal(noNs.json, status(404, 'NotFound', 'namespaces "ghost" not found', { name: 'ghost', kind: 'namespaces' }));
});

test('405: a method the route does not serve', async () => {
  const post = await t.request('POST', `${secrets}/x`, { body: {} });
  assert.is(post.text, '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server does not allow this method on the requested resource","reason":"MethodNotAllowed","details":{},"code":405}\n');
  // namespaces have no deletecollection
  assert.is((await t.request('DELETE', '/api/v1/namespaces')).status, 405);
  assert.is((await t.request('GET', '/apis/authentication.k8s.io/v1/selfsubjectreviews')).status, 405);
});

test('409: AlreadyExists', async () => {
  const body = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'dup' } };
  assert.is((await t.request('POST', secrets, { body })).status, 201);
  const again = await t.request('POST', secrets, { body });
  assert.equal(again.json, status(409, 'AlreadyExists', 'secrets "dup" already exists', { name: 'dup', kind: 'secrets' }));
});

test('410: a list at a resourceVersion the history no longer holds', async () => {
  const first = (await t.request('GET', secrets)).json.metadata.resourceVersion;
  for (let i = 0; i < 8; i++) await t.request('POST', secrets, { body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: `fill-${i}` } } });
  const r = await t.request('GET', `${secrets}?resourceVersion=${first}&resourceVersionMatch=Exact`);
  assert.equal(r.json, status(410, 'Expired', 'The resourceVersion for the provided list is too old.'));
});

test('413: a body over 3 MiB', async () => {
  const big = JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'big' }, stringData: { k: 'x'.repeat(3 * 1024 * 1024) } });
  const r = await t.request('POST', secrets, { body: big, headers: { 'content-type': 'application/json' } });
  assert.equal(r.json, status(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728'));
  assert.is((await t.request('GET', `${secrets}/big`)).status, 404);
});

test('415: an unsupported content type', async () => {
  const r = await t.request('POST', secrets, { body: 'name: x', headers: { 'content-type': 'text/plain' } });
  assert.equal(
    r.json,
    status(415, 'UnsupportedMediaType', 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf'),
  );
});

test('422: an invalid name, with causes', async () => {
  const r = await t.request('POST', secrets, { body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'Bad_Name' } } });
  assert.is(r.status, 422);
  assert.is(r.json.reason, 'Invalid');
  assert.match(r.json.message, /^Secret "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of/);
  assert.is(r.json.details.kind, 'Secret');
  assert.is(r.json.details.causes[0].field, 'metadata.name');
  assert.is(r.json.details.causes[0].reason, 'FieldValueInvalid');
  const noName = await t.request('POST', secrets, { body: { apiVersion: 'v1', kind: 'Secret', metadata: {} } });
  assert.is(noName.json.message, 'Secret "" is invalid: metadata.name: Required value: name or generateName is required');
});

test('the immortal namespaces may not be deleted', async () => {
  const r = await t.request('DELETE', '/api/v1/namespaces/default');
  assert.equal(r.json, status(403, 'Forbidden', 'namespaces "default" is forbidden: this namespace may not be deleted', { name: 'default', kind: 'namespaces' }));
});

test.run();
