// `approve` / `deny`: `kubectl certificate approve|deny` on every CSR the selector matches
// (kubernetes/kubectl pkg/cmd/certificates/certificates.go, v1.32), sent as `by` (default the
// admin) so a scenario can show who may approve:
//   - the CSR is read again as `by`, then addConditionIfNeeded: a CSR that already carries the
//     opposite decision is an error `certificate signing request "<name>" is already Denied`
//     (kubectl refuses before sending anything); one that already carries this decision is left
//     alone (kubectl without --force sends no update);
//   - otherwise the condition {type Approved|Denied, status True, reason KubectlApprove|KubectlDeny,
//     message "This CSR was approved by kubectl certificate approve." / "…denied by kubectl
//     certificate deny.", lastUpdateTime now} is appended and PUT to the `/approval` subresource
//     (UpdateApproval) with the resourceVersion read; on a 409 Conflict the CSR is read again and
//     the update retried, at most 10 times, as kubectl's loop does;
//   - like kubectl (ContinueOnError) every matching CSR is tried; the errors are reported together,
//     a server error as kubectl prints it: `Error from server (Forbidden): …`.
// The step's `message` replaces kubectl's message. No trace event of its own: the apiserver's
// trace already shows the request, its authorization and the condition written.
import type { CertificateSigningRequest, CertificateSigningRequestCondition } from '@tlsboot/api';
import { isConflict, isStatusError } from '@tlsboot/api';
import { certificateSigningRequests } from '@tlsboot/client';
import type { ResourceClient } from '@tlsboot/client';
import { errorMessage } from '@tlsboot/util';
import type { SourceLocation, StepBody } from '../../format/types.js';
import { selectCsrs, selectorText } from '../csr-selector.js';
import type { RunContext } from '../run-context.js';
import { StepFailure } from '../run-context.js';

type ApproveStep = Extract<StepBody, { approve: unknown }>['approve'];

export type Decision = 'approve' | 'deny';

const decisions = {
  approve: { type: 'Approved', opposite: 'Denied', reason: 'KubectlApprove', message: 'This CSR was approved by kubectl certificate approve.' },
  deny: { type: 'Denied', opposite: 'Approved', reason: 'KubectlDeny', message: 'This CSR was denied by kubectl certificate deny.' },
} as const;

/** How many times kubectl re-reads and retries after a Conflict (`apierrors.IsConflict(err) && i < 10`). */
const conflictRetries = 10;

/** What happened to one CSR. */
export interface DecisionOutcome {
  name: string;
  /** `updated`: the condition was added; `unchanged`: it was there already. */
  result: 'updated' | 'unchanged';
}

/** kubectl's rendering of an error (cmdutil.CheckErr → StandardErrorMessage for API errors). */
export function kubectlErrorText(err: unknown): string {
  if (isStatusError(err)) return `Error from server${err.reason ? ` (${err.reason})` : ''}: ${err.status.message ?? ''}`;
  return `error: ${errorMessage(err)}`;
}

export async function decideCsrs(ctx: RunContext, decision: Decision, step: ApproveStep, source: SourceLocation): Promise<DecisionOutcome[]> {
  const matching = await selectCsrs(ctx, step.csr);
  if (matching.length === 0) throw new StepFailure(`no CertificateSigningRequest matches ${selectorText(step.csr)}`, source);
  const d = decisions[decision];
  const by = await ctx.clientFor(step.by ?? { admin: true });
  const outcomes: DecisionOutcome[] = [];
  const errors: string[] = [];
  try {
    const csrs = certificateSigningRequests<CertificateSigningRequest>(by.client);
    for (const found of matching) {
      const name = found.metadata?.name ?? '';
      try {
        outcomes.push({ name, result: await decideOne(ctx, csrs, name, d, step.message) });
      } catch (err) {
        errors.push(kubectlErrorText(err));
      }
    }
  } finally {
    await by.close();
  }
  await ctx.time.settle();
  if (errors.length > 0) throw new StepFailure(`${decision} as ${by.label}: ${errors.join('; ')}`, source);
  return outcomes;
}

async function decideOne(
  ctx: RunContext,
  csrs: ResourceClient<CertificateSigningRequest>,
  name: string,
  d: (typeof decisions)[Decision],
  message: string | undefined,
): Promise<DecisionOutcome['result']> {
  for (let i = 0; ; i++) {
    const csr = await csrs.get(name);
    const conditions = csr.status?.conditions ?? [];
    const opposite = conditions.find((c) => c.type === d.opposite);
    if (opposite) throw new Error(`certificate signing request ${JSON.stringify(name)} is already ${opposite.type}`);
    if (conditions.some((c) => c.type === d.type)) return 'unchanged';
    const condition: CertificateSigningRequestCondition = {
      type: d.type,
      status: 'True',
      reason: d.reason,
      message: message ?? d.message,
      // metav1.Now(), serialized as RFC 3339 in whole seconds
      lastUpdateTime: ctx.time.clock.now().toISOString().replace(/\.\d+Z$/, 'Z'),
    };
    try {
      await csrs.updateSubresource({ ...csr, status: { ...csr.status, conditions: [...conditions, condition] } }, 'approval');
      return 'updated';
    } catch (err) {
      if (isConflict(err) && i < conflictRetries) continue;
      throw err;
    }
  }
}

export async function approveStep(ctx: RunContext, step: ApproveStep, source: SourceLocation): Promise<void> {
  await decideCsrs(ctx, 'approve', step, source);
}

export async function denyStep(ctx: RunContext, step: ApproveStep, source: SourceLocation): Promise<void> {
  await decideCsrs(ctx, 'deny', step, source);
}
