// The figures of `tlsboot bench` (issue 8 §1), computed from what the storm recorded: per-node
// milestones, the apiserver's request and certificate counts, memory and CPU samples. Pure: no
// timing happens here. Quantiles are nearest-rank (@tlsboot/util quantile), as the other
// benchmarks report them. The flow measured is kubernetes/kubernetes pkg/kubelet/certificate
// (client + serving managers), pkg/controller/certificates (approve + sign).
import { quantile } from '@tlsboot/util';

/** Milestones of one node, in ms since the storm started (undefined: not reached). */
export interface NodeTimes {
  node: string;
  /** startKubelet called. */
  startMs: number;
  /** The client certificate stored (kubelet-client-current.pem) by the client certificate manager. */
  clientCertMs?: number;
  /** The Node object registered and its first status posted. */
  registeredMs?: number;
  /** The serving certificate stored and handed to the kubelet's HTTPS server. */
  servingCertMs?: number;
}

export interface LatencyFigures {
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface StormCounts {
  /** Requests the kube-apiserver received during the storm (its `request.received` trace events). */
  apiserverRequests: number;
  /** CSRs the nodes created (client + serving). */
  csrs: number;
  /** status.certificate writes per CSR name (the apiserver's `csr.certificate` events). */
  certificatesPerCsr: Record<string, number>;
}

export interface ResourceSamples {
  /** process.memoryUsage().rss samples during the storm, bytes. */
  rssSamples: number[];
  /** RSS at the end of the storm, before teardown, bytes. */
  rssEndBytes: number;
  /** RSS before the control plane started, bytes. */
  rssBaseBytes: number;
  /** RSS when the first kubelet started (control plane up, worker threads loaded), bytes. */
  rssStartBytes?: number;
  /** process.cpuUsage() over the storm (user + system), microseconds. */
  cpuMicros: number;
}

export interface StormFigures {
  nodes: number;
  nodesDone: number;
  wallSeconds: number;
  nodesPerSecond: number;
  /** start → both certificates. */
  startToBoth: LatencyFigures;
  /** start → client certificate, → registered, → serving certificate (medians and p99 to see where time goes). */
  stages: { clientCert: LatencyFigures; registered: LatencyFigures; servingCert: LatencyFigures };
  csrs: number;
  csrsPerSecond: number;
  apiserverRequests: number;
  apiserverRequestsPerSecond: number;
  peakRssMiB: number;
  endRssMiB: number;
  /** (RSS at end of storm − RSS before the control plane) / nodes. */
  rssPerNodeKiB: number;
  /** (RSS at end of storm − RSS when the first kubelet started) / nodes: the kubelets alone, without the fixed cost of the control plane and the worker threads. */
  kubeletRssPerNodeKiB: number;
  cpuSeconds: number;
  cpuMsPerNode: number;
}

const mib = 1024 * 1024;

export function latencyFigures(values: readonly number[]): LatencyFigures {
  const max = values.length === 0 ? NaN : Math.max(...values);
  return { p50Ms: quantile(values, 0.5), p95Ms: quantile(values, 0.95), p99Ms: quantile(values, 0.99), maxMs: max };
}

/** A node is done once it holds both certificates. */
export function bothMs(t: NodeTimes): number | undefined {
  if (t.clientCertMs === undefined || t.servingCertMs === undefined) return undefined;
  return Math.max(t.clientCertMs, t.servingCertMs);
}

function since(times: readonly NodeTimes[], pick: (t: NodeTimes) => number | undefined): number[] {
  const out: number[] = [];
  for (const t of times) {
    const at = pick(t);
    if (at !== undefined) out.push(at - t.startMs);
  }
  return out;
}

export function stormFigures(times: readonly NodeTimes[], wallMs: number, counts: StormCounts, res: ResourceSamples): StormFigures {
  const done = times.filter((t) => bothMs(t) !== undefined).length;
  const wallSeconds = wallMs / 1000;
  const per = (n: number): number => (wallSeconds > 0 ? n / wallSeconds : NaN);
  const peak = Math.max(res.rssEndBytes, ...res.rssSamples);
  const cpuSeconds = res.cpuMicros / 1e6;
  return {
    nodes: times.length,
    nodesDone: done,
    wallSeconds,
    nodesPerSecond: per(done),
    startToBoth: latencyFigures(since(times, bothMs)),
    stages: {
      clientCert: latencyFigures(since(times, (t) => t.clientCertMs)),
      registered: latencyFigures(since(times, (t) => t.registeredMs)),
      servingCert: latencyFigures(since(times, (t) => t.servingCertMs)),
    },
    csrs: counts.csrs,
    csrsPerSecond: per(counts.csrs),
    apiserverRequests: counts.apiserverRequests,
    apiserverRequestsPerSecond: per(counts.apiserverRequests),
    peakRssMiB: peak / mib,
    endRssMiB: res.rssEndBytes / mib,
    rssPerNodeKiB: times.length > 0 ? (res.rssEndBytes - res.rssBaseBytes) / 1024 / times.length : NaN,
    kubeletRssPerNodeKiB: times.length > 0 && res.rssStartBytes !== undefined ? (res.rssEndBytes - res.rssStartBytes) / 1024 / times.length : NaN,
    cpuSeconds,
    cpuMsPerNode: times.length > 0 ? (cpuSeconds * 1000) / times.length : NaN,
  };
}

/**
 * Correctness problems of the certificate counts: every CSR the nodes created has exactly one
 * certificate written, and no certificate was written for a CSR the nodes did not create.
 */
export function certificateProblems(created: readonly string[], certificatesPerCsr: Readonly<Record<string, number>>): string[] {
  const problems: string[] = [];
  const mine = new Set(created);
  for (const name of created) {
    const n = certificatesPerCsr[name] ?? 0;
    if (n !== 1) problems.push(`CertificateSigningRequest ${name}: ${n} certificates written, want exactly 1`);
  }
  for (const [name, n] of Object.entries(certificatesPerCsr)) {
    if (!mine.has(name)) problems.push(`CertificateSigningRequest ${name}: ${n} certificate(s) written for a CSR no benchmark node created`);
  }
  return problems;
}
