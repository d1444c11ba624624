/**
 * Detached JWS signatures over the cluster-info kubeconfig, as
 * kubernetes/kubernetes staging/src/k8s.io/cluster-bootstrap/token/jws/jws.go computes them
 * (RFC 7515 Appendix F: a compact JWS with the payload elided). The bootstrapsigner writes them;
 * `kubeadm join` discovery recomputes and compares them, so the header bytes must be exact.
 */
import { createHmac } from 'node:crypto';

/** Go's encoding/json string: JSON plus the HTML-safe escapes of <, >, & and U+2028/U+2029. */
function goJsonString(value: string): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

/**
 * The protected header go-jose writes for HS256 with the token id as `kid` (a map marshalled
 * by encoding/json, so the keys are sorted): `{"alg":"HS256","kid":"<tokenID>"}`.
 */
export function jwsProtectedHeader(tokenId: string): string {
  return `{"alg":"HS256","kid":${goJsonString(tokenId)}}`;
}

/**
 * ComputeDetachedSignature: `<base64url(header)>..<base64url(HMAC-SHA256)>`, keyed with the
 * token secret. Upstream zero-pads a secret shorter than 32 bytes for go-jose; HMAC pads any key
 * shorter than its 64-byte block with zeros, so the MAC is the same and no padding is needed here.
 */
export function computeDetachedSignature(content: string, tokenId: string, tokenSecret: string): string {
  const signingInput = `${base64url(jwsProtectedHeader(tokenId))}.${base64url(content)}`;
  const mac = createHmac('sha256', Buffer.from(tokenSecret, 'utf8')).update(signingInput).digest();
  return `${signingInput.slice(0, signingInput.indexOf('.'))}..${base64url(mac)}`;
}

/** DetachedTokenIsValid: recomputes the signature and compares the strings. */
export function detachedTokenIsValid(detachedToken: string, content: string, tokenId: string, tokenSecret: string): boolean {
  return detachedToken === computeDetachedSignature(content, tokenId, tokenSecret);
}
