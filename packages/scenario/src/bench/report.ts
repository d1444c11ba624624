// How `tlsboot bench` shows a storm (issue 8 §1): a table for people, one JSON object with stable
// field names for tracking, and the progress line. Pure renderers over a StormResult.
import type { StormProgress, StormResult } from './storm.js';

/** Our rate as fractions of the ceiling measured in the same process. */
export interface CeilingFractions {
  /** mTLS handshakes needed per node (the apiserver's distinct connections per node). */
  handshakesPerNode: number;
  /** nodes/s ÷ (handshakes/s ÷ handshakes per node). */
  ofHandshakeCeiling: number;
  /** nodes/s ÷ (key generations/s ÷ 2 keys per node). */
  ofKeyGenerationCeiling: number;
  /** CSRs/s ÷ node signatures/s (one CA signature per CSR). */
  ofSigningCeiling: number;
  /** CSRs/s ÷ openssl's ECDSA P-256 sign/s, when openssl was run. */
  ofOpensslSigning?: number;
}

export function ceilingFractions(r: StormResult): CeilingFractions | undefined {
  const c = r.ceiling;
  if (!c) return undefined;
  const f = r.figures;
  const perNode = r.apiserverConnectionsPerNode > 0 ? r.apiserverConnectionsPerNode : 1;
  return {
    handshakesPerNode: perNode,
    ofHandshakeCeiling: f.nodesPerSecond / (c.mtlsHandshakesPerSecond / perNode),
    ofKeyGenerationCeiling: f.nodesPerSecond / (c.keyGenerationsPerSecond / 2),
    ofSigningCeiling: f.csrsPerSecond / c.signaturesPerSecond,
    ...(c.openssl ? { ofOpensslSigning: f.csrsPerSecond / c.openssl.signPerSecond } : {}),
  };
}

/** The `--json` object: `figures`, `correctness`, `ceiling`, `fractions`, `errors` (see the field list in docs). */
export function benchJson(r: StormResult, options: { nodeTimes?: boolean } = {}): Record<string, unknown> {
  return {
    nodes: r.figures.nodes,
    keyAlgorithm: r.keySpec,
    /** 'B': LoadClientCert (rotateCertificates off, the flow of issue 8); 'A': --rotate-certificates. */
    path: r.path,
    workers: r.workers,
    concurrency: r.concurrency,
    ok: r.errors.length === 0 && r.figures.nodesDone === r.figures.nodes,
    figures: r.figures,
    apiserverConnectionsPerNode: r.apiserverConnectionsPerNode,
    correctness: r.correctness,
    kubeletRetries: r.kubeletRetries,
    approverRetries: r.approverRetries,
    requests: r.requests,
    ceiling: r.ceiling ?? null,
    fractions: ceilingFractions(r) ?? null,
    errors: r.errors,
    workdir: r.kept ? r.workdir : null,
    ...(options.nodeTimes ? { nodeTimes: r.nodeTimes } : {}),
  };
}

const n = (v: number, digits = 1): string => (Number.isFinite(v) ? v.toFixed(digits) : '-');
const pct = (v: number | undefined): string => (v !== undefined && Number.isFinite(v) ? `${(v * 100).toFixed(1)} %` : '-');

/** The table printed at the end of a run. */
export function renderBenchTable(r: StormResult): string {
  const f = r.figures;
  const c = r.ceiling;
  const fr = ceilingFractions(r);
  const rows: [string, string][] = [
    ['nodes', `${f.nodesDone} / ${f.nodes} hold both certificates (${r.keySpec}, ${r.concurrency} in flight)`],
    ['kubelet path', `${r.path === 'B' ? 'B: --bootstrap-kubeconfig, LoadClientCert before the kubelet starts (rotateCertificates off)' : 'A: --rotate-certificates, the certificate manager in the background'}; serverTLSBootstrap on`],
    ['kubelets hosted in', r.workers === 0 ? 'the main thread (with the control plane)' : `${r.workers} worker thread${r.workers === 1 ? '' : 's'} (control plane in the main thread)`],
    ['wall time', `${n(f.wallSeconds, 2)} s`],
    ['nodes/s', n(f.nodesPerSecond)],
    ['start → both certs', `p50 ${n(f.startToBoth.p50Ms, 0)} ms  p95 ${n(f.startToBoth.p95Ms, 0)} ms  p99 ${n(f.startToBoth.p99Ms, 0)} ms  max ${n(f.startToBoth.maxMs, 0)} ms`],
    ['  start → client cert', `p50 ${n(f.stages.clientCert.p50Ms, 0)} ms  p99 ${n(f.stages.clientCert.p99Ms, 0)} ms`],
    ['  start → registered', `p50 ${n(f.stages.registered.p50Ms, 0)} ms  p99 ${n(f.stages.registered.p99Ms, 0)} ms`],
    ['  start → serving cert', `p50 ${n(f.stages.servingCert.p50Ms, 0)} ms  p99 ${n(f.stages.servingCert.p99Ms, 0)} ms`],
    ['CSRs/s (approve + sign)', `${n(f.csrsPerSecond)} (${f.csrs} CSRs)`],
    ['apiserver requests/s', `${n(f.apiserverRequestsPerSecond)} (${f.apiserverRequests} requests, ${n(r.apiserverConnectionsPerNode, 2)} connections/node)`],
    ['RSS', `peak ${n(f.peakRssMiB)} MiB, end of storm ${n(f.endRssMiB)} MiB, ${n(f.rssPerNodeKiB, 0)} KiB/node (kubelets alone ${n(f.kubeletRssPerNodeKiB, 0)} KiB/node)`],
    ['CPU', `${n(f.cpuSeconds, 2)} s, ${n(f.cpuMsPerNode)} ms/node`],
    ['correctness', `${r.correctness.csrs} CSRs ${r.correctness.signedExactlyOnce ? 'each signed exactly once' : 'NOT each signed exactly once'}; ${r.correctness.identitiesOk} nodes hold system:node:<name>; ${r.correctness.servingOk} serve their serving certificate`],
    ['errors', `${r.errors.length}${r.kubeletRetries > 0 ? ` (kubelet retries, upstream backoff: ${r.kubeletRetries})` : ''}${r.approverRetries > 0 ? ` (approver requeues: ${r.approverRetries})` : ''}`],
  ];
  if (c) {
    rows.push(
      ['ceiling: key generation', `${n(c.keyGenerationsPerSecond, 0)}/s (${c.keySpec}, WebCrypto)`],
      ['ceiling: sign / verify', `${n(c.signaturesPerSecond, 0)}/s / ${n(c.verificationsPerSecond, 0)}/s (WebCrypto)`],
      ['ceiling: mTLS handshakes', `${n(c.mtlsHandshakesPerSecond, 0)}/s (node:tls, 127.0.0.1)`],
      ['openssl speed ecdsap256', c.openssl ? `sign ${n(c.openssl.signPerSecond, 0)}/s, verify ${n(c.openssl.verifyPerSecond, 0)}/s` : 'not run (no openssl)'],
    );
  }
  if (fr) {
    rows.push(
      ['nodes/s vs handshakes', `${pct(fr.ofHandshakeCeiling)} of handshakes/s ÷ ${n(fr.handshakesPerNode, 2)} per node`],
      ['nodes/s vs key generation', `${pct(fr.ofKeyGenerationCeiling)} of key generations/s ÷ 2 per node`],
      ['CSRs/s vs signing', `${pct(fr.ofSigningCeiling)} of WebCrypto sign/s${fr.ofOpensslSigning !== undefined ? `, ${pct(fr.ofOpensslSigning)} of openssl sign/s` : ''}`],
    );
  }
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`);
  for (const e of r.errors.slice(0, 20)) lines.push(`error: ${e}`);
  if (r.errors.length > 20) lines.push(`… and ${r.errors.length - 20} more errors`);
  if (r.kept) lines.push(`files kept in ${r.workdir}`);
  return `${lines.join('\n')}\n`;
}

/** One progress line: a bar when `width` > 0 (a TTY), else plain counts. */
export function progressLine(p: StormProgress, width = 0): string {
  const counts = `${p.done}/${p.total} done, ${p.clientCerts} client certs, ${p.registered} registered, ${p.started} started, ${(p.elapsedMs / 1000).toFixed(1)} s`;
  if (width <= 0) return `tlsboot bench: ${counts}`;
  const filled = p.total > 0 ? Math.round((p.done / p.total) * width) : 0;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${counts}`;
}
