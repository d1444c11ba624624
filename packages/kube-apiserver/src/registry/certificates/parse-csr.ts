/**
 * validateCSR of kubernetes/kubernetes pkg/apis/certificates/validation/validation.go: spec.request
 * (base64 of PEM bytes in the JSON form) through ParseCSR (Go pem.Decode, first block must be
 * a CERTIFICATE REQUEST, then x509 parsing) and CheckSignature. Validation is synchronous, so the
 * self-signature is checked with node:crypto's one-shot verify over the request's DER
 * (certificationRequestInfo, signature) rather than pki's WebCrypto check.
 *
 * Error texts: the PEM error and the signature errors are Go's; a DER that does not parse gives
 * Go's text only for an empty block (`asn1: syntax error: sequence truncated`), otherwise
 * `x509: malformed certificate request (<parser's reason>)` where Go prints an encoding/asn1 error.
 */
import { constants, createPublicKey, verify } from 'node:crypto';
import { certificateRequestDerFromPem, decodeBytesField } from '@tlsboot/api';
import { parseCertificateRequestDer } from '@tlsboot/pki';
import type { CertificateRequest } from '@tlsboot/pki';

export type ParsedCSR = { ok: true; request: CertificateRequest } | { ok: false; error: string };

/** certificates.ParseCSR on the JSON (base64) form of spec.request. */
export function parseCSR(requestBase64: unknown): ParsedCSR {
  const bytes = typeof requestBase64 === 'string' ? decodeBytesField(requestBase64) : new Uint8Array();
  const found = certificateRequestDerFromPem(bytes ?? new Uint8Array());
  if ('error' in found) return { ok: false, error: found.error };
  if (found.der.length === 0) return { ok: false, error: 'asn1: syntax error: sequence truncated' };
  try {
    return { ok: true, request: parseCertificateRequestDer(found.der, 'spec.request') };
  } catch (err) {
    const reason = (err as Error).message.replace(/^spec\.request: /, '');
    return { ok: false, error: `x509: malformed certificate request (${reason})` };
  }
}

/** One DER TLV at `offset`: where its content starts and where the element ends. */
function tlv(der: Uint8Array, offset: number): { content: number; end: number } {
  const first = der[offset + 1];
  if (first === undefined) throw new Error('truncated');
  let length = first;
  let content = offset + 2;
  if (first & 0x80) {
    const n = first & 0x7f;
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + (der[content + i] ?? 0);
    content += n;
  }
  const end = content + length;
  if (end > der.length) throw new Error('truncated');
  return { content, end };
}

/** The signed bytes and the signature of a PKCS#10 request. */
function signedParts(der: Uint8Array): { tbs: Uint8Array; signature: Uint8Array } {
  const outer = tlv(der, 0);
  const info = tlv(der, outer.content);
  const algorithm = tlv(der, info.end);
  const bits = tlv(der, algorithm.end);
  return { tbs: der.subarray(outer.content, info.end), signature: der.subarray(bits.content + 1, bits.end) };
}

/** x509.CertificateRequest.CheckSignature: undefined when the request is signed by its own key, else Go's error text. */
export function checkCSRSignature(request: CertificateRequest): string | undefined {
  const alg = request.signatureAlgorithm;
  const failure = alg.includes('RSA') ? 'crypto/rsa: verification error' : alg === 'Ed25519' ? 'x509: Ed25519 verification failure' : 'x509: ECDSA verification failure';
  const hash = /SHA(1|256|384|512)/.exec(alg)?.[0]?.replace('SHA', 'sha') ?? null;
  if (alg !== 'Ed25519' && hash === null) return 'x509: cannot verify signature: algorithm unimplemented';
  try {
    const { tbs, signature } = signedParts(request.der);
    const key = createPublicKey({ key: Buffer.from(request.publicKeySpki), format: 'der', type: 'spki' });
    const pss = alg.endsWith('RSAPSS') ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST } : {};
    return verify(alg === 'Ed25519' ? null : hash, tbs, { key, ...pss }, signature) ? undefined : failure;
  } catch {
    return failure;
  }
}

/** validateCSR: the error text for spec.request, or undefined when it parses and its signature verifies. */
export function validateCSRRequest(requestBase64: unknown): string | undefined {
  const parsed = parseCSR(requestBase64);
  if (!parsed.ok) return parsed.error;
  return checkCSRSignature(parsed.request);
}
