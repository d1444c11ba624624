/**
 * The two servers under test — the apiserver and the bare fastify yardstick — started either on
 * a worker thread (default: the server has a core of its own and the bench's clients the other,
 * as on a 2-core machine with the client in another process) or on the bench's own thread.
 */
import { Worker } from 'node:worker_threads';
import type { KeySpec } from '@tlsboot/pki';
import { benchPki, startBareServer } from './bare-server.js';
import type { Endpoint } from './identity.js';
import { startOurs } from './ours.js';

export type TargetSpec = { kind: 'ours' } | { kind: 'bare'; keySpec: KeySpec; body: unknown };

export interface RunningTarget {
  endpoint: Endpoint;
  /**
   * The server thread's event-loop busy time so far (ms), to divide by the requests it served.
   * Only for a server on a worker thread: on the bench's own thread the clients' work would count.
   */
  busyMs?(): Promise<number>;
  /** Busy time and, on Linux, the server thread's CPU time so far (ms); worker threads only. */
  usage?(): Promise<{ busyMs: number; cpuMs?: number }>;
  close(): Promise<void>;
}

export async function startInThread(spec: TargetSpec): Promise<RunningTarget> {
  if (spec.kind === 'ours') return startOurs();
  const tls = await benchPki(spec.keySpec);
  const server = await startBareServer(tls, spec.body);
  return {
    endpoint: { url: server.url, caPem: tls.caPem, clientCertPem: tls.clientCertPem, clientKeyPem: tls.clientKeyPem },
    close: () => server.close(),
  };
}

type Reply = { started: Endpoint } | { error: string } | { closed: true } | { busyMs: number; cpuMs?: number };

/** tsx registers itself in the worker: loader hooks given with --import do not reach worker threads on Node 20. */
const workerSource = `
import { register } from 'tsx/esm/api';
register();
await import(${JSON.stringify(new URL('./target-worker.ts', import.meta.url).href)});
`;

export async function startInWorker(spec: TargetSpec): Promise<RunningTarget> {
  const worker = new Worker(workerSource, { eval: true, workerData: spec });
  const next = () =>
    new Promise<Reply>((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      worker.once('error', onError);
      worker.once('message', (m: Reply) => {
        worker.off('error', onError);
        resolve(m);
      });
    });
  const first = await next();
  if ('error' in first) {
    await worker.terminate();
    throw new Error(`${spec.kind} server: ${first.error}`);
  }
  if (!('started' in first)) throw new Error(`${spec.kind} server: unexpected reply`);
  const usage = async (): Promise<{ busyMs: number; cpuMs?: number }> => {
    const reply = next();
    worker.postMessage('busy');
    const m = await reply;
    if (!('busyMs' in m)) throw new Error(`${spec.kind} server: unexpected reply`);
    return m;
  };
  return {
    endpoint: first.started,
    busyMs: async () => (await usage()).busyMs,
    usage,
    close: async () => {
      const closed = next();
      worker.postMessage('close');
      await closed;
      await worker.terminate();
    },
  };
}
