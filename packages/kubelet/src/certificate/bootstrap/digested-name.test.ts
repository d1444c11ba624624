// pkg/kubelet/certificate/bootstrap/bootstrap.go digestedName. Upstream has no fixed vector; the
// expected name here was computed independently with openssl (the stream b64url(spki)|b64url(CN)|
// b64url(O)|b64url(usage)…| through `openssl dgst -sha512-256`, then base64url without padding).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { digestedName } from './digested-name.js';

const spki = Buffer.from('MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEtqV/SKEl3cHZiWbTt0eQHZ7Rlss9FiXs2FxCQdW0lfhwCc2m61Uf02EvaSdp3eyff9eO7OZvyEVplmyXCqRv0A==', 'base64');
const usages = ['digital signature', 'key encipherment', 'client auth'];

test('digestedName (bootstrap.go): matches the name computed with openssl', () => {
  assert.is(digestedName(spki, { commonName: 'system:node:node-1', organizations: ['system:nodes'] }, usages), 'node-csr-2i-ufO7frdr69llO501K9bs039ZCVN9cz32-_N09IYc');
});

test('digestedName (bootstrap.go): the delimiter keeps CN "foo"+O "bar" apart from CN "foob"+O "ar"', () => {
  const a = digestedName(spki, { commonName: 'foo', organizations: ['bar'] }, usages);
  const b = digestedName(spki, { commonName: 'foob', organizations: ['ar'] }, usages);
  assert.is.not(a, b);
  assert.match(a, /^node-csr-[A-Za-z0-9_-]{43}$/);
});

test('digestedName (bootstrap.go): every input counts — key, CN, O, usages and their order', () => {
  const base = digestedName(spki, { commonName: 'system:node:n', organizations: ['system:nodes'] }, usages);
  const otherKey = Buffer.from(spki);
  otherKey.writeUInt8(otherKey.readUInt8(otherKey.length - 1) ^ 1, otherKey.length - 1);
  assert.is.not(digestedName(otherKey, { commonName: 'system:node:n', organizations: ['system:nodes'] }, usages), base);
  assert.is.not(digestedName(spki, { commonName: 'system:node:m', organizations: ['system:nodes'] }, usages), base);
  assert.is.not(digestedName(spki, { commonName: 'system:node:n', organizations: [] }, usages), base);
  assert.is.not(digestedName(spki, { commonName: 'system:node:n', organizations: ['system:nodes'] }, [...usages].reverse()), base);
  assert.is(digestedName(spki, { commonName: 'system:node:n', organizations: ['system:nodes'] }, usages), base, 'deterministic');
});

test.run();
