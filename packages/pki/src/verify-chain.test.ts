/**
 * verifyChain against Go's crypto/x509 verify.go (Go 1.23, which Kubernetes v1.32 is built
 * with): Certificate.Verify (leaf isValid first, then buildChains, then checkChainForKeyUsage),
 * buildChains/considerCandidate (CheckSignatureFrom failures become the UnknownAuthorityError
 * hint; isValid failures are returned as they are), and the error texts of
 * CertificateInvalidError, UnknownAuthorityError and ConstraintViolationError.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createCertificateAuthority, type CertificateAuthority } from './certificate-authority.js';
import { createCertificateRequest } from './certificate-request.js';
import { clearCertificateCache, parseCertificateDer, type Certificate } from './certificate.js';
import type { PkiErrorCode } from './errors.js';
import type { KeySpec } from './key-pair.js';
import type { Subject } from './name.js';
import { signCertificate, type SigningProfile } from './sign.js';
import { issueCertificate, rejectsCode } from './testing.js';
import { verifyChain, type VerifyOptions } from './verify-chain.js';

const hour = 3_600_000;
const day = 24 * hour;
const t0 = new Date('2025-01-01T00:00:00Z');
const now = new Date('2026-01-01T00:00:00Z');
const mid = new Date('2026-06-01T00:00:00Z');
const rootSubject: Subject = { commonName: 'tlsboot-root', organizations: ['tlsboot'] };
const serving: SigningProfile = { usages: ['digital signature', 'key encipherment', 'server auth', 'client auth'], ttlMs: 8760 * hour };
const clientOnly: SigningProfile = { usages: ['digital signature', 'client auth'], ttlMs: 8760 * hour };
const subCa: SigningProfile = { usages: ['digital signature', 'cert sign', 'crl sign'], ttlMs: 5 * 365 * day, isCA: true };

/** Issues a certificate for a fresh key; returns it as a CA-shaped pair so it can sign in turn. */
const issue = (ca: CertificateAuthority, subject: Subject, profile: SigningProfile, at = now, keySpec: KeySpec = 'ecdsa-p256'): Promise<CertificateAuthority> =>
  issueCertificate({ ca, subject, profile, now: at, keySpec });

async function fails(leaf: Certificate, options: VerifyOptions, code: PkiErrorCode, message: string): Promise<void> {
  assert.is(await rejectsCode(verifyChain(leaf, options), code), message);
}

const ders = (chain: Certificate[]) => chain.map((c) => Buffer.from(c.der).toString('base64'));

let root: CertificateAuthority;
let intermediate: CertificateAuthority;
let leaf: Certificate;
let leafViaIntermediate: Certificate;
test.before(async () => {
  root = await createCertificateAuthority({ subject: rootSubject, now: t0 });
  intermediate = await issue(root, { commonName: 'tlsboot-intermediate' }, subCa, t0);
  leaf = (await issue(root, { commonName: 'node-1' }, serving)).certificate;
  leafViaIntermediate = (await issue(intermediate, { commonName: 'node-2' }, serving)).certificate;
});

test('a leaf signed by a root verifies to [leaf, root]', async () => {
  const chain = await verifyChain(leaf, { roots: [root.certificate], at: mid });
  assert.equal(ders(chain), ders([leaf, root.certificate]));
});

test('leaf → intermediate → root verifies to [leaf, intermediate, root]', async () => {
  const chain = await verifyChain(leafViaIntermediate, { roots: [root.certificate], intermediates: [intermediate.certificate], at: mid });
  assert.equal(ders(chain), ders([leafViaIntermediate, intermediate.certificate, root.certificate]));
});

test('a root given as the leaf verifies to itself (Roots.contains)', async () => {
  const chain = await verifyChain(root.certificate, { roots: [root.certificate], at: mid, usages: ['any'] });
  assert.equal(ders(chain), ders([root.certificate]));
});

test('expired leaf: "current time … is after …" in RFC 3339', async () => {
  assert.is(leaf.notAfter.toISOString(), '2026-12-31T23:55:00.000Z');
  await fails(
    leaf,
    { roots: [root.certificate], at: new Date('2026-12-31T23:55:01Z') },
    'CERT_EXPIRED',
    'x509: certificate has expired or is not yet valid: current time 2026-12-31T23:55:01Z is after 2026-12-31T23:55:00Z',
  );
});

test('leaf not yet valid: "current time … is before …"', async () => {
  assert.is(leaf.notBefore.toISOString(), '2025-12-31T23:55:00.000Z');
  await fails(
    leaf,
    { roots: [root.certificate], at: new Date('2025-12-31T23:54:59Z') },
    'CERT_NOT_YET_VALID',
    'x509: certificate has expired or is not yet valid: current time 2025-12-31T23:54:59Z is before 2025-12-31T23:55:00Z',
  );
});

test('the validity period includes both ends: valid exactly at NotBefore and at NotAfter', async () => {
  assert.is((await verifyChain(leaf, { roots: [root.certificate], at: leaf.notAfter })).length, 2);
  assert.is((await verifyChain(leaf, { roots: [root.certificate], at: leaf.notBefore })).length, 2);
  // Go compares instants, not seconds: 1 ms later is expired, and the message shows both at second precision.
  await fails(
    leaf,
    { roots: [root.certificate], at: new Date(leaf.notAfter.getTime() + 1) },
    'CERT_EXPIRED',
    'x509: certificate has expired or is not yet valid: current time 2026-12-31T23:55:00Z is after 2026-12-31T23:55:00Z',
  );
});

test('a parsed certificate\'s signature is checked once per issuer; dates are checked on every call', async () => {
  clearCertificateCache(); // parses are memoised by their bytes: start from a new object
  const fresh = parseCertificateDer(leaf.der);
  const original = fresh.x509.verify.bind(fresh.x509);
  let checks = 0;
  fresh.x509.verify = (...args: Parameters<typeof original>) => {
    checks++;
    return original(...args);
  };
  const opts = { roots: [root.certificate] };
  assert.is((await verifyChain(fresh, { ...opts, at: mid })).length, 2);
  assert.is((await verifyChain(fresh, { ...opts, at: now })).length, 2);
  assert.is(checks, 1);
  await rejectsCode(verifyChain(fresh, { ...opts, at: new Date(leaf.notAfter.getTime() + 1) }), 'CERT_EXPIRED');
  await rejectsCode(verifyChain(fresh, { ...opts, at: mid, usages: ['code signing'] }), 'CERT_WRONG_USAGE');
  // another issuer with the same name is another check, and its failure is remembered as a failure
  const impostor = await createCertificateAuthority({ subject: rootSubject, now: t0 });
  await rejectsCode(verifyChain(fresh, { roots: [impostor.certificate], at: mid }), 'CERT_BAD_SIGNATURE');
  await rejectsCode(verifyChain(fresh, { roots: [impostor.certificate], at: mid }), 'CERT_BAD_SIGNATURE');
  assert.is(checks, 2);
});

test('the leaf is checked first: an expired leaf under an unknown CA reports the expiry', async () => {
  const other = await createCertificateAuthority({ subject: { commonName: 'other' }, now: t0 });
  await fails(leaf, { roots: [other.certificate], at: new Date('2027-06-01T00:00:00Z') }, 'CERT_EXPIRED', 'x509: certificate has expired or is not yet valid: current time 2027-06-01T00:00:00Z is after 2026-12-31T23:55:00Z');
});

test('unknown authority: no candidate with the issuer\'s name', async () => {
  const other = await createCertificateAuthority({ subject: { commonName: 'another-ca' }, now: t0 });
  await fails(leaf, { roots: [other.certificate], at: mid }, 'CERT_UNKNOWN_ISSUER', 'x509: certificate signed by unknown authority');
  await fails(leaf, { roots: [], at: mid }, 'CERT_UNKNOWN_ISSUER', 'x509: certificate signed by unknown authority');
  // an intermediate chain without the intermediate
  await fails(leafViaIntermediate, { roots: [root.certificate], at: mid }, 'CERT_UNKNOWN_ISSUER', 'x509: certificate signed by unknown authority');
});

test('same name, another key: CERT_BAD_SIGNATURE with the "possibly because of" hint', async () => {
  const impostor = await createCertificateAuthority({ subject: rootSubject, now: t0 });
  await fails(
    leaf,
    { roots: [impostor.certificate], at: mid },
    'CERT_BAD_SIGNATURE',
    'x509: certificate signed by unknown authority (possibly because of "x509: ECDSA verification failure" while trying to verify candidate authority certificate "tlsboot-root")',
  );
  const rsaImpostor = await createCertificateAuthority({ subject: rootSubject, now: t0, keySpec: 'rsa-2048' });
  await fails(
    leaf,
    { roots: [rsaImpostor.certificate], at: mid },
    'CERT_BAD_SIGNATURE',
    'x509: certificate signed by unknown authority (possibly because of "crypto/rsa: verification error" while trying to verify candidate authority certificate "tlsboot-root")',
  );
  const edImpostor = await createCertificateAuthority({ subject: rootSubject, now: t0, keySpec: 'ed25519' });
  await fails(
    leaf,
    { roots: [edImpostor.certificate], at: mid },
    'CERT_BAD_SIGNATURE',
    'x509: certificate signed by unknown authority (possibly because of "x509: Ed25519 verification failure" while trying to verify candidate authority certificate "tlsboot-root")',
  );
  // the first hint is kept; a good candidate after a bad one still wins
  const chain = await verifyChain(leaf, { roots: [impostor.certificate, rsaImpostor.certificate, root.certificate], at: mid });
  assert.equal(ders(chain), ders([leaf, root.certificate]));
  await fails(
    leaf,
    { roots: [rsaImpostor.certificate, impostor.certificate], at: mid },
    'CERT_BAD_SIGNATURE',
    'x509: certificate signed by unknown authority (possibly because of "crypto/rsa: verification error" while trying to verify candidate authority certificate "tlsboot-root")',
  );
});

test('a certificate whose signature does not even decode fails like a bad signature', async () => {
  // The signature is the last element of the certificate: a BIT STRING (03 len 00) holding the
  // ECDSA-Sig-Value SEQUENCE (30 ...). Its length fits one octet for P-256.
  const der = leaf.der.slice();
  let bitString = -1;
  for (let i = der.length - 3; i > 0 && bitString < 0; i--) {
    if (der[i] === 0x03 && der[i + 2] === 0x00 && der[i + 3] === 0x30 && i + 2 + der[i + 1]! === der.length) bitString = i;
  }
  assert.ok(bitString > 0);
  der[bitString + 3] = 0x04;
  await fails(
    parseCertificateDer(der),
    { roots: [root.certificate], at: mid },
    'CERT_BAD_SIGNATURE',
    'x509: certificate signed by unknown authority (possibly because of "x509: ECDSA verification failure" while trying to verify candidate authority certificate "tlsboot-root")',
  );
});

test('the hint names the candidate by CN, else its first O, else its serial', async () => {
  for (const [subject, name] of [
    [{ organizations: ['org-a', 'org-b'] }, 'org-a'],
    [{ countries: ['CN'], provinces: ['BeiJing'] }, undefined],
  ] as [Subject, string | undefined][]) {
    const real = await createCertificateAuthority({ subject, now: t0 });
    const impostor = await createCertificateAuthority({ subject, now: t0 });
    const cert = (await issue(real, { commonName: 'x' }, serving)).certificate;
    const expected = name ?? `serial:${BigInt(`0x${impostor.certificate.serialNumber}`).toString(10)}`;
    await fails(
      cert,
      { roots: [impostor.certificate], at: mid },
      'CERT_BAD_SIGNATURE',
      `x509: certificate signed by unknown authority (possibly because of "x509: ECDSA verification failure" while trying to verify candidate authority certificate "${expected}")`,
    );
  }
});

test('expired CA: Go returns the CA\'s own "has expired" error, not an unknown-authority hint (verify.go buildChains: err = isValid)', async () => {
  // The same CA key and name, in an old certificate that ended when the renewed one began.
  const oldRoot = await createCertificateAuthority({ subject: rootSubject, now: t0, keys: root.keys, validityMs: 365 * day });
  assert.is(oldRoot.certificate.notAfter.toISOString(), '2026-01-01T00:00:00.000Z');
  await fails(
    leaf,
    { roots: [oldRoot.certificate], at: mid },
    'CERT_EXPIRED',
    'x509: certificate has expired or is not yet valid: current time 2026-06-01T00:00:00Z is after 2026-01-01T00:00:00Z',
  );
  // with the renewed root in the bundle too, either order verifies
  for (const roots of [
    [oldRoot.certificate, root.certificate],
    [root.certificate, oldRoot.certificate],
  ]) {
    assert.equal(ders(await verifyChain(leaf, { roots, at: mid })), ders([leaf, root.certificate]));
  }
});

test('a CA not yet valid: CERT_NOT_YET_VALID with the CA\'s dates', async () => {
  const futureRoot = await createCertificateAuthority({ subject: rootSubject, now: new Date('2026-03-01T00:00:00Z'), keys: root.keys });
  await fails(
    leaf,
    { roots: [futureRoot.certificate], at: new Date('2026-02-01T00:00:00Z') },
    'CERT_NOT_YET_VALID',
    'x509: certificate has expired or is not yet valid: current time 2026-02-01T00:00:00Z is before 2026-03-01T00:00:00Z',
  );
});

test('an expired intermediate: the intermediate\'s error is returned', async () => {
  // Same name and key as the long-lived intermediate that signed node-2, but ended in January 2025.
  const reissued = await signCertificate({
    ca: root,
    request: await createCertificateRequest({ keys: intermediate.keys, subject: { commonName: 'tlsboot-intermediate' } }),
    profile: { ...subCa, ttlMs: 30 * day },
    now: t0,
  });
  assert.ok(reissued.isCA);
  await fails(
    leafViaIntermediate,
    { roots: [root.certificate], intermediates: [reissued], at: mid },
    'CERT_EXPIRED',
    'x509: certificate has expired or is not yet valid: current time 2026-06-01T00:00:00Z is after 2025-01-30T23:55:00Z',
  );
  assert.is((await verifyChain(leafViaIntermediate, { roots: [root.certificate], intermediates: [reissued, intermediate.certificate], at: mid })).length, 3);
});

test('an intermediate that is not a CA: CERT_NOT_CA with the ConstraintViolationError hint', async () => {
  const notCa = await issue(root, { commonName: 'kubelet-serving' }, serving);
  const grandchild = (await issue(notCa, { commonName: 'sneaky' }, serving)).certificate;
  await fails(
    grandchild,
    { roots: [root.certificate], intermediates: [notCa.certificate], at: mid },
    'CERT_NOT_CA',
    'x509: certificate signed by unknown authority (possibly because of "x509: invalid signature: parent certificate cannot sign this kind of certificate" while trying to verify candidate authority certificate "kubelet-serving")',
  );
});

test('a CA whose KeyUsage lacks cert sign cannot sign either (CheckSignatureFrom)', async () => {
  const noCertSign = await issue(root, { commonName: 'ca-without-certsign' }, { ...subCa, usages: ['digital signature', 'key encipherment'] }, t0);
  assert.ok(noCertSign.certificate.isCA);
  const child = (await issue(noCertSign, { commonName: 'child' }, serving)).certificate;
  await fails(
    child,
    { roots: [root.certificate], intermediates: [noCertSign.certificate], at: mid },
    'CERT_NOT_CA',
    'x509: certificate signed by unknown authority (possibly because of "x509: invalid signature: parent certificate cannot sign this kind of certificate" while trying to verify candidate authority certificate "ca-without-certsign")',
  );
});

test('wrong extended key usage: CERT_WRONG_USAGE; default usage is server auth', async () => {
  const client = (await issue(root, { commonName: 'system:node:n1', organizations: ['system:nodes'] }, clientOnly)).certificate;
  await fails(client, { roots: [root.certificate], at: mid }, 'CERT_WRONG_USAGE', 'x509: certificate specifies an incompatible key usage');
  await fails(client, { roots: [root.certificate], at: mid, usages: ['server auth'] }, 'CERT_WRONG_USAGE', 'x509: certificate specifies an incompatible key usage');
  assert.is((await verifyChain(client, { roots: [root.certificate], at: mid, usages: ['client auth'] })).length, 2);
  assert.is((await verifyChain(client, { roots: [root.certificate], at: mid, usages: ['server auth', 'client auth'] })).length, 2);
  assert.is((await verifyChain(client, { roots: [root.certificate], at: mid, usages: ['any'] })).length, 2);
});

test('no ExtKeyUsage, or ExtKeyUsage any, allows every usage', async () => {
  const none = (await issue(root, { commonName: 'no-eku' }, { usages: ['digital signature'], ttlMs: 8760 * hour })).certificate;
  const any = (await issue(root, { commonName: 'any-eku' }, { usages: ['digital signature', 'any'], ttlMs: 8760 * hour })).certificate;
  for (const cert of [none, any]) {
    for (const usages of [undefined, ['server auth'], ['code signing'], ['client auth']]) {
      assert.is((await verifyChain(cert, { roots: [root.certificate], at: mid, ...(usages ? { usages } : {}) })).length, 2);
    }
  }
});

test('ExtKeyUsage is enforced down the chain: an intermediate limited to client auth cannot vouch for server auth', async () => {
  const clientCa = await issue(root, { commonName: 'client-ca' }, { ...subCa, usages: [...subCa.usages, 'client auth'] }, t0);
  const both = (await issue(clientCa, { commonName: 'both' }, serving)).certificate;
  const options = { roots: [root.certificate], intermediates: [clientCa.certificate], at: mid };
  await fails(both, options, 'CERT_WRONG_USAGE', 'x509: certificate specifies an incompatible key usage');
  assert.is((await verifyChain(both, { ...options, usages: ['client auth'] })).length, 3);
  assert.is((await verifyChain(both, { ...options, usages: ['any'] })).length, 3);
});

test('an unknown usage string is USAGE_UNKNOWN', async () => {
  await fails(leaf, { roots: [root.certificate], at: mid, usages: ['server auth', 'bogus'] }, 'USAGE_UNKNOWN', 'unrecognized usage values: ["bogus"]');
});

test.run();
