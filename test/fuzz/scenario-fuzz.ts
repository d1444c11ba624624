// The scenario-file fuzz harness (issue 9 §2): seeded mutations (scenario-mutations.ts) of every
// scenario in scenarios/ are written to a copy of the library and loaded with loadScenarioFile
// (packages/scenario/src/format/load.ts). Each must give either a ScenarioError whose every
// problem names the file, a line and column inside it and a message (a field path unless it is a
// YAML syntax error or about the document itself), or a valid scenario. Up to `run` valid ones
// then run (runScenario, virtual clock, a time limit) and must return a result; afterwards no
// work directory is left and process.getActiveResourcesInfo() is back to its baseline.
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenarioFile, loadScenarioFiles, runScenario, ScenarioError } from '@tlsboot/scenario';
import type { Scenario } from '@tlsboot/scenario';
import { SeededRandom } from '@tlsboot/util';
import fc from 'fast-check';
import { mutateScenario, mutationKinds, type Mutation, type MutationKind } from './scenario-mutations.js';

export interface ScenarioFuzzOptions {
  mutations: number;
  seed: number;
  /** How many valid mutants to run. */
  run: number;
  /** Time limit of one run (real ms); the run is interrupted through RunOptions.signal. */
  runTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface FuzzProblem {
  mutation: string;
  source: string;
  what: string;
}

export interface ScenarioFuzzReport {
  mutations: number;
  byKind: Record<string, { loadErrors: number; valid: number }>;
  loadErrorsByClass: Record<string, number>;
  valid: number;
  run: number;
  passed: number;
  failed: number;
  interrupted: number;
  slowestLoadMs: number;
  problems: FuzzProblem[];
  realMs: number;
}

const library = fileURLToPath(new URL('../../scenarios', import.meta.url));

/** The class of a load error, from its first problem's message. */
export function errorClass(message: string): string {
  if (message.startsWith('YAML:')) return 'yaml syntax';
  if (message.startsWith('unknown field')) return 'unknown field';
  if (message.startsWith('missing required field')) return 'missing field';
  if (/is not a duration|invalid duration/.test(message)) return 'duration';
  if (/^expected /.test(message)) return 'wrong type';
  if (/is not one of|^must be ("|true|false)/.test(message)) return 'enum';
  if (/exactly one/.test(message)) return 'exactly one of';
  if (/tokens\.|token "|no node|node "|names no|not a node|component/.test(message)) return 'reference';
  if (/^file "/.test(message)) return 'object file';
  if (/is not a|does not match/.test(message)) return 'pattern';
  if (/must be at (least|most)|longer than|must not be empty|at least \d+ item/.test(message)) return 'bounds';
  return 'other';
}

/** What is wrong with a load error, or undefined when it is a clear one. */
function badError(err: unknown, file: string, lineCount: number): string | undefined {
  if (!(err instanceof ScenarioError)) return `unhandled ${(err as Error)?.constructor?.name ?? typeof err}: ${String((err as Error)?.message ?? err).slice(0, 200)}`;
  if (err.code !== 'SCENARIO_INVALID') return `ScenarioError with code ${err.code}`;
  if (err.problems.length === 0) return 'ScenarioError without problems';
  for (const p of err.problems) {
    const at = `${p.line}:${p.column} ${p.path}: ${p.message.slice(0, 160)}`;
    if (p.file !== file) return `problem names file ${p.file}, not ${file}`;
    if (!Number.isInteger(p.line) || !Number.isInteger(p.column) || p.line < 1 || p.column < 1 || p.line > lineCount + 1) return `problem without a location inside the file: ${at}`;
    if (p.message.trim() === '') return `problem without a message: ${at}`;
    if (/undefined|\[object Object\]/.test(p.message)) return `unclear message: ${at}`;
    const documentLevel = p.message.startsWith('YAML:') || /^(missing required field "(apiVersion|kind|metadata|spec)"|expected a map|cannot read)/.test(p.message);
    if (p.path === '' && !documentLevel) return `problem without a field path: ${at}`;
  }
  return undefined;
}

/** A valid scenario must come out with finite, non-negative durations. */
function badScenario(s: Scenario): string | undefined {
  const check = (what: string, ms: number | undefined): string | undefined =>
    ms === undefined || (Number.isFinite(ms) && ms >= 0) ? undefined : `valid scenario with ${what} = ${ms}`;
  for (const [i, step] of s.spec.steps.entries()) {
    const st = step as unknown as Record<string, Record<string, unknown> | undefined>;
    const found =
      check(`steps[${i}].advance`, st['advance']?.['ms'] as number | undefined) ??
      check(`steps[${i}].waitFor.timeout`, st['waitFor']?.['timeoutMs'] as number | undefined) ??
      check(`steps[${i}].createToken.ttl`, st['createToken']?.['ttlMs'] as number | undefined) ??
      (st['setClock'] && !Number.isFinite(st['setClock']['atMs']) ? `valid scenario with steps[${i}].setClock = NaN` : undefined);
    if (found) return found;
  }
  if (!Number.isSafeInteger(s.spec.seed)) return `valid scenario with seed ${s.spec.seed}`;
  return undefined;
}

function resourceCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of process.getActiveResourcesInfo()) counts.set(r, (counts.get(r) ?? 0) + 1);
  return counts;
}

function extraResources(baseline: Map<string, number>): string[] {
  const extra: string[] = [];
  for (const [type, n] of resourceCounts()) if (n > (baseline.get(type) ?? 0)) extra.push(`${n - (baseline.get(type) ?? 0)} × ${type}`);
  return extra;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function fuzzScenarios(options: ScenarioFuzzOptions): Promise<ScenarioFuzzReport> {
  const t0 = performance.now();
  const log = options.log ?? (() => undefined);
  const runTimeoutMs = options.runTimeoutMs ?? 60_000;
  const root = await mkdtemp(join(tmpdir(), 'tlsboot-fuzz-scenarios-'));
  const copy = join(root, 'scenarios');
  const runTmp = join(root, 'tmp');
  await cp(library, copy, { recursive: true });
  await mkdir(runTmp);
  const savedTmp = process.env['TMPDIR'];
  const report: ScenarioFuzzReport = { mutations: 0, byKind: {}, loadErrorsByClass: {}, valid: 0, run: 0, passed: 0, failed: 0, interrupted: 0, slowestLoadMs: 0, problems: [], realMs: 0 };
  try {
    const sources = (await loadScenarioFiles([copy])).map((s) => s.file);
    const texts = await Promise.all(sources.map((f) => readFile(f, 'utf8')));
    const plan = fc.sample(fc.record({ source: fc.nat(sources.length - 1), kind: fc.constantFrom(...mutationKinds), seed: fc.nat() }), { seed: options.seed, numRuns: options.mutations });
    const valid: { scenario: Scenario; mutation: Mutation; source: string }[] = [];
    for (const kind of mutationKinds) report.byKind[kind] = { loadErrors: 0, valid: 0 };

    for (const [n, p] of plan.entries()) {
      const source = sources[p.source]!;
      const name = relative(copy, source);
      const mutation = mutateScenario(texts[p.source]!, p.kind as MutationKind, new SeededRandom(p.seed));
      const mutant = join(dirname(source), 'fuzz-mutant.yaml');
      await writeFile(mutant, mutation.bytes);
      const lineCount = mutation.bytes.toString('utf8').split('\n').length;
      const problem = (what: string): void => {
        report.problems.push({ mutation: `${mutation.description} (seed ${p.seed})`, source: name, what });
        log(`problem: ${name}: ${mutation.description}: ${what}`);
      };
      report.mutations++;
      const l0 = performance.now();
      try {
        const scenario = await loadScenarioFile(mutant);
        report.valid++;
        report.byKind[mutation.kind]!.valid++;
        const bad = badScenario(scenario);
        if (bad) problem(bad);
        else valid.push({ scenario, mutation: { ...mutation, description: `${mutation.description} (seed ${p.seed})` }, source: name });
      } catch (err) {
        report.byKind[mutation.kind]!.loadErrors++;
        const bad = badError(err, mutant, lineCount);
        if (bad) problem(bad);
        else {
          const cls = errorClass((err as ScenarioError).problems[0]!.message);
          report.loadErrorsByClass[cls] = (report.loadErrorsByClass[cls] ?? 0) + 1;
        }
      }
      const loadMs = performance.now() - l0;
      report.slowestLoadMs = Math.max(report.slowestLoadMs, loadMs);
      if (loadMs > 20_000) problem(`load took ${Math.round(loadMs)} ms`);
      if ((n + 1) % 500 === 0) log(`${n + 1} mutations loaded, ${report.valid} valid, ${report.problems.length} problems`);
    }

    // run a spread of the valid ones: one per mutation kind in turn, virtual clock only
    const byKind = new Map<string, typeof valid>();
    for (const v of valid) if (v.scenario.spec.clock.mode === 'virtual') byKind.set(v.mutation.kind, [...(byKind.get(v.mutation.kind) ?? []), v]);
    const toRun: typeof valid = [];
    for (let round = 0; toRun.length < options.run && [...byKind.values()].some((l) => l.length > round); round++) {
      for (const list of byKind.values()) if (list[round] && toRun.length < options.run) toRun.push(list[round]!);
    }
    process.env['TMPDIR'] = runTmp;
    await sleep(50);
    const baseline = resourceCounts();
    for (const v of toRun) {
      const problem = (what: string): void => {
        report.problems.push({ mutation: v.mutation.description, source: v.source, what });
        log(`problem: ${v.source}: ${v.mutation.description}: ${what}`);
      };
      const controller = new AbortController();
      const limit = setTimeout(() => controller.abort('time limit'), runTimeoutMs);
      let hang: NodeJS.Timeout | undefined;
      try {
        const result = await Promise.race([
          runScenario(v.scenario, { signal: controller.signal }),
          new Promise<'hang'>((resolve) => (hang = setTimeout(() => resolve('hang'), runTimeoutMs + 30_000))),
        ]);
        report.run++;
        if (result === 'hang') problem(`runScenario did not return ${runTimeoutMs + 30_000} ms after its time limit`);
        else if (result.interrupted) report.interrupted++;
        else if (result.passed) report.passed++;
        else {
          report.failed++;
          const failed = result.steps.find((s) => s.outcome === 'failed');
          const message = result.setupError ?? failed?.message;
          if (!message) problem('failed without a message');
        }
        log(`ran ${v.source} (${v.mutation.description.slice(0, 80)}): ${result === 'hang' ? 'hang' : result.interrupted ? 'interrupted' : result.passed ? 'passed' : 'failed'}`);
      } catch (err) {
        report.run++;
        problem(`runScenario threw ${(err as Error)?.constructor?.name}: ${String((err as Error)?.message ?? err).slice(0, 200)}`);
      } finally {
        clearTimeout(limit);
        clearTimeout(hang);
      }
      const left = await readdir(runTmp);
      if (left.length > 0) {
        problem(`work directory left behind: ${left.join(', ')}`);
        for (const d of left) await rm(join(runTmp, d), { recursive: true, force: true });
      }
      let extra = extraResources(baseline);
      for (let i = 0; i < 40 && extra.length > 0; i++) {
        await sleep(50);
        extra = extraResources(baseline);
      }
      if (extra.length > 0) problem(`open handles after the run: ${extra.join(', ')}`);
    }
  } finally {
    if (savedTmp === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = savedTmp;
    await rm(root, { recursive: true, force: true });
  }
  report.realMs = performance.now() - t0;
  return report;
}

export function renderScenarioFuzzReport(r: ScenarioFuzzReport): string {
  const out: string[] = [];
  out.push(`mutations: ${r.mutations} (slowest load ${Math.round(r.slowestLoadMs)} ms)`);
  out.push('by kind (load errors / valid):');
  for (const [kind, c] of Object.entries(r.byKind)) out.push(`  ${kind.padEnd(18)} ${String(c.loadErrors).padStart(5)} / ${c.valid}`);
  out.push('load errors by class (first problem):');
  for (const [cls, n] of Object.entries(r.loadErrorsByClass).sort((a, b) => b[1] - a[1])) out.push(`  ${cls.padEnd(18)} ${n}`);
  out.push(`valid: ${r.valid}; run: ${r.run} — passed ${r.passed}, failed ${r.failed}, interrupted at the time limit ${r.interrupted}`);
  out.push(`problems: ${r.problems.length}`);
  for (const p of r.problems) out.push(`  ${p.source}: ${p.mutation}: ${p.what}`);
  out.push(`time: ${(r.realMs / 1000).toFixed(1)} s`);
  return out.join('\n');
}
