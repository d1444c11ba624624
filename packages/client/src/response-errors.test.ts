// client-go's error for a non-2xx answer (rest/request.go transformResponse,
// newUnstructuredResponseError; apimachinery errors.NewGenericServerResponse).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isStatusError } from '@tlsboot/api';
import { errorFromResponse, newGenericServerResponse } from './response-errors.js';

const secrets = { group: '', resource: 'secrets' };
const csrs = { group: 'certificates.k8s.io', resource: 'certificatesigningrequests' };

test('NewGenericServerResponse: the message for each status code, as errors.go words it', () => {
  const m = (code: number, verb = 'GET', body = 'boom'): string => newGenericServerResponse(code, verb, undefined, '', body, 0, true).message;
  assert.is(m(404), 'the server could not find the requested resource');
  assert.is(m(400), 'the server rejected our request for an unknown reason');
  assert.is(m(401), 'the server has asked for the client to provide credentials');
  assert.is(m(403), 'boom');
  assert.is(m(405), 'the server does not allow this method on the requested resource');
  assert.is(m(406, 'GET', 'unknown'), 'the server was unable to respond with a content type that the client supports');
  assert.is(m(406), 'boom');
  assert.is(m(409), 'the server reported a conflict');
  assert.is(m(415), 'boom');
  assert.is(m(422), 'the server rejected our request due to an error in our request');
  assert.is(m(429), 'the server has received too many requests and has asked us to try again later');
  assert.is(m(500, 'GET', 'db "down"'), 'an error on the server ("db \\"down\\"") has prevented the request from succeeding');
  assert.is(m(502), 'an error on the server ("boom") has prevented the request from succeeding');
  assert.is(m(503), 'the server is currently unable to handle the request');
  assert.is(m(504), 'the server was unable to return a response in the time allotted, but may still be processing the request');
  assert.is(m(418), 'the server responded with the status code 418 but did not return more information');
});

test('NewGenericServerResponse: reasons, 409 by verb, and the (verb resource name) suffix', () => {
  const post = newGenericServerResponse(409, 'POST', csrs, 'csr-1', '', 0, true);
  assert.is(post.reason, 'AlreadyExists');
  assert.is(post.message, 'the server reported a conflict (post certificatesigningrequests.certificates.k8s.io csr-1)');
  const put = newGenericServerResponse(409, 'PUT', secrets, '', '', 0, true);
  assert.is(put.reason, 'Conflict');
  assert.is(put.message, 'the server reported a conflict (put secrets)');
  assert.is(newGenericServerResponse(500, 'GET', undefined, '', 'x', 0, true).reason, 'InternalError');
  assert.is(newGenericServerResponse(418, 'GET', undefined, '', 'x', 0, true).reason, '');
  assert.equal(newGenericServerResponse(404, 'GET', secrets, 'x', 'page not found', 7, true).status, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'the server could not find the requested resource (get secrets x)',
    reason: 'NotFound',
    details: { name: 'x', kind: 'secrets', causes: [{ reason: 'UnexpectedServerResponse', message: 'page not found' }], retryAfterSeconds: 7 },
    code: 404,
  });
});

const status = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'secrets "x" not found',
  reason: 'NotFound',
  details: { name: 'x', kind: 'secrets' },
  code: 404,
};

test('a Status body wins, kept as the server sent it', () => {
  const err = errorFromResponse(404, { 'content-type': 'application/json' }, Buffer.from(JSON.stringify(status)), { method: 'GET' });
  assert.ok(isStatusError(err));
  assert.equal(err.status, status);
  assert.is(err.message, 'secrets "x" not found');
  assert.is(err.code, 'NotFound');
});

test('a Status with a code that differs from the HTTP one keeps its own (FromObject)', () => {
  const expired = { ...status, reason: 'Expired', code: 410, message: 'too old resource version: 5 (10)' };
  const err = errorFromResponse(500, { 'content-type': 'application/json' }, Buffer.from(JSON.stringify(expired)), { method: 'GET' });
  assert.is(err.statusCode, 410);
  assert.is(err.reason, 'Expired');
});

test('text/plain bodies become the server message; JSON that is not a Status says unknown', () => {
  const text = errorFromResponse(500, { 'content-type': 'text/plain; charset=utf-8' }, Buffer.from('etcd unavailable\n'), { method: 'GET', resource: secrets, name: 'x' });
  assert.is(text.message, 'an error on the server ("etcd unavailable") has prevented the request from succeeding (get secrets x)');
  assert.equal(text.status.details?.causes, [{ reason: 'UnexpectedServerResponse', message: 'etcd unavailable' }]);
  const json = errorFromResponse(502, { 'content-type': 'application/json' }, Buffer.from('{"error":"bad gateway"}'), { method: 'GET' });
  assert.is(json.message, 'an error on the server ("unknown") has prevented the request from succeeding');
  const notFound = errorFromResponse(404, { 'content-type': 'text/html' }, Buffer.from('<h1>404</h1>'), { method: 'GET' });
  assert.is(notFound.message, 'the server could not find the requested resource');
  assert.is(notFound.reason, 'NotFound');
});

test('no content type: the body is text, and still decoded as a Status when it is one', () => {
  const plain = errorFromResponse(503, {}, Buffer.from('upstream down'), { method: 'GET' });
  assert.is(plain.message, 'the server is currently unable to handle the request');
  assert.equal(plain.status.details?.causes, [{ reason: 'UnexpectedServerResponse', message: 'upstream down' }]);
  const asStatusBody = errorFromResponse(403, {}, Buffer.from(JSON.stringify({ ...status, reason: 'Forbidden', code: 403, message: 'nope' })), { method: 'GET' });
  assert.is(asStatusBody.message, 'nope');
});

test('Retry-After is read as strconv.Atoi reads it; a Success Status on an error code is not used', () => {
  const err = errorFromResponse(429, { 'content-type': 'text/plain', 'retry-after': '3' }, Buffer.from('slow down'), { method: 'GET' });
  assert.is(err.status.details?.retryAfterSeconds, 3);
  assert.is(errorFromResponse(429, { 'retry-after': 'soon' }, Buffer.alloc(0), { method: 'GET' }).status.details?.retryAfterSeconds, undefined);
  const success = errorFromResponse(500, {}, Buffer.from(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Success' })), { method: 'GET' });
  assert.is(success.reason, 'InternalError');
});

test('bodies past 2048 bytes are cut in the message', () => {
  const err = errorFromResponse(500, { 'content-type': 'text/plain' }, Buffer.from('x'.repeat(5000)), { method: 'GET' });
  assert.is(err.status.details?.causes?.[0]?.message?.length, 2048);
});

test.run();
