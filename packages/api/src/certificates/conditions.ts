/**
 * Reading a CSR's status conditions the way the controllers do (kubernetes/kubernetes:
 * pkg/controller/certificates/certificate_controller_utils.go GetCertApprovalCondition,
 * IsCertificateRequestApproved, HasTrueCondition). Approval looks at the condition types only,
 * never at their status.
 */
import { certificateApproved, certificateDenied } from '../well-known.js';

interface ConditionLike {
  type?: string;
  status?: string;
}

interface StatusLike {
  conditions?: readonly ConditionLike[];
}

/** GetCertApprovalCondition: whether an Approved and whether a Denied condition is present. */
export function getCertApprovalCondition(status: StatusLike | undefined): { approved: boolean; denied: boolean } {
  let approved = false;
  let denied = false;
  for (const c of status?.conditions ?? []) {
    if (c.type === certificateApproved) approved = true;
    if (c.type === certificateDenied) denied = true;
  }
  return { approved, denied };
}

/** IsCertificateRequestApproved: Approved and not Denied. */
export function isCertificateRequestApproved(csr: { status?: StatusLike }): boolean {
  const { approved, denied } = getCertApprovalCondition(csr.status);
  return approved && !denied;
}

/** HasTrueCondition: a condition of `type` whose status is True or empty. */
export function hasTrueCondition(csr: { status?: StatusLike }, type: string): boolean {
  return (csr.status?.conditions ?? []).some((c) => c.type === type && (c.status === undefined || c.status === '' || c.status === 'True'));
}
