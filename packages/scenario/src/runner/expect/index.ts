// Expectations (docs/scenarios.md "Expectations"): one module per kind. checkExpectation never
// throws for what it finds: a failure to look (the apiserver down, a file unreadable) is a failed
// check whose message says so — `waitFor` keeps checking through such moments.
import { errorMessage } from '@tlsboot/util';
import type { Expectation, ExpectationBody } from '../../format/types.js';
import { selectorWords } from '../csr-selector.js';
import type { RunContext } from '../run-context.js';
import { checkCertificate } from './certificate.js';
import { checkCsr } from './csr.js';
import { checkFile } from './file.js';
import { checkNode } from './node.js';
import { checkObject } from './object.js';
import { checkTrace } from './trace.js';

export interface ExpectationResult {
  ok: boolean;
  /** What was found: why it failed ("CSR node-csr-… is Pending, expected Issued"), or a short description of what held. */
  message: string;
}

type KindOf<T> = T extends unknown ? keyof T & string : never;
export type ExpectationKind = KindOf<ExpectationBody>;

const kinds: readonly ExpectationKind[] = ['object', 'csr', 'certificate', 'file', 'trace', 'node'];

/** The expectation's kind (its one key besides `source`). */
export function expectationKind(e: ExpectationBody): ExpectationKind {
  const kind = kinds.find((k) => k in e);
  if (!kind) throw new Error(`an expectation without a kind (one of ${kinds.join(', ')})`);
  return kind;
}

/** What an expectation checks, in a few words (the `check` of its `expect.checked` trace event). */
export function expectationSummary(e: Expectation | ExpectationBody): string {
  const b = e as ExpectationBody;
  if ('object' in b) {
    const o = b.object;
    return `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}${o.absent ? ' absent' : o.matches ? ' matches' : ' exists'}`;
  }
  if ('csr' in b) {
    const { count, state, reason } = b.csr;
    return `CSRs ${selectorWords(b.csr) || '(all)'}${count !== undefined ? ` count ${count}` : ''}${state ? ` ${state}` : ''}${reason ? ` reason ${reason}` : ''}`;
  }
  if ('certificate' in b) {
    const from = b.certificate.from;
    return `certificate ${'file' in from ? `in ${from.file}` : 'csr' in from ? `of CSR ${selectorWords(from.csr)}` : `served by ${from.served}`}`;
  }
  if ('file' in b) return `file ${b.file.path}${b.file.absent ? ' absent' : ''}`;
  if ('trace' in b) {
    const n = b.trace.events.length;
    if (b.trace.count !== undefined) return `trace: ${b.trace.events.map((x) => [x['component'], x['type']].filter((v) => v !== undefined).map(String).join(' ')).join(', ')} ×${b.trace.count} each`;
    return `trace: ${b.trace.absent ? 'no' : n} event${n === 1 && !b.trace.absent ? '' : 's'} ${b.trace.events.map((x) => [x['component'], x['type']].filter((v) => v !== undefined).map(String).join(' ')).join(b.trace.absent ? ' / ' : ', ')}${b.trace.absent ? '' : (b.trace.ordered ?? true) && n > 1 ? ' in order' : ''}`;
  }
  return `node ${b.node.name} ${b.node.registered === false ? 'not registered' : 'registered'}`;
}

export async function checkExpectation(ctx: RunContext, e: Expectation | ExpectationBody): Promise<ExpectationResult> {
  const b = e as ExpectationBody;
  try {
    if ('object' in b) return await checkObject(ctx, b.object);
    if ('csr' in b) return await checkCsr(ctx, b.csr);
    if ('certificate' in b) return await checkCertificate(ctx, b.certificate);
    if ('file' in b) return await checkFile(ctx, b.file);
    if ('trace' in b) return checkTrace(ctx, b.trace);
    if ('node' in b) return await checkNode(ctx, b.node);
  } catch (err) {
    return { ok: false, message: `${expectationKind(b)}: ${errorMessage(err)}` };
  }
  return { ok: false, message: `unknown expectation ${JSON.stringify(Object.keys(b).filter((k) => k !== 'source'))}` };
}

export { matchPartial, mismatchText, brief } from './match.js';
export type { MatchResult } from './match.js';
export { checkTraceEvents } from './trace.js';
export { certificateUsages } from './certificate.js';
export { decidingCondition } from './csr.js';
