// Test support for the runner's steps and expectations: a Scenario built in code (no YAML) and
// a started run on a virtual clock, with its RunContext, so a test can call one step or one
// expectation against a real cluster. Not exported from the package.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeededRandom, VirtualClock, defaultVirtualClockStart } from '@tlsboot/util';
import type { NodeSpec, Scenario, ScenarioSpec, SourceLocation } from '../format/types.js';
import { TraceCollector } from '../trace/collector.js';
import type { RunContext } from './run-context.js';
import { startReadyNodes, startRun } from './run-scenario.js';
import { TimeDriver } from './time-driver.js';

/** A source location for steps and expectations made in code. */
export function here(path = 'spec.steps[0]'): SourceLocation {
  return { file: '<test>', line: 1, column: 1, path };
}

/** A kubelet node with kubeadm-like defaults: started once `token` exists. */
export function testNode(name: string, token = '${tokens.default}', config: Record<string, unknown> = {}): NodeSpec {
  return { name, kubelet: { start: true, bootstrapToken: token, flags: [], config } };
}

export function testScenario(spec: Partial<ScenarioSpec> = {}, name = 'test'): Scenario {
  return {
    apiVersion: 'tlsboot/v1alpha1',
    kind: 'Scenario',
    metadata: { name },
    file: '<test>',
    spec: {
      description: 'a test',
      clock: { mode: 'virtual' },
      seed: 1,
      cluster: { policy: 'kubeadm', apiserver: { flags: [] }, controllerManager: { flags: [], start: true } },
      objects: [],
      nodes: [],
      steps: [],
      ...spec,
    },
  };
}

export interface TestRun {
  ctx: RunContext;
  clock: VirtualClock;
  /** Starts the nodes that can start now (after a token step, say). */
  startNodes(): Promise<void>;
  close(): Promise<void>;
}

/** The cluster of `scenario` up on a virtual clock, in a temporary work directory removed by close(). */
export async function startTestRun(scenario: Scenario = testScenario()): Promise<TestRun> {
  const workdir = await mkdtemp(join(tmpdir(), 'tlsboot-run-'));
  const clock = new VirtualClock({ start: scenario.spec.clock.start ? Date.parse(scenario.spec.clock.start) : defaultVirtualClockStart });
  const time = new TimeDriver({ clock });
  const started = await startRun(scenario, { workdir, clock, time, random: new SeededRandom(scenario.spec.seed), trace: new TraceCollector(clock) });
  return {
    ctx: started.ctx,
    clock,
    startNodes: () => startReadyNodes(started.ctx),
    async close() {
      await started.close();
      await rm(workdir, { recursive: true, force: true });
    },
  };
}
