// ensureCompatible and parseCSR from k8s.io/client-go/util/certificate/csr/csr.go: may a
// CertificateSigningRequest that already exists under our fixed name be reused? Same parsed
// subject, same signer name (when both are set), its request signed by *our* key, and no issued
// certificate already expired. The checks run in that order and the first failure is the answer.
//
// The client package may not import @tlsboot/pki (DESIGN.md, "Packages"), so the X.509 work on the
// request comes in through `CertificateRequestCrypto` (crypto passed in, not reached for); the
// certificates' NotAfter is read with node:crypto.
import { X509Certificate } from 'node:crypto';
import type { CertificateSigningRequest } from '@tlsboot/api';
import { certificateRequestDerFromPem, decodeBytesField, goPemDecode } from '@tlsboot/api';
import { errorMessage } from '@tlsboot/util';
import { goSyntaxPkixName, pkixNamesEqual } from './pkix-name.js';
import type { SubjectAttribute } from './pkix-name.js';

/**
 * What ensureCompatible needs from an X.509 library; the caller (the kubelet, which may import
 * @tlsboot/pki) supplies it.
 */
export interface CertificateRequestCrypto {
  /**
   * x509.ParseCertificateRequest of the DER: the subject's attributes in DER order (RDNs
   * flattened). Throws with the parse error's text on malformed input.
   */
  parseCertificateRequest(der: Uint8Array): { subjectAttributes: readonly SubjectAttribute[] };
  /**
   * `csr.PublicKey = privateKey.Public(); csr.CheckSignature()`: resolves when the request's
   * signature verifies under the public half of `privateKey`, rejects with Go's text otherwise
   * (`x509: ECDSA verification failure`, `crypto/rsa: verification error`). Returns false when
   * `privateKey` is not a key it can use (Go: "privateKey is not a signer").
   */
  checkSignatureWithKey(der: Uint8Array, privateKey: unknown): Promise<boolean>;
}

export interface EnsureCompatibleInput {
  /** The CSR read back from the apiserver ("new" upstream). */
  existing: CertificateSigningRequest;
  /** The CSR we meant to create ("orig" upstream). */
  wanted: CertificateSigningRequest;
  privateKey: unknown;
  crypto: CertificateRequestCrypto | undefined;
  /** The requester's clock: a certificate with NotAfter before this has expired. */
  nowMs: number;
}

/** Resolves to undefined when compatible, else to the reason (without "retrieved csr is not compatible: "). */
export async function ensureCompatible(input: EnsureCompatibleInput): Promise<string | undefined> {
  const { existing, wanted, crypto } = input;
  const newCsr = parseCsr(existing.spec.request, crypto);
  if ('error' in newCsr) return `unable to parse new csr: ${newCsr.error}`;
  const origCsr = parseCsr(wanted.spec.request, crypto);
  if ('error' in origCsr) return `unable to parse original csr: ${origCsr.error}`;
  if (!pkixNamesEqual(newCsr.subjectAttributes, origCsr.subjectAttributes)) {
    return `csr subjects differ: new: ${goSyntaxPkixName(newCsr.subjectAttributes)}, orig: ${goSyntaxPkixName(origCsr.subjectAttributes)}`;
  }
  const newSigner = existing.spec.signerName ?? '';
  const origSigner = wanted.spec.signerName ?? '';
  if (newSigner.length > 0 && origSigner.length > 0 && newSigner !== origSigner) {
    return `csr signerNames differ: new ${JSON.stringify(newSigner)}, orig: ${JSON.stringify(origSigner)}`;
  }
  if (input.privateKey === undefined || input.privateKey === null || crypto === undefined) return 'privateKey is not a signer';
  try {
    if (!(await crypto.checkSignatureWithKey(newCsr.der, input.privateKey))) return 'privateKey is not a signer';
  } catch (err) {
    return `error validating signature new CSR against old key: ${errorMessage(err)}`;
  }
  const issued = existing.status?.certificate ?? '';
  if (issued.length > 0) {
    const notAfters = parseCertsNotAfter(issued);
    if ('error' in notAfters) return `error parsing signed certificate for CSR: ${notAfters.error}`;
    for (const notAfter of notAfters.notAfter) {
      if (input.nowMs > notAfter.getTime()) {
        return `one of the certificates for the CSR has expired: ${formatGoTimeUTC(notAfter)}`;
      }
    }
  }
  return undefined;
}

type ParsedCsr = { der: Uint8Array; subjectAttributes: readonly SubjectAttribute[] } | { error: string };

/** parseCSR: the first PEM block must be a CERTIFICATE REQUEST, then x509.ParseCertificateRequest. */
function parseCsr(requestB64: string, crypto: CertificateRequestCrypto | undefined): ParsedCsr {
  const bytes = decodeBytesField(requestB64) ?? new Uint8Array();
  const pem = certificateRequestDerFromPem(bytes);
  if ('error' in pem) return pem;
  if (crypto === undefined) return { error: 'no x509 parser: pass the x509 option to requestCertificate' };
  try {
    return { der: pem.der, subjectAttributes: crypto.parseCertificateRequest(pem.der).subjectAttributes };
  } catch (err) {
    return { error: errorMessage(err) };
  }
}

/**
 * certutil.ParseCertsPEM, the NotAfter of each: `CERTIFICATE` blocks without headers, others
 * skipped; none at all is an error.
 */
export function parseCertsNotAfter(certificateB64: string): { notAfter: Date[] } | { error: string } {
  let rest = Buffer.from(decodeBytesField(certificateB64) ?? new Uint8Array()).toString('latin1');
  const notAfter: Date[] = [];
  for (;;) {
    const decoded = goPemDecode(rest);
    if (decoded === undefined) break;
    rest = decoded.rest;
    const { block } = decoded;
    if (block.type !== 'CERTIFICATE' || Object.keys(block.headers).length !== 0) continue;
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(block.bytes);
    } catch {
      return { error: 'x509: malformed certificate' };
    }
    notAfter.push(new Date(cert.validTo));
  }
  if (notAfter.length === 0) return { error: 'data does not contain any valid RSA or ECDSA certificates' };
  return { notAfter };
}

/** time.Time.String() of a UTC instant with whole seconds: `2025-01-01 00:00:00 +0000 UTC`. */
export function formatGoTimeUTC(t: Date): string {
  return `${t.toISOString().slice(0, 19).replace('T', ' ')} +0000 UTC`;
}
