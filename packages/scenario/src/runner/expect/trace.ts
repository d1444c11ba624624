// `trace` expectations: each expected event is a partial event (match.ts) looked for in the
// run's trace so far. `ordered` (default true): each one after the event the previous one matched,
// taking the earliest match each time; `absent: true`: none of them occurs at all; `count: n`:
// each of them occurs exactly n times (how a scenario says "signed once").
import type { ExpectationBody } from '../../format/types.js';
import type { TraceEvent } from '../../trace/trace-event.js';
import type { RunContext } from '../run-context.js';
import type { ExpectationResult } from './index.js';
import { brief, matchPartial } from './match.js';

export type TraceExpectation = Extract<ExpectationBody, { trace: unknown }>['trace'];

export function checkTrace(ctx: RunContext, e: TraceExpectation): ExpectationResult {
  return checkTraceEvents(ctx.trace.events, e);
}

/** The check on a list of events (pure). */
export function checkTraceEvents(events: readonly TraceEvent[], e: TraceExpectation): ExpectationResult {
  const matches = (expected: Record<string, unknown>, from = 0) => events.findIndex((ev, i) => i >= from && matchPartial(expected, ev).ok);
  if (e.absent) {
    for (const expected of e.events) {
      const i = matches(expected);
      if (i >= 0) return { ok: false, message: `trace: event #${events[i]!.seq} ${describe(events[i]!)} matches ${brief(expected)}, expected none` };
    }
    return { ok: true, message: `trace: no event matches ${e.events.map((x) => brief(x)).join(' or ')} so far` };
  }
  if (e.count !== undefined) {
    for (const expected of e.events) {
      const found = events.filter((ev) => matchPartial(expected, ev).ok);
      if (found.length !== e.count) {
        const seqs = found.length > 0 ? ` (#${found.map((ev) => ev.seq).join(', #')})` : '';
        return { ok: false, message: `trace: ${found.length} event${found.length === 1 ? '' : 's'} match ${brief(expected)}${seqs}, expected ${e.count}` };
      }
    }
    return { ok: true, message: `trace: each of ${e.events.map((x) => brief(x)).join(', ')} occurs ${e.count} time${e.count === 1 ? '' : 's'}` };
  }
  const ordered = e.ordered ?? true;
  let from = 0;
  const seqs: number[] = [];
  for (const [n, expected] of e.events.entries()) {
    const i = matches(expected, ordered ? from : 0);
    if (i < 0) {
      const anywhere = ordered && n > 0 ? matches(expected) : -1;
      const where = anywhere >= 0 ? ` after #${seqs[seqs.length - 1]} (the match of the event before it); #${events[anywhere]!.seq} matches but comes earlier` : '';
      return { ok: false, message: `trace: no event matches ${brief(expected)}${where}${where ? '' : ` (${events.length} events)`}` };
    }
    seqs.push(events[i]!.seq);
    from = i + 1;
  }
  return { ok: true, message: `trace: ${e.events.length} event${e.events.length === 1 ? '' : 's'} found${ordered && e.events.length > 1 ? ' in order' : ''}` };
}

function describe(e: TraceEvent): string {
  return `${e.component} ${e.type}`;
}
