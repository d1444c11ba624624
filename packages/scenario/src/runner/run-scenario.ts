// The scenario runner (issue 7, DESIGN.md "Scenarios"): assembles the cluster a scenario
// describes in this process — each component on its own 127.0.0.1 port, talking real mTLS —
// creates its objects, starts its nodes, then runs the steps in order on the scenario's clock.
// The first failed step ends the run (later steps usually depend on it); every later step is
// reported as skipped. Everything that happened is in the trace.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RestClient } from '@tlsboot/client';
import { SeededRandom, VirtualClock, defaultVirtualClockStart, errorMessage, realClock } from '@tlsboot/util';
import type { Clock, Random } from '@tlsboot/util';
import { adminClientAt, startControlPlane } from '../control-plane/start-control-plane.js';
import type { Scenario, SourceLocation, Step } from '../format/types.js';
import { TraceCollector } from '../trace/collector.js';
import type { TraceEvent } from '../trace/trace-event.js';
import { apiserverOptionsFromFlags } from './apiserver-flags.js';
import { seededRandomFor, startComponent, stopNodes, watchTimeout } from './components.js';
import { clientFor } from './identity.js';
import { realTime } from './real-time.js';
import type { RunContext, RunningNode, RunTime } from './run-context.js';
import { StepFailure } from './run-context.js';
import { applyObjectSource } from './steps/apply.js';
import { runStep, stepAction, stepSummary } from './steps/index.js';
import { TimeDriver } from './time-driver.js';

export interface RunOptions {
  /** Where the cluster's files go; default a new temporary directory, removed after the run unless `keep`. */
  workdir?: string;
  keep?: boolean;
  /** Every trace event as it happens (live narration). */
  onEvent?: (event: TraceEvent) => void;
  /**
   * Interrupts the run (Ctrl-C, SIGTERM): no further step starts, the step or set-up in progress
   * is abandoned at once (its waits end), every component is stopped and the work directory is
   * removed unless kept. `RunResult.interrupted` then names the reason.
   */
  signal?: AbortSignal;
}

/** Thrown inside runScenario when `signal` aborts; never escapes it. */
class RunInterrupted extends Error {}

/** `work`, or a RunInterrupted as soon as `signal` aborts (the abandoned work's failure is ignored). */
function unlessInterrupted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  work.catch(() => undefined);
  if (signal.aborted) return Promise.reject(new RunInterrupted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new RunInterrupted());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** `time` whose waits end (throwing) at their next check once `signal` aborts, so an abandoned step stops polling. */
function interruptible(time: RunTime, signal: AbortSignal | undefined): RunTime {
  if (!signal) return time;
  const check = (): void => {
    if (signal.aborted) throw new RunInterrupted();
  };
  return {
    clock: time.clock,
    virtual: time.virtual,
    settle: () => time.settle(),
    advance: (ms) => time.advance(ms),
    setClock: (atMs) => time.setClock(atMs),
    waitFor: (condition, timeoutMs) =>
      time.waitFor(async () => {
        check();
        return condition();
      }, timeoutMs),
    during: (work, limitMs) => time.during(work, limitMs),
  };
}

function abortReason(signal: AbortSignal): string {
  return typeof signal.reason === 'string' ? signal.reason : 'aborted';
}

export type StepOutcome = 'passed' | 'failed' | 'skipped';

export interface StepResult {
  index: number;
  action: string;
  name?: string;
  summary: string;
  source: SourceLocation;
  outcome: StepOutcome;
  message?: string;
  /** Where the failure was written (an expectation inside the step), when it was not the step itself. */
  failedAt?: SourceLocation;
  realMs: number;
}

export interface RunResult {
  scenario: Scenario;
  passed: boolean;
  steps: StepResult[];
  /** A failure before the first step (cluster assembly, objects, nodes). */
  setupError?: string;
  /** Set when `RunOptions.signal` stopped the run: the abort reason (`SIGINT`, `SIGTERM`, …). */
  interrupted?: string;
  events: TraceEvent[];
  workdir: string;
  kept: boolean;
  realMs: number;
}

export async function runScenario(scenario: Scenario, options: RunOptions = {}): Promise<RunResult> {
  const started = performance.now();
  const spec = scenario.spec;
  const virtual = spec.clock.mode === 'virtual';
  const clock = virtual ? new VirtualClock({ start: spec.clock.start ? Date.parse(spec.clock.start) : defaultVirtualClockStart }) : realClock;
  const time: RunTime = interruptible(clock instanceof VirtualClock ? new TimeDriver({ clock }) : realTime(), options.signal);
  const random = new SeededRandom(spec.seed);
  const trace = new TraceCollector(clock);
  const unsubscribe = options.onEvent ? trace.subscribe(options.onEvent) : () => false;
  const workdir = options.workdir ?? (await mkdtemp(join(tmpdir(), `tlsboot-${scenario.metadata.name}-`)));
  const kept = options.keep === true || options.workdir !== undefined;

  const steps: StepResult[] = scenario.spec.steps.map((step, i) => ({
    index: i + 1,
    action: stepAction(step),
    ...(step.name ? { name: step.name } : {}),
    summary: stepSummary(step),
    source: step.source,
    outcome: 'skipped',
    realMs: 0,
  }));
  trace.runner({ type: 'scenario.started', scenario: scenario.metadata.name, seed: spec.seed, clock: spec.clock.mode, workdir });

  let run: StartedRun | undefined;
  let setupError: string | undefined;
  let interrupted: string | undefined;
  const signal = options.signal;
  // a start-up abandoned by an interrupt runs to its end, then its components are stopped (finally)
  const starting = startRun(scenario, { workdir, clock, time, random, trace });
  starting.catch(() => undefined);
  try {
    run = await unlessInterrupted(starting, signal);
    const ctx = run.ctx;
    await unlessInterrupted(startReadyNodes(ctx), signal);

    for (const [i, step] of spec.steps.entries()) {
      const result = steps[i]!;
      if (signal?.aborted) throw new RunInterrupted();
      ctx.step = result.index;
      trace.runner({ type: 'step.started', step: result.index, action: result.action, ...(result.name ? { name: result.name } : {}), summary: result.summary });
      const t0 = performance.now();
      try {
        await unlessInterrupted(
          (async () => {
            await runStep(ctx, step);
            await startReadyNodes(ctx);
          })(),
          signal,
        );
        result.outcome = 'passed';
      } catch (err) {
        if (err instanceof RunInterrupted) {
          result.realMs = performance.now() - t0;
          result.message = `interrupted (${abortReason(signal!)})`;
          trace.runner({ type: 'step.finished', step: result.index, action: result.action, ok: false, message: `interrupted (${abortReason(signal!)})` });
          throw err;
        }
        result.outcome = 'failed';
        result.message = errorMessage(err);
        if (err instanceof StepFailure && err.source !== step.source) result.failedAt = err.source;
      }
      result.realMs = performance.now() - t0;
      trace.runner({ type: 'step.finished', step: result.index, action: result.action, ok: result.outcome === 'passed', ...(result.message ? { message: result.message } : {}) });
      if (result.outcome === 'failed') break;
    }
  } catch (err) {
    if (err instanceof RunInterrupted) interrupted = abortReason(signal!);
    else setupError = errorMessage(err);
  } finally {
    if (run) await run.close();
    else if (interrupted) await starting.then((r) => r.close(), () => undefined);
  }
  const failed = steps.filter((s) => s.outcome === 'failed').length + (setupError || interrupted ? 1 : 0);
  trace.runner({ type: 'scenario.finished', scenario: scenario.metadata.name, passed: failed === 0, failed });
  unsubscribe();
  if (!kept) await rm(workdir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  return { scenario, passed: failed === 0, steps, ...(setupError ? { setupError } : {}), ...(interrupted ? { interrupted } : {}), events: trace.events, workdir, kept, realMs: performance.now() - started };
}

export interface StartedRun {
  ctx: RunContext;
  /** Stops every component (nodes first) and closes the admin client; the files stay. */
  close(): Promise<void>;
}

/**
 * The cluster of a scenario, up: the control plane with the scenario's flags and policy, an
 * admin client, the objects of `spec.objects`. Nodes are not started (startReadyNodes does).
 */
export async function startRun(
  scenario: Scenario,
  run: { workdir: string; clock: Clock; time: RunTime; random: Random; trace: TraceCollector; /** the kube-apiserver's port (`tlsboot up --port`); default a free one */ port?: number },
): Promise<StartedRun> {
  const { workdir, clock, time, random, trace } = run;
  const spec = scenario.spec;
  const plane = await startControlPlane({
    workdir,
    clock,
    random,
    ...(run.port !== undefined ? { port: run.port } : {}),
    trace: trace.apiserverSink(),
    controllerManagerTrace: trace.controllerManagerSink(),
    policy: spec.cluster.policy,
    controllerManagerFlags: spec.cluster.controllerManager.flags,
    startControllerManager: spec.cluster.controllerManager.start,
    controllerManagerRandom: seededRandomFor(spec.seed, 'kube-controller-manager'),
    apiserver: await apiserverOptionsFromFlags(spec.cluster.apiserver.flags, workdir, clock),
    ...watchTimeout(spec.clock),
  });
  const nodes = new Map<string, RunningNode>(spec.nodes.map((n) => [n.name, { spec: n }]));
  let admin: RestClient | undefined;
  const close = async (): Promise<void> => {
    await stopNodes({ nodes, time });
    await admin?.close().catch(() => undefined);
    await plane.stop().catch(() => undefined);
  };
  try {
    admin = await adminClientAt(plane.kubeconfigPath, clock);
    const tokens = new Map<string, string>();
    const ctx: RunContext = {
      scenario,
      workdir,
      time,
      random,
      trace,
      plane,
      admin,
      nodes,
      tokens,
      step: 0,
      resolve: (text) => text.replace(/\$\{tokens\.([A-Za-z0-9_-]+)\}/g, (all, name: string) => tokens.get(name) ?? all),
      clientFor: (identity, kubeletUrl) => clientFor(ctx, identity, kubeletUrl),
    };
    await time.settle();
    for (const source of spec.objects) await applyObjectSource(ctx, source);
    return { ctx, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * Starts the nodes whose components start with the cluster (`start: true`, the default) once they
 * can: a kubelet as soon as its bootstrap token exists (a literal, or after the createToken step
 * that makes it), its kube-proxy right after it. Each is started once; a later stop is not undone.
 */
export async function startReadyNodes(ctx: RunContext): Promise<void> {
  for (const node of ctx.nodes.values()) {
    const kubelet = node.spec.kubelet;
    if (kubelet?.start && !node.autoStarted) {
      if (kubelet.bootstrapToken !== undefined && ctx.resolve(kubelet.bootstrapToken).includes('${tokens.')) continue;
      node.autoStarted = true;
      await startComponent(ctx, `kubelet/${node.spec.name}`);
    }
    // kube-proxy has an identity of its own: it starts beside an auto-started kubelet, or with the
    // cluster when the kubelet waits for a step
    if (node.spec.kubeProxy?.start && !node.proxyAutoStarted) {
      node.proxyAutoStarted = true;
      await startComponent(ctx, `kube-proxy/${node.spec.name}`);
    }
  }
}

