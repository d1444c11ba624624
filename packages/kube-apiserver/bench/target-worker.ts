/** Runs one bench target on a worker thread (see targets.ts) until the bench posts "close". */
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { errorMessage } from '@tlsboot/util';
import { startInThread, type TargetSpec } from './targets.js';

const port = parentPort!;
try {
  const target = await startInThread(workerData as TargetSpec);
  port.on('message', (m: 'busy' | 'close') => {
    if (m === 'busy') port.postMessage({ busyMs: performance.eventLoopUtilization().active });
    else void target.close().then(() => port.postMessage({ closed: true }));
  });
  port.postMessage({ started: target.endpoint });
} catch (err) {
  port.postMessage({ error: errorMessage(err) });
}
