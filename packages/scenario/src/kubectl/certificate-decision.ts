// `kubectl certificate approve|deny` on one CSR (kubernetes/kubectl pkg/cmd/certificates/
// certificates.go modifyCertificateCondition / addConditionIfNeeded): read the CSR; refuse when the
// opposite condition is there ("is already Denied/Approved", nothing sent); do nothing when the
// condition is there; else append {type, status True, reason KubectlApprove|KubectlDeny, message,
// lastUpdateTime now} and UpdateApproval with the resourceVersion read, re-reading and retrying
// after a 409 Conflict (`apierrors.IsConflict(err) && i < 10`). Used by the scenario runner's
// approve/deny steps, the join storm's serving approver and the race tests.
import type { CertificateSigningRequest, CertificateSigningRequestCondition } from '@tlsboot/api';
import { isConflict } from '@tlsboot/api';
import type { ResourceClient } from '@tlsboot/client';

export type CertificateDecision = 'approve' | 'deny';

const decisions = {
  approve: { type: 'Approved', opposite: 'Denied', reason: 'KubectlApprove', message: 'This CSR was approved by kubectl certificate approve.' },
  deny: { type: 'Denied', opposite: 'Approved', reason: 'KubectlDeny', message: 'This CSR was denied by kubectl certificate deny.' },
} as const;

/** How many times kubectl re-reads and retries after a Conflict. */
const conflictRetries = 10;

export interface CertificateDecisionOutcome {
  /** `updated`: the condition was added; `unchanged`: it was there; `refused`: the opposite was there (`error` says so). */
  result: 'updated' | 'unchanged' | 'refused';
  /** 409 Conflicts re-read and retried. */
  conflicts: number;
  /** kubectl's message when refused. */
  error?: string;
}

export async function decideCertificate(
  csrs: ResourceClient<CertificateSigningRequest>,
  name: string,
  decision: CertificateDecision,
  now: () => Date,
  options: { message?: string; first?: CertificateSigningRequest } = {},
): Promise<CertificateDecisionOutcome> {
  const d = decisions[decision];
  let conflicts = 0;
  for (let i = 0; ; i++) {
    const csr = i === 0 && options.first ? options.first : await csrs.get(name);
    const conditions = csr.status?.conditions ?? [];
    const opposite = conditions.find((c) => c.type === d.opposite);
    if (opposite) return { result: 'refused', conflicts, error: `certificate signing request ${JSON.stringify(name)} is already ${opposite.type}` };
    if (conditions.some((c) => c.type === d.type)) return { result: 'unchanged', conflicts };
    const condition: CertificateSigningRequestCondition = {
      type: d.type,
      status: 'True',
      reason: d.reason,
      message: options.message ?? d.message,
      // metav1.Now(), serialized as RFC 3339 in whole seconds
      lastUpdateTime: now().toISOString().replace(/\.\d+Z$/, 'Z'),
    };
    try {
      await csrs.updateSubresource({ ...csr, status: { ...csr.status, conditions: [...conditions, condition] } }, 'approval');
      return { result: 'updated', conflicts };
    } catch (err) {
      if (isConflict(err) && i < conflictRetries) {
        conflicts++;
        continue;
      }
      throw err;
    }
  }
}
