import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cfsslTestdata, throwsCode } from '../testing.js';
import { caExpiryMs, caMaxPathLen, checkSubjectPresent, csrSubject, parseCsrJson } from './csr-json.js';

test("the article's kube-proxy-csr.json: CN, one names entry, no hosts, rsa 2048", () => {
  const request = parseCsrJson(cfsslTestdata('kube-proxy-csr.json'), 'kube-proxy-csr.json');
  assert.is(request.source, 'kube-proxy-csr.json');
  assert.is(request.CN, 'system:kube-proxy');
  assert.equal(request.hosts, []);
  assert.equal(request.key, { algo: 'rsa', size: 2048 });
  assert.is(request.keySpec, 'rsa-2048');
  assert.is(request.ca, undefined);
  assert.equal(csrSubject(request), {
    commonName: 'system:kube-proxy',
    countries: ['CN'],
    provinces: ['BeiJing'],
    localities: ['BeiJing'],
    organizations: ['k8s'],
    organizationalUnits: ['System'],
  });
});

test('csr.Name: each names entry appends its non-empty values in order (several O = several groups)', () => {
  const request = parseCsrJson('{"CN":"system:node:k8s01","names":[{"O":"system:nodes","C":"CN"},{"O":"extra","OU":""},{"L":"Shanghai"}]}');
  assert.equal(csrSubject(request), {
    commonName: 'system:node:k8s01',
    countries: ['CN'],
    organizations: ['system:nodes', 'extra'],
    localities: ['Shanghai'],
  });
});

test('key defaults as cfssl decodes over {ecdsa, 256}: absent, null, or one field given', () => {
  assert.is(parseCsrJson('{"CN":"a"}').keySpec, 'ecdsa-p256');
  assert.is(parseCsrJson('{"CN":"a","key":null}').keySpec, 'ecdsa-p256');
  assert.is(parseCsrJson('{"CN":"a","key":{"size":384}}').keySpec, 'ecdsa-p384');
  assert.is(parseCsrJson('{"CN":"a","key":{"algo":"ecdsa","size":521}}').keySpec, 'ecdsa-p521');
  assert.is(parseCsrJson('{"CN":"a","key":{"algo":"rsa","size":4096}}').keySpec, 'rsa-4096');
  assert.is(parseCsrJson('{"CN":"a","key":{"algo":"ed25519","size":256}}').keySpec, 'ed25519');
  // {"algo":"rsa"} alone keeps size 256: cfssl says "RSA key is too weak".
  assert.match(throwsCode(() => parseCsrJson('{"CN":"a","key":{"algo":"rsa"}}', 'csr.json'), 'KEY_UNSUPPORTED'), /^csr\.json: \/key\/size: rsa key size 256/);
});

test('unsupported keys are KEY_UNSUPPORTED naming the field', () => {
  assert.match(throwsCode(() => parseCsrJson('{"key":{"algo":"ecdsa","size":224}}', 'csr.json'), 'KEY_UNSUPPORTED'), /^csr\.json: \/key\/size: ecdsa key size 224 is not supported/);
  assert.match(throwsCode(() => parseCsrJson('{"key":{"algo":"rsa","size":1024}}', 'csr.json'), 'KEY_UNSUPPORTED'), /^csr\.json: \/key\/size: rsa key size 1024/);
  assert.match(throwsCode(() => parseCsrJson('{"key":{"algo":"dsa","size":2048}}', 'csr.json'), 'KEY_UNSUPPORTED'), /^csr\.json: \/key\/algo: unknown key algorithm "dsa"/);
});

test('unknown fields are CFSSL_INVALID with source and JSON Pointer path', () => {
  assert.is(throwsCode(() => parseCsrJson('{"CN":"a","names":[{"C":"CN","X":"y"}]}', 'csr.json'), 'CFSSL_INVALID'), 'csr.json: /names/0/X: unknown field "X"');
  assert.is(throwsCode(() => parseCsrJson('{"CN":"a","key":{"algo":"rsa","size":2048,"bits":1}}', 'k.json'), 'CFSSL_INVALID'), 'k.json: /key/bits: unknown field "bits"');
  assert.is(throwsCode(() => parseCsrJson('{"CN":"a","serialnumber":"1"}', 'csr.json'), 'CFSSL_INVALID'), 'csr.json: /serialnumber: unknown field "serialnumber"');
  // Go's decoder would take "cn" for "CN"; we refuse it and say which was meant.
  assert.is(throwsCode(() => parseCsrJson('{"cn":"a"}', 'csr.json'), 'CFSSL_INVALID'), 'csr.json: /cn: unknown field "cn" (did you mean "CN"?)');
});

test('wrong types are CFSSL_INVALID with the path and the expected type', () => {
  assert.is(throwsCode(() => parseCsrJson('{"CN":"a","key":{"algo":"rsa","size":"2048"}}', 'csr.json'), 'CFSSL_INVALID'), 'csr.json: /key/size: must be integer');
  assert.is(throwsCode(() => parseCsrJson('{"CN":"a","key":{"algo":"rsa","size":2048.5}}', 'csr.json'), 'CFSSL_INVALID'), 'csr.json: /key/size: must be integer');
  assert.is(throwsCode(() => parseCsrJson('{"CN":7}', 'csr.json'), 'CFSSL_INVALID'), 'csr.json: /CN: must be string');
  assert.is(throwsCode(() => parseCsrJson('{"CN":"a","hosts":"a.example"}', 'csr.json'), 'CFSSL_INVALID'), 'csr.json: /hosts: must be array');
  assert.is(throwsCode(() => parseCsrJson('{"CN":"a","hosts":["a", 1]}', 'csr.json'), 'CFSSL_INVALID'), 'csr.json: /hosts/1: must be string');
  assert.is(throwsCode(() => parseCsrJson('["CN"]', 'csr.json'), 'CFSSL_INVALID'), 'csr.json: (top level): must be object');
});

test('several problems are all reported', () => {
  const message = throwsCode(() => parseCsrJson('{"CN":1,"X":2}', 'csr.json'), 'CFSSL_INVALID');
  assert.match(message, 'csr.json: /X: unknown field "X"');
  assert.match(message, 'csr.json: /CN: must be string');
});

test('invalid JSON is CFSSL_INVALID with line:column', () => {
  const text = '{\n  "CN": "a"\n  "hosts": []\n}\n';
  assert.is(throwsCode(() => parseCsrJson(text, 'csr.json'), 'CFSSL_INVALID'), "csr.json:3:3: invalid JSON: Expected ',' or '}' after property value");
  assert.match(throwsCode(() => parseCsrJson('{"CN": "a",', 'csr.json'), 'CFSSL_INVALID'), /^csr\.json:1:12: invalid JSON: /);
  assert.match(throwsCode(() => parseCsrJson('', 'empty.json'), 'CFSSL_INVALID'), /^empty\.json:1:1: invalid JSON: Unexpected end of JSON input/);
  // V8 gives no offset for this one: the message still names the file.
  assert.match(throwsCode(() => parseCsrJson('{"CN": nope}', 'csr.json'), 'CFSSL_INVALID'), /^csr\.json: invalid JSON: Unexpected token/);
});

test('the ca section: expiry parsed up front, pathlen as initca reads it', () => {
  const request = parseCsrJson('{"CN":"ca","ca":{"expiry":"876000h","pathlen":1}}');
  assert.equal(request.ca, { expiry: '876000h', pathlen: 1, pathlenzero: false });
  assert.is(caExpiryMs(request.ca, 'csr.json'), 876_000 * 3_600_000);
  assert.is(caMaxPathLen(request.ca), 1);
  assert.is(caExpiryMs(undefined, 'csr.json'), 43_800 * 3_600_000, 'initca.CAPolicy default 43800h');
  assert.is(caExpiryMs({ expiry: '', pathlen: 0, pathlenzero: false }, 'csr.json'), 43_800 * 3_600_000);
  assert.is(caMaxPathLen(undefined), undefined);
  assert.is(caMaxPathLen({ pathlen: 0, pathlenzero: false }), undefined, '0 without pathlenzero = unlimited');
  assert.is(caMaxPathLen({ pathlen: 0, pathlenzero: true }), 0);
  assert.is(caMaxPathLen({ pathlen: 2, pathlenzero: true }), 2, 'pathlenzero ignored with pathlen != 0, as initca logs');
  assert.is(caMaxPathLen({ pathlen: -1, pathlenzero: false }), undefined);
});

test('a bad ca.expiry is DURATION_INVALID naming source and path; a non-positive one CFSSL_INVALID', () => {
  assert.match(throwsCode(() => parseCsrJson('{"CN":"ca","ca":{"expiry":"10y"}}', 'ca-csr.json'), 'DURATION_INVALID'), /^ca-csr\.json: \/ca\/expiry: time: invalid duration "10y"/);
  assert.match(throwsCode(() => parseCsrJson('{"CN":"ca","ca":{"expiry":"-1h"}}', 'ca-csr.json'), 'CFSSL_INVALID'), /^ca-csr\.json: \/ca\/expiry: the CA lifetime must be positive/);
  assert.match(throwsCode(() => parseCsrJson('{"CN":"ca","ca":{"pathlen":-2}}', 'ca-csr.json'), 'CFSSL_INVALID'), /^ca-csr\.json: \/ca\/pathlen: must be >= -1/);
});

test('missing subject information, as cfssl\'s validators say', () => {
  assert.not.throws(() => checkSubjectPresent({ source: 'a.json', CN: 'x', names: [] }));
  assert.not.throws(() => checkSubjectPresent({ source: 'a.json', CN: '', names: [{ O: 'k8s' }] }));
  assert.match(throwsCode(() => checkSubjectPresent({ source: 'a.json', CN: '', names: [] }), 'CFSSL_INVALID'), /^a\.json: \/CN: missing subject information/);
  assert.match(throwsCode(() => checkSubjectPresent({ source: 'a.json', CN: '', names: [{ O: 'k8s' }, { C: ' ' }] }), 'CFSSL_INVALID'), /^a\.json: \/names\/1: missing subject information/);
});

test.run();
