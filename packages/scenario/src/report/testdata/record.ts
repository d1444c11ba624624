// Records the fixture trace the reporters are tested on: the article's flow, run for real in one
// process on a VirtualClock (kubeadm init's control plane, `kubeadm token create`, `kubeadm join`
// with serverTLSBootstrap and rotation on, the serving CSR approved as `kubectl certificate
// approve` does, the apiserver reaching the kubelet through nodes/proxy, a kube-proxy with the
// article's cfssl certificate), with runner events mimicking the steps of a scenario.
//
//   node --conditions=tlsboot-source --import tsx packages/scenario/src/report/testdata/record.ts [OUT.jsonl]
//
// Default OUT: article-flow.trace.jsonl beside this file. Upstream flow:
// kubernetes/kubernetes pkg/kubelet/certificate/bootstrap/bootstrap.go,
// pkg/controller/certificates/approver/sarapprove.go, pkg/kubelet/certificate/kubelet.go.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isStatusError } from '@tlsboot/api';
import type { CertificateSigningRequest } from '@tlsboot/api';
import { certificateSigningRequests, restClientFromKubeconfig } from '@tlsboot/client';
import { errorMessage, realClock, SeededRandom, VirtualClock } from '@tlsboot/util';
import { startControlPlane } from '../../control-plane/start-control-plane.js';
import { joinNode } from '../../join/join-node.js';
import { TimeDriver } from '../../runner/time-driver.js';
import { createToken } from '../../token/create-token.js';
import { TraceCollector } from '../../trace/collector.js';
import type { TraceEvent } from '../../trace/trace-event.js';
import { renderJsonLines } from '../jsonl.js';

export const fixtureToken = 'abcdef.0123456789abcdef';
export const fixtureNode = 'k8s01';
const servingSigner = 'kubernetes.io/kubelet-serving';
/** Real milliseconds given to untracked I/O (file writes) before virtual time moves on. */
const graceMs = 25;

/**
 * Where the virtual clock starts: midnight UTC of today. Not a fixed date, because the control
 * plane's own clients (startControlPlane's readiness wait, the admin client) check certificate
 * dates against the wall clock, and the apiserver's serving certificate lasts one year from
 * the virtual start. Two recordings made the same day start at the same instant.
 */
export function recordingStart(): number {
  const now = realClock.now();
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
}

/** Runs the flow once in a fresh temporary work directory and returns its trace. */
export async function recordArticleFlow(seed = 7, start = recordingStart()): Promise<TraceEvent[]> {
  const clock = new VirtualClock({ start });
  const driver = new TimeDriver({ clock });
  const collector = new TraceCollector(clock);
  const workdir = await mkdtemp(join(tmpdir(), 'tlsboot-record-'));
  let step = 0;
  const run = async <T>(action: string, summary: string, body: () => Promise<T>): Promise<T> => {
    step++;
    collector.runner({ type: 'step.started', step, action, summary });
    const value = await body();
    collector.runner({ type: 'step.finished', step, action, ok: true });
    return value;
  };
  const expect = (check: string, ok: boolean, message: string) => collector.runner({ type: 'expect.checked', step, check, ok, message });
  const has = (p: (e: TraceEvent) => boolean) => collector.events.some(p);
  // TimeDriver.waitFor plus a moment of real time after each settle: the kubelet's file writes are
  // not counted as activity, and the clock must not run ahead of them (the trace would then
  // differ from run to run).
  const driverWait = async (condition: () => Promise<boolean>, timeoutMs: number): Promise<{ met: boolean }> => {
    const deadline = clock.nowMs() + timeoutMs;
    for (;;) {
      await driver.settle();
      await sleep(graceMs);
      await driver.settle();
      if (await condition()) return { met: true };
      const next = clock.nextDueMs;
      if (next === undefined || next > deadline) break;
      await clock.set(next);
    }
    await clock.set(deadline);
    await driver.settle();
    return { met: await condition() };
  };

  collector.runner({ type: 'scenario.started', scenario: 'article-flow', seed, clock: 'virtual' });
  const cp = await run('start', 'start the control plane (kubeadm init)', () =>
    startControlPlane({ workdir, clock, trace: collector.apiserverSink(), controllerManagerTrace: collector.controllerManagerSink() }),
  );
  const admin = await restClientFromKubeconfig(cp.kubeconfigPath, { component: 'kubectl' });
  const node = await (async () => {
    await run('createToken', 'create a bootstrap token (kubeadm token create)', () => createToken({ workdir, token: fixtureToken, now: () => clock.now() }));
    const joined = await run('start', `join ${fixtureNode} (kubeadm join): the kubelet's first CSR`, async () => {
      const n = await joinNode({
        workdir, node: fixtureNode, token: fixtureToken, withProxy: true, serverTLSBootstrap: true, rotateCertificates: true, clock,
        random: new SeededRandom(seed), kubeletTrace: collector.kubeletSink(), kubeProxyTrace: collector.kubeProxySink(),
      });
      let user = '';
      void n.clientCertificate.then((u) => (user = u));
      const got = await driverWait(async () => user !== '', 60_000);
      expect('client certificate', got.met && user === `system:node:${fixtureNode}`, `the kubelet holds a client certificate for ${user || 'nobody'}`);
      return n;
    });
    const csrs = async () => (await certificateSigningRequests(admin).list()).items as CertificateSigningRequest[];
    const serving = await run('wait', 'the second CSR: the serving certificate stays Pending', async () => {
      let found: CertificateSigningRequest | undefined;
      await driverWait(async () => (found = (await csrs()).find((c) => c.spec.signerName === servingSigner)) !== undefined, 60_000);
      await driverWait(async () => false, 30_000);
      const now = found ? await certificateSigningRequests(admin).get(found.metadata!.name!) : undefined;
      expect('serving CSR pending', now !== undefined && (now.status?.conditions ?? []).length === 0, `${now?.metadata?.name ?? 'no serving CSR'} is Pending`);
      return now;
    });
    await run('approve', 'approve the serving CSR (kubectl certificate approve)', async () => {
      if (!serving) return;
      serving.status = { conditions: [{ type: 'Approved', status: 'True', reason: 'KubectlApprove', message: 'This CSR was approved by kubectl certificate approve.' }] };
      await certificateSigningRequests(admin).updateSubresource(serving, 'approval');
      const done = await driverWait(async () => has((e) => e.type === 'rotation.done' && 'manager' in e && e.manager === 'kubelet-serving'), 60_000);
      expect('serving certificate', done.met, done.met ? 'the kubelet serves with its new certificate' : 'no serving certificate');
    });
    await run('request', 'the apiserver reaches the kubelet (nodes/proxy/healthz)', async () => {
      const path = `/api/v1/nodes/${fixtureNode}/proxy/healthz`;
      const r = await admin.stream('GET', path).then(
        async (res) => ({ status: res.statusCode, body: Buffer.from(await res.body.arrayBuffer()).toString('utf8') }),
        (err: unknown) => ({ status: isStatusError(err) ? err.status.code ?? 500 : 0, body: errorMessage(err) }),
      );
      collector.runner({ type: 'request.sent', step, identity: 'kubernetes-admin', verb: 'get', path, status: r.status, ...(r.status === 200 ? {} : { message: r.body }) });
      expect('kubelet healthz', r.status === 200 && r.body === 'ok', `GET ${path} → ${r.status} ${r.body}`);
    });
    await run('start', `start kube-proxy on ${fixtureNode} (cfssl certificate)`, async () => {
      await joined.startKubeProxy();
      const synced = await driverWait(async () => has((e) => e.type === 'kube-proxy.informers-synced'), 30_000);
      expect('kube-proxy synced', synced.met, synced.met ? 'kube-proxy listed services and endpointslices' : 'kube-proxy never synced');
    });
    return joined;
  })();
  const failed = collector.events.filter((e) => e.type === 'expect.checked' && !e.ok).length;
  collector.runner({ type: 'scenario.finished', scenario: 'article-flow', passed: failed === 0, failed });
  const events = [...collector.events];
  await node.stop();
  await admin.close();
  await cp.stop();
  await rm(workdir, { recursive: true, force: true });
  return events;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), 'article-flow.trace.jsonl');
  const events = await recordArticleFlow();
  await writeFile(out, renderJsonLines(events));
  console.log(`${out}: ${events.length} events`);
}
