import { PkiError } from './errors.js';
import { formatGoTime } from './go-time.js';

const minute = 60_000;
export const defaultBackdateMs = 5 * minute;
/** Below this TTL a certificate is "short" and its NotAfter is not backdated (k8s authority/policies.go). */
export const shortCertThresholdMs = 8 * 60 * minute;

export interface Validity {
  notBefore: Date;
  notAfter: Date;
}

/** Which signer's rules to follow. */
export type ValidityStyle = 'kubernetes' | 'cfssl';

export interface ValidityInput {
  now: Date;
  ttlMs: number;
  backdateMs?: number;
  caNotAfter: Date;
  style?: ValidityStyle;
}

/**
 * The validity window of a new certificate, decided from the clock alone (no I/O).
 *
 * kubernetes — PermissiveSigningPolicy (k8s.io/kubernetes pkg/controller/certificates/authority):
 *   NotBefore = now − backdate; NotAfter = now + TTL − backdate, or now + TTL when TTL < 8 h;
 *   then capped at the CA's NotAfter; refused when the CA has expired.
 * cfssl — signer.FillTemplate: NotBefore = now rounded to the minute − backdate,
 *   NotAfter = NotBefore + expiry, and nothing else: cfssl neither caps NotAfter at the CA's
 *   nor refuses an expired CA (checked against the real cfssl 1.2.0 binary: the article's
 *   10-year kube-proxy certificate under a 5-year CA).
 */
export function decideValidity(input: ValidityInput): Validity {
  const { now, ttlMs, caNotAfter } = input;
  const backdate = input.backdateMs ?? defaultBackdateMs;
  if (!(ttlMs > 0)) throw new PkiError('SIGN_INVALID', `invalid certificate duration ${ttlMs} ms: it must be positive`);
  const t = now.getTime();
  let notBefore: number;
  let notAfter: number;
  if (input.style === 'cfssl') {
    notBefore = Math.round(t / minute) * minute - backdate;
    return { notBefore: new Date(notBefore), notAfter: new Date(notBefore + ttlMs) };
  } else {
    notBefore = t - backdate;
    notAfter = ttlMs < shortCertThresholdMs ? t + ttlMs : t + ttlMs - backdate;
  }
  const cap = caNotAfter.getTime();
  if (notAfter >= cap) notAfter = cap;
  if (notBefore >= cap) throw new PkiError('SIGNER_EXPIRED', `the signer has expired: NotAfter=${formatGoTime(caNotAfter)}`);
  if (t >= cap) throw new PkiError('SIGNER_EXPIRED', `refusing to sign a certificate that expired in the past: NotAfter=${formatGoTime(caNotAfter)}`);
  return { notBefore: new Date(notBefore), notAfter: new Date(notAfter) };
}
