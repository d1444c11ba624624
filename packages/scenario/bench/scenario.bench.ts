/**
 * `npm run bench:scenario` — the everyday loop (issue 8): how long the article's whole flow takes
 * as one scenario inside the process, as a whole `tlsboot run` process from a cold start, and how
 * long the whole scenario library takes. Not a test: nothing here asserts a time. Every figure
 * is printed beside a baseline measured in the same run (`node -e 0`, `node --import tsx -e 0`).
 *
 *   node --conditions=tlsboot-source --import tsx packages/scenario/bench/scenario.bench.ts [options]
 *     --json            one JSON document instead of the tables
 *     --runs N          in-process runs of the scenario after one warm-up (default 10)
 *     --cold N          cold-start processes (default 5; 0 skips)
 *     --library N       runs of `tlsboot run scenarios/` (default 1; 0 skips)
 *     --scenario FILE   the scenario (default scenarios/article/00-whole-flow.yaml)
 *
 * (a) in-process: loadScenarioFile + runScenario — what `tlsboot run` calls — with the split of
 *     where the time goes: set-up (control plane, objects, nodes), each step, close; and, apart,
 *     the control plane's start + stop alone and the key generation it does.
 * (b) cold start: `node packages/cli/bin/tlsboot.mjs run FILE`, i.e. `npx tlsboot run FILE`
 *     without npx's own start-up (the bin runs the compiled dist when it is up to date, the
 *     sources through tsx otherwise: `mode` says which).
 * (c) the library: `tlsboot run scenarios/ -o summary`, wall ms, and the 5 slowest scenarios.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { generateKeyPair } from '@tlsboot/pki';
import { loadScenarioFile, runScenario, startControlPlane, type TraceEvent } from '@tlsboot/scenario';
import { VirtualClock, defaultVirtualClockStart, median, quantile } from '@tlsboot/util';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const bin = join(root, 'packages/cli/bin/tlsboot.mjs');

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    runs: { type: 'string', default: '10' },
    cold: { type: 'string', default: '5' },
    library: { type: 'string', default: '1' },
    scenario: { type: 'string', default: 'scenarios/article/00-whole-flow.yaml' },
  },
});
const num = (name: 'runs' | 'cold' | 'library', min: number): number => {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n < min) {
    process.stderr.write(`scenario.bench: --${name} must be an integer ≥ ${min}, got ${String(args[name])}\n`);
    process.exit(2);
  }
  return n;
};
const runs = num('runs', 1);
const coldRuns = num('cold', 0);
const libraryRuns = num('library', 0);
const scenarioFile = resolve(root, args.scenario!);
const log = (line: string): void => void (args.json ? process.stderr : process.stdout).write(`${line}\n`);

const ms = (n: number): number => Math.round(n * 10) / 10;
const stats = (xs: number[]): { medianMs: number; p90Ms: number; minMs: number; maxMs: number } => ({
  medianMs: ms(median(xs)),
  p90Ms: ms(quantile(xs, 0.9)),
  minMs: ms(Math.min(...xs)),
  maxMs: ms(Math.max(...xs)),
});

// (a) in process --------------------------------------------------------------------------------

interface InProcessRun {
  totalMs: number;
  loadMs: number;
  setupMs: number;
  steps: { index: number; action: string; summary: string; ms: number }[];
  closeMs: number;
  passed: boolean;
}

async function oneRun(): Promise<InProcessRun> {
  const t0 = performance.now();
  const scenario = await loadScenarioFile(scenarioFile);
  const t1 = performance.now();
  let firstStep: number | undefined;
  let lastStepEnd = t1;
  const onEvent = (e: TraceEvent): void => {
    if (e.type === 'step.started') firstStep ??= performance.now();
    if (e.type === 'step.finished') lastStepEnd = performance.now();
  };
  const result = await runScenario(scenario, { onEvent });
  const t2 = performance.now();
  if (!result.passed) {
    const failed = result.steps.find((s) => s.outcome === 'failed');
    throw new Error(`${scenario.metadata.name} failed: ${result.setupError ?? `step ${failed?.index}: ${failed?.message}`}`);
  }
  return {
    totalMs: t2 - t0,
    loadMs: t1 - t0,
    setupMs: (firstStep ?? t2) - t1,
    steps: result.steps.map((s) => ({ index: s.index, action: s.action, summary: s.summary, ms: s.realMs })),
    closeMs: t2 - lastStepEnd,
    passed: result.passed,
  };
}

async function controlPlaneAlone(): Promise<{ startMs: number; stopMs: number }> {
  const workdir = await mkdtemp(join(tmpdir(), 'tlsboot-bench-cp-'));
  try {
    const t0 = performance.now();
    const plane = await startControlPlane({ workdir, clock: new VirtualClock({ start: defaultVirtualClockStart }) });
    const t1 = performance.now();
    await plane.stop();
    return { startMs: t1 - t0, stopMs: performance.now() - t1 };
  } finally {
    await rm(workdir, { recursive: true, force: true });
  }
}

async function keyGeneration(n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await generateKeyPair();
    out.push(performance.now() - t);
  }
  return out;
}

// (b), (c) processes -----------------------------------------------------------------------------

function wall(argv: string[]): Promise<{ ms: number; code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, argv, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('exit', (code) => done({ ms: performance.now() - t0, code, stdout, stderr }));
  });
}

async function wallMedian(argv: string[], n: number): Promise<{ medianMs: number; minMs: number; maxMs: number; runs: number[] }> {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = await wall(argv);
    if (r.code !== 0) throw new Error(`${argv.join(' ')} exited ${r.code}: ${r.stderr || r.stdout}`);
    xs.push(r.ms);
  }
  return { medianMs: ms(median(xs)), minMs: ms(Math.min(...xs)), maxMs: ms(Math.max(...xs)), runs: xs.map(ms) };
}

/** What the bin runs: the compiled dist when every package's dist/.tsbuildinfo is newer than its sources (packages/cli/bin/tlsboot.mjs's rule), the sources through tsx otherwise. */
/** What the bin runs now (packages/cli/bin/target.mjs: the bundle, the compiled dist or the sources through tsx). */
async function binMode(): Promise<string> {
  const target = (await import(pathToFileURL(join(root, 'packages/cli/bin/target.mjs')).href)) as { freshTarget(): string };
  return target.freshTarget();
}

// main ------------------------------------------------------------------------------------------

const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '?', loadavg: loadavg().map((l) => Math.round(l * 100) / 100), node: process.version };
log(`scenario bench: ${args.scenario}; ${machine.cpus} × ${machine.cpuModel}; load ${machine.loadavg.join(' ')}; node ${machine.node}`);

await oneRun(); // warm-up: module graph, JIT
const inProcess: InProcessRun[] = [];
for (let i = 0; i < runs; i++) inProcess.push(await oneRun());
const planes: { startMs: number; stopMs: number }[] = [];
for (let i = 0; i < Math.min(runs, 5); i++) planes.push(await controlPlaneAlone());
const keys = await keyGeneration(5);

const stepCount = inProcess[0]!.steps.length;
const stepSplit = Array.from({ length: stepCount }, (_, i) => {
  const s = inProcess[0]!.steps[i]!;
  return { index: s.index, action: s.action, summary: s.summary, medianMs: ms(median(inProcess.map((r) => r.steps[i]!.ms))) };
});
const a = {
  runs,
  total: stats(inProcess.map((r) => r.totalMs)),
  split: {
    loadMs: ms(median(inProcess.map((r) => r.loadMs))),
    setupMs: ms(median(inProcess.map((r) => r.setupMs))),
    stepsMs: ms(median(inProcess.map((r) => r.steps.reduce((t, s) => t + s.ms, 0)))),
    closeMs: ms(median(inProcess.map((r) => r.closeMs))),
    steps: stepSplit,
  },
  controlPlaneAlone: { startMs: ms(median(planes.map((p) => p.startMs))), stopMs: ms(median(planes.map((p) => p.stopMs))) },
  keyGenerationMs: ms(median(keys)),
  targetMs: 300,
};
log(`\n(a) in process, ${runs} runs after a warm-up: median ${a.total.medianMs} ms, p90 ${a.total.p90Ms} ms (min ${a.total.minMs}, max ${a.total.maxMs}); target < 300 ms → ${(a.total.medianMs / 300).toFixed(2)}× the target`);
log(`    load ${a.split.loadMs} ms · set-up ${a.split.setupMs} ms · steps ${a.split.stepsMs} ms · close ${a.split.closeMs} ms`);
log(`    control plane alone (apiserver + CA + admin/kcm certs + kcm, on a virtual clock): start ${a.controlPlaneAlone.startMs} ms, stop ${a.controlPlaneAlone.stopMs} ms; one key pair ${a.keyGenerationMs} ms`);
for (const s of [...stepSplit].sort((x, y) => y.medianMs - x.medianMs).slice(0, 8)) log(`    step ${String(s.index).padStart(2)} ${s.action.padEnd(14)} ${String(s.medianMs).padStart(7)} ms  ${s.summary.slice(0, 70)}`);

let b: Record<string, unknown> | undefined;
if (coldRuns > 0) {
  const nodeBare = await wallMedian(['-e', '0'], coldRuns);
  const nodeTsx = await wallMedian(['--import', 'tsx', '-e', '0'], coldRuns);
  const version = await wallMedian([bin, '--version'], coldRuns);
  const run = await wallMedian([bin, 'run', args.scenario!, '-o', 'summary'], coldRuns);
  const mode = await binMode();
  b = {
    runs: coldRuns,
    mode,
    nodeBare,
    nodeTsx,
    tlsbootVersion: version,
    tlsbootRun: run,
    ratioToNode: ms(run.medianMs / nodeBare.medianMs),
    ratioToTsx: ms(run.medianMs / nodeTsx.medianMs),
    targetMs: 1500,
  };
  log(`\n(b) cold start, ${coldRuns} processes each (bin runs ${mode}):`);
  log(`    node -e 0                 ${nodeBare.medianMs} ms`);
  log(`    node --import tsx -e 0    ${nodeTsx.medianMs} ms`);
  log(`    tlsboot --version         ${version.medianMs} ms  (${(version.medianMs / nodeBare.medianMs).toFixed(1)}× node)`);
  log(`    tlsboot run ${args.scenario}  ${run.medianMs} ms  (${(run.medianMs / nodeBare.medianMs).toFixed(1)}× node, ${(run.medianMs / nodeTsx.medianMs).toFixed(1)}× tsx); target < 1500 ms → ${(run.medianMs / 1500).toFixed(2)}× the target`);
}

let c: Record<string, unknown> | undefined;
if (libraryRuns > 0) {
  const walls: number[] = [];
  let perScenario: { name: string; passed: boolean; seconds: number }[] = [];
  for (let i = 0; i < libraryRuns; i++) {
    const r = await wall([bin, 'run', 'scenarios/', '-o', 'summary']);
    walls.push(r.ms);
    perScenario = [...r.stdout.matchAll(/^(PASS|FAIL) ([^ :]+)(?: \(\d+ steps, ([\d.]+) s\))?/gm)].map((m) => ({ name: m[2]!, passed: m[1] === 'PASS', seconds: Number(m[3] ?? NaN) }));
    if (r.code !== 0) log(`    (the library run exited ${r.code}: ${perScenario.filter((s) => !s.passed).length} failed)`);
  }
  const slowest = perScenario.filter((s) => Number.isFinite(s.seconds)).sort((x, y) => y.seconds - x.seconds).slice(0, 5);
  c = { runs: libraryRuns, wallMs: ms(median(walls)), scenarios: perScenario.length, failed: perScenario.filter((s) => !s.passed).map((s) => s.name), slowest, targetMs: 30_000 };
  log(`\n(c) the library, ${libraryRuns} run(s): ${perScenario.length} scenarios in ${ms(median(walls))} ms wall; target < 30 s → ${(median(walls) / 30_000).toFixed(2)}× the target`);
  for (const s of slowest) log(`    ${s.seconds.toFixed(1).padStart(5)} s  ${s.name}`);
}

if (args.json) process.stdout.write(`${JSON.stringify({ machine, scenario: args.scenario, inProcess: a, coldStart: b, library: c }, null, 2)}\n`);
