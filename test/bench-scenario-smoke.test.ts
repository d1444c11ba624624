// Smoke test of `npm run bench:scenario` (packages/scenario/bench/scenario.bench.ts): one
// in-process run of the article's whole flow (scenarios/article/00-whole-flow.yaml) after the
// warm-up, one cold `tlsboot run` process, no library run. The scenario must pass every time (the
// bench throws otherwise); no timing is asserted — only that the figures came out.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runSource } from './support/run-source.js';
import type { SourceRun } from './support/run-source.js';

const bench = 'packages/scenario/bench/scenario.bench.ts';

interface BenchJson {
  inProcess: { runs: number; total: { medianMs: number; p90Ms: number }; split: { setupMs: number; stepsMs: number; closeMs: number; steps: { action: string; medianMs: number }[] }; controlPlaneAlone: { startMs: number } };
  coldStart?: { mode: string; nodeBare: { medianMs: number }; nodeTsx: { medianMs: number }; tlsbootRun: { medianMs: number } };
  library?: unknown;
}

function runBench(args: string[]): Promise<SourceRun> {
  return runSource(bench, args);
}

test('bench-scenario smoke: the whole flow passes in process and as a cold `tlsboot run`, and every figure is a number', async () => {
  const r = await runBench(['--json', '--runs', '1', '--cold', '1', '--library', '0']);
  assert.is(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as BenchJson;
  assert.is(out.inProcess.runs, 1);
  assert.is(out.inProcess.split.steps.length, 17, 'the 17 steps of 00-whole-flow.yaml');
  const figures = [out.inProcess.total.medianMs, out.inProcess.total.p90Ms, out.inProcess.split.setupMs, out.inProcess.split.stepsMs, out.inProcess.controlPlaneAlone.startMs];
  for (const n of figures) assert.ok(Number.isFinite(n) && n > 0, String(n));
  assert.ok(out.coldStart, 'cold start measured');
  assert.ok(['bundle', 'dist', 'tsx'].includes(out.coldStart.mode), out.coldStart.mode);
  for (const n of [out.coldStart.nodeBare.medianMs, out.coldStart.nodeTsx.medianMs, out.coldStart.tlsbootRun.medianMs]) assert.ok(Number.isFinite(n) && n > 0, String(n));
  assert.is(out.library, undefined, '--library 0 skips the library');
});

test.run();
