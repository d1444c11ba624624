// ensureCompatible from k8s.io/client-go/util/certificate/csr/csr.go, check by check, with a
// stand-in for the X.509 library (the live test in test/client-csr.test.ts uses @tlsboot/pki).
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CertificateSigningRequest } from '@tlsboot/api';
import { ensureCompatible, formatGoTimeUTC, parseCertsNotAfter } from './ensure-compatible.js';
import type { CertificateRequestCrypto } from './ensure-compatible.js';
import type { SubjectAttribute } from './pkix-name.js';

const csrPem = `-----BEGIN CERTIFICATE REQUEST-----
MIHrMIGSAgEAMDAxFTATBgNVBAoMDHN5c3RlbTpub2RlczEXMBUGA1UEAwwOc3lz
dGVtOm5vZGU6bjEwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAATRbt30RJF05DDU
TT8xC7CP+4YwNE8Ttw90p1BToU0D06RtXX0SB+aPBQlgG/CCKdpZ0z8AxFt522SL
1wxnPKQtoAAwCgYIKoZIzj0EAwIDSAAwRQIhAIe/Lav/OoAakxxUd7ksjX7TakfI
jaIexD92L5D2yuAYAiAzP0hHVIZj1vB2pgZTYotT8kU2En6pKSC5Ul5J1c1j3w==
-----END CERTIFICATE REQUEST-----
`;
const alicePem = readFileSync(new URL('../testdata/alice.crt', import.meta.url), 'utf8'); // NotAfter 2126-11-05T06:19:30Z
const node = [
  { type: '2.5.4.10', value: 'system:nodes' },
  { type: '2.5.4.3', value: 'system:node:n1' },
];

/** A stand-in X.509 library: subjects by DER length, our key is the string 'our-key'. */
function fakeCrypto(subjects: readonly SubjectAttribute[][], opts: { badSignature?: string; parseError?: string } = {}): CertificateRequestCrypto {
  let i = 0;
  return {
    parseCertificateRequest: () => {
      if (opts.parseError) throw new Error(opts.parseError);
      return { subjectAttributes: subjects[i++] ?? [] };
    },
    checkSignatureWithKey: async (_der, key) => {
      if (key !== 'our-key') return false;
      if (opts.badSignature) throw new Error(opts.badSignature);
      return true;
    },
  };
}

function csr(request: string, signerName = 'kubernetes.io/kube-apiserver-client-kubelet', certificate?: string): CertificateSigningRequest {
  const obj: CertificateSigningRequest = { metadata: { name: 'node-csr-1' }, spec: { request: Buffer.from(request).toString('base64'), signerName } };
  if (certificate !== undefined) obj.status = { certificate: Buffer.from(certificate).toString('base64') };
  return obj;
}

const nowMs = Date.UTC(2025, 0, 1);

test('csr.go ensureCompatible: same subject, signer, key, unexpired certificate → compatible', async () => {
  const r = await ensureCompatible({ existing: csr(csrPem, undefined, alicePem), wanted: csr(csrPem), privateKey: 'our-key', crypto: fakeCrypto([node, node]), nowMs });
  assert.is(r, undefined);
});

test('csr.go parseCSR: the stored request is not a CERTIFICATE REQUEST block', async () => {
  const r = await ensureCompatible({ existing: csr(alicePem), wanted: csr(csrPem), privateKey: 'our-key', crypto: fakeCrypto([node, node]), nowMs });
  assert.is(r, 'unable to parse new csr: PEM block type must be CERTIFICATE REQUEST');
  const r2 = await ensureCompatible({ existing: csr(csrPem), wanted: csr('garbage'), privateKey: 'our-key', crypto: fakeCrypto([node, node]), nowMs });
  assert.is(r2, 'unable to parse original csr: PEM block type must be CERTIFICATE REQUEST');
});

test('csr.go parseCSR: x509.ParseCertificateRequest errors are passed through', async () => {
  const r = await ensureCompatible({ existing: csr(csrPem), wanted: csr(csrPem), privateKey: 'our-key', crypto: fakeCrypto([], { parseError: 'asn1: structure error: tags don\'t match' }), nowMs });
  assert.is(r, "unable to parse new csr: asn1: structure error: tags don't match");
});

test('csr.go ensureCompatible: subjects differ, printed with %#v', async () => {
  const other = [node[0]!, { type: '2.5.4.3', value: 'system:node:n2' }];
  const r = await ensureCompatible({ existing: csr(csrPem), wanted: csr(csrPem), privateKey: 'our-key', crypto: fakeCrypto([other, node]), nowMs });
  assert.ok(r?.startsWith('csr subjects differ: new: pkix.Name{Country:[]string(nil), Organization:[]string{"system:nodes"}'), r);
  assert.ok(r?.includes('CommonName:"system:node:n2"') && r.includes(', orig: pkix.Name{') && r.includes('CommonName:"system:node:n1"'), r);
});

test('csr.go ensureCompatible: signer names differ (only when both are set)', async () => {
  const r = await ensureCompatible({ existing: csr(csrPem, 'kubernetes.io/kubelet-serving'), wanted: csr(csrPem), privateKey: 'our-key', crypto: fakeCrypto([node, node]), nowMs });
  assert.is(r, 'csr signerNames differ: new "kubernetes.io/kubelet-serving", orig: "kubernetes.io/kube-apiserver-client-kubelet"');
  const r2 = await ensureCompatible({ existing: csr(csrPem, ''), wanted: csr(csrPem), privateKey: 'our-key', crypto: fakeCrypto([node, node]), nowMs });
  assert.is(r2, undefined);
});

test('csr.go ensureCompatible: privateKey is not a signer', async () => {
  for (const privateKey of [undefined, 'someone-else']) {
    const r = await ensureCompatible({ existing: csr(csrPem), wanted: csr(csrPem), privateKey, crypto: fakeCrypto([node, node]), nowMs });
    assert.is(r, 'privateKey is not a signer');
  }
});

test('csr.go ensureCompatible: the stored request was not signed by our key', async () => {
  const r = await ensureCompatible({ existing: csr(csrPem), wanted: csr(csrPem), privateKey: 'our-key', crypto: fakeCrypto([node, node], { badSignature: 'x509: ECDSA verification failure' }), nowMs });
  assert.is(r, 'error validating signature new CSR against old key: x509: ECDSA verification failure');
});

test('csr.go ensureCompatible: an issued certificate that has expired (on the requester clock)', async () => {
  const later = Date.UTC(2127, 0, 1);
  const r = await ensureCompatible({ existing: csr(csrPem, undefined, alicePem), wanted: csr(csrPem), privateKey: 'our-key', crypto: fakeCrypto([node, node]), nowMs: later });
  assert.is(r, 'one of the certificates for the CSR has expired: 2126-11-05 06:19:30 +0000 UTC');
  const atNotAfter = Date.UTC(2126, 10, 5, 6, 19, 30);
  const r2 = await ensureCompatible({ existing: csr(csrPem, undefined, alicePem), wanted: csr(csrPem), privateKey: 'our-key', crypto: fakeCrypto([node, node]), nowMs: atNotAfter });
  assert.is(r2, undefined, 'now.After(NotAfter) is strict');
});

test('certutil.ParseCertsPEM: no CERTIFICATE block → "data does not contain any valid RSA or ECDSA certificates"', async () => {
  const r = await ensureCompatible({ existing: csr(csrPem, undefined, csrPem), wanted: csr(csrPem), privateKey: 'our-key', crypto: fakeCrypto([node, node]), nowMs });
  assert.is(r, 'error parsing signed certificate for CSR: data does not contain any valid RSA or ECDSA certificates');
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  assert.equal(parseCertsNotAfter(b64('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n')), { error: 'x509: malformed certificate' });
  const two = parseCertsNotAfter(b64(csrPem + alicePem + alicePem));
  assert.equal('notAfter' in two ? two.notAfter.map(formatGoTimeUTC) : two, ['2126-11-05 06:19:30 +0000 UTC', '2126-11-05 06:19:30 +0000 UTC']);
});

test.run();
