/**
 * Usage strings as k8s.io/kubernetes pkg/controller/certificates/authority/policies.go
 * (keyUsagesFromStrings, keyUsageDict, extKeyUsageDict, sortedExtKeyUsage) resolves them.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { extKeyUsageNames, extKeyUsageOids, keyUsageBits, keyUsageNames, resolveUsages, unrecognizedUsages } from './key-usage.js';
import { throwsCode } from './testing.js';
import { x509 } from './x509.js';

const F = x509.KeyUsageFlags;
const serverAuth = '1.3.6.1.5.5.7.3.1';
const clientAuth = '1.3.6.1.5.5.7.3.2';

test('keyUsageDict: every KeyUsage string and its bit', () => {
  const table: [string, number][] = [
    ['signing', F.digitalSignature],
    ['digital signature', F.digitalSignature],
    ['content commitment', F.nonRepudiation],
    ['key encipherment', F.keyEncipherment],
    ['key agreement', F.keyAgreement],
    ['data encipherment', F.dataEncipherment],
    ['cert sign', F.keyCertSign],
    ['crl sign', F.cRLSign],
    ['encipher only', F.encipherOnly],
    ['decipher only', F.decipherOnly],
  ];
  for (const [usage, bit] of table) {
    assert.is(keyUsageBits[usage], bit, usage);
    assert.equal(resolveUsages([usage]), { keyUsage: bit, extKeyUsages: [] }, usage);
  }
  assert.is(Object.keys(keyUsageBits).length, table.length);
});

test('extKeyUsageDict: every ExtKeyUsage string and its OID; s/mime is email protection', () => {
  const table: [string, string][] = [
    ['any', '2.5.29.37.0'],
    ['server auth', serverAuth],
    ['client auth', clientAuth],
    ['code signing', '1.3.6.1.5.5.7.3.3'],
    ['email protection', '1.3.6.1.5.5.7.3.4'],
    ['s/mime', '1.3.6.1.5.5.7.3.4'],
    ['ipsec end system', '1.3.6.1.5.5.7.3.5'],
    ['ipsec tunnel', '1.3.6.1.5.5.7.3.6'],
    ['ipsec user', '1.3.6.1.5.5.7.3.7'],
    ['timestamping', '1.3.6.1.5.5.7.3.8'],
    ['ocsp signing', '1.3.6.1.5.5.7.3.9'],
    ['microsoft sgc', '1.3.6.1.4.1.311.10.3.3'],
    ['netscape sgc', '2.16.840.1.113730.4.1'],
  ];
  for (const [usage, oid] of table) {
    assert.is(extKeyUsageOids[usage], oid, usage);
    assert.equal(resolveUsages([usage]), { keyUsage: 0, extKeyUsages: [oid] }, usage);
  }
  assert.is(Object.keys(extKeyUsageOids).length, table.length);
});

test('TestSigner usages: signing, key encipherment, server auth, client auth', () => {
  // k8s pkg/controller/certificates/signer/signer_test.go TestSigner
  assert.equal(resolveUsages(['signing', 'key encipherment', 'server auth', 'client auth']), {
    keyUsage: F.digitalSignature | F.keyEncipherment,
    extKeyUsages: [serverAuth, clientAuth],
  });
});

test('ExtKeyUsages are deduplicated and sorted by Go enum order, whatever the request order', () => {
  assert.equal(resolveUsages(['client auth', 'server auth']).extKeyUsages, [serverAuth, clientAuth]);
  assert.equal(resolveUsages(['netscape sgc', 'ocsp signing', 'client auth', 'any', 'timestamping', 'microsoft sgc', 'code signing']).extKeyUsages, [
    '2.5.29.37.0',
    clientAuth,
    '1.3.6.1.5.5.7.3.3',
    '1.3.6.1.5.5.7.3.8',
    '1.3.6.1.5.5.7.3.9',
    '1.3.6.1.4.1.311.10.3.3',
    '2.16.840.1.113730.4.1',
  ]);
  assert.equal(resolveUsages(['email protection', 's/mime', 'client auth', 'client auth']).extKeyUsages, [clientAuth, '1.3.6.1.5.5.7.3.4']);
});

test('KeyUsage bits are OR-ed; signing and digital signature are the same bit', () => {
  assert.is(resolveUsages(['signing', 'digital signature']).keyUsage, F.digitalSignature);
  assert.is(resolveUsages(['cert sign', 'crl sign', 'digital signature']).keyUsage, F.keyCertSign | F.cRLSign | F.digitalSignature);
});

test('no usages resolve to nothing (the legacy-unknown signer case)', () => {
  assert.equal(resolveUsages([]), { keyUsage: 0, extKeyUsages: [] });
});

test('unknown usages are USAGE_UNKNOWN with the upstream %q message listing all of them', () => {
  const message = throwsCode(() => resolveUsages(['digital signature', 'Server Auth', 'client auth', 'nonsense']), 'USAGE_UNKNOWN');
  // fmt.Errorf("unrecognized usage values: %q", unrecognized) on a []string
  assert.is(message, 'unrecognized usage values: ["Server Auth" "nonsense"]');
  assert.is(unrecognizedUsages(['a']), 'unrecognized usage values: ["a"]');
});

test('keyUsageNames turns bits back into k8s strings, "digital signature" rather than "signing"', () => {
  assert.equal(keyUsageNames(0), []);
  assert.equal(keyUsageNames(F.digitalSignature | F.keyEncipherment), ['digital signature', 'key encipherment']);
  assert.equal(keyUsageNames(F.keyCertSign | F.cRLSign | F.digitalSignature), ['digital signature', 'cert sign', 'crl sign']);
  const all = Object.values(keyUsageBits).reduce((a, b) => a | b, 0);
  assert.is(keyUsageNames(all).length, Object.keys(keyUsageBits).length - 1);
});

test('extKeyUsageNames names each OID once, with its first name', () => {
  assert.is(extKeyUsageNames[serverAuth], 'server auth');
  assert.is(extKeyUsageNames[clientAuth], 'client auth');
  assert.is(extKeyUsageNames['1.3.6.1.5.5.7.3.4'], 'email protection');
  assert.is(extKeyUsageNames['2.5.29.37.0'], 'any');
  assert.is(Object.keys(extKeyUsageNames).length, Object.keys(extKeyUsageOids).length - 1);
});

test.run();
