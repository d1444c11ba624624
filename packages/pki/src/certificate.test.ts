import { generateKeyPairSync } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseCertificateDer, parseCertificatePem, parseCertificatesPem } from './certificate.js';
import { generateKeyPair, signingAlgorithm, type KeyPair } from './key-pair.js';
import { toX509Name } from './name.js';
import { encodePem } from './pem.js';
import { subjectAltNameExtension } from './subject-alt-names.js';
import { throwsCode } from './testing.js';
import { x509 } from './x509.js';

const notBefore = new Date('2026-01-01T00:00:00Z');
const notAfter = new Date('2027-01-01T00:00:00Z');
let ec: KeyPair;
let rsa: KeyPair;
test.before(async () => {
  [ec, rsa] = await Promise.all([generateKeyPair('ecdsa-p256'), generateKeyPair('rsa-2048')]);
});

/** A certificate built directly with @peculiar/x509, so the parser is checked against known inputs. */
async function build(keys: KeyPair, serialNumber: string, extensions: x509.Extension[], subject = 'CN=leaf', issuer = 'CN=issuer'): Promise<x509.X509Certificate> {
  return x509.X509CertificateGenerator.create({
    serialNumber,
    subject,
    issuer,
    notBefore,
    notAfter,
    publicKey: keys.publicKey,
    signingKey: keys.privateKey,
    signingAlgorithm: signingAlgorithm(keys.spec),
    extensions,
  });
}

test('every field of a leaf certificate is read', async () => {
  const ski = await x509.SubjectKeyIdentifierExtension.create(ec.publicKey);
  const cert = await build(
    ec,
    '7f0a',
    [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2'], false),
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.AuthorityKeyIdentifierExtension('A1B2C3D4', false),
      subjectAltNameExtension({ dnsNames: ['node-1'], ipAddresses: ['10.0.0.1'] }, false),
      ski,
    ],
    undefined,
  );
  const subject = toX509Name({ commonName: 'system:node:node-1', organizations: ['system:nodes'] });
  const withName = await x509.X509CertificateGenerator.create({
    serialNumber: '7f0a',
    subject,
    issuer: toX509Name({ commonName: 'kubernetes' }),
    notBefore,
    notAfter,
    publicKey: ec.publicKey,
    signingKey: ec.privateKey,
    signingAlgorithm: signingAlgorithm('ecdsa-p256'),
    extensions: cert.extensions,
  });
  const parsed = parseCertificatePem(withName.toString('pem'), 'node-1.crt');
  assert.is(parsed.serialNumber, '7f0a');
  assert.equal(parsed.subject, { commonName: 'system:node:node-1', organizations: ['system:nodes'] });
  assert.equal(parsed.issuer, { commonName: 'kubernetes' });
  assert.is(parsed.notBefore.toISOString(), notBefore.toISOString());
  assert.is(parsed.notAfter.toISOString(), notAfter.toISOString());
  assert.equal(parsed.subjectAltNames, { dnsNames: ['node-1'], ipAddresses: ['10.0.0.1'] });
  assert.is(parsed.keyUsage, x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment);
  assert.equal(parsed.keyUsageNames, ['digital signature', 'key encipherment']);
  assert.equal(parsed.extKeyUsages, ['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
  assert.equal(parsed.extKeyUsageNames, ['server auth', 'client auth']);
  assert.is(parsed.basicConstraintsValid, true);
  assert.is(parsed.isCA, false);
  assert.is(parsed.authorityKeyId, 'a1b2c3d4');
  assert.is(parsed.subjectKeyId, ski.keyId.toLowerCase());
  assert.match(parsed.subjectKeyId!, /^[0-9a-f]{40}$/);
  assert.is(parsed.signatureAlgorithm, 'ECDSA-SHA256');
  assert.is(parsed.signatureAlgorithmCfssl, 'ECDSAWithSHA256');
  assert.is(parsed.keySpec, 'ecdsa-p256');
  assert.equal(parsed.publicKeySpki, new Uint8Array(withName.publicKey.rawData));
  assert.equal(parsed.rawSubject, new Uint8Array(subject.toArrayBuffer()));
  assert.equal(parsed.rawIssuer, new Uint8Array(toX509Name({ commonName: 'kubernetes' }).toArrayBuffer()));
  assert.equal(parsed.der, new Uint8Array(withName.rawData));
  assert.is(parsed.pem, encodePem('CERTIFICATE', parsed.der));
});

test('a certificate without extensions has no usages, no basic constraints and no key ids', async () => {
  const parsed = parseCertificateDer(new Uint8Array((await build(rsa, '01', [])).rawData));
  assert.is(parsed.keyUsage, 0);
  assert.equal(parsed.keyUsageNames, []);
  assert.equal(parsed.extKeyUsages, []);
  assert.equal(parsed.subjectAltNames, {});
  assert.is(parsed.basicConstraintsValid, false);
  assert.is(parsed.isCA, false);
  assert.is(parsed.subjectKeyId, undefined);
  assert.is(parsed.authorityKeyId, undefined);
  assert.is(parsed.keySpec, 'rsa-2048');
  assert.is(parsed.signatureAlgorithm, 'SHA256-RSA');
  assert.is(parsed.signatureAlgorithmCfssl, 'SHA256WithRSA');
});

test('a CA certificate reads as CA; an unknown ExtKeyUsage OID is shown as the OID', async () => {
  const cert = await build(ec, '02', [new x509.BasicConstraintsExtension(true, 0, true), new x509.ExtendedKeyUsageExtension(['1.2.3.4', '2.5.29.37.0'])]);
  const parsed = parseCertificateDer(new Uint8Array(cert.rawData));
  assert.is(parsed.basicConstraintsValid, true);
  assert.is(parsed.isCA, true);
  assert.equal(parsed.extKeyUsageNames, ['1.2.3.4', 'any']);
});

test('an extension that does not decode is DER_MALFORMED naming the source', async () => {
  const cert = await build(ec, '03', [new x509.Extension('2.5.29.15', true, new Uint8Array([0x01, 0x02]))]);
  throwsCode(() => parseCertificatePem(cert.toString('pem'), 'ca.pem'), 'DER_MALFORMED', /^ca\.pem: malformed certificate \(/);
});

test('a certificate for a secp256k1 key is KEY_UNSUPPORTED', async () => {
  const k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: '04',
    subject: 'CN=k1',
    issuer: 'CN=issuer',
    notBefore,
    notAfter,
    publicKey: new x509.PublicKey(k1.publicKey.export({ type: 'spki', format: 'der' })),
    signingKey: ec.privateKey,
    signingAlgorithm: signingAlgorithm('ecdsa-p256'),
  });
  throwsCode(() => parseCertificateDer(new Uint8Array(cert.rawData), 'k1.crt'), 'KEY_UNSUPPORTED', 'k1.crt: unsupported elliptic curve "secp256k1"');
});

test('parseCertificatePem takes the first certificate of a bundle; parseCertificatesPem takes all, in order', async () => {
  const a = await build(ec, '0a', [], 'CN=a');
  const b = await build(ec, '0b', [], 'CN=b');
  const bundle = `# leaf then CA\n${a.toString('pem')}\n${encodePem('EC PRIVATE KEY', new Uint8Array([1, 2, 3]))}${b.toString('pem')}\n`;
  assert.is(parseCertificatePem(bundle).subject.commonName, 'a');
  assert.equal(
    parseCertificatesPem(bundle).map((c) => c.subject.commonName),
    ['a', 'b'],
  );
});

test('errors name the source, and the certificate\'s position inside a bundle', async () => {
  const good = `${(await build(ec, '0c', [])).toString('pem')}\n`;
  const bad = encodePem('CERTIFICATE', new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]));
  throwsCode(() => parseCertificatesPem(good + bad, 'ca-bundle.pem'), 'DER_MALFORMED', /^ca-bundle\.pem \(certificate 2\): not a DER X\.509 certificate \(/);
  throwsCode(() => parseCertificatesPem(bad, 'ca.pem'), 'DER_MALFORMED', /^ca\.pem: not a DER X\.509 certificate/);
  throwsCode(() => parseCertificatePem(bad, 'ca.pem'), 'DER_MALFORMED', /^ca\.pem: /);
  throwsCode(() => parseCertificateDer(new Uint8Array([9, 9, 9])), 'DER_MALFORMED', /^certificate: /);
  throwsCode(() => parseCertificatesPem('', 'ca.pem'), 'PEM_MALFORMED', 'ca.pem: no PEM data found (expected a "-----BEGIN CERTIFICATE-----" block)');
  throwsCode(() => parseCertificatesPem(encodePem('PRIVATE KEY', new Uint8Array([1])), 'ca.pem'), 'PEM_WRONG_TYPE', 'ca.pem: expected a PEM block of type "CERTIFICATE", found "PRIVATE KEY"');
  throwsCode(() => parseCertificatePem(good.slice(0, -30), 'kubelet.crt'), 'PEM_MALFORMED', /^kubelet\.crt: /);
  throwsCode(() => parseCertificatesPem(bad), 'DER_MALFORMED', /^certificates: /);
});

test.run();
