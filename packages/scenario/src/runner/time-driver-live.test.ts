// The TimeDriver against a real cluster (DESIGN.md "Time"): the components report their work to
// the process's activity tracker, so settle() returns only once nothing is in flight, and a
// month of virtual time with a 24 h client certificate rotates it on time, every time, the same
// way for the same seed.
//
// Upstream facts the assertions rest on:
// - kubelet rotation deadline: NotBefore + (70…90 %) of the validity
//   (k8s.io/client-go/util/certificate/certificate_manager.go nextRotationDeadline/jitteryDuration),
//   so ~19.2 h on average for 24 h certificates.
// - the csrsigning controller backdates NotBefore by 5 minutes
//   (kubernetes/kubernetes pkg/controller/certificates/authority/policies.go, backdate = 5 * time.Minute).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { activity } from '@tlsboot/util';
import type { TraceEvent } from '../trace/trace-event.js';
import { runStep } from './steps/index.js';
import { here, startTestRun, testNode, testScenario } from './testing.js';

const dayMs = 24 * 3600_000;
/**
 * Virtual days to advance: 1 by default (about 30 s of real time with 6-hour certificates — the
 * kubelet's 10 s lease and status cadence costs ~1 ms per request); TLSBOOT_LIVE_DAYS=30 for the
 * long look (about 8 minutes per run).
 */
const days = Number(process.env['TLSBOOT_LIVE_DAYS'] ?? 1);
/** --cluster-signing-duration in hours: rotations every 70–90 % of it. */
const signingHours = 6;
/** Rotations that must have happened: one per lifetime at least. */
const minRotations = Math.floor((days * 24) / signingHours);

function rotatingScenario() {
  return testScenario({
    seed: 7,
    cluster: { policy: 'kubeadm', apiserver: { flags: [] }, controllerManager: { flags: [`--cluster-signing-duration=${signingHours}h`], start: true } },
    nodes: [testNode('k8s01', '${tokens.default}', { rotateCertificates: true })],
  });
}

interface MonthResult {
  events: TraceEvent[];
  realMs: number;
  busyAfterSettle: number;
}

/** Joins the node, then advances `days`; the trace and the real time the advance took. */
async function runMonth(): Promise<MonthResult> {
  const run = await startTestRun(rotatingScenario());
  try {
    const ctx = run.ctx;
    await runStep(ctx, { createToken: { as: 'default', groups: ['system:bootstrappers:kubeadm:default-node-token'] }, source: here() });
    await run.startNodes();
    await ctx.time.settle();
    const busyAfterSettle = activity.busy;
    const t0 = performance.now();
    await ctx.time.advance(days * dayMs);
    const realMs = performance.now() - t0;
    return { events: [...ctx.trace.events], realMs, busyAfterSettle };
  } finally {
    await run.close();
  }
}

test('settle(): with a node joining on a real cluster, the activity tracker is idle once it returns', async () => {
  const run = await startTestRun(testScenario({ nodes: [testNode('k8s01')] }));
  try {
    await runStep(run.ctx, { createToken: { as: 'default', groups: ['system:bootstrappers:kubeadm:default-node-token'] }, source: here() });
    assert.is(activity.busy, 0, 'idle after the token step');
    await run.startNodes();
    await run.ctx.time.settle();
    assert.is(activity.busy, 0, 'idle after the join settled');
    const types = run.ctx.trace.events.map((e) => `${e.component}:${e.type}`);
    assert.ok(types.includes('kube-controller-manager:csr.signed'), 'the node CSR was signed before settle() returned');
    assert.ok(types.includes('kubelet:file.written'), 'the kubelet wrote its certificate before settle() returned');
  } finally {
    await run.close();
  }
});

let first: MonthResult | undefined;

test(`advance(${days} days) with --cluster-signing-duration=${signingHours}h: the kubelet client certificate rotates at 70–90 % of each lifetime, each one on time`, async () => {
  first = await runMonth();
  const { events, realMs } = first;
  console.log(`time-driver-live: ${days} virtual days (${events.length} trace events) took ${realMs.toFixed(0)} ms of real time`);
  assert.is(first.busyAfterSettle, 0, 'idle after the join settled');
  const kubelet = events.filter((e) => e.component === 'kubelet');
  const done = kubelet.filter((e) => e.type === 'rotation.done');
  assert.ok(done.length >= minRotations, `rotations in ${days} days: ${done.length}`);
  // Each issued certificate against the deadline scheduled just before it.
  let deadline: number | undefined;
  let checked = 0;
  for (const e of kubelet) {
    if (e.type === 'rotation.scheduled' && e.manager === 'kubernetes.io/kube-apiserver-client-kubelet') deadline = Date.parse(e.deadline);
    if (e.type === 'csr.issued' && e.manager === 'kubernetes.io/kube-apiserver-client-kubelet' && deadline !== undefined) {
      const lagMs = Date.parse(e.notBefore) + 5 * 60_000 - deadline;
      assert.ok(lagMs > -1000 && lagMs < 5 * 60_000, `certificate ${e.serialNumber}: NotBefore ${e.notBefore} is ${lagMs} ms (+5 min backdate) after its deadline ${new Date(deadline).toISOString()}`);
      checked++;
    }
  }
  assert.ok(checked >= minRotations, `certificates checked against their deadline: ${checked}`);
});

// Events of one virtual instant from concurrent work (the kubelet's registration and lease loops
// beside its CSR, each on its own connection) arrive in the order the real sockets deliver them,
// which load changes; so, as the golden traces do (report/golden.ts), the comparison is per
// instant: the same events at the same virtual times, sorted within each instant.
test('the same seed twice: the same kubelet and kube-controller-manager events at the same times', async () => {
  assert.ok(first, 'the first run happened');
  const second = await runMonth();
  console.log(`time-driver-live: second run took ${second.realMs.toFixed(0)} ms of real time`);
  const shape = (r: MonthResult): string[] =>
    r.events
      .filter((e) => e.component === 'kubelet' || e.component === 'kube-controller-manager')
      .map((e) => `${e.time} ${e.component} ${e.type}`)
      .sort();
  const a = shape(first);
  const b = shape(second);
  const at = a.findIndex((line, i) => line !== b[i]);
  assert.is(at, -1, `first difference at event ${at}: ${a[at]} vs ${b[at]} (lengths ${a.length}, ${b.length})`);
  assert.is(a.length, b.length);
});

test.run();
