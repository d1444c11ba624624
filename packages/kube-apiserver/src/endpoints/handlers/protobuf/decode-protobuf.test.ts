// Protobuf request bodies, from bytes kubectl v1.32 really sent (captured with -v=9).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeProtobuf } from './decode-protobuf.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

// kubectl create secret generic pb --from-literal=a=b
const secret = hex(`6b 38 73 00 0a 0c 0a 02 76 31 12 06 53 65 63 72 65 74 12 1e 0a 12 0a 02 70 62 12 00 1a 00 22 00
  2a 00 32 00 38 00 42 00 12 06 0a 01 61 12 01 62 1a 00 1a 00 22 00`);
// kubectl auth whoami
const review = hex(`6b 38 73 00 0a 2d 0a 18 61 75 74 68 65 6e 74 69 63 61 74 69 6f 6e 2e 6b 38 73 2e 69 6f 2f 76 31
  12 11 53 65 6c 66 53 75 62 6a 65 63 74 52 65 76 69 65 77 12 1a 0a 10 0a 00 12 00 1a 00 22 00 2a
  00 32 00 38 00 42 00 12 06 0a 04 0a 00 12 00 1a 00 22 00`);
// kubectl create ns pbns
const namespace = hex(`6b 38 73 00 0a 0f 0a 02 76 31 12 09 4e 61 6d 65 73 70 61 63 65 12 1c 0a 14 0a 04 70 62 6e 73 12
  00 1a 00 22 00 2a 00 32 00 38 00 42 00 12 00 1a 02 0a 00 1a 00 22 00`);

test('a Secret: data as base64, the empty fields Go always writes dropped', () => {
  assert.equal(decodeProtobuf(secret), { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'pb' }, data: { a: Buffer.from('b').toString('base64') } });
});

test('a SelfSubjectReview and a Namespace', () => {
  assert.equal(decodeProtobuf(review), { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });
  assert.equal(decodeProtobuf(namespace), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'pbns' } });
});

test('no magic prefix is 400; a kind without a message here is 415', () => {
  assert.throws(() => decodeProtobuf(Buffer.from('{}')), /does not appear to be a protobuf message, expected prefix \[107 56 115 0\]/);
  const other = Buffer.concat([hex('6b 38 73 00 0a 0c 0a 02 76 31 12 06 57 69 64 67 65 74')]);
  try {
    decodeProtobuf(other);
    assert.unreachable();
  } catch (err) {
    assert.is((err as { statusCode: number }).statusCode, 415);
  }
});

test.run();
