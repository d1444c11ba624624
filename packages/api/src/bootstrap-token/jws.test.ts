// kubernetes/kubernetes staging/src/k8s.io/cluster-bootstrap/token/jws/jws_test.go — the
// upstream test vectors, byte for byte.
import { createHmac } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { computeDetachedSignature, detachedTokenIsValid, jwsProtectedHeader } from './jws.js';

const content = 'Hello from the other side. I must have called a thousand times.';
const secret = 'my voice is my passcode';
const id = 'joshua';

test('jws_test.go TestComputeDetachedSignature', () => {
  assert.is(computeDetachedSignature(content, id, secret), 'eyJhbGciOiJIUzI1NiIsImtpZCI6Impvc2h1YSJ9..VShe2taLd-YTrmWuRkcL_8QTNDHYxQIEBsAYYiIj1_8');
  // Try with null content
  assert.is(computeDetachedSignature('', id, secret), 'eyJhbGciOiJIUzI1NiIsImtpZCI6Impvc2h1YSJ9..7Ui1ALizW4jXphVUB7xUqC9vLYLL9RZeOFfVLoB7Tgk');
  // Try with no secret
  assert.is(computeDetachedSignature(content, id, ''), 'eyJhbGciOiJIUzI1NiIsImtpZCI6Impvc2h1YSJ9..UfkqvDGiIFxrMnFseDj9LYJOLNrvjW8aHhF71mvvAs8');
});

test('jws_test.go TestDetachedTokenIsValid', () => {
  const sig = 'eyJhbGciOiJIUzI1NiIsImtpZCI6Impvc2h1YSJ9..VShe2taLd-YTrmWuRkcL_8QTNDHYxQIEBsAYYiIj1_8';
  assert.ok(detachedTokenIsValid(sig, content, id, secret));
  assert.not.ok(detachedTokenIsValid(`${sig}foo`, content, id, secret));
  assert.not.ok(detachedTokenIsValid(sig, `${content}!`, id, secret));
});

test('jws.go: the protected header is exactly {"alg":"HS256","kid":"<id>"} and the zero-padded 32-byte key gives the same MAC', () => {
  assert.is(jwsProtectedHeader('abcdef'), '{"alg":"HS256","kid":"abcdef"}');
  const [header, empty, mac] = computeDetachedSignature(content, 'abcdef', '0123456789abcdef').split('.');
  assert.is(Buffer.from(header!, 'base64url').toString(), '{"alg":"HS256","kid":"abcdef"}');
  assert.is(empty, '');
  const padded = Buffer.alloc(32);
  Buffer.from('0123456789abcdef').copy(padded);
  const input = `${header}.${Buffer.from(content).toString('base64url')}`;
  assert.is(mac, createHmac('sha256', padded).update(input).digest('base64url'));
});

test.run();
