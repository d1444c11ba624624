// The recorded article flow (record.ts), read for the renderer tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TraceEvent } from '../../trace/trace-event.js';
import { parseJsonLines } from '../jsonl.js';

export const articleFlow: TraceEvent[] = parseJsonLines(readFileSync(fileURLToPath(new URL('./article-flow.trace.jsonl', import.meta.url)), 'utf8'));

const t = '2024-01-01T00:00:00.000Z';
/** A small hand-made run with a failed expectation and hostile characters. */
export const failingRun: TraceEvent[] = [
  { seq: 1, component: 'scenario', time: t, type: 'scenario.started', scenario: 'bad <"&\'> run', seed: 1, clock: 'virtual' },
  { seq: 2, component: 'scenario', time: t, type: 'step.started', step: 1, action: 'expect', summary: 'a # b ; c "d" <e>' },
  { seq: 3, component: 'scenario', time: t, type: 'expect.checked', step: 1, check: 'csr <x> & "y"', ok: false, message: 'wanted Approved; got <none> & "Pending"' },
  { seq: 4, component: 'scenario', time: t, type: 'step.finished', step: 1, action: 'expect', ok: false, message: 'expectation failed' },
  { seq: 5, component: 'scenario', time: t, type: 'step.started', step: 2, action: 'approve', summary: 'approve' },
  { seq: 6, component: 'scenario', time: t, type: 'step.finished', step: 2, action: 'approve', ok: false, message: 'no CSR matches <selector>' },
  { seq: 7, component: 'scenario', time: t, type: 'scenario.finished', scenario: 'bad <"&\'> run', passed: false, failed: 1 },
];
