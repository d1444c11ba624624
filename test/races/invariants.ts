// The race checks as pure functions over plain objects: the one state a CSR is in, the state its
// plan and the admin's outcome make legal, and the csrcleaner deadlines of kubernetes/kubernetes
// pkg/controller/certificates/cleaner/cleaner.go (approved-and-issued, denied and failed 1 h after
// the condition's lastUpdateTime, pending 24 h after creation, issued-and-expired at NotAfter).
import type { CertificateSigningRequest } from '@tlsboot/api';
import { decodePem, parseCertificateDer } from '@tlsboot/pki';
import type { AdminAction, CsrKind, KubectlOutcome } from './workload.js';

export type CsrState = 'Issued' | 'Denied' | 'Failed' | 'Pending' | 'Approved+Denied' | 'Approved-unsigned' | 'Issued+Failed' | 'Denied+Issued';

/** The one state the CSR is in; the last four are illegal at rest. */
export function stateOf(csr: CertificateSigningRequest): CsrState {
  const types = new Set((csr.status?.conditions ?? []).filter((c) => c.status === 'True').map((c) => c.type));
  const issued = Boolean(csr.status?.certificate);
  if (types.has('Approved') && types.has('Denied')) return 'Approved+Denied';
  if (types.has('Denied')) return issued ? 'Denied+Issued' : 'Denied';
  if (types.has('Failed')) return issued ? 'Issued+Failed' : 'Failed';
  if (types.has('Approved')) return issued ? 'Issued' : 'Approved-unsigned';
  return 'Pending';
}

/** The state a CSR must settle in, given what was planned and what the admin's kubectl did. */
export function expectedState(kind: CsrKind, action: AdminAction, kubectl: KubectlOutcome | undefined): CsrState {
  if (kind === 'client') {
    // kubectl deny races csrapproving: whoever writes first wins, the other one backs off
    if (action === 'deny') return kubectl?.result === 'updated' ? 'Denied' : 'Issued';
    return 'Issued';
  }
  if (kind === 'client-bad') return action === 'approve' ? 'Failed' : 'Pending';
  return action === 'approve' ? 'Issued' : action === 'deny' ? 'Denied' : 'Pending';
}

const hourMs = 3600_000;

function conditionTime(csr: CertificateSigningRequest, type: string): number | undefined {
  const t = csr.status?.conditions?.find((c) => c.type === type)?.lastUpdateTime;
  const ms = t ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? undefined : ms;
}

function notAfterMs(csr: CertificateSigningRequest): number | undefined {
  const certificate = csr.status?.certificate;
  if (!certificate) return undefined;
  try {
    const block = decodePem(Buffer.from(certificate, 'base64').toString('latin1'), 'status.certificate')[0];
    return block ? parseCertificateDer(block.der, 'status.certificate').notAfter.getTime() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The earliest time the cleaner may delete this CSR (it deletes when now is strictly after it), or
 * undefined when no rule ever applies.
 */
export function cleanerDeadline(csr: CertificateSigningRequest): number | undefined {
  const deadlines: number[] = [];
  const issued = Boolean(csr.status?.certificate);
  const approved = conditionTime(csr, 'Approved');
  if (issued && approved !== undefined) deadlines.push(approved + hourMs);
  const denied = conditionTime(csr, 'Denied');
  if (denied !== undefined) deadlines.push(denied + hourMs);
  const failed = conditionTime(csr, 'Failed');
  if (failed !== undefined) deadlines.push(failed + hourMs);
  const created = Date.parse(csr.metadata.creationTimestamp ?? '');
  if ((csr.status?.conditions ?? []).length === 0 && !Number.isNaN(created)) deadlines.push(created + 24 * hourMs);
  const notAfter = notAfterMs(csr);
  if (approved !== undefined && notAfter !== undefined) deadlines.push(notAfter);
  return deadlines.length > 0 ? Math.min(...deadlines) : undefined;
}

/** A problem found, named by CSR. */
export interface Violation {
  csr: string;
  problem: string;
}
