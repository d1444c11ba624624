/**
 * The statistics the apiserver benchmark reports: medians of rounds, and quantiles of one
 * round's per-watcher delivery times. Pure, so the bench's arithmetic can be read and tested
 * apart from the servers.
 */
import { median, quantile } from '@tlsboot/util';

/** A figure measured in several rounds: the median is the figure, min/max show the spread. */
export interface Rounds {
  median: number;
  min: number;
  max: number;
  rounds: number[];
}

export function summarize(rounds: readonly number[]): Rounds {
  return { median: median(rounds), min: Math.min(...rounds), max: Math.max(...rounds), rounds: [...rounds] };
}

/** One fan-out round: when each watcher had parsed the change, in ms after the write started. */
export interface FanoutRound {
  /** Until the last watcher had its event: the figure reported. */
  lastMs: number;
  firstMs: number;
  p50Ms: number;
  p99Ms: number;
  /** Until the writer had its response (HTTP) or its promise resolved (storage). */
  writeMs: number;
}

export function fanoutRound(deliveredAt: readonly number[], writeStart: number, writeEnd: number): FanoutRound {
  const after = deliveredAt.map((t) => t - writeStart);
  return {
    lastMs: Math.max(...after),
    firstMs: Math.min(...after),
    p50Ms: quantile(after, 0.5),
    p99Ms: quantile(after, 0.99),
    writeMs: writeEnd - writeStart,
  };
}

/** Median of each field over rounds; the rounds' `lastMs` kept for the spread. */
export interface Fanout {
  lastMs: Rounds;
  firstMs: number;
  p50Ms: number;
  p99Ms: number;
  writeMs: number;
}

export function summarizeFanout(rounds: readonly FanoutRound[]): Fanout {
  const m = (f: (r: FanoutRound) => number) => median(rounds.map(f));
  return {
    lastMs: summarize(rounds.map((r) => r.lastMs)),
    firstMs: m((r) => r.firstMs),
    p50Ms: m((r) => r.p50Ms),
    p99Ms: m((r) => r.p99Ms),
    writeMs: m((r) => r.writeMs),
  };
}
