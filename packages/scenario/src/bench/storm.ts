// The join storm of `tlsboot bench` (issue 8 §1): one cluster as `tlsboot up` runs it (the
// kubeadm policy; kube-controller-manager with csrapproving + csrsigning), one bootstrap token of
// system:bootstrappers:kubeadm:default-node-token, then N kubelets joining at once, each through
// the whole TLS bootstrap of kubernetes/kubernetes pkg/kubelet/certificate (v1.32): bootstrap
// token → client CSR (kube-apiserver-client-kubelet) auto-approved by sarapprove.go and signed by
// signer.go → the client certificate → Node registered → serving CSR (kubelet-serving) approved
// by the benchmark's approver as `kubectl certificate approve` would → signed → served by the
// kubelet's HTTPS server. The wall clock throughout (realClock): the figure is wall time.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import type { PeerCertificate } from 'node:tls';
import { kubeAPIServerClientKubeletSignerName } from '@tlsboot/api';
import type { CertificateSigningRequest } from '@tlsboot/api';
import { certificateSigningRequests, writeKubeconfig } from '@tlsboot/client';
import type { RestClient } from '@tlsboot/client';
import type { TraceEvent as ApiserverTraceEvent } from '@tlsboot/kube-apiserver';
import { kubeletNodeState, startKubelet } from '@tlsboot/kubelet';
import type { Kubelet, KubeletConfigurationInput, KubeletTraceEvent } from '@tlsboot/kubelet';
import type { KeySpec } from '@tlsboot/pki';
import { errorMessage, realClock } from '@tlsboot/util';
import type { Timer } from '@tlsboot/util';
import { clusterName } from '../control-plane/admin-kubeconfig.js';
import { adminClientAt, startControlPlane } from '../control-plane/start-control-plane.js';
import type { ControlPlane } from '../control-plane/start-control-plane.js';
import { bootstrapKubeletKubeconfig } from '../join/bootstrap-kubeconfig.js';
import { nodeFiles } from '../join/node-files.js';
import { createToken } from '../token/create-token.js';
import { measureCryptoCeiling } from './crypto-ceiling.js';
import type { CryptoCeiling } from './crypto-ceiling.js';
import { bothMs, certificateProblems, stormFigures } from './metrics.js';
import type { NodeTimes, StormFigures } from './metrics.js';
import { startServingApprover } from './serving-approver.js';

export interface StormOptions {
  /** How many kubelets join (default 1000). */
  nodes?: number;
  /** At most this many joins in flight (started, not yet holding both certificates); default all. */
  concurrency?: number;
  /** The kubelets' key type (default ecdsa-p256). */
  keySpec?: KeySpec;
  /** Keep the temporary work directory (control-plane files and every node's cert dir). */
  keep?: boolean;
  /** Give up on nodes not done after this long (default 300 s). */
  timeoutMs?: number;
  /** Measure the crypto ceiling after the storm (default true); `msPerFigure` per figure. */
  crypto?: boolean | { msPerFigure?: number; openssl?: boolean };
  /** Called about twice a second while nodes join. */
  onProgress?: (p: StormProgress) => void;
}

export interface StormProgress {
  total: number;
  started: number;
  clientCerts: number;
  registered: number;
  done: number;
  elapsedMs: number;
}

export interface StormResult {
  keySpec: KeySpec;
  concurrency: number;
  workdir: string;
  kept: boolean;
  figures: StormFigures;
  /** Distinct client connections (address:port) the apiserver saw during the storm, per node: ≈ handshakes per node. */
  apiserverConnectionsPerNode: number;
  ceiling?: CryptoCeiling;
  /** Failures: nodes not done, kubelets that failed to start, approver errors, correctness violations. Must be empty. */
  errors: string[];
  /** kubelet.error events: upstream's retries (e.g. registration before the client certificate), not failures. */
  kubeletRetries: number;
  /** Correctness: every CSR signed exactly once, every node holds its own identity and serves its serving certificate. */
  correctness: { csrs: number; signedExactlyOnce: boolean; identitiesOk: number; servingOk: number };
  nodeTimes: NodeTimes[];
}

const sampleEveryMs = 100;
const progressEveryMs = 500;

/** Node names as kubeadm would accept them (DNS-1123), zero-padded so they sort. */
export function benchNodeName(i: number, total: number): string {
  return `bench-node-${String(i).padStart(String(total - 1).length, '0')}`;
}

/** Hex serial without leading zeros, lower case (node:tls prints upper case). */
const serialKey = (s: string): string => s.toLowerCase().replace(/^0+/, '');

export async function runStorm(options: StormOptions = {}): Promise<StormResult> {
  const total = options.nodes ?? 1000;
  const concurrency = Math.max(1, Math.min(options.concurrency ?? total, total));
  const keySpec = options.keySpec ?? 'ecdsa-p256';
  const timeoutMs = options.timeoutMs ?? 300_000;
  const clock = realClock;
  const rssBaseBytes = process.memoryUsage().rss;
  const workdir = await mkdtemp(join(tmpdir(), 'tlsboot-bench-'));

  // apiserver trace: request count, distinct connections, certificates written per CSR
  let counting = false;
  let apiserverRequests = 0;
  const remotes = new Set<string>();
  const certificatesPerCsr: Record<string, number> = {};
  const apiserverTrace = {
    emit(e: ApiserverTraceEvent) {
      if (e.type === 'request.received') {
        if (!counting) return;
        apiserverRequests++;
        remotes.add(e.remote);
      } else if (e.type === 'csr.certificate') certificatesPerCsr[e.name] = (certificatesPerCsr[e.name] ?? 0) + 1;
    },
  };

  let plane: ControlPlane | undefined;
  let admin: RestClient | undefined;
  const kubelets: Kubelet[] = [];
  const errors: string[] = [];
  try {
    plane = await startControlPlane({ workdir, clock, policy: 'kubeadm', trace: apiserverTrace });
    admin = await adminClientAt(plane.kubeconfigPath, clock);
    const token = await createToken({ workdir, client: admin });
    const bootstrapKubeconfigPath = join(workdir, nodeFiles.bootstrapKubeconfig);
    await writeKubeconfig(bootstrapKubeconfigPath, bootstrapKubeletKubeconfig({ server: plane.url, clusterName, caPem: plane.apiserver.caPem, token }));
    const approver = await startServingApprover(admin, clock);

    const times: NodeTimes[] = [];
    const createdCsrs: string[] = [];
    let kubeletRetries = 0;
    let clientCerts = 0;
    let registered = 0;
    let done = 0;
    let started = 0;
    const rssSamples: number[] = [];
    const config: KubeletConfigurationInput = {
      rotateCertificates: true,
      serverTLSBootstrap: true,
      authentication: { anonymous: { enabled: false }, webhook: { enabled: true }, x509: { clientCAFile: plane.caPath } },
      authorization: { mode: 'Webhook' },
    };

    // in-flight limit: a slot is taken at start and given back when the node holds both certificates (or failed)
    let free = concurrency;
    const waiting: (() => void)[] = [];
    const acquire = (): Promise<void> => (free > 0 ? (free--, Promise.resolve()) : new Promise((r) => waiting.push(r)));
    const release = (): void => {
      const next = waiting.shift();
      if (next) next();
      else free++;
    };
    let allDone: () => void = () => {};
    const finished = new Promise<void>((resolve) => (allDone = resolve));
    const settled = (): void => {
      if (++done === total) allDone();
    };

    const t0 = performance.now();
    const since = (): number => performance.now() - t0;
    counting = true;
    const cpu0 = process.cpuUsage();
    let sampler: Timer | undefined;
    let lastProgress = 0;
    const progress = (): StormProgress => ({ total, started, clientCerts, registered, done, elapsedMs: since() });
    const sample = (): void => {
      rssSamples.push(process.memoryUsage().rss);
      if (options.onProgress && since() - lastProgress >= progressEveryMs) {
        lastProgress = since();
        options.onProgress(progress());
      }
      sampler = clock.setTimer(sampleEveryMs, sample);
    };
    sample();

    const joinOne = async (i: number): Promise<void> => {
      await acquire();
      const node = benchNodeName(i, total);
      const t: NodeTimes = { node, startMs: since() };
      times[i] = t;
      started++;
      let settledThis = false;
      const finish = (): void => {
        if (settledThis) return;
        settledThis = true;
        release();
        settled();
      };
      const trace = {
        emit(e: KubeletTraceEvent) {
          if (e.type === 'rotation.done') {
            if (e.manager === kubeAPIServerClientKubeletSignerName && t.clientCertMs === undefined) (t.clientCertMs = since()), clientCerts++;
            else if (e.manager === 'kubelet-serving' && t.servingCertMs === undefined) t.servingCertMs = since();
            // rotation.done is emitted just before onRotated hands the pair to the HTTPS server
            if (bothMs(t) !== undefined) queueMicrotask(finish);
          } else if (e.type === 'csr.created') createdCsrs.push(e.csr);
          else if (e.type === 'kubelet.error') kubeletRetries++;
        },
      };
      const dir = join(workdir, 'nodes', node);
      try {
        const kubelet = await startKubelet({
          nodeName: node,
          clock,
          trace,
          keySpec,
          flags: [
            `--bootstrap-kubeconfig=${bootstrapKubeconfigPath}`,
            `--kubeconfig=${join(dir, nodeFiles.kubeconfig)}`,
            `--cert-dir=${join(dir, nodeFiles.certDir)}`,
            '--node-ip=127.0.0.1',
            `--hostname-override=${node}`,
            '--rotate-certificates',
          ],
          config,
        });
        kubelets.push(kubelet);
        kubeletNodeState(kubelet.context).registered?.then(
          () => ((t.registeredMs = since()), registered++),
          () => undefined,
        );
      } catch (err) {
        errors.push(`${node}: ${errorMessage(err)}`);
        finish();
      }
    };

    for (let i = 0; i < total; i++) void joinOne(i);
    let timedOut = false;
    const timer = clock.setTimer(timeoutMs, () => ((timedOut = true), allDone()));
    await finished;
    timer.cancel();
    const wallMs = since();
    counting = false;
    const cpu = process.cpuUsage(cpu0);
    const rssEndBytes = process.memoryUsage().rss;
    sampler?.cancel();
    options.onProgress?.(progress());
    if (timedOut) errors.push(`timed out after ${timeoutMs / 1000} s: ${total - done} of ${total} nodes do not hold both certificates`);
    for (const t of times) if (t && bothMs(t) === undefined) errors.push(`${t.node}: client certificate ${t.clientCertMs === undefined ? 'missing' : 'ok'}, serving certificate ${t.servingCertMs === undefined ? 'missing' : 'ok'}`);
    errors.push(...approver.errors);

    // correctness: one certificate per CSR, each node's own identity, the serving certificate served
    const certProblems = certificateProblems(createdCsrs, certificatesPerCsr);
    errors.push(...certProblems);
    const stored = await certificateSigningRequests<CertificateSigningRequest>(admin).list();
    const unsigned = stored.items.filter((c) => !c.status?.certificate).map((c) => c.metadata?.name ?? '');
    if (unsigned.length > 0) errors.push(`${unsigned.length} CertificateSigningRequests without a certificate: ${unsigned.slice(0, 5).join(', ')}`);
    let identitiesOk = 0;
    let servingOk = 0;
    const checks = kubelets.map((k) => async () => {
      const want = `system:node:${k.nodeName}`;
      const client = k.clientCertificateManager?.current()?.leaf;
      const state = kubeletNodeState(k.context);
      const serving = state.servingCertificateManager?.current()?.leaf;
      const ok = (c: typeof client): boolean => c?.subject.commonName === want && (c.subject.organizations ?? []).join() === 'system:nodes';
      if (ok(client) && ok(serving)) identitiesOk++;
      else errors.push(`${k.nodeName}: holds ${client?.subject.commonName ?? 'no client certificate'} / ${serving?.subject.commonName ?? 'no serving certificate'}, want ${want}`);
      if (!serving || !state.server) return;
      const served = await servedSerial(state.server.port).catch((err: unknown) => `error: ${errorMessage(err)}`);
      if (serialKey(served) === serialKey(serving.serialNumber)) servingOk++;
      else errors.push(`${k.nodeName}: its HTTPS server serves certificate ${served}, want the serving certificate ${serving.serialNumber}`);
    });
    await inBatches(checks, 32);

    const figures = stormFigures(times.filter(Boolean), wallMs, { apiserverRequests, csrs: createdCsrs.length, certificatesPerCsr }, { rssSamples, rssEndBytes, rssBaseBytes, cpuMicros: cpu.user + cpu.system });

    let ceiling: CryptoCeiling | undefined;
    if (options.crypto !== false) {
      const o = typeof options.crypto === 'object' ? options.crypto : {};
      const server = await plane.apiserver.issueClientCertificate({ commonName: 'bench-handshake-server' });
      const client = await plane.apiserver.issueClientCertificate({ commonName: 'bench-handshake-client' });
      ceiling = await measureCryptoCeiling(
        { caPem: plane.apiserver.caPem, server: { certPem: server.certPem, keyPem: server.keyPem }, client: { certPem: client.certPem, keyPem: client.keyPem } },
        { keySpec, ...(o.msPerFigure !== undefined ? { msPerFigure: o.msPerFigure } : {}), ...(o.openssl !== undefined ? { openssl: o.openssl } : {}) },
      );
    }
    await approver.stop();
    return {
      keySpec,
      concurrency,
      workdir,
      kept: options.keep === true,
      figures,
      apiserverConnectionsPerNode: total > 0 ? remotes.size / total : 0,
      ...(ceiling ? { ceiling } : {}),
      errors,
      kubeletRetries,
      correctness: { csrs: createdCsrs.length, signedExactlyOnce: certProblems.length === 0 && unsigned.length === 0, identitiesOk, servingOk },
      nodeTimes: times.filter(Boolean),
    };
  } finally {
    await inBatches(kubelets.map((k) => () => k.stop().catch(() => undefined)), 64);
    await admin?.close().catch(() => undefined);
    await plane?.stop().catch(() => undefined);
    if (options.keep !== true) await rm(workdir, { recursive: true, force: true });
  }
}

/** The serial number of the certificate a TLS server on 127.0.0.1:port presents. */
function servedSerial(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      const cert = socket.getPeerCertificate() as PeerCertificate | Record<string, never>;
      socket.destroy();
      resolve('serialNumber' in cert ? cert.serialNumber : 'none');
    });
    socket.once('error', reject);
  });
}

async function inBatches(tasks: readonly (() => Promise<unknown>)[], size: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(size, tasks.length) }, worker));
}
