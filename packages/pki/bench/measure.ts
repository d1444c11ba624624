/**
 * Throughput of one operation, measured as several rounds and reported as the median round.
 * Operations run one after another (each awaited before the next starts), so a figure is the
 * rate of one stream of work on one core — the same thing `openssl speed` reports without
 * `-multi`.
 */
import { performance } from 'node:perf_hooks';
import { median } from '@tlsboot/util';

export interface RoundPlan {
  /** Timed rounds; the median is reported. */
  rounds: number;
  /** A round runs until it has lasted this long... */
  minMs: number;
  /** ...and has done at least this many operations (slow operations such as RSA key generation). */
  minOps: number;
  /** Untimed operations first, so JIT compilation and lazy loading stay out of the figures. */
  warmupOps: number;
}

export interface Throughput {
  /** Median of the rounds' ops/s. */
  median: number;
  min: number;
  max: number;
  /** Operations over all timed rounds. */
  ops: number;
  rounds: number[];
}

export function summarize(rounds: readonly number[], ops: number): Throughput {
  return { median: median(rounds), min: Math.min(...rounds), max: Math.max(...rounds), ops, rounds: [...rounds] };
}

/** Runs `op` in rounds (see RoundPlan) and returns ops/s per round and their median. */
export async function measure(op: () => Promise<unknown>, plan: RoundPlan): Promise<Throughput> {
  for (let i = 0; i < plan.warmupOps; i++) await op();
  const rates: number[] = [];
  let total = 0;
  for (let r = 0; r < plan.rounds; r++) {
    let count = 0;
    const start = performance.now();
    let elapsed = 0;
    do {
      await op();
      count++;
      elapsed = performance.now() - start;
    } while (elapsed < plan.minMs || count < plan.minOps);
    rates.push((count * 1000) / elapsed);
    total += count;
  }
  return summarize(rates, total);
}
