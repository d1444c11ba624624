import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  createCertificateRequest,
  parseCertificateRequestDer,
  parseCertificateRequestPem,
  verificationFailure,
  verifyCertificateRequest,
  type CertificateRequest,
} from './certificate-request.js';
import { generateKeyPair, type KeyPair, type KeySpec } from './key-pair.js';
import type { Subject } from './name.js';
import { encodePem } from './pem.js';
import type { SubjectAltNames } from './subject-alt-names.js';
import { foreignRequest, readTlv, rejectsCode, throwsCode } from './testing.js';
import { webcrypto, x509 } from './x509.js';

/** The PKCS#10 top level: CertificationRequestInfo, signatureAlgorithm, signature BIT STRING. */
function csrParts(der: Uint8Array) {
  const outer = readTlv(der, 0);
  const info = readTlv(der, outer.start);
  const algorithm = readTlv(der, info.end);
  const signature = readTlv(der, algorithm.end);
  assert.is(signature.end, der.length);
  return { info, algorithm, signature };
}

function flip(der: Uint8Array, offset: number): Uint8Array {
  const copy = der.slice();
  copy[offset] = copy[offset]! ^ 0x01;
  return copy;
}

const fullSubject: Subject = {
  commonName: 'system:node:worker-1',
  organizations: ['system:nodes', 'tlsboot'],
  organizationalUnits: ['System'],
  countries: ['CN'],
  provinces: ['BeiJing'],
  localities: ['Haidian'],
};
const allSans: SubjectAltNames = {
  dnsNames: ['worker-1', 'worker-1.example.com'],
  ipAddresses: ['192.168.1.10', 'fd00::10'],
  emailAddresses: ['ops@example.com'],
  uris: ['spiffe://cluster.local/node/worker-1'],
};

const keys = new Map<KeySpec, KeyPair>();
test.before(async () => {
  for (const spec of ['ecdsa-p256', 'ecdsa-p384', 'ecdsa-p521', 'rsa-2048', 'ed25519'] as const) keys.set(spec, await generateKeyPair(spec));
});
const key = (spec: KeySpec) => keys.get(spec)!;

test('a CSR with a full subject and all four SAN types round-trips through PEM', async () => {
  const created = await createCertificateRequest({ keys: key('ecdsa-p256'), subject: fullSubject, subjectAltNames: allSans });
  assert.match(created.pem, /^-----BEGIN CERTIFICATE REQUEST-----\n/);
  const parsed = parseCertificateRequestPem(created.pem, 'worker-1.csr');
  assert.equal(parsed.der, created.der);
  assert.equal(parsed.subject, fullSubject);
  assert.equal(parsed.subjectAltNames, allSans);
  assert.is(parsed.keySpec, 'ecdsa-p256');
  assert.is(parsed.signatureAlgorithm, 'ECDSA-SHA256');
  assert.equal(parsed.publicKeySpki, new Uint8Array(await webcrypto.subtle.exportKey('spki', key('ecdsa-p256').publicKey)));
  // only the SANs are requested, as Go's x509.CreateCertificateRequest does
  assert.equal(parsed.requestedExtensions, ['2.5.29.17']);
  assert.is(parsed.x509.subject, 'C=CN, ST=BeiJing, L=Haidian, O=system:nodes, O=tlsboot, OU=System, CN=system:node:worker-1');
  await verifyCertificateRequest(parsed);
});

test('without SANs nothing is requested', async () => {
  const csr = await createCertificateRequest({ keys: key('ecdsa-p256'), subject: { commonName: 'system:node:worker-1', organizations: ['system:nodes'] } });
  assert.equal(csr.subjectAltNames, {});
  assert.equal(csr.requestedExtensions, []);
  assert.equal(parseCertificateRequestDer(csr.der).subject, { commonName: 'system:node:worker-1', organizations: ['system:nodes'] });
});

test('with an empty subject the SAN extension is critical', async () => {
  const csr = await createCertificateRequest({ keys: key('ecdsa-p256'), subject: {}, subjectAltNames: { dnsNames: ['only.example.com'] } });
  assert.equal(csr.subject, {});
  const san = csr.x509.extensions.find((e) => e.type === '2.5.29.17')!;
  assert.is(san.critical, true);
});

test('every key type signs its CSR with the algorithm Go picks, and the signature verifies', async () => {
  const expected: [KeySpec, string][] = [
    ['ecdsa-p256', 'ECDSA-SHA256'],
    ['ecdsa-p384', 'ECDSA-SHA384'],
    ['ecdsa-p521', 'ECDSA-SHA512'],
    ['rsa-2048', 'SHA256-RSA'],
    ['ed25519', 'Ed25519'],
  ];
  for (const [spec, algorithm] of expected) {
    const csr = await createCertificateRequest({ keys: key(spec), subject: { commonName: spec } });
    const parsed = parseCertificateRequestPem(csr.pem);
    assert.is(parsed.keySpec, spec);
    assert.is(parsed.signatureAlgorithm, algorithm, spec);
    await verifyCertificateRequest(parsed);
  }
});

test('a flipped byte in the signature BIT STRING is CSR_BAD_SIGNATURE with Go\'s wording', async () => {
  const wording: [KeySpec, string][] = [
    ['ecdsa-p256', 'x509: ECDSA verification failure'],
    ['rsa-2048', 'crypto/rsa: verification error'],
    ['ed25519', 'x509: Ed25519 verification failure'],
  ];
  for (const [spec, go] of wording) {
    const csr = await createCertificateRequest({ keys: key(spec), subject: fullSubject, subjectAltNames: allSans });
    const { signature } = csrParts(csr.der);
    assert.is(signature.tag, 0x03); // BIT STRING
    const tampered = parseCertificateRequestDer(flip(csr.der, signature.end - 1), 'spec.request');
    assert.equal(tampered.subject, fullSubject); // still parses
    await rejectsCode(() => verifyCertificateRequest(tampered, 'spec.request'), 'CSR_BAD_SIGNATURE', `spec.request: signature does not match its public key (${go})`);
    assert.is(verificationFailure(spec), go);
  }
});

test('a signature that is not even a DER ECDSA-Sig-Value is CSR_BAD_SIGNATURE too', async () => {
  const csr = await createCertificateRequest({ keys: key('ecdsa-p256'), subject: { commonName: 'x' } });
  const { signature } = csrParts(csr.der);
  assert.is(csr.der[signature.start + 1], 0x30); // after the unused-bits octet: SEQUENCE { r, s }
  const garbled = csr.der.slice();
  garbled[signature.start + 1] = 0x04;
  await rejectsCode(() => verifyCertificateRequest(parseCertificateRequestDer(garbled)), 'CSR_BAD_SIGNATURE', '(x509: ECDSA verification failure)');
});

test('a CSR whose subject was changed after signing is CSR_BAD_SIGNATURE', async () => {
  const csr = await createCertificateRequest({ keys: key('ecdsa-p256'), subject: { commonName: 'system:node:aaaa' } });
  const at = Buffer.from(csr.der).indexOf('aaaa');
  const forged = csr.der.slice();
  forged.set(Buffer.from('bbbb'), at);
  const parsed = parseCertificateRequestDer(forged);
  assert.is(parsed.subject.commonName, 'system:node:bbbb');
  await rejectsCode(() => verifyCertificateRequest(parsed), 'CSR_BAD_SIGNATURE', /^certificate request: signature does not match/);
});

test('a CSR built elsewhere keeps the list of extensions it requests', async () => {
  const foreign = await foreignRequest(key('ecdsa-p256'), 'CN=evil', [
    new x509.BasicConstraintsExtension(true, 2, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true),
  ]);
  const parsed: CertificateRequest = parseCertificateRequestPem(foreign.toString('pem'));
  assert.equal(parsed.requestedExtensions, ['2.5.29.19', '2.5.29.15']);
  assert.equal(parsed.subjectAltNames, {});
  await verifyCertificateRequest(parsed);
});

test('"NEW CERTIFICATE REQUEST" blocks, as old tools write, are accepted', async () => {
  const csr = await createCertificateRequest({ keys: key('ecdsa-p256'), subject: { commonName: 'legacy' } });
  assert.is(parseCertificateRequestPem(encodePem('NEW CERTIFICATE REQUEST', csr.der)).subject.commonName, 'legacy');
});

test('bad input is refused with the right code and the source in the message', async () => {
  throwsCode(() => parseCertificateRequestPem('nothing here', 'node.csr'), 'PEM_MALFORMED', 'node.csr: no PEM data found (expected a "-----BEGIN CERTIFICATE REQUEST-----" block)');
  throwsCode(() => parseCertificateRequestPem(encodePem('CERTIFICATE', new Uint8Array([0x30, 0])), 'node.csr'), 'PEM_WRONG_TYPE', 'node.csr: expected a PEM block of type "CERTIFICATE REQUEST" or "NEW CERTIFICATE REQUEST", found "CERTIFICATE"');
  throwsCode(() => parseCertificateRequestPem(encodePem('CERTIFICATE REQUEST', new Uint8Array([1, 2, 3])), 'spec.request'), 'DER_MALFORMED', /^spec\.request: not a DER PKCS#10 certificate request \(/);
  throwsCode(() => parseCertificateRequestDer(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01])), 'DER_MALFORMED', /^certificate request: /);
  // truncated DER
  const csr = await createCertificateRequest({ keys: key('ecdsa-p256'), subject: { commonName: 'x' } });
  throwsCode(() => parseCertificateRequestDer(csr.der.subarray(0, csr.der.length - 10), 'cut.der'), 'DER_MALFORMED', /^cut\.der: /);
});

test('a requested SAN extension that does not decode is DER_MALFORMED', async () => {
  const csr = await foreignRequest(key('ecdsa-p256'), 'CN=x', [new x509.Extension('2.5.29.17', false, new Uint8Array([0x01, 0x02]))]);
  throwsCode(() => parseCertificateRequestDer(new Uint8Array(csr.rawData), 'spec.request'), 'DER_MALFORMED', /^spec\.request: malformed certificate request \(/);
});

test('an invalid SAN is refused before anything is signed', async () => {
  await rejectsCode(
    () => createCertificateRequest({ keys: key('ecdsa-p256'), subject: { commonName: 'x' }, subjectAltNames: { ipAddresses: ['not-an-ip'] } }),
    'SIGN_INVALID',
    'subjectAltNames: "not-an-ip" is not an IP address',
  );
});

test.run();
