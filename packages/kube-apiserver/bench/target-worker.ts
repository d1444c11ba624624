/** Runs one bench target on a worker thread (see targets.ts) until the bench posts "close". */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { errorMessage } from '@tlsboot/util';
import { startInThread, type TargetSpec } from './targets.js';

/**
 * CPU time of this thread so far (ms, user + system, 10 ms ticks), from Linux's
 * /proc/thread-self/stat; undefined elsewhere. Unlike event-loop busy time it does not grow
 * while a busy neighbour holds the core.
 */
function threadCpuMs(): number | undefined {
  try {
    const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

const port = parentPort!;
try {
  const target = await startInThread(workerData as TargetSpec);
  port.on('message', (m: 'busy' | 'close') => {
    if (m === 'busy') port.postMessage({ busyMs: performance.eventLoopUtilization().active, cpuMs: threadCpuMs() });
    else void target.close().then(() => port.postMessage({ closed: true }));
  });
  port.postMessage({ started: target.endpoint });
} catch (err) {
  port.postMessage({ error: errorMessage(err) });
}
