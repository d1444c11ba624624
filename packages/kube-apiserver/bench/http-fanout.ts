/**
 * The time to deliver one change to N HTTP watchers: N watch requests, each on its own mTLS
 * keep-alive connection (HTTP/1.1 carries one streaming response per connection), then one PUT
 * on another connection; a round lasts from the moment the PUT is sent until the last watcher
 * has parsed the event carrying the round's annotation.
 */
import { performance } from 'node:perf_hooks';
import type { Dispatcher } from 'undici';
import { call, connect, type Endpoint } from './identity.js';
import { fanoutRound, type FanoutRound } from './stats.js';
import { benchAnnotation, secretPath, secretsPath } from './workload.js';

export interface FanoutOptions {
  watchers: number;
  rounds: number;
  /** Connections opened at once while setting up (each costs a full mTLS handshake). */
  openBatch: number;
}

export interface HttpFanoutResult {
  rounds: FanoutRound[];
  /** How long opening every watch took, handshakes included. */
  openMs: number;
  connections: number;
}

interface WatchEventLine {
  type: string;
  object: { metadata?: { annotations?: Record<string, string>; resourceVersion?: string } };
}

/** `secret`: the object as last read; each round PUTs it back with a new annotation. */
export async function httpFanout(endpoint: Endpoint, secret: Record<string, unknown>, options: FanoutOptions): Promise<HttpFanoutResult> {
  const writer = connect(endpoint, { connections: 1, pipelining: 1 });
  let current = secret as { metadata: { resourceVersion?: string; annotations?: Record<string, string> } };
  const rv = current.metadata.resourceVersion ?? '0';
  const deliveredAt = new Float64Array(options.watchers);
  let want = '';
  let waiting = 0;
  let done: (() => void) | undefined;
  let failed: ((err: Error) => void) | undefined;
  const clients: Dispatcher[] = [];

  const openOne = async (i: number) => {
    const client = connect(endpoint, { connections: 1, pipelining: 1, bodyTimeoutMs: 0 });
    clients.push(client);
    const res = await client.request({ method: 'GET', path: `${secretsPath}?watch=1&resourceVersion=${rv}`, headers: { accept: 'application/json' } });
    if (res.statusCode !== 200) throw new Error(`watch ${i}: ${res.statusCode} ${await res.body.text()}`);
    let buffered = '';
    res.body.setEncoding('utf8');
    res.body.on('data', (chunk: string) => {
      buffered += chunk;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (line.trim() === '') continue;
        const ev = JSON.parse(line) as WatchEventLine;
        if (ev.type === 'ERROR') failed?.(new Error(`watch ${i}: ERROR event ${line.slice(0, 300)}`));
        if (ev.type === 'MODIFIED' && ev.object.metadata?.annotations?.[benchAnnotation] === want) {
          deliveredAt[i] = performance.now();
          if (--waiting === 0) done?.();
        }
      }
    });
    res.body.on('error', (err) => failed?.(err));
    res.body.on('end', () => failed?.(new Error(`watch ${i} ended by the server`)));
  };

  const openStart = performance.now();
  for (let i = 0; i < options.watchers; i += options.openBatch) {
    const batch: Promise<void>[] = [];
    for (let j = i; j < Math.min(options.watchers, i + options.openBatch); j++) batch.push(openOne(j));
    await Promise.all(batch);
  }
  const openMs = performance.now() - openStart;

  const results: FanoutRound[] = [];
  try {
    // Round 0 is a warm-up, and proof that every watch is registered before timing starts.
    for (let r = 0; r <= options.rounds; r++) {
      want = `h${r}`;
      waiting = options.watchers;
      const delivered = new Promise<void>((resolve, reject) => {
        done = resolve;
        failed = reject;
      });
      delivered.catch(() => undefined); // handled by the await below, even if it fails during the PUT
      const body = { ...current, metadata: { ...current.metadata, annotations: { ...current.metadata.annotations, [benchAnnotation]: want } } };
      const start = performance.now();
      const text = await call(writer, 'PUT', secretPath, body);
      const written = performance.now();
      await delivered;
      current = JSON.parse(text) as typeof current;
      if (r > 0) results.push(fanoutRound(Array.from(deliveredAt), start, written));
    }
  } finally {
    failed = undefined;
    await Promise.all(clients.map((c) => c.destroy()));
    await writer.close();
  }
  return { rounds: results, openMs, connections: clients.length };
}
