// How often a node and the controller-manager talk to the apiserver while nothing happens, and the
// settings that change it — what makes a virtual year affordable (scenarios/rotation/year-of-rotation.yaml).
// Upstream facts the assertions rest on:
// - kubelet: the node Lease is renewed every nodeLeaseDurationSeconds × 0.25 (pkg/kubelet/kubelet.go,
//   nodeLeaseRenewIntervalFraction; default 40 s → 10 s); node status is computed every
//   nodeStatusUpdateFrequency (default 10 s), each time reading the Node (kubelet_node_status.go
//   tryUpdateNodeStatus) and posting it when changed or nodeStatusReportFrequency has passed
//   (pkg/kubelet/apis/config/v1beta1/defaults.go: 5m, or nodeStatusUpdateFrequency when that is set).
// - client-go reflector.go: each watch asks for timeoutSeconds in [MinWatchTimeout, 2·MinWatchTimeout)
//   (default 5m), then watches again.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { TraceEvent } from '../trace/trace-event.js';
import { runStep } from './steps/index.js';
import { here, startTestRun, testNode, testScenario } from './testing.js';

const hour = 3600_000;

async function quietHours(config: Record<string, unknown>, clock: { minWatchTimeoutMs?: number }, hours: number): Promise<TraceEvent[]> {
  const run = await startTestRun(testScenario({ clock: { mode: 'virtual', ...clock }, nodes: [testNode('k8s01', '${tokens.default}', config)] }));
  try {
    await runStep(run.ctx, { createToken: { as: 'default', groups: ['system:bootstrappers:kubeadm:default-node-token'] }, source: here() });
    await run.startNodes();
    await run.ctx.time.settle();
    await run.ctx.time.advance(hour); // past the start-up: registration retries, the first status posts
    const from = run.ctx.trace.events.length;
    await run.ctx.time.advance(hours * hour);
    return run.ctx.trace.events.slice(from);
  } finally {
    await run.close();
  }
}

const requests = (events: TraceEvent[], method: string, path: RegExp): TraceEvent[] =>
  events.filter((e) => e.component === 'kube-apiserver' && e.type === 'request.received' && e['method'] === method && path.test(String(e['path'])));

test('kubelet defaults (defaults.go): the lease every 10 s, the Node read every 10 s, its status posted every 5 min', async () => {
  const events = await quietHours({}, {}, 1);
  assert.is(requests(events, 'PUT', /\/leases\/k8s01$/).length, 360);
  assert.is(requests(events, 'GET', /^\/api\/v1\/nodes\/k8s01$/).length, 360);
  assert.is(requests(events, 'PUT', /^\/api\/v1\/nodes\/k8s01\/status$/).length, 12);
});

test('nodeLeaseDurationSeconds 3600 and nodeStatusUpdateFrequency 1h: the lease every 15 min, the Node read and posted hourly', async () => {
  const events = await quietHours({ nodeLeaseDurationSeconds: 3600, nodeStatusUpdateFrequency: '1h' }, {}, 6);
  assert.is(requests(events, 'PUT', /\/leases\/k8s01$/).length, 24);
  assert.is(requests(events, 'GET', /^\/api\/v1\/nodes\/k8s01$/).length, 6);
  assert.is(requests(events, 'PUT', /^\/api\/v1\/nodes\/k8s01\/status$/).length, 6, 'nodeStatusReportFrequency defaults to the update frequency set');
});

test('clock.minWatchTimeout 24h: the controller-manager watches for 24–48 h at a time instead of 5–10 min', async () => {
  const watches = (events: TraceEvent[]) => requests(events, 'GET', /./).filter((e) => /(^|&)watch=true/.test(String((e as { query?: unknown }).query)));
  const timeouts = (events: TraceEvent[]) => watches(events).map((e) => Number(/timeoutSeconds=(\d+)/.exec(String((e as { query?: unknown }).query))?.[1]));
  const short = await quietHours({ nodeLeaseDurationSeconds: 3600 }, {}, 2);
  assert.ok(watches(short).length >= 3 * 2 * 6, `default: every informer re-watches 6–12 times in 2 h (${watches(short).length})`);
  assert.ok(timeouts(short).every((t) => t >= 300 && t < 600), `default timeouts: ${timeouts(short).join(' ')}`);
  const long = await quietHours({ nodeLeaseDurationSeconds: 3600 }, { minWatchTimeoutMs: 24 * hour }, 2);
  assert.is(watches(long).length, 0, 'no informer re-watches within 2 h');
});

test.run();
