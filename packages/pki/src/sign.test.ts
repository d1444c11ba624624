/**
 * signCertificate against k8s.io/kubernetes pkg/controller/certificates/authority/authority.go
 * (CertificateAuthority.Sign) and policies.go (PermissiveSigningPolicy), the TestSigner case of
 * pkg/controller/certificates/signer/signer_test.go, and cfssl signer/local for the cfssl style.
 * Restated in shared/reference/k8s-csr-kubelet.md "Certificate contents".
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createCertificateAuthority, type CertificateAuthority } from './certificate-authority.js';
import { createCertificateRequest, parseCertificateRequestDer, type CertificateRequest } from './certificate-request.js';
import type { Certificate } from './certificate.js';
import { generateKeyPair, type KeyPair } from './key-pair.js';
import type { Subject } from './name.js';
import { signCertificate, type SigningProfile } from './sign.js';
import { subjectAltNameExtension, type SubjectAltNames } from './subject-alt-names.js';
import { foreignRequest, keyIdOf, rejectsCode } from './testing.js';
import { x509 } from './x509.js';

const F = x509.KeyUsageFlags;
const minute = 60_000;
const hour = 60 * minute;
const now = new Date('2026-01-01T00:00:00Z');
const serverAuth = '1.3.6.1.5.5.7.3.1';
const clientAuth = '1.3.6.1.5.5.7.3.2';
const kubeletClient: SigningProfile = { usages: ['digital signature', 'key encipherment', 'client auth'], ttlMs: 8760 * hour };

let rsaCa: CertificateAuthority;
let ecCa: CertificateAuthority;
let nodeKeys: KeyPair;
let nodeCsr: CertificateRequest;
const nodeSubject: Subject = { commonName: 'system:node:k-a-node-s36b', organizations: ['system:nodes'] };

test.before(async () => {
  [rsaCa, ecCa, nodeKeys] = await Promise.all([
    createCertificateAuthority({ subject: { commonName: 'kubernetes' }, now: new Date('2025-01-01T00:00:00Z'), keySpec: 'rsa-2048' }),
    createCertificateAuthority({ subject: { commonName: 'tlsboot-ca' }, now: new Date('2025-01-01T00:00:00Z') }),
    generateKeyPair('ecdsa-p256'),
  ]);
  nodeCsr = await createCertificateRequest({ keys: nodeKeys, subject: nodeSubject });
});

const extensionTypes = (cert: Certificate) => Array.from(cert.x509.extensions, (e) => e.type);
const signedBy = (cert: Certificate, ca: CertificateAuthority) => cert.x509.verify({ publicKey: ca.certificate.x509.publicKey, signatureOnly: true });

test('TestSigner: legacy-unknown, TTL 1h, signing + key encipherment + server auth + client auth, RSA CA', async () => {
  const cert = await signCertificate({ ca: rsaCa, request: nodeCsr, now, profile: { usages: ['signing', 'key encipherment', 'server auth', 'client auth'], ttlMs: hour } });
  assert.equal(cert.subject, nodeSubject);
  assert.equal(cert.issuer, { commonName: 'kubernetes' });
  assert.equal(cert.rawIssuer, rsaCa.certificate.rawSubject);
  assert.is(cert.keyUsage, F.digitalSignature | F.keyEncipherment);
  assert.equal(cert.extKeyUsages, [serverAuth, clientAuth]);
  assert.ok(cert.basicConstraintsValid);
  assert.not.ok(cert.isCA);
  assert.is(cert.notBefore.toISOString(), '2025-12-31T23:55:00.000Z'); // now - 5m
  assert.is(cert.notAfter.toISOString(), '2026-01-01T01:00:00.000Z'); // now + 1h: short, no end backdate
  assert.is(cert.keySpec, 'ecdsa-p256'); // PublicKeyAlgorithm ECDSA
  assert.is(cert.signatureAlgorithm, 'SHA256-RSA'); // from the RSA CA key
  assert.ok(await signedBy(cert, rsaCa));
});

test('kubernetes style: public key copied, AKI = CA SKI, no SKI, extensions in Go order with the right criticality', async () => {
  const cert = await signCertificate({ ca: ecCa, request: nodeCsr, now, profile: kubeletClient });
  assert.equal(cert.publicKeySpki, nodeCsr.publicKeySpki);
  assert.is(cert.authorityKeyId, ecCa.certificate.subjectKeyId);
  assert.is(cert.subjectKeyId, undefined);
  assert.equal(
    Array.from(cert.x509.extensions, (e) => [e.type, e.critical]),
    [
      ['2.5.29.15', true], // KeyUsage
      ['2.5.29.37', false], // ExtKeyUsage
      ['2.5.29.19', true], // BasicConstraints CA:FALSE
      ['2.5.29.35', false], // AuthorityKeyIdentifier
    ],
  );
  // TTL >= 8h: NotAfter = now + TTL - 5m, so the lifetime is exactly the TTL
  assert.is(cert.notAfter.getTime() - cert.notBefore.getTime(), 8760 * hour);
  assert.is(cert.signatureAlgorithm, 'ECDSA-SHA256');
});

test('kubernetes style serials are positive and at most 128 bits', async () => {
  const serials = new Set<string>();
  for (let i = 0; i < 8; i++) {
    const cert = await signCertificate({ ca: ecCa, request: nodeCsr, now, profile: kubeletClient });
    const serial = BigInt(`0x${cert.serialNumber}`);
    assert.ok(serial > 0n, cert.serialNumber);
    assert.ok(serial < 2n ** 128n, cert.serialNumber);
    serials.add(cert.serialNumber);
  }
  assert.is(serials.size, 8);
});

test('every extension the CSR requests is dropped: a requested CA:TRUE is issued CA:FALSE', async () => {
  const sans: SubjectAltNames = { dnsNames: ['evil.example.com'], ipAddresses: ['10.0.0.66'] };
  const foreign = await foreignRequest(nodeKeys, 'CN=system:node:evil, O=system:nodes', [
    new x509.BasicConstraintsExtension(true, undefined, true),
    new x509.KeyUsagesExtension(F.keyCertSign | F.cRLSign, true),
    new x509.ExtendedKeyUsageExtension(['2.5.29.37.0']),
    subjectAltNameExtension(sans, false),
    new x509.Extension('1.2.3.4.5', false, new Uint8Array([0x05, 0x00])),
  ]);
  const request = parseCertificateRequestDer(new Uint8Array(foreign.rawData));
  assert.equal(request.requestedExtensions, ['2.5.29.19', '2.5.29.15', '2.5.29.37', '2.5.29.17', '1.2.3.4.5']);
  const cert = await signCertificate({ ca: ecCa, request, now, profile: kubeletClient });
  assert.ok(cert.basicConstraintsValid);
  assert.is(cert.isCA, false);
  assert.is(cert.keyUsage, F.digitalSignature | F.keyEncipherment);
  assert.equal(cert.extKeyUsages, [clientAuth]);
  assert.equal(cert.subject, { commonName: 'system:node:evil', organizations: ['system:nodes'] });
  assert.equal(cert.subjectAltNames, sans); // SANs are copied
  assert.equal(extensionTypes(cert), ['2.5.29.15', '2.5.29.37', '2.5.29.19', '2.5.29.35', '2.5.29.17']);
});

test('the full subject and all four SAN types are copied verbatim', async () => {
  const subject: Subject = { commonName: 'system:kube-proxy', organizations: ['k8s', 'system:node-proxier'], organizationalUnits: ['System'], countries: ['CN'], provinces: ['BeiJing'], localities: ['BeiJing'] };
  const sans: SubjectAltNames = { dnsNames: ['proxy.example.com'], ipAddresses: ['127.0.0.1', '::1'], emailAddresses: ['proxy@example.com'], uris: ['spiffe://cluster.local/proxy'] };
  const request = await createCertificateRequest({ keys: nodeKeys, subject, subjectAltNames: sans });
  const cert = await signCertificate({ ca: ecCa, request, now, profile: kubeletClient });
  assert.equal(cert.subject, subject);
  assert.equal(cert.rawSubject, new Uint8Array(request.x509.subjectName.toArrayBuffer()));
  assert.equal(cert.subjectAltNames, sans);
  assert.is(cert.x509.extensions.find((e) => e.type === '2.5.29.17')!.critical, false);
});

test('an empty subject (legacy-unknown, no usages): SAN critical, no KeyUsage or ExtKeyUsage, BasicConstraints kept', async () => {
  const request = await createCertificateRequest({ keys: nodeKeys, subject: {}, subjectAltNames: { dnsNames: ['anon.example.com'] } });
  const cert = await signCertificate({ ca: ecCa, request, now, profile: { usages: [], ttlMs: hour } });
  assert.equal(cert.subject, {});
  assert.is(cert.keyUsage, 0);
  assert.equal(cert.extKeyUsages, []);
  assert.equal(extensionTypes(cert), ['2.5.29.19', '2.5.29.35', '2.5.29.17']);
  assert.is(cert.x509.extensions.find((e) => e.type === '2.5.29.17')!.critical, true);
});

test('cfssl style: SKI of the subject key, 20-octet serial, NotBefore rounded to the minute - 5m', async () => {
  const cert = await signCertificate({ ca: ecCa, request: nodeCsr, now: new Date('2026-01-01T00:00:31Z'), profile: { ...kubeletClient, style: 'cfssl' } });
  assert.is(cert.subjectKeyId, keyIdOf(cert.publicKeySpki));
  assert.is(cert.authorityKeyId, ecCa.certificate.subjectKeyId);
  assert.equal(extensionTypes(cert), ['2.5.29.15', '2.5.29.37', '2.5.29.19', '2.5.29.14', '2.5.29.35']);
  const serial = BigInt(`0x${cert.serialNumber}`);
  assert.ok(serial > 0n && serial < 2n ** 159n);
  assert.is(cert.notBefore.toISOString(), '2025-12-31T23:56:00.000Z');
  assert.is(cert.notAfter.getTime() - cert.notBefore.getTime(), 8760 * hour);
});

test('an intermediate CA profile: CA:TRUE with its path length, and an SKI', async () => {
  const cert = await signCertificate({ ca: ecCa, request: nodeCsr, now, profile: { usages: ['cert sign', 'crl sign'], ttlMs: 24 * hour, isCA: true, maxPathLen: 0 } });
  assert.ok(cert.isCA);
  const bc = new x509.BasicConstraintsExtension(cert.x509.getExtension('2.5.29.19')!.rawData);
  assert.is(bc.pathLength, 0);
  assert.is(cert.subjectKeyId, keyIdOf(cert.publicKeySpki));
  assert.is(cert.keyUsage, F.keyCertSign | F.cRLSign);
});

test('the validity follows the policy and is capped at the CA\'s NotAfter', async () => {
  const short = await createCertificateAuthority({ subject: { commonName: 'short-ca' }, now, validityMs: 2 * hour, keys: ecCa.keys });
  const cert = await signCertificate({ ca: short, request: nodeCsr, now, profile: kubeletClient });
  assert.is(cert.notAfter.toISOString(), short.certificate.notAfter.toISOString());
  const custom = await signCertificate({ ca: ecCa, request: nodeCsr, now, profile: { ...kubeletClient, backdateMs: 0, ttlMs: hour } });
  assert.is(custom.notBefore.toISOString(), now.toISOString());
});

test('refusals: tampered CSR, unknown usage, expired CA', async () => {
  const der = nodeCsr.der.slice();
  der[der.length - 1] = der[der.length - 1]! ^ 0x01; // inside the signature BIT STRING
  const tampered = parseCertificateRequestDer(der);
  await rejectsCode(() => signCertificate({ ca: ecCa, request: tampered, now, profile: kubeletClient }), 'CSR_BAD_SIGNATURE', 'x509: ECDSA verification failure');
  await rejectsCode(() => signCertificate({ ca: ecCa, request: nodeCsr, now, profile: { usages: ['client auth', 'server-auth'], ttlMs: hour } }), 'USAGE_UNKNOWN', 'unrecognized usage values: ["server-auth"]');
  const expiry = ecCa.certificate.notAfter.getTime();
  const afterBackdate = new Date(expiry + 10 * minute); // even NotBefore = now - 5m is past the CA
  await rejectsCode(() => signCertificate({ ca: ecCa, request: nodeCsr, now: afterBackdate, profile: kubeletClient }), 'SIGNER_EXPIRED', /^the signer has expired: NotAfter=2034-12-30 00:00:00 \+0000 UTC$/);
  const withinBackdate = new Date(expiry + minute); // NotBefore would still be inside the CA's life
  await rejectsCode(() => signCertificate({ ca: ecCa, request: nodeCsr, now: withinBackdate, profile: kubeletClient }), 'SIGNER_EXPIRED', /^refusing to sign a certificate that expired in the past: NotAfter=2034-12-30 00:00:00 \+0000 UTC$/);
});

test('an Ed25519 CA signs with pure Ed25519', async () => {
  const ed = await createCertificateAuthority({ subject: { commonName: 'ed-ca' }, now, keySpec: 'ed25519' });
  const cert = await signCertificate({ ca: ed, request: nodeCsr, now, profile: kubeletClient });
  assert.is(cert.signatureAlgorithm, 'Ed25519');
  assert.ok(await signedBy(cert, ed));
});

test.run();
