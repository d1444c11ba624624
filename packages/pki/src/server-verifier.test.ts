/**
 * serverVerifierAt: Go's crypto/tls client check (crypto/x509 Certificate.Verify with
 * KeyUsage ServerAuth, then VerifyHostname — go/src/crypto/x509/verify.go) at the component's
 * clock, and its memo: the chain found for a (leaf, intermediates, CA bundle) is reused while every
 * certificate of it is inside its validity period; the time and the host name are checked every call.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Clock } from '@tlsboot/util';
import { createCertificateAuthority, type CertificateAuthority } from './certificate-authority.js';
import { clearCertificateCache, parseCertificateDer, type Certificate } from './certificate.js';
import { serverVerifierAt } from './server-verifier.js';
import type { SigningProfile } from './sign.js';
import { issueCertificate } from './testing.js';

const hour = 3_600_000;
const t0 = new Date('2026-01-01T00:00:00Z');
const serving: SigningProfile = { usages: ['digital signature', 'key encipherment', 'server auth'], ttlMs: 24 * hour };
const clientOnly: SigningProfile = { usages: ['digital signature', 'client auth'], ttlMs: 24 * hour };

let ca: CertificateAuthority;
let leaf: Certificate;
let now = t0;
const clock = { now: () => now } as unknown as Clock;

test.before(async () => {
  ca = await createCertificateAuthority({ subject: { commonName: 'kubernetes' }, now: new Date(t0.getTime() - hour) });
  leaf = (await issueCertificate({ ca, subject: { commonName: 'kube-apiserver' }, subjectAltNames: { ipAddresses: ['127.0.0.1'], dnsNames: ['kubernetes'] }, profile: serving, now: t0 })).certificate;
});

/** Counts the signature checks made through the x509 object of `cert` (a fresh parse of its bytes). */
function counted(der: Uint8Array): { cert: Certificate; checks: () => number } {
  clearCertificateCache();
  const cert = parseCertificateDer(der);
  let n = 0;
  const original = cert.x509.verify.bind(cert.x509);
  cert.x509.verify = (...args: Parameters<typeof original>) => {
    n++;
    return original(...args);
  };
  return { cert, checks: () => n };
}

test('crypto/x509 verify.go: a good chain and host pass; the signature is checked once, time and host on every call', async () => {
  const { checks } = counted(leaf.der);
  const verify = serverVerifierAt(ca.certificate.pem, clock);
  now = new Date(t0.getTime() + hour);
  await verify([leaf.der], '127.0.0.1');
  await verify([leaf.der], 'kubernetes');
  assert.is(checks(), 1);
  // the host name is checked on each call, cached chain or not
  try {
    await verify([leaf.der], '10.0.0.1');
    assert.unreachable('wrong IP accepted');
  } catch (err) {
    assert.is((err as Error).message, 'x509: certificate is valid for 127.0.0.1, not 10.0.0.1');
  }
  // the time too: after NotAfter the full check runs and gives Go's expiry error
  now = new Date(leaf.notAfter.getTime() + 1000);
  try {
    await verify([leaf.der], '127.0.0.1');
    assert.unreachable('expired certificate accepted');
  } catch (err) {
    assert.match((err as Error).message, /^x509: certificate has expired or is not yet valid: current time .* is after /);
  }
  now = new Date(leaf.notBefore.getTime() - 1000);
  try {
    await verify([leaf.der], '127.0.0.1');
    assert.unreachable('not-yet-valid certificate accepted');
  } catch (err) {
    assert.match((err as Error).message, /is before/);
  }
  now = new Date(t0.getTime() + 2 * hour);
  await verify([leaf.der], '127.0.0.1');
  assert.is(checks(), 1);
});

test('crypto/x509 verify.go: another CA bundle is another check (unknown authority), never a cached success', async () => {
  now = new Date(t0.getTime() + hour);
  await serverVerifierAt(ca.certificate.pem, clock)([leaf.der], '127.0.0.1');
  const other = await createCertificateAuthority({ subject: { commonName: 'kubernetes' }, now: new Date(t0.getTime() - hour) });
  const verify = serverVerifierAt(other.certificate.pem, clock);
  for (let i = 0; i < 2; i++) {
    try {
      await verify([leaf.der], '127.0.0.1');
      assert.unreachable('leaf of another CA accepted');
    } catch (err) {
      assert.match((err as Error).message, /^x509: certificate signed by unknown authority/);
    }
  }
});

test('crypto/x509 verify.go: a client-only certificate fails ExtKeyUsage ServerAuth every time', async () => {
  now = new Date(t0.getTime() + hour);
  const client = (await issueCertificate({ ca, subject: { commonName: 'x' }, subjectAltNames: { ipAddresses: ['127.0.0.1'] }, profile: clientOnly, now: t0 })).certificate;
  const verify = serverVerifierAt(ca.certificate.pem, clock);
  for (let i = 0; i < 2; i++) {
    try {
      await verify([client.der], '127.0.0.1');
      assert.unreachable('client certificate accepted as a server');
    } catch (err) {
      assert.is((err as Error).message, 'x509: certificate specifies an incompatible key usage');
    }
  }
});

test('parses are memoised by their bytes: the same frozen object; a DER that does not parse is not cached', () => {
  const a = parseCertificateDer(new Uint8Array(leaf.der));
  const b = parseCertificateDer(new Uint8Array(leaf.der));
  assert.ok(a === b);
  assert.ok(Object.isFrozen(a) && Object.isFrozen(a.subject) && Object.isFrozen(a.subjectAltNames.ipAddresses));
  assert.throws(() => parseCertificateDer(new Uint8Array([0x30, 0x01]), 'first'), /^first: not a DER X\.509 certificate/);
  assert.throws(() => parseCertificateDer(new Uint8Array([0x30, 0x01]), 'second'), /^second: not a DER X\.509 certificate/);
});

test.run();
