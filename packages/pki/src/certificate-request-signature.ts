/**
 * x509.CertificateRequest.CheckSignature, synchronously (node:crypto's one-shot verify over the
 * request's certificationRequestInfo and signature), with Go's error texts — for callers that
 * cannot await, such as the apiserver's CSR validation (pkg/apis/certificates/validation). The
 * asynchronous WebCrypto check is verifyCertificateRequest.
 */
import { constants, createPublicKey, verify } from 'node:crypto';
import type { CertificateRequest } from './certificate-request.js';

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

/**
 * Outcomes already computed, per parsed request (parses are memoised by their bytes, so one CSR
 * read again on approval and on the status update is the same object). The outcome is a pure
 * function of the request's bytes — the same check on the same input — so it is the same answer.
 */
const checked = new WeakMap<CertificateRequest, { error: string | undefined }>();

/** x509.CertificateRequest.CheckSignature: undefined when the request is signed by its own key, else Go's error text. */
export function certificateRequestSignatureError(request: CertificateRequest): string | undefined {
  const hit = checked.get(request);
  if (hit !== undefined) return hit.error;
  const error = checkSignature(request);
  checked.set(request, { error });
  return error;
}

function checkSignature(request: CertificateRequest): string | undefined {
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

