// Narration as it happens (`tlsboot up`, `join`, `tour`): the lines of narrationLines (narrate.ts),
// printed once they can no longer change, as the trace grows — without the background requests
// the concise narration folds (lists, watches, reads, heartbeats, controller-manager upkeep), which
// are counted in one line per phase, unless `verbose`.
import { createColors } from 'picocolors';
import type { TraceEvent } from '../trace/trace-event.js';
import { backgroundRequestSeqs, narrationLines } from './narrate.js';
import type { NarrateOptions, NarrationLine } from './narrate.js';

export interface LiveNarratorOptions extends NarrateOptions {
  /** Where the narrated text goes, a line (or a phase heading) at a time. */
  write: (text: string) => void;
  /**
   * How long a request may wait for its response before the lines after it are printed anyway
   * (a request that never gets one must not hold the narration back); default 2000 ms of wall time.
   */
  openRequestMs?: number;
  /** How long to gather events before narrating them; default 100 ms. */
  batchMs?: number;
}

export interface LiveNarrator {
  /** Give it every trace event as it happens (TraceCollector.subscribe, RunOptions.onEvent). */
  push(event: TraceEvent): void;
  /** Narrates everything pushed so far, open requests included; call once at the end. */
  end(): void;
}

/**
 * Narration as it happens (`tlsboot up`, `join`, `run`): the same lines as `narrate`, printed once
 * they can no longer change — a request's line only when its response is in, folded reads when
 * the next meaningful line comes. Events are gathered for `batchMs` and narrated together; each
 * batch re-reads the whole trace (narrationLines), so a long-running `up` pays O(events) per batch.
 */
export function liveNarrator(options: LiveNarratorOptions): LiveNarrator {
  const c = createColors(options.color ?? false);
  const paint = { info: (s: string) => s, ok: c.green, fail: c.red, step: c.bold, muted: c.dim };
  const openMs = options.openRequestMs ?? 2000;
  const events: TraceEvent[] = [];
  /** request id → [seq of request.received, wall time it arrived] while no response was seen */
  const open = new Map<string, [number, number]>();
  let printed = 0;
  let phase: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** background requests not shown since the last count line, and where the last one was */
  let hidden = 0;
  let hiddenLast: NarrationLine | undefined;
  const write = (l: NarrationLine): void => {
    if (l.phase !== phase) {
      options.write(`${phase === undefined ? '' : '\n'}${c.bold(c.cyan(`== ${l.phase} ==`))}\n`);
      phase = l.phase;
    }
    const time = options.times === false ? '' : `${c.dim(l.time.slice(11, 23))} `;
    options.write(`${time}${c.magenta(l.source.padEnd(24))} ${paint[l.tone](l.text)}\n`);
  };
  const writeHidden = (): void => {
    if (hidden === 0 || !hiddenLast) return;
    write({ ...hiddenLast, text: `(${hidden} background request${hidden === 1 ? '' : 's'} not shown: lists, watches, reads, heartbeats, controller-manager upkeep; --verbose shows them)`, tone: 'muted' });
    hidden = 0;
  };
  const print = (final: boolean): void => {
    timer = undefined;
    const now = Date.now();
    let stable = Number.POSITIVE_INFINITY;
    if (!final) for (const [seq, at] of open.values()) if (now - at < openMs) stable = Math.min(stable, seq);
    const lines = narrationLines(events);
    // the fold line narrationLines ends with is only a count so far: wait for the line that closes it
    const last = lines.at(-1);
    if (!final && last && last.seq === events.at(-1)?.seq && last.tone === 'muted' && last.text.endsWith('requests folded)')) lines.pop();
    const background = options.verbose ? undefined : backgroundRequestSeqs(events);
    const from = printed;
    for (const l of lines) {
      if (l.seq <= from || l.seq >= stable) continue;
      printed = Math.max(printed, l.seq);
      if (background) {
        if (background.has(l.seq)) {
          hidden++;
          hiddenLast = l;
          continue;
        }
        if (l.tone === 'muted' && l.text.endsWith('requests folded)')) {
          hidden += [...l.text.matchAll(/(\d+) \w+/g)].reduce((n, m) => n + Number(m[1]), 0);
          hiddenLast = l;
          continue;
        }
        if (l.phase !== phase) writeHidden();
      }
      write(l);
    }
    if (final) writeHidden();
  };
  return {
    push(event) {
      events.push(event);
      if (event.component === 'kube-apiserver') {
        if (event.type === 'request.received') open.set(event.requestId, [event.seq, Date.now()]);
        else if (event.type === 'request.responded') open.delete(event.requestId);
      }
      timer ??= setTimeout(() => print(false), options.batchMs ?? 100);
    },
    end() {
      if (timer) clearTimeout(timer);
      print(true);
    },
  };
}
