// Which CSRs the csrcleaner deletes: kubernetes/kubernetes
// pkg/controller/certificates/cleaner/cleaner.go (isIssuedPastDeadline, isDeniedPastDeadline,
// isFailedPastDeadline, isPendingPastDeadline, isIssuedExpired, isOlderThan, isExpired), as a
// pure decision over the CSR and the component's `now`.
import type { CertificateSigningRequest } from '@tlsboot/api';
import { certificateApproved, certificateDenied, certificateFailed } from '@tlsboot/api';
import { decodePem, parseCertificateDer } from '@tlsboot/pki';
import { Hour } from '@tlsboot/util';

/** How often the cleaner lists every CSR (it is not watch-driven). */
export const pollingIntervalMs = 1 * Hour;
/** How long after the Approved condition's lastUpdateTime an issued CSR is kept. */
export const approvedExpirationMs = 1 * Hour;
/** … after the Denied condition's lastUpdateTime. */
export const deniedExpirationMs = 1 * Hour;
/** … after creation, for a CSR nobody has handled (no conditions at all). */
export const pendingExpirationMs = 24 * Hour;
/** … after the Failed condition's lastUpdateTime. */
export const failedExpirationMs = 1 * Hour;

export type CleanupRule = 'issued-past-deadline' | 'denied-past-deadline' | 'failed-past-deadline' | 'pending-past-deadline' | 'issued-expired';

export interface CleanupDecision {
  rule: CleanupRule;
  /** upstream's log line. */
  message: string;
}

/**
 * isOlderThan: a non-zero (present, parseable) time more than `d` before now. A condition
 * without lastUpdateTime is never old.
 */
export function isOlderThan(t: string | null | undefined, dMs: number, nowMs: number): boolean {
  if (!t) return false;
  const ms = Date.parse(t);
  if (Number.isNaN(ms)) return false;
  return ms - nowMs < -dMs;
}

function isIssued(csr: CertificateSigningRequest): boolean {
  return !!csr.status?.certificate;
}

/** isExpired: the first certificate of the first PEM block has NotAfter before now; parse failures are not expired. */
export function isExpired(csr: CertificateSigningRequest, nowMs: number): boolean {
  const certificate = csr.status?.certificate;
  if (!certificate) return false;
  try {
    const block = decodePem(Buffer.from(certificate, 'base64').toString('latin1'), 'status.certificate')[0];
    if (!block) return false;
    const cert = parseCertificateDer(block.der, 'status.certificate');
    return nowMs > cert.notAfter.getTime();
  } catch {
    return false;
  }
}

/** The first rule (in upstream's order) that collects this CSR, or undefined to keep it. */
export function cleanupDecision(csr: CertificateSigningRequest, nowMs: number): CleanupDecision | undefined {
  const conditions = csr.status?.conditions ?? [];
  for (const c of conditions) {
    if (c.type === certificateApproved && isIssued(csr) && isOlderThan(c.lastUpdateTime, approvedExpirationMs, nowMs)) {
      return { rule: 'issued-past-deadline', message: 'Cleaning CSR as it is more than approvedExpiration duration old and approved.' };
    }
  }
  for (const c of conditions) {
    if (c.type === certificateDenied && isOlderThan(c.lastUpdateTime, deniedExpirationMs, nowMs)) {
      return { rule: 'denied-past-deadline', message: 'Cleaning CSR as it is more than deniedExpiration duration old and denied.' };
    }
  }
  for (const c of conditions) {
    if (c.type === certificateFailed && isOlderThan(c.lastUpdateTime, failedExpirationMs, nowMs)) {
      return { rule: 'failed-past-deadline', message: 'Cleaning CSR as it is more than failedExpiration duration old and failed.' };
    }
  }
  if (conditions.length === 0 && isOlderThan(csr.metadata.creationTimestamp, pendingExpirationMs, nowMs)) {
    return { rule: 'pending-past-deadline', message: 'Cleaning CSR as it is more than pendingExpiration duration old and unhandled.' };
  }
  for (const c of conditions) {
    if (c.type === certificateApproved && isIssued(csr) && isExpired(csr, nowMs)) {
      return { rule: 'issued-expired', message: 'Cleaning CSR as the associated certificate is expired.' };
    }
  }
  return undefined;
}
