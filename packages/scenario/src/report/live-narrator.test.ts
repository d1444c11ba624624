// liveNarrator: the narration of `tlsboot up` / `join` / `tour` as events arrive — every line of
// narrationLines under its phase heading, printed in pieces that never need taking back (verbose),
// or without the background requests, counted per phase (the default).
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { TraceEvent } from '../trace/trace-event.js';
import { liveNarrator } from './live-narrator.js';
import { narrationLines } from './narrate.js';
import { articleFlow, failingRun } from './testdata/fixture.js';

/** The whole narration at once, as the live one must end up: a heading per phase, `time source text` lines. */
function narrate(events: readonly TraceEvent[]): string {
  const out: string[] = [];
  let phase: string | undefined;
  for (const l of narrationLines(events)) {
    if (l.phase !== phase) out.push(...(phase === undefined ? [] : ['']), `== ${(phase = l.phase)} ==`);
    out.push(`${l.time.slice(11, 23)} ${l.source.padEnd(24)} ${l.text}`);
  }
  return out.map((l) => `${l}\n`).join('');
}

function collect() {
  let text = '';
  return { write: (s: string) => void (text += s), text: () => text };
}

for (const [name, events] of [['the article flow', articleFlow], ['a failing run', failingRun]] as const) {
  test(`liveNarrator: ${name} pushed one event at a time and ended gives every narration line, in order, under its phase`, () => {
    const out = collect();
    const live = liveNarrator({ verbose: true, write: out.write, batchMs: 10_000 });
    for (const e of events) live.push(e);
    live.end();
    assert.is(out.text(), narrate(events));
  });
}

test('liveNarrator: printed in batches as the trace grows, every piece is a prefix of the final narration', async () => {
  const whole = narrate(articleFlow);
  const out = collect();
  const live = liveNarrator({ verbose: true, write: out.write, batchMs: 1, openRequestMs: 60_000 });
  const cut = [Math.floor(articleFlow.length / 3), Math.floor((2 * articleFlow.length) / 3), articleFlow.length];
  let from = 0;
  const seen: string[] = [];
  for (const to of cut) {
    for (const e of articleFlow.slice(from, to)) live.push(e);
    from = to;
    await sleep(20);
    seen.push(out.text());
    assert.ok(whole.startsWith(out.text()), `a prefix after ${to} events`);
  }
  live.end();
  assert.is(out.text(), whole);
  assert.ok(seen[0]!.length > 0 && seen[0]!.length < seen[1]!.length, 'the first batch printed something, the second more');
});

test('liveNarrator: a request without its response holds back the lines after it until openRequestMs, then they print', async () => {
  const i = articleFlow.findIndex((e) => e.type === 'request.received' && e.method === 'POST');
  const received = articleFlow[i]!;
  const responded = articleFlow.findIndex((e, j) => j > i && e.type === 'request.responded' && 'requestId' in e && 'requestId' in received && e.requestId === received.requestId);
  assert.ok(responded > i);
  const out = collect();
  const live = liveNarrator({ verbose: true, write: out.write, batchMs: 1, openRequestMs: 200 });
  for (const e of articleFlow.slice(0, responded)) live.push(e);
  await sleep(20);
  const before = out.text();
  assert.not.match(before, `POST ${'path' in received ? received.path : ''}`);
  // another event after the open request's deadline lets the narration pass it
  await sleep(250);
  live.push(articleFlow[responded]!);
  await sleep(20);
  assert.ok(out.text().length > before.length);
  live.end();
});

test('liveNarrator (default): the verbose lines minus the background requests, which are counted once per phase', () => {
  const out = collect();
  const live = liveNarrator({ write: out.write, batchMs: 10_000 });
  for (const e of articleFlow) live.push(e);
  live.end();
  const verbose = new Set(narrate(articleFlow).split('\n'));
  const lines = out.text().split('\n').filter((l) => l !== '');
  const counts = lines.filter((l) => /\(\d+ background requests? not shown: .*--verbose shows them\)$/.test(l));
  assert.ok(counts.length > 0, 'background requests are counted');
  for (const l of lines) if (!counts.includes(l)) assert.ok(verbose.has(l), `a line of the verbose narration: ${l}`);
  assert.not.ok(lines.some((l) => /requests folded\)$/.test(l)), 'no fold lines of the verbose form');
  assert.not.ok(lines.some((l) => /→ (get|update) leases/.test(l)), 'no lease heartbeats');
  const hidden = counts.reduce((n, l) => n + Number(/\((\d+) background/.exec(l)![1]), 0);
  assert.ok(hidden >= 10, `a run's worth of background requests counted: ${hidden}`);
  assert.ok(lines.length < narrate(articleFlow).split('\n').length, 'shorter than the verbose narration');
});

test.run();
