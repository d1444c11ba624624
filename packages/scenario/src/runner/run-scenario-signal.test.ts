// runScenario's `signal` (Ctrl-C / SIGTERM of `tlsboot run`): no further step starts, the step in
// progress is abandoned and its waits end, every component stops, the temporary work dir goes.
import { existsSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseScenario } from '../format/load.js';
import { runScenario } from './run-scenario.js';

const slow = parseScenario(`apiVersion: tlsboot/v1alpha1
kind: Scenario
metadata: { name: signal-test }
spec:
  description: A wait nobody satisfies.
  clock: { mode: real }
  steps:
    - name: wait forever
      waitFor: { object: { apiVersion: v1, kind: Namespace, name: never }, timeout: 10m }
    - expect: [{ object: { apiVersion: v1, kind: Namespace, name: default } }]
`);

const servers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;

test('an abort during a real-clock waitFor ends the run within a second: interrupted, the step marked, the next skipped, nothing left', async () => {
  const before = servers();
  const controller = new AbortController();
  let stepStarted!: () => void;
  const started = new Promise<void>((r) => (stepStarted = r));
  const running = runScenario(slow, { signal: controller.signal, onEvent: (e) => e.type === 'step.started' && stepStarted() });
  await started;
  await new Promise((r) => setTimeout(r, 200));
  const t0 = performance.now();
  controller.abort('SIGINT');
  const result = await running;
  assert.ok(performance.now() - t0 < 3000, 'stopped promptly');
  assert.is(result.interrupted, 'SIGINT');
  assert.is(result.passed, false);
  assert.is(result.setupError, undefined);
  assert.is(result.steps[0]!.message, 'interrupted (SIGINT)');
  assert.is(result.steps[1]!.outcome, 'skipped');
  const finished = result.events.filter((e) => e.type === 'step.finished');
  assert.equal(finished.map((e) => e.type === 'step.finished' && [e.step, e.ok, e.message]), [[1, false, 'interrupted (SIGINT)']]);
  assert.not.ok(existsSync(result.workdir), 'work dir removed');
  assert.is(servers(), before, 'every server closed');
});

test('an abort before the run starts: the start-up finishes, then everything stops; no step runs', async () => {
  const before = servers();
  const controller = new AbortController();
  controller.abort('SIGTERM');
  const result = await runScenario(slow, { signal: controller.signal });
  assert.is(result.interrupted, 'SIGTERM');
  assert.ok(result.steps.every((s) => s.outcome === 'skipped'));
  assert.not.ok(existsSync(result.workdir));
  assert.is(servers(), before);
});

test.run();
