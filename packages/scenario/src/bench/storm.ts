// The join storm of `tlsboot bench` (issue 8 §1): one cluster as `tlsboot up` runs it (the
// kubeadm policy; kube-controller-manager with csrapproving + csrsigning), one bootstrap token of
// system:bootstrappers:kubeadm:default-node-token, then N kubelets joining at once, each through
// the whole TLS bootstrap of kubernetes/kubernetes pkg/kubelet/certificate (v1.32): bootstrap
// token → client CSR (kube-apiserver-client-kubelet) auto-approved by sarapprove.go and signed by
// signer.go → the client certificate → Node registered → serving CSR (kubelet-serving) approved
// by the benchmark's approver as `kubectl certificate approve` would → signed → served by the
// kubelet's HTTPS server. The wall clock throughout (realClock): the figure is wall time.
// The kubelets take Path B by default (bootstrap.LoadClientCert, rotateCertificates off: the flow
// issue 8 names), Path A with `rotateCertificates`; they run in worker threads (storm-worker.ts,
// one slice each) or, with `workers: 0`, in the main thread beside the control plane.
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CertificateSigningRequest } from '@tlsboot/api';
import { certificateSigningRequests, writeKubeconfig } from '@tlsboot/client';
import type { RestClient } from '@tlsboot/client';
import type { TraceEvent as ApiserverTraceEvent } from '@tlsboot/kube-apiserver';
import type { KeySpec } from '@tlsboot/pki';
import { realClock } from '@tlsboot/util';
import type { Clock, Timer } from '@tlsboot/util';
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
import { benchNodeName, startNodeHost } from './node-host.js';
import type { NodeHost, NodeHostCheck, NodeHostEvent, NodeHostInput } from './node-host.js';
import { startServingApprover } from './serving-approver.js';

export { benchNodeName };

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
  /**
   * The kubelet's client-identity path: false (default) = Path B, the flow issue 8 names
   * (rotateCertificates off, --bootstrap-kubeconfig: LoadClientCert, then the kubelet starts with
   * its certificate); true = Path A (--rotate-certificates: the certificate manager in the
   * background, the transport's 10 s check swaps the certificate in).
   */
  rotateCertificates?: boolean;
  /**
   * Worker threads hosting the kubelets, each a slice with its own real clock (default
   * availableParallelism() − 1, at least 1); 0 = every kubelet in the main thread. The apiserver,
   * controller-manager and approver always run in the main thread.
   */
  workers?: number;
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
  /** 'B' (LoadClientCert, rotateCertificates off) or 'A' (--rotate-certificates). */
  path: 'A' | 'B';
  /** Worker threads that hosted the kubelets (0: the main thread). */
  workers: number;
  concurrency: number;
  workdir: string;
  kept: boolean;
  figures: StormFigures;
  /** Distinct client connections (address:port) the apiserver saw during the storm, per node: ≈ handshakes per node. */
  apiserverConnectionsPerNode: number;
  ceiling?: CryptoCeiling;
  /** The storm's requests by method and path shape (names as placeholders; `?watch` marked), and the error responses by status code. */
  requests: { byKind: Record<string, number>; errorsByStatus: Record<string, number> };
  /** Failures: nodes not done, kubelets that failed to start, approver errors, correctness violations. Must be empty. */
  errors: string[];
  /** kubelet.error events: upstream's retries (e.g. registration before the client certificate), not failures. */
  kubeletRetries: number;
  /** Approvals of the serving approver that failed transiently (dial timeouts, 5xx) and were requeued. */
  approverRetries: number;
  /** Correctness: every CSR signed exactly once, every node holds its own identity and serves its serving certificate. */
  correctness: { csrs: number; signedExactlyOnce: boolean; identitiesOk: number; servingOk: number };
  nodeTimes: NodeTimes[];
}

const sampleEveryMs = 100;
const progressEveryMs = 500;

/** The default --workers: one per core but the main thread's, at least 1. */
export function defaultStormWorkers(): number {
  return Math.max(1, availableParallelism() - 1);
}

export async function runStorm(options: StormOptions = {}): Promise<StormResult> {
  const total = options.nodes ?? 1000;
  const concurrency = Math.max(1, Math.min(options.concurrency ?? total, total));
  const keySpec = options.keySpec ?? 'ecdsa-p256';
  const timeoutMs = options.timeoutMs ?? 300_000;
  const rotateCertificates = options.rotateCertificates === true;
  const workers = Math.max(0, Math.floor(options.workers ?? defaultStormWorkers()));
  const clock = realClock;
  const rssBaseBytes = process.memoryUsage().rss;
  const workdir = await mkdtemp(join(tmpdir(), 'tlsboot-bench-'));

  // apiserver trace: request count, distinct connections, certificates written per CSR
  let counting = false;
  let apiserverRequests = 0;
  const remotes = new Set<string>();
  const requestsByKind: Record<string, number> = {};
  const responsesByStatus: Record<string, number> = {};
  const certificatesPerCsr: Record<string, number> = {};
  const apiserverTrace = {
    emit(e: ApiserverTraceEvent) {
      if (e.type === 'request.received') {
        if (!counting) return;
        apiserverRequests++;
        remotes.add(e.remote);
        const kind = requestKind(e.method, e.path, e.query);
        requestsByKind[kind] = (requestsByKind[kind] ?? 0) + 1;
      } else if (e.type === 'request.responded') {
        if (counting && e.statusCode >= 400) responsesByStatus[e.statusCode] = (responsesByStatus[e.statusCode] ?? 0) + 1;
      } else if (e.type === 'csr.certificate') certificatesPerCsr[e.name] = (certificatesPerCsr[e.name] ?? 0) + 1;
    },
  };

  let plane: ControlPlane | undefined;
  let admin: RestClient | undefined;
  const hosts: NodeHost[] = [];
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
    let allDone: () => void = () => {};
    const finished = new Promise<void>((resolve) => (allDone = resolve));

    let t0 = performance.now();
    let t0Abs = performance.timeOrigin + t0;
    const since = (): number => performance.now() - t0;
    const at = (abs: number): number => abs - t0Abs;
    const onEvent = (e: NodeHostEvent): void => {
      switch (e.type) {
        case 'started':
          times[e.i] = { node: benchNodeName(e.i, total), startMs: at(e.at) };
          started++;
          break;
        case 'clientCert':
          if (times[e.i]) times[e.i]!.clientCertMs = at(e.at);
          clientCerts++;
          break;
        case 'registered':
          if (times[e.i]) times[e.i]!.registeredMs = at(e.at);
          registered++;
          break;
        case 'servingCert':
          if (times[e.i]) times[e.i]!.servingCertMs = at(e.at);
          break;
        case 'settled':
          if (++done === total) allDone();
          break;
        case 'csr':
          createdCsrs.push(e.name);
          break;
        case 'retry':
          kubeletRetries++;
          break;
        case 'error':
          errors.push(e.message);
          break;
      }
    };

    // the slices: node i goes to host i mod hosts (workers, or the main thread alone); workers load
    // their modules before the storm starts, so t0 and the CPU figure leave their start-up out
    const hostCount = workers === 0 ? 1 : Math.min(workers, total);
    const base = { workdir, bootstrapKubeconfigPath, caPath: plane.caPath, keySpec, rotateCertificates, total };
    const pending: StartableHost[] = [];
    for (let h = 0; h < hostCount; h++) {
      const indices: number[] = [];
      for (let i = h; i < total; i += hostCount) indices.push(i);
      const input: NodeHostInput = { ...base, indices, concurrency: Math.max(1, Math.round((concurrency * indices.length) / total)) };
      const host = workers === 0 ? mainThreadHost(input, clock, (e) => onEvent(e)) : startWorkerHost(input, (e) => onEvent(e), (message) => errors.push(message));
      pending.push(host);
      hosts.push(host);
    }
    await Promise.all(pending.map((h) => h.ready));

    const rssStartBytes = process.memoryUsage().rss;
    t0 = performance.now();
    t0Abs = performance.timeOrigin + t0;
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

    for (const h of pending) h.start();

    let timedOut = false;
    const timer = clock.setTimer(timeoutMs, () => ((timedOut = true), allDone()));
    await finished;
    timer.cancel();
    const wallMs = since();
    counting = false;
    // process-wide: getrusage(RUSAGE_SELF) counts every thread, the workers included; RSS likewise
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
    for (const c of await Promise.all(hosts.map((h) => h.check()))) {
      identitiesOk += c.identitiesOk;
      servingOk += c.servingOk;
      errors.push(...c.errors);
    }

    const figures = stormFigures(times.filter(Boolean), wallMs, { apiserverRequests, csrs: createdCsrs.length, certificatesPerCsr }, { rssSamples, rssEndBytes, rssBaseBytes, rssStartBytes, cpuMicros: cpu.user + cpu.system });

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
      path: rotateCertificates ? 'A' : 'B',
      workers: workers === 0 ? 0 : hosts.length,
      concurrency,
      workdir,
      kept: options.keep === true,
      figures,
      apiserverConnectionsPerNode: total > 0 ? remotes.size / total : 0,
      requests: { byKind: requestsByKind, errorsByStatus: responsesByStatus },
      ...(ceiling ? { ceiling } : {}),
      errors,
      kubeletRetries,
      approverRetries: approver.retries,
      correctness: { csrs: createdCsrs.length, signedExactlyOnce: certProblems.length === 0 && unsigned.length === 0, identitiesOk, servingOk },
      nodeTimes: times.filter(Boolean),
    };
  } finally {
    await Promise.all(hosts.map((h) => h.stop().catch(() => undefined)));
    await admin?.close().catch(() => undefined);
    await plane?.stop().catch(() => undefined);
    if (options.keep !== true) await rm(workdir, { recursive: true, force: true });
  }
}


/**
 * The worker's entry. Built: storm-worker.js. From source (tsx, --conditions=tlsboot-source): the
 * worker inherits process.execArgv (checked: both flags arrive), but on Node 20 the loader hooks
 * `--import tsx` registers do not reach a worker's entry module ("Unknown file extension .ts"),
 * so a small entry registers tsx's hooks (tsx/esm/api register) in the worker first, then imports
 * storm-worker.ts; the condition flag is inherited and applies there as in the main thread.
 */
function workerEntry(): { entry: URL | string; eval: boolean } {
  if (!import.meta.url.endsWith('.ts')) return { entry: new URL('./storm-worker.js', import.meta.url), eval: false };
  const tsx = import.meta.resolve('tsx/esm/api');
  const source = new URL('./storm-worker.ts', import.meta.url).href;
  return { entry: `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(source)}); });`, eval: true };
}

/**
 * A slice hosted in a worker thread (storm-worker.ts). The worker inherits process.execArgv, so
 * `--conditions=tlsboot-source --import tsx` load the sources there as in the main thread.
 */
/** `GET /api/v1/nodes/{name} watch`: the shape of a request, names replaced. */
export function requestKind(method: string, path: string, query: string): string {
  const shape = path
    .replace(/\/(nodes|leases|certificatesigningrequests|secrets|configmaps|namespaces)\/[^/]+/g, '/$1/{name}')
    .replace(/\/namespaces\/\{name\}/g, '/namespaces/{ns}');
  return `${method} ${shape}${/(^|&)watch=(1|true)/.test(query) ? ' watch' : ''}`;
}

interface StartableHost extends NodeHost {
  /** Loaded and waiting for start(). */
  ready: Promise<void>;
  start(): void;
}

/** The slice in the main thread, started on start(). */
function mainThreadHost(input: NodeHostInput, clock: Clock, onEvent: (e: NodeHostEvent) => void): StartableHost {
  let host: NodeHost | undefined;
  return {
    ready: Promise.resolve(),
    start: () => void (host ??= startNodeHost(input, clock, onEvent)),
    check: async () => (host ? host.check() : { identitiesOk: 0, servingOk: 0, errors: [] }),
    stop: async () => host?.stop(),
  };
}

function startWorkerHost(input: NodeHostInput, onEvent: (e: NodeHostEvent) => void, onError: (message: string) => void): StartableHost {
  const { entry, eval: isEval } = workerEntry();
  const worker = new Worker(entry, { workerData: input, eval: isEval });
  let answer: ((m: unknown) => void) | undefined;
  let exited = false;
  let stopping = false;
  const unsettled = new Set(input.indices);
  let onReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  const ask = <T>(type: 'check' | 'stop', fallback: T): Promise<T> =>
    exited
      ? Promise.resolve(fallback)
      : new Promise<T>((resolve) => {
          answer = (m) => resolve(m as T);
          worker.postMessage({ type });
        });
  worker.on('message', (m: NodeHostEvent | ({ type: 'checked' } & NodeHostCheck) | { type: 'stopped' } | { type: 'ready' }) => {
    if (m.type === 'ready') onReady();
    else if (m.type === 'checked' || m.type === 'stopped') {
      const a = answer;
      answer = undefined;
      a?.(m);
    } else {
      if (m.type === 'settled') unsettled.delete(m.i);
      onEvent(m);
    }
  });
  worker.on('error', (err) => onError(`worker (nodes ${input.indices[0]}, ${input.indices[1] ?? ''}…): ${err.message}`));
  worker.on('exit', (code) => {
    exited = true;
    onReady();
    if (!stopping && unsettled.size > 0) {
      // a dead worker's nodes never finish: fail them now rather than at the timeout
      onError(`worker of ${input.indices.length} nodes exited (code ${code}) with ${unsettled.size} nodes not done`);
      for (const i of [...unsettled]) unsettled.delete(i), onEvent({ type: 'settled', i });
    }
    // nodes of a dead worker never settle: the timeout reports them
    answer?.({ type: 'checked', identitiesOk: 0, servingOk: 0, errors: ['worker exited before answering'] });
  });
  worker.unref();
  return {
    ready,
    start: () => worker.postMessage({ type: 'start' }),
    check: () => ask<NodeHostCheck>('check', { identitiesOk: 0, servingOk: 0, errors: ['worker exited before the check'] }),
    async stop() {
      stopping = true;
      await ask('stop', undefined);
      await worker.terminate();
    },
  };
}
