// The condition WaitForCertificate (k8s.io/client-go/util/certificate/csr/csr.go) evaluates on
// every event of its informer: done with the certificate, keep waiting, or fail.
import type { CertificateSigningRequest } from '@tlsboot/api';
import type { CsrErrorCode } from './errors.js';

export type WaitEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export type WaitDecision =
  | { kind: 'wait' }
  /** Approved and status.certificate set: the PEM the signer issued. */
  | { kind: 'issued'; certificatePem: string }
  | { kind: 'error'; code: CsrErrorCode; message: string };

/**
 * ADDED/MODIFIED: the UID must still be the one created; any Denied condition fails, any Failed
 * condition fails (in condition order, so whichever comes first); Approved with a certificate is
 * done; Approved without one, or nothing yet, keeps waiting. Condition `status` is not looked at,
 * as upstream. DELETED fails.
 */
export function certificateWaitDecision(
  type: WaitEventType,
  csr: CertificateSigningRequest,
  req: { name: string; uid: string },
): WaitDecision {
  if (type === 'DELETED') return { kind: 'error', code: 'CSR_DELETED', message: `csr ${goQuote(req.name)} was deleted` };
  if ((csr.metadata?.uid ?? '') !== req.uid) {
    return { kind: 'error', code: 'CSR_UID_CHANGED', message: `csr ${goQuote(csr.metadata?.name ?? '')} changed UIDs` };
  }
  let approved = false;
  for (const c of csr.status?.conditions ?? []) {
    if (c.type === 'Denied') {
      return {
        kind: 'error',
        code: 'CSR_DENIED',
        message: `certificate signing request is denied, reason: ${c.reason ?? ''}, message: ${c.message ?? ''}`,
      };
    }
    if (c.type === 'Failed') {
      return {
        kind: 'error',
        code: 'CSR_FAILED',
        message: `certificate signing request failed, reason: ${c.reason ?? ''}, message: ${c.message ?? ''}`,
      };
    }
    if (c.type === 'Approved') approved = true;
  }
  const certificate = csr.status?.certificate ?? '';
  if (approved && certificate.length > 0) {
    return { kind: 'issued', certificatePem: Buffer.from(certificate, 'base64').toString('utf8') };
  }
  return { kind: 'wait' };
}

/** %q of a name. */
function goQuote(s: string): string {
  return JSON.stringify(s);
}
