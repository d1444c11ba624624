// The scenario commands: `tlsboot run`, `validate`, `list`, `explain` (issue 7). Exit codes:
// 0 every scenario passed (or is valid), 1 an expectation failed or a golden trace differs,
// 2 invalid input (a scenario file that does not load; usage).
import { mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidArgumentError, type Command } from 'commander';
import {
  ScenarioError,
  checkGolden,
  colorWanted,
  explainScenario,
  loadScenarioFiles,
  narrate,
  renderHtml,
  renderJUnit,
  renderJsonLines,
  renderMermaid,
  runScenario,
} from '@tlsboot/scenario';
import type { RunResult, Scenario, TraceEvent } from '@tlsboot/scenario';
import { exitCode, interruptedExitCode, type CliIo } from '../io.js';
import { examples } from '../options.js';

const outputs = ['text', 'summary', 'jsonl', 'mermaid', 'html'] as const;
type Output = (typeof outputs)[number];

/** The scenario library of this checkout (`<repo>/scenarios`), for `tlsboot run` and `list` without paths. */
export function defaultLibrary(cwd: string): string {
  const local = resolve(cwd, 'scenarios');
  if (existsSync(local)) return local;
  return fileURLToPath(new URL('../../../../scenarios', import.meta.url));
}

async function load(io: CliIo, paths: readonly string[]): Promise<Scenario[] | undefined> {
  const targets = paths.length > 0 ? paths.map((p) => resolve(io.cwd, p)) : [defaultLibrary(io.cwd)];
  try {
    return await loadScenarioFiles(targets);
  } catch (err) {
    if (err instanceof ScenarioError) {
      io.stderr.write(`${err.message}\n`);
      return undefined;
    }
    throw err;
  }
}

function outputFormat(value: string): Output {
  if (!(outputs as readonly string[]).includes(value)) throw new InvalidArgumentError(`use one of ${outputs.join(', ')}.`);
  return value as Output;
}

function resultLine(r: RunResult): string {
  const secs = `${(r.realMs / 1000).toFixed(1)} s`;
  if (r.passed) return `PASS ${r.scenario.metadata.name} (${r.steps.length} steps, ${secs})`;
  if (r.setupError) return `FAIL ${r.scenario.metadata.name}: the cluster did not start: ${r.setupError}`;
  const f = r.steps.find((s) => s.outcome === 'failed')!;
  const at = f.failedAt ?? f.source;
  return `FAIL ${r.scenario.metadata.name}: step ${f.index} (${f.summary}) at ${at.file}:${at.line}:${at.column} ${at.path}: ${f.message}`;
}

/** What an interrupted run says: which scenario, where it was, what was cleaned up. */
function interruptedLine(r: RunResult, left: number): string {
  const step = r.steps.find((s) => s.message?.startsWith('interrupted'));
  const where = step ? `at step ${step.index} (${step.name ?? step.summary})` : r.steps.some((s) => s.outcome !== 'skipped') ? 'between steps' : 'while the cluster was starting';
  const files = r.kept ? `the files in ${r.workdir} are kept` : `its work directory ${r.workdir} is removed`;
  return `tlsboot: ${r.interrupted}: scenario ${r.scenario.metadata.name} interrupted ${where}; every component stopped, ${files}${left > 0 ? `; ${left} more scenario${left === 1 ? '' : 's'} not run` : ''}`;
}

/** The flagship scenario `npm start` runs: the article's whole flow, or its kubelet-first-CSR step until that exists. */
export function flagshipScenario(cwd: string): string {
  const library = defaultLibrary(cwd);
  const whole = join(library, 'article', '00-whole-flow.yaml');
  return existsSync(whole) ? whole : join(library, 'article', '06-kubelet-first-csr.yaml');
}

/** How the narration is laid out on this output: colour, every event or the concise form, the terminal's width. */
interface Layout {
  color: boolean;
  verbose: boolean;
  width?: number;
}

function layoutOf(io: CliIo, verbose: boolean): Layout {
  const columns = (io.stdout as { columns?: number }).columns;
  return { color: colorWanted(io.stdout, io.env), verbose, ...(io.stdout.isTTY && columns ? { width: columns } : {}) };
}

function render(format: Output, events: TraceEvent[], layout: Layout): string {
  switch (format) {
    case 'jsonl':
      return renderJsonLines(events);
    case 'mermaid':
      return renderMermaid(events);
    case 'html':
      return renderHtml(events);
    default:
      return narrate(events, layout);
  }
}

interface RunCommandOptions {
  output: Output;
  reportDir?: string;
  junit?: string;
  updateGolden?: boolean;
  golden: boolean;
  keep?: boolean;
  verbose?: boolean;
}

export function scenarioCommands(parent: Command, io: CliIo, setExit: (code: number) => void): void {
  const run = parent
    .command('run')
    .description('run scenario files (or every scenario in the directories given; default: the scenario library) and check their expectations')
    .argument('[paths...]', 'scenario files or directories')
    .option('-o, --output <format>', `what to print: ${outputs.join(', ')}`, outputFormat, 'text' as Output)
    .option('--report-dir <dir>', 'also write <name>.txt, .jsonl, .mmd and .html for every scenario here')
    .option('--junit <file>', 'write a JUnit XML report of all scenarios')
    .option('--update-golden', 'write each scenario\'s golden trace (<name>.trace.golden beside it) from this run')
    .option('--no-golden', 'do not compare with golden traces')
    .option('--keep', 'keep each run\'s work directory (PKI, kubeconfigs, node files) and print where it is')
    .option('-v, --verbose', 'narrate every event (every request, list, watch and heartbeat), not only the ones that matter')
    .action(async (paths: string[], options: RunCommandOptions) => {
      const scenarios = await load(io, paths);
      if (!scenarios) return setExit(exitCode.usage);
      const layout = layoutOf(io, options.verbose === true);
      const all: TraceEvent[] = [];
      let failed = 0;
      // Ctrl-C or SIGTERM: the run in progress stops its components and removes its work dir (unless --keep)
      const stop = io.stopRequests();
      try {
        for (const [i, scenario] of scenarios.entries()) {
          const result = await runScenario(scenario, { keep: options.keep === true, signal: stop.signal });
          all.push(...result.events);
          if (options.output !== 'summary') io.stdout.write(`${render(options.output, result.events, layout).replace(/\n?$/, '\n')}`);
          if (result.interrupted) {
            io.stderr.write(`${interruptedLine(result, scenarios.length - i - 1)}\n`);
            return setExit(interruptedExitCode(result.interrupted));
          }
          let line = resultLine(result);
          if (result.passed && options.golden) {
            const golden = await checkGolden(result, { update: options.updateGolden === true });
            if (golden.status === 'differs') {
              result.passed = false;
              line = `FAIL ${scenario.metadata.name}: the trace differs from ${golden.path} (rerun with --update-golden if the change is intended)\n${golden.diff}`;
            } else if (golden.status === 'updated') line += `; golden trace written to ${golden.path}`;
          }
          if (!result.passed) failed++;
          if (options.keep) line += `; files in ${result.workdir}`;
          (result.passed ? io.stdout : io.stderr).write(`${line}\n`);
          if (options.reportDir) await writeReports(resolve(io.cwd, options.reportDir), scenario.metadata.name, result.events);
        }
      } finally {
        stop.release();
      }
      if (options.junit) await writeFile(resolve(io.cwd, options.junit), renderJUnit(all));
      io.stdout.write(`${scenarios.length - failed} passed, ${failed} failed\n`);
      setExit(failed > 0 ? exitCode.failure : exitCode.ok);
    });
  examples(run, ['tlsboot run scenarios/article/kubelet-first-csr.yaml', 'tlsboot run scenarios/ -o summary --junit junit.xml', 'tlsboot run my-scenario.yaml --report-dir report/ && open report/my-scenario.html']);

  const validate = parent
    .command('validate')
    .description('check scenario files against the format (schema, references, files) without running them')
    .argument('[paths...]', 'scenario files or directories (default: the scenario library)')
    .action(async (paths: string[]) => {
      const scenarios = await load(io, paths);
      if (!scenarios) return setExit(exitCode.usage);
      for (const s of scenarios) io.stdout.write(`ok ${s.file} (${s.metadata.name})\n`);
      setExit(exitCode.ok);
    });
  examples(validate, ['tlsboot validate scenarios/', 'tlsboot validate my-scenario.yaml']);

  const list = parent
    .command('list')
    .description('list the scenarios of the library (or of the paths given) with what each teaches or tests')
    .argument('[paths...]', 'scenario files or directories (default: the scenario library)')
    .action(async (paths: string[]) => {
      const scenarios = await load(io, paths);
      if (!scenarios) return setExit(exitCode.usage);
      const width = Math.max(4, ...scenarios.map((s) => s.metadata.name.length));
      io.stdout.write(`${'NAME'.padEnd(width)}  ${'CATEGORY'.padEnd(16)}  REFERENCES / DESCRIPTION\n`);
      for (const s of scenarios) {
        const refs = (s.spec.references ?? []).map((r) => r.id).join(', ');
        const first = s.spec.description.trim().split(/(?<=\.)\s/)[0] ?? '';
        io.stdout.write(`${s.metadata.name.padEnd(width)}  ${(s.spec.category ?? '').padEnd(16)}  ${refs ? `[${refs}] ` : ''}${first}\n`);
      }
      setExit(exitCode.ok);
    });
  examples(list, ['tlsboot list', 'tlsboot list scenarios/attacks']);

  const explain = parent
    .command('explain')
    .description('say in words what a scenario will do: its cluster, nodes, steps and expectations')
    .argument('<scenario>', 'a scenario file, or the name of a scenario in the library')
    .action(async (target: string) => {
      const byPath = existsSync(resolve(io.cwd, target));
      const scenarios = await load(io, byPath ? [target] : []);
      if (!scenarios) return setExit(exitCode.usage);
      const found = byPath ? scenarios : scenarios.filter((s) => s.metadata.name === target || basename(s.file).replace(/\.ya?ml$/, '') === target);
      if (found.length === 0) {
        io.stderr.write(`tlsboot: no scenario named ${JSON.stringify(target)} in the library (tlsboot list shows them)\n`);
        return setExit(exitCode.usage);
      }
      io.stdout.write(`${found.map((s) => explainScenario(s).join('\n')).join('\n\n')}\n`);
      setExit(exitCode.ok);
    });
  examples(explain, ['tlsboot explain kubelet-first-csr', 'tlsboot explain my-scenario.yaml']);

  const tour = parent
    .command('tour')
    .description('what "npm start" runs: the flagship scenario (the article\'s whole flow), narrated, then what to try next')
    .option('--scenario <file>', 'another scenario to narrate instead')
    .action(async (options: { scenario?: string }) => {
      const file = options.scenario !== undefined ? resolve(io.cwd, options.scenario) : flagshipScenario(io.cwd);
      const scenarios = await load(io, [file]);
      if (!scenarios) return setExit(exitCode.usage);
      const scenario = scenarios[0]!;
      io.stdout.write(`tlsboot: running ${scenario.metadata.name} (${scenario.file}) — ${scenario.spec.description.trim().split(/(?<=\.)\s/)[0] ?? ''}\n\n`);
      const stop = io.stopRequests();
      let result: RunResult;
      try {
        result = await runScenario(scenario, { signal: stop.signal });
      } finally {
        stop.release();
      }
      io.stdout.write(narrate(result.events, layoutOf(io, false)));
      if (result.interrupted) {
        io.stderr.write(`${interruptedLine(result, 0)}\n`);
        return setExit(interruptedExitCode(result.interrupted));
      }
      (result.passed ? io.stdout : io.stderr).write(`\n${resultLine(result)}\n`);
      io.stdout.write(
        [
          '',
          'What next:',
          `  tlsboot list                      the scenario library; tlsboot explain <name> says what one does, in words`,
          `  tlsboot run scenarios/            run them all (or one file; -o html|mermaid|jsonl, --report-dir, --keep)`,
          `  tlsboot up --workdir ./cluster    a live control plane for the real kubectl; then tlsboot token create / tlsboot join node-1 (see --help)`,
          '',
        ].join('\n'),
      );
      setExit(result.passed ? exitCode.ok : exitCode.failure);
    });
  examples(tour, ['npm start', 'tlsboot tour', 'tlsboot tour --scenario scenarios/article/07-serving-csr-manual-approval.yaml']);
}

async function writeReports(dir: string, name: string, events: TraceEvent[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `${name}.txt`), narrate(events, { color: false, verbose: true }));
  await writeFile(join(dir, `${name}.jsonl`), renderJsonLines(events));
  await writeFile(join(dir, `${name}.mmd`), renderMermaid(events));
  await writeFile(join(dir, `${name}.html`), renderHtml(events, { title: name }));
}
