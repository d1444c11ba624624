/**
 * Requests/s for GET of one object over keep-alive mTLS connections. A round keeps `inFlight`
 * requests outstanding (each loop sends the next request when its answer has been read) for
 * `roundMs`, and counts the answers.
 */
import { performance } from 'node:perf_hooks';
import type { Dispatcher } from 'undici';
import { call } from './identity.js';

export interface GetRound {
  perSec: number;
  requests: number;
}

export async function getRound(dispatcher: Dispatcher, path: string, inFlight: number, roundMs: number): Promise<GetRound> {
  let count = 0;
  const start = performance.now();
  const end = start + roundMs;
  const loop = async () => {
    while (performance.now() < end) {
      await call(dispatcher, 'GET', path);
      count++;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, loop));
  return { perSec: (count * 1000) / (performance.now() - start), requests: count };
}
