// Faults against a real cluster with one joined node: its connections really close, the
// apiserver really goes away, and the kubelet's lease heartbeats go on afterwards.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { StepFailure } from '../run-context.js';
import type { TestRun } from '../testing.js';
import { here, startTestRun, testNode, testScenario } from '../testing.js';
import { createTokenStep } from './create-token.js';
import { dropConnections } from './fault.js';
import { runStep } from './index.js';

let run: TestRun;

async function leaseRenewTime(): Promise<number> {
  const lease = await run.ctx.admin.get<{ spec: { renewTime?: string } }>('/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/k8s01');
  return Date.parse(lease.spec.renewTime ?? '');
}

test.before(async () => {
  run = await startTestRun(testScenario({ nodes: [{ ...testNode('k8s01'), kubeProxy: { start: false, identity: 'certificate', config: {} } }] }));
  await createTokenStep(run.ctx, { as: 'default', groups: ['system:bootstrappers:kubeadm:default-node-token'] });
  await run.startNodes();
  const { met } = await run.ctx.time.waitFor(async () => Number.isFinite(await leaseRenewTime().catch(() => Number.NaN)), 120_000);
  assert.ok(met, 'the kubelet joined and holds its lease');
});
test.after(async () => {
  await run?.close();
});

test('apiserverUnavailable 30s: the port closes for 30s of virtual time, the apiserver comes back, and the lease heartbeats resume', async () => {
  const before = run.clock.now().getTime();
  const seq = run.ctx.trace.events.length;
  await runStep(run.ctx, { fault: { apiserverUnavailable: { forMs: 30_000 } }, source: here() });
  const back = run.clock.now().getTime();
  assert.ok(back - before >= 30_000, `30s passed (${back - before} ms)`);
  const faults = run.ctx.trace.events.slice(seq).filter((e) => e.type === 'fault.injected' || ((e.type === 'component.stopped' || e.type === 'component.started') && e.component === 'scenario'));
  assert.equal(faults.map((e) => `${e.type}:${'fault' in e ? e.fault : ''}:${'target' in e ? e.target : ''}`), [
    'fault.injected:apiserverUnavailable for 30s:kube-apiserver',
    'component.stopped::kube-apiserver',
    'component.started::kube-apiserver',
  ]);
  await run.ctx.admin.get('/api/v1/namespaces');
  await run.ctx.time.advance(20_000);
  assert.ok((await leaseRenewTime()) >= back, 'the kubelet renewed its lease after the apiserver came back');
});

test('dropConnections kube-apiserver: every accepted connection is reset; the clients dial again and go on', async () => {
  const dropped = await dropConnections(run.ctx, 'kube-apiserver', here());
  assert.ok(dropped > 0, `the kubelet's and the controller-manager's connections were open (${dropped})`);
  const at = run.clock.now().getTime();
  await run.ctx.time.advance(20_000);
  assert.ok((await leaseRenewTime()) >= at, 'lease renewed over a new connection');
});

test('dropConnections kubelet/k8s01 and kube-controller-manager: their own connections; both keep working', async () => {
  // a lease renewal just now: the kubelet's keep-alive connection is open (undici closes idle ones after 4s of wall time)
  await run.ctx.time.advance(10_000);
  const kubelet = await dropConnections(run.ctx, 'kubelet/k8s01', here());
  assert.ok(kubelet > 0, 'the kubelet had a connection (its lease and node watches)');
  const kcm = await dropConnections(run.ctx, 'kube-controller-manager', here());
  assert.ok(kcm > 0, 'the controller-manager had connections (its informers)');
  const at = run.clock.now().getTime();
  await run.ctx.time.advance(20_000);
  assert.ok((await leaseRenewTime()) >= at);
  const injected = run.ctx.trace.events.filter((e) => e.type === 'fault.injected').map((e) => (e.type === 'fault.injected' ? e.target : ''));
  assert.equal(injected.slice(-2), ['kubelet/k8s01', 'kube-controller-manager']);
});

test('dropConnections kube-proxy/<node> and unknown components are refused, saying why', async () => {
  for (const [ref, message] of [
    ['kube-proxy/k8s01', /cannot be told from another node's/],
    ['kubelet/k8s09', /no node "k8s09"/],
    ['etcd', /unknown component "etcd"/],
  ] as const) {
    const source = here('spec.steps[5].fault.dropConnections');
    try {
      await runStep(run.ctx, { fault: { dropConnections: ref }, source });
      assert.unreachable(ref);
    } catch (err) {
      assert.instance(err, StepFailure);
      assert.match((err as StepFailure).message, message);
      assert.is((err as StepFailure).source, source);
    }
  }
});

test.run();
