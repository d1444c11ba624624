import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cfsslCaValidityMs, createCertificateAuthority, kubernetesCaValidityMs, loadCertificateAuthority, type CertificateAuthority } from './certificate-authority.js';
import { exportPrivateKeyPem, generateKeyPair, signingAlgorithm, type KeyPair } from './key-pair.js';
import { keyIdOf, rejectsCode } from './testing.js';
import { x509 } from './x509.js';

const hour = 3_600_000;
const F = x509.KeyUsageFlags;
let keys: KeyPair;
let ca: CertificateAuthority;
test.before(async () => {
  keys = await generateKeyPair('ecdsa-p256');
  ca = await createCertificateAuthority({ subject: { commonName: 'kubernetes' }, now: new Date('2026-01-01T00:00:00.750Z'), keys });
});

test('validity constants: client-go NewSelfSignedCACert ten years, cfssl initca 43800h', () => {
  assert.is(kubernetesCaValidityMs, 87_600 * hour);
  assert.is(cfsslCaValidityMs, 43_800 * hour);
});

test('kubernetes style, as client-go certutil.NewSelfSignedCACert: NotBefore = now, ten years, DS|KE|CertSign', () => {
  const c = ca.certificate;
  assert.is(ca.keys, keys);
  assert.is(c.notBefore.toISOString(), '2026-01-01T00:00:00.000Z'); // second precision
  assert.is(c.notAfter.getTime() - c.notBefore.getTime(), kubernetesCaValidityMs);
  assert.is(c.notAfter.toISOString(), '2035-12-30T00:00:00.000Z');
  assert.is(c.keyUsage, F.digitalSignature | F.keyEncipherment | F.keyCertSign);
  assert.equal(c.extKeyUsages, []);
  assert.ok(c.basicConstraintsValid);
  assert.ok(c.isCA);
  assert.equal(c.subject, { commonName: 'kubernetes' });
  assert.equal(c.issuer, c.subject);
  assert.equal(c.rawIssuer, c.rawSubject);
  assert.is(c.signatureAlgorithm, 'ECDSA-SHA256');
  assert.is(c.keySpec, 'ecdsa-p256');
});

test('extensions: KeyUsage and BasicConstraints critical, SKI = SHA-1 of the key, no AKI on a self-signed cert', () => {
  const exts = ca.certificate.x509.extensions;
  assert.equal(
    Array.from(exts, (e) => [e.type, e.critical]),
    [
      ['2.5.29.15', true],
      ['2.5.29.19', true],
      ['2.5.29.14', false],
    ],
  );
  assert.is(ca.certificate.subjectKeyId, keyIdOf(ca.certificate.publicKeySpki));
  assert.is(ca.certificate.authorityKeyId, undefined);
});

test('the CA is self-signed and its serial is positive and at most 128 bits', async () => {
  assert.ok(await ca.certificate.x509.verify({ publicKey: ca.certificate.x509.publicKey, signatureOnly: true }));
  const serial = BigInt(`0x${ca.certificate.serialNumber}`);
  assert.ok(serial > 0n && serial < 2n ** 127n);
});

test('cfssl style, as `cfssl gencert -initca`: NotBefore = now rounded to the minute - 5m, 43800h, CertSign|CRLSign, 20-octet serial', async () => {
  const cfssl = await createCertificateAuthority({ subject: { commonName: 'tlsboot', organizations: ['k8s'] }, now: new Date('2026-01-01T00:00:40Z'), keys, style: 'cfssl' });
  const c = cfssl.certificate;
  assert.is(c.notBefore.toISOString(), '2025-12-31T23:56:00.000Z');
  assert.is(c.notAfter.getTime() - c.notBefore.getTime(), cfsslCaValidityMs);
  assert.is(c.keyUsage, F.keyCertSign | F.cRLSign);
  assert.ok(c.isCA);
  assert.is(c.subjectKeyId, keyIdOf(c.publicKeySpki));
  const serial = BigInt(`0x${c.serialNumber}`);
  assert.ok(serial > 0n && serial < 2n ** 159n);
  assert.ok(c.serialNumber.length > 32); // more than 16 octets
});

test('options: a key spec, or an explicit validity', async () => {
  const rsa = await createCertificateAuthority({ subject: { commonName: 'rsa-ca' }, now: new Date('2026-01-01T00:00:00Z'), keySpec: 'rsa-2048', validityMs: 24 * hour });
  assert.is(rsa.keys.spec, 'rsa-2048');
  assert.is(rsa.certificate.keySpec, 'rsa-2048');
  assert.is(rsa.certificate.signatureAlgorithm, 'SHA256-RSA');
  assert.is(rsa.certificate.notAfter.toISOString(), '2026-01-02T00:00:00.000Z');
  const fresh = await createCertificateAuthority({ subject: { commonName: 'p256' }, now: new Date('2026-01-01T00:00:00Z') });
  assert.is(fresh.keys.spec, 'ecdsa-p256');
  assert.is.not(fresh.certificate.subjectKeyId, ca.certificate.subjectKeyId);
});

test('BasicConstraints path length: unlimited by default, or as given (cfssl ca.pathlen)', async () => {
  const pathLen = (c: CertificateAuthority) => new x509.BasicConstraintsExtension(c.certificate.x509.getExtension('2.5.29.19')!.rawData).pathLength;
  assert.is(pathLen(ca), undefined);
  const limited = await createCertificateAuthority({ subject: { commonName: 'limited' }, now: new Date('2026-01-01T00:00:00Z'), keys, maxPathLen: 1 });
  assert.is(pathLen(limited), 1);
});

test('loadCertificateAuthority reads a CA back from its PEM files', async () => {
  const loaded = await loadCertificateAuthority(ca.certificate.pem, await exportPrivateKeyPem(ca.keys), { cert: 'ca.pem', key: 'ca-key.pem' });
  assert.equal(loaded.certificate.der, ca.certificate.der);
  assert.is(loaded.keys.spec, 'ecdsa-p256');
  // the loaded key signs for the certificate's public key
  const data = new TextEncoder().encode('x');
  const sig = await globalThis.crypto.subtle.sign(signingAlgorithm('ecdsa-p256'), loaded.keys.privateKey, data);
  assert.ok(await globalThis.crypto.subtle.verify(signingAlgorithm('ecdsa-p256'), ca.keys.publicKey, sig, data));
  // PKCS#8 works as well as SEC1
  assert.ok(await loadCertificateAuthority(ca.certificate.pem, await exportPrivateKeyPem(ca.keys, 'pkcs8')));
});

test('a key that does not match the certificate is KEY_MISMATCH naming both files', async () => {
  const other = await exportPrivateKeyPem(await generateKeyPair('ecdsa-p256'));
  await rejectsCode(() => loadCertificateAuthority(ca.certificate.pem, other, { cert: 'ca.pem', key: 'ca-key.pem' }), 'KEY_MISMATCH', 'ca-key.pem: private key does not match the public key of ca.pem');
  await rejectsCode(() => loadCertificateAuthority(ca.certificate.pem, other), 'KEY_MISMATCH', 'CA key: private key does not match the public key of CA certificate');
});

test('a certificate that is not a CA is CERT_NOT_CA', async () => {
  const leafKeys = await generateKeyPair('ecdsa-p256');
  const leaf = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=kubelet',
    notBefore: new Date('2026-01-01T00:00:00Z'),
    notAfter: new Date('2027-01-01T00:00:00Z'),
    keys: { privateKey: leafKeys.privateKey, publicKey: leafKeys.publicKey },
    signingAlgorithm: signingAlgorithm('ecdsa-p256'),
    extensions: [new x509.BasicConstraintsExtension(false, undefined, true)],
  });
  await rejectsCode(
    async () => loadCertificateAuthority(leaf.toString('pem'), await exportPrivateKeyPem(leafKeys), { cert: 'kubelet.crt', key: 'kubelet.key' }),
    'CERT_NOT_CA',
    'kubelet.crt: not a CA certificate (BasicConstraints CA:TRUE missing), it cannot sign',
  );
});

test('a broken certificate or key file is reported under its own name', async () => {
  const keyPem = await exportPrivateKeyPem(ca.keys);
  await rejectsCode(() => loadCertificateAuthority('not pem', keyPem, { cert: 'ca.pem', key: 'ca-key.pem' }), 'PEM_MALFORMED', /^ca\.pem: no PEM data found/);
  await rejectsCode(() => loadCertificateAuthority(ca.certificate.pem, ca.certificate.pem, { cert: 'ca.pem', key: 'ca-key.pem' }), 'PEM_WRONG_TYPE', /^ca-key\.pem: expected a PEM block/);
  await rejectsCode(() => loadCertificateAuthority(keyPem, keyPem), 'PEM_WRONG_TYPE', /^CA certificate: expected a PEM block of type "CERTIFICATE"/);
});

test.run();
