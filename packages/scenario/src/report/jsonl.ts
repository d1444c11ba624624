// JSON lines: one trace event per line, keys in a stable order — `seq`, `time`, `component`,
// `type` first, then the rest sorted (nested objects too), so two runs that produced the same
// events produce the same bytes whatever order the emitters built their objects in.
import type { TraceEvent } from '../trace/trace-event.js';

const leading = ['seq', 'time', 'component', 'type'];

function ordered(value: unknown, top: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => ordered(v, false));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined);
  const first = top ? leading.filter((k) => keys.includes(k)) : [];
  const rest = keys.filter((k) => !first.includes(k)).sort();
  const out: Record<string, unknown> = {};
  for (const k of [...first, ...rest]) out[k] = ordered(obj[k], false);
  return out;
}

/** One event as a JSON object with the stable key order. */
export function eventJson(event: TraceEvent): string {
  return JSON.stringify(ordered(event, true));
}

/** Every event, one JSON object per line, each line ending in `\n`. */
export function renderJsonLines(events: readonly TraceEvent[]): string {
  return events.map((e) => `${eventJson(e)}\n`).join('');
}

/** Reads JSON lines back (blank lines skipped); a line that is not JSON names its number. */
export function parseJsonLines(text: string): TraceEvent[] {
  const out: TraceEvent[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      out.push(JSON.parse(line) as TraceEvent);
    } catch (err) {
      throw new Error(`trace line ${i + 1}: ${(err as Error).message}`);
    }
  });
  return out;
}
