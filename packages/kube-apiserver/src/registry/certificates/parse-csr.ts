/**
 * validateCSR of kubernetes/kubernetes pkg/apis/certificates/validation/validation.go: spec.request
 * (base64 of PEM bytes in the JSON form) through ParseCSR (Go pem.Decode, first block must be
 * a CERTIFICATE REQUEST, then x509 parsing) and CheckSignature (pki's synchronous
 * certificateRequestSignatureError: validation is synchronous).
 *
 * Error texts: the PEM error and the signature errors are Go's; a DER that does not parse gives
 * Go's text only for an empty block (`asn1: syntax error: sequence truncated`), otherwise
 * `x509: malformed certificate request (<parser's reason>)` where Go prints an encoding/asn1 error.
 */
import { certificateRequestDerFromPem, decodeBytesField } from '@tlsboot/api';
import { certificateRequestSignatureError, parseCertificateRequestDer } from '@tlsboot/pki';
import type { CertificateRequest } from '@tlsboot/pki';

export type ParsedCSR = { ok: true; request: CertificateRequest } | { ok: false; error: string };

/**
 * Parses by spec.request text. One CSR's request is parsed on create, on every approval and status
 * update (validateCSR runs on each), by the admission plugins and for the trace; the parse is a
 * pure function of the bytes, so the same (frozen) result is the same answer. Bounded, least
 * recently used first; requests that do not parse are not kept.
 */
const parsedByRequest = new Map<string, ParsedCSR & { ok: true }>();
const maxParsedRequests = 2048;

/** certificates.ParseCSR on the JSON (base64) form of spec.request. */
export function parseCSR(requestBase64: unknown): ParsedCSR {
  if (typeof requestBase64 !== 'string') return parseUncached(requestBase64);
  const hit = parsedByRequest.get(requestBase64);
  if (hit !== undefined) {
    parsedByRequest.delete(requestBase64);
    parsedByRequest.set(requestBase64, hit);
    return hit;
  }
  const parsed = parseUncached(requestBase64);
  if (parsed.ok) {
    if (parsedByRequest.size >= maxParsedRequests) parsedByRequest.delete(parsedByRequest.keys().next().value!);
    parsedByRequest.set(requestBase64, Object.freeze(parsed));
  }
  return parsed;
}

function parseUncached(requestBase64: unknown): ParsedCSR {
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

/** validateCSR: the error text for spec.request, or undefined when it parses and its signature verifies. */
export function validateCSRRequest(requestBase64: unknown): string | undefined {
  const parsed = parseCSR(requestBase64);
  if (!parsed.ok) return parsed.error;
  return certificateRequestSignatureError(parsed.request);
}
