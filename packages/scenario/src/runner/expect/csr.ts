// `csr` expectations: the CSRs a selector picks (csr-selector.ts), how many (`count`; default at
// least one), and — for every one of them — `state` (Pending / Approved / Denied / Failed /
// Issued, as csrState reduces `kubectl get csr`'s CONDITION column) and `reason`: the reason of
// the condition that decided the state (Approved for Approved/Issued — AutoApproved from the
// csrapproving controller, KubectlApprove from `kubectl certificate approve` —, Denied, Failed),
// an exact string or /regex/.
import type { CertificateSigningRequest } from '@tlsboot/api';
import type { ExpectationBody } from '../../format/types.js';
import { csrState, selectCsrs, selectorText, textMatches } from '../csr-selector.js';
import type { CsrState } from '../csr-selector.js';
import type { RunContext } from '../run-context.js';
import type { ExpectationResult } from './index.js';

export type CsrExpectation = Extract<ExpectationBody, { csr: unknown }>['csr'];

/** The condition that decided the state: Denied or Failed when present, else Approved. */
export function decidingCondition(csr: CertificateSigningRequest): { type: string; reason?: string } | undefined {
  const conditions = (csr.status?.conditions ?? []).filter((c) => c.status === 'True');
  return conditions.find((c) => c.type === 'Denied') ?? conditions.find((c) => c.type === 'Failed') ?? conditions.find((c) => c.type === 'Approved');
}

export async function checkCsr(ctx: RunContext, e: CsrExpectation): Promise<ExpectationResult> {
  const { count, state, reason, ...selector } = e;
  const found = await selectCsrs(ctx, selector);
  const what = `CSRs ${selectorText(selector)}`;
  if (count !== undefined && found.length !== count) {
    return { ok: false, message: `${what}: ${found.length} found (${listed(found)}), expected ${count}` };
  }
  if (count === undefined && found.length === 0) return { ok: false, message: `${what}: none found, expected at least one` };
  for (const csr of found) {
    const name = csr.metadata?.name ?? '?';
    const is = csrState(csr);
    if (state !== undefined && is !== state) return { ok: false, message: `CSR ${name} is ${is}, expected ${state}${found.length > 1 ? ` (${listed(found)})` : ''}` };
    if (reason !== undefined) {
      const deciding = decidingCondition(csr);
      if (!deciding) return { ok: false, message: `CSR ${name} is ${is}: no condition with a reason, expected reason ${reason}` };
      if (!textMatches(reason, deciding.reason)) {
        return { ok: false, message: `CSR ${name} is ${is} with reason ${deciding.reason ? JSON.stringify(deciding.reason) : '(none)'} on its ${deciding.type} condition, expected ${reason}` };
      }
    }
  }
  if (found.length === 1) {
    const csr = found[0]!;
    const r = decidingCondition(csr)?.reason;
    return { ok: true, message: `CSR ${csr.metadata?.name ?? '?'} is ${csrState(csr)}${r ? ` (${r})` : ''}` };
  }
  return { ok: true, message: `${what}: ${listed(found)}` };
}

function listed(csrs: CertificateSigningRequest[]): string {
  if (csrs.length === 0) return 'none';
  const states = csrs.map((c) => `${c.metadata?.name ?? '?'} ${csrState(c) satisfies CsrState}`);
  return states.length > 5 ? `${states.slice(0, 5).join(', ')}, … ${states.length - 5} more` : states.join(', ');
}
