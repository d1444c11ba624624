/**
 * The arithmetic of the CSR benchmark: medians over runs, nearest-rank quantiles of one run's
 * per-CSR latencies, and the figures of one run. Pure, so it can be read and tested apart from
 * the servers.
 */
import { median, quantile } from '@tlsboot/util';

/** One CSR of a timed run, in ms on the bench's monotonic clock (performance.now()). */
export interface CsrTiming {
  /** When its create request was sent. */
  createdAt: number;
  /** When the create's response arrived. */
  createAnsweredAt: number;
  /** When the watch delivered the object carrying the certificate. */
  certifiedAt: number;
}

/** The figures of one run. */
export interface RunFigures {
  csrs: number;
  /** First create sent → last certificate observed. */
  wallMs: number;
  csrsPerSec: number;
  /** Per CSR: its create sent → its certificate observed. */
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Per CSR: its create sent → the create's response (the apiserver's share on the write path). */
  createP50Ms: number;
}

export function runFigures(timings: readonly CsrTiming[]): RunFigures {
  if (timings.length === 0) throw new Error('runFigures: no CSRs');
  const first = Math.min(...timings.map((t) => t.createdAt));
  const last = Math.max(...timings.map((t) => t.certifiedAt));
  const latency = timings.map((t) => t.certifiedAt - t.createdAt);
  const wallMs = last - first;
  return {
    csrs: timings.length,
    wallMs,
    csrsPerSec: (timings.length * 1000) / wallMs,
    p50Ms: quantile(latency, 0.5),
    p95Ms: quantile(latency, 0.95),
    maxMs: Math.max(...latency),
    createP50Ms: quantile(
      timings.map((t) => t.createAnsweredAt - t.createdAt),
      0.5,
    ),
  };
}

/** The median of each figure over runs (each figure on its own, so they need not come from one run). */
export function medianFigures(runs: readonly RunFigures[]): RunFigures {
  const m = (f: (r: RunFigures) => number): number => median(runs.map(f));
  return {
    csrs: m((r) => r.csrs),
    wallMs: m((r) => r.wallMs),
    csrsPerSec: m((r) => r.csrsPerSec),
    p50Ms: m((r) => r.p50Ms),
    p95Ms: m((r) => r.p95Ms),
    maxMs: m((r) => r.maxMs),
    createP50Ms: m((r) => r.createP50Ms),
  };
}
