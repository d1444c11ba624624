// Malformed requests the server fuzzer (test/fuzz/servers.ts, issue 9 §1) found answered unlike
// kube-apiserver, each fixed in http-server.ts or endpoints/handlers/decode.ts and pinned here
// against upstream:
// - Go net/http/server.go conn.serve: a request the parser refuses gets the plain
//   "400 Bad Request" (or "431 Request Header Fields Too Large"), not fastify's JSON;
// - net/url ParseRequestURI: an undecodable path ("/%") is that same parser 400;
// - k8s.io/apiserver/pkg/endpoints/handlers/negotiation/negotiate.go
//   NegotiateInputSerializerForMediaType: an empty Content-Type is JSON, an unparsable one 415
//   (fastify answered 500 before the handler);
// - go-restful through the filters: an unknown method on a resource path is 405 MethodNotAllowed
//   as a Status (fastify answered its own 404 JSON);
// - encoding/json scanner.go maxNestingDepth: nesting beyond 10000 is a 400 decode error (a
//   stack overflow answered 500);
// - encoding/json decoding v1.ObjectMeta: a wrong type is a 400 decode error, null a zero value
//   (a wrong type answered 500 "s is not iterable").
import { connect } from 'node:tls';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { VirtualClock, realClock } from '@tlsboot/util';
import { nestingDepthError, objectMetaTypeError } from '../endpoints/handlers/decode.js';
import { goClientErrorResponse } from './http-server.js';
import { startTestServer } from './testing.js';
import type { TestServer } from './testing.js';

let t: TestServer;
test.before(async () => {
  t = await startTestServer({ clock: new VirtualClock({ start: realClock.nowMs() }) });
});
test.after(async () => {
  await t.close();
});

/** Raw bytes to the server as the admin; everything it answers until it closes. */
function raw(bytes: string): Promise<string> {
  const url = new URL(t.server.url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: url.hostname, port: Number(url.port), rejectUnauthorized: false, cert: t.admin.certPem, key: t.admin.keyPem });
    let out = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => (out += d));
    socket.on('close', () => resolve(out));
    socket.on('error', (e) => (out ? resolve(out) : reject(e)));
    socket.once('secureConnect', () => socket.write(bytes));
  });
}

const goBadRequest = 'HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n400 Bad Request';

test('net/http server.go conn.serve: the parser\'s answers are Go\'s texts (400, 431; nothing for a reset)', () => {
  assert.is(goClientErrorResponse('HPE_INVALID_METHOD'), goBadRequest);
  assert.is(goClientErrorResponse('HPE_HEADER_OVERFLOW'), 'HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n431 Request Header Fields Too Large');
  assert.is(goClientErrorResponse('ECONNRESET'), undefined);
});

test('net/http server.go: a request line Node\'s parser refuses gets Go\'s plain "400 Bad Request", not fastify\'s JSON', async () => {
  const out = await raw('G ET /api HTTP/1.1\r\nHost: x\r\n\r\n');
  assert.is(out, goBadRequest);
});

test('net/url ParseRequestURI: an undecodable path ("/%") is the plain 400 of net/http, not fastify\'s FST_ERR_BAD_URL JSON', async () => {
  const out = await raw('GET /api/v1/namespaces/% HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.match(out, /^HTTP\/1\.1 400 Bad Request\r\n/);
  assert.match(out, /content-type: text\/plain; charset=utf-8/i);
  assert.ok(out.endsWith('\r\n\r\n400 Bad Request'), out);
});

test('negotiate.go NegotiateInputSerializerForMediaType: an empty Content-Type is JSON (201); an unparsable one is 415 as a Status', async () => {
  const cm = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'empty-ct' } });
  const created = await t.request('POST', '/api/v1/namespaces/default/configmaps', { body: cm, headers: { 'Content-Type': '' } });
  assert.is(created.status, 201, created.text);
  const bad = await t.request('POST', '/api/v1/namespaces/default/configmaps', { body: cm, headers: { 'Content-Type': ';;;' } });
  assert.is(bad.status, 415, bad.text);
  assert.is(bad.json.kind, 'Status');
  assert.is(bad.json.reason, 'UnsupportedMediaType');
  assert.is(bad.json.code, 415);
});

test('go-restful behind the filters: an unknown method on a resource path is 405 MethodNotAllowed as a Status', async () => {
  const r = await t.request('PURGE', '/api/v1/namespaces/default/configmaps');
  assert.is(r.status, 405, r.text);
  assert.is(r.json.kind, 'Status');
  assert.is(r.json.reason, 'MethodNotAllowed');
});

test('encoding/json scanner.go maxNestingDepth: 10001 levels are 400 "invalid character \'{\' exceeded max depth"; 10000 parse', async () => {
  assert.is(nestingDepthError(`${'['.repeat(10_000)}${']'.repeat(10_000)}`), undefined);
  assert.is(nestingDepthError(`${'['.repeat(10_001)}${']'.repeat(10_001)}`), "invalid character '[' exceeded max depth");
  assert.is(nestingDepthError(`"${'{'.repeat(20_000)}"`), undefined, 'brackets inside a string do not count');
  const deep = `${'{"a":'.repeat(10_001)}1${'}'.repeat(10_001)}`;
  const r = await t.request('POST', '/api/v1/namespaces/default/configmaps', { body: deep, headers: { 'Content-Type': 'application/json' } });
  assert.is(r.status, 400, r.text);
  assert.is(r.json.message, `the object provided is unrecognized (must be of type ConfigMap): couldn't get version/kind; json parse error: invalid character '{' exceeded max depth ({"a":{"a":{"a":{"a":{"a":{"a": ...)`);
  const patch = await t.request('PATCH', '/api/v1/namespaces/default/configmaps/empty-ct', { body: deep, headers: { 'Content-Type': 'application/merge-patch+json' } });
  assert.is(patch.status, 400, patch.text);
  assert.is(patch.json.message, "error decoding patch: invalid character '{' exceeded max depth");
});

test('encoding/json into v1.ObjectMeta: a wrong type is 400 (UnmarshalTypeError), null the zero value', async () => {
  assert.is(objectMetaTypeError({ name: { a: 1 } }), 'json: cannot unmarshal object into Go struct field ObjectMeta.metadata.name of type string');
  assert.is(objectMetaTypeError({ labels: ['a'] }), 'json: cannot unmarshal array into Go struct field ObjectMeta.metadata.labels of type map[string]string');
  assert.is(objectMetaTypeError({ labels: { a: 1 } }), 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string');
  assert.is(objectMetaTypeError({ finalizers: [true] }), 'json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.finalizers of type string');
  assert.is(objectMetaTypeError({ ownerReferences: 1e308 }), 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.ownerReferences of type []v1.OwnerReference');
  assert.is(objectMetaTypeError({ ownerReferences: [{ name: 1 }] }), 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.ownerReferences.name of type string');
  assert.is(objectMetaTypeError({ managedFields: ['x'] }), 'json: cannot unmarshal string into Go struct field ObjectMeta.metadata.managedFields of type v1.ManagedFieldsEntry');
  assert.is(objectMetaTypeError({ generation: 'x' }), 'json: cannot unmarshal string into Go struct field ObjectMeta.metadata.generation of type int64');
  const meta: Record<string, unknown> = { name: 'x', namespace: null, labels: { a: null } };
  assert.is(objectMetaTypeError(meta), undefined);
  assert.equal(meta, { name: 'x', labels: { a: '' } });

  const wrong = await t.request('POST', '/api/v1/namespaces/default/configmaps', { body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: { a: { b: [] } } } }) });
  assert.is(wrong.status, 400, wrong.text);
  assert.is(wrong.json.message, 'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal object into Go struct field ObjectMeta.metadata.name of type string');
  const refs = await t.request('POST', '/apis/certificates.k8s.io/v1/certificatesigningrequests', { body: JSON.stringify({ apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: { generateName: 'x-', ownerReferences: 1e308 }, spec: {} }) });
  assert.is(refs.status, 400, refs.text);
  assert.is(refs.json.message, 'CertificateSigningRequest in version "v1" cannot be handled as a CertificateSigningRequest: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.ownerReferences of type []v1.OwnerReference');
  const nullLabel = await t.request('POST', '/api/v1/namespaces/default/configmaps', { body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'null-label', labels: { a: null } } }) });
  assert.is(nullLabel.status, 201, nullLabel.text);
  assert.equal(nullLabel.json.metadata.labels, { a: '' });
});

test.run();
