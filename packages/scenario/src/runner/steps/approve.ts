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
import type { CertificateSigningRequest } from '@tlsboot/api';
import { isStatusError } from '@tlsboot/api';
import { certificateSigningRequests } from '@tlsboot/client';
import type { ResourceClient } from '@tlsboot/client';
import { errorMessage } from '@tlsboot/util';
import type { SourceLocation, StepBody } from '../../format/types.js';
import { selectCsrs, selectorText } from '../csr-selector.js';
import type { RunContext } from '../run-context.js';
import { StepFailure } from '../run-context.js';
import { decideCertificate } from '../../kubectl/certificate-decision.js';
import type { CertificateDecision } from '../../kubectl/certificate-decision.js';

type ApproveStep = Extract<StepBody, { approve: unknown }>['approve'];

export type Decision = CertificateDecision;

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
  const by = await ctx.clientFor(step.by ?? { admin: true });
  const outcomes: DecisionOutcome[] = [];
  const errors: string[] = [];
  try {
    const csrs = certificateSigningRequests<CertificateSigningRequest>(by.client);
    for (const found of matching) {
      const name = found.metadata?.name ?? '';
      try {
        outcomes.push({ name, result: await decideOne(ctx, csrs, name, decision, step.message) });
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
  decision: Decision,
  message: string | undefined,
): Promise<DecisionOutcome['result']> {
  const outcome = await decideCertificate(csrs, name, decision, () => ctx.time.clock.now(), message !== undefined ? { message } : {});
  if (outcome.result === 'refused') throw new Error(outcome.error);
  return outcome.result;
}

export async function approveStep(ctx: RunContext, step: ApproveStep, source: SourceLocation): Promise<void> {
  await decideCsrs(ctx, 'approve', step, source);
}

export async function denyStep(ctx: RunContext, step: ApproveStep, source: SourceLocation): Promise<void> {
  await decideCsrs(ctx, 'deny', step, source);
}
