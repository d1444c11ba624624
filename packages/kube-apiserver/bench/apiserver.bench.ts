/**
 * `npm run bench:apiserver` — the apiserver's request rate and watch fan-out beside a bare
 * fastify HTTPS server measured in the same run. Not a test: nothing here asserts a time.
 * Figures go to packages/kube-apiserver/README.md ("Performance").
 *
 *   node --conditions=tlsboot-source --import tsx packages/kube-apiserver/bench/apiserver.bench.ts [options]
 *     --json              one JSON document instead of the tables
 *     --rounds N          timed GET rounds per figure, median reported (default 5)
 *     --round-ms MS       length of a GET round (default 1000)
 *     --concurrency N     requests in flight for the second GET figure (default 8)
 *     --connections N     ...spread over this many keep-alive connections (default 4)
 *     --watchers N        watchers for the fan-out (default 1000)
 *     --watch-rounds N    timed fan-out rounds, median reported (default 5)
 *     --no-watch          leave the fan-out out
 *     --no-bare-watch     leave the bare fastify fan-out out (saves its 1,000 handshakes)
 *     --same-thread       run the servers on the bench's thread instead of a worker thread
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import type { Dispatcher } from 'undici';
import { median } from '@tlsboot/util';
import { getRound } from './get-rate.js';
import { httpFanout, type HttpFanoutResult } from './http-fanout.js';
import { call, connect, type Endpoint } from './identity.js';
import { storageFanout } from './storage-fanout.js';
import { summarize, summarizeFanout, type Fanout, type Rounds } from './stats.js';
import { startInThread, startInWorker, type RunningTarget, type TargetSpec } from './targets.js';
import { probeTls, type TlsFacts } from './tls-probe.js';
import { benchSecret, secretPath, secretsPath } from './workload.js';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '5' },
    'round-ms': { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '8' },
    connections: { type: 'string', default: '4' },
    watchers: { type: 'string', default: '1000' },
    'watch-rounds': { type: 'string', default: '5' },
    'no-watch': { type: 'boolean', default: false },
    'no-bare-watch': { type: 'boolean', default: false },
    'same-thread': { type: 'boolean', default: false },
  },
});
const num = (name: keyof typeof args, min: number): number => {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n < min) {
    process.stderr.write(`apiserver.bench: --${name} must be an integer ≥ ${min}, got ${String(args[name])}\n`);
    process.exit(2);
  }
  return n;
};
const rounds = num('rounds', 1);
const roundMs = num('round-ms', 1);
const concurrency = num('concurrency', 1);
const connections = num('connections', 1);
const watchers = num('watchers', 1);
const watchRounds = num('watch-rounds', 1);
const sameThread = args['same-thread'];
const start = (spec: TargetSpec): Promise<RunningTarget> => (sameThread ? startInThread(spec) : startInWorker(spec));

interface GetMode {
  label: string;
  connections: number;
  pipelining: number;
  inFlight: number;
}
interface GetRow {
  mode: GetMode;
  ours: Rounds;
  bare: Rounds;
  /** Server thread busy time per request, µs (median over rounds); only with servers on worker threads. */
  oursBusyUs: number | undefined;
  bareBusyUs: number | undefined;
}

const modes: GetMode[] = [
  { label: '1 connection, 1 in flight', connections: 1, pipelining: 1, inFlight: 1 },
  {
    label: `${connections} connection${connections > 1 ? 's' : ''}, ${concurrency} in flight`,
    connections,
    pipelining: Math.ceil(concurrency / connections),
    inFlight: concurrency,
  },
];

/**
 * Ours and bare alternate round by round (and which goes first), so drift on a shared VM hits
 * both alike. With the servers on worker threads, each round also yields the server thread's
 * busy time per request.
 */
async function measureGet(ours: RunningTarget, bare: RunningTarget, mode: GetMode): Promise<GetRow> {
  const targets = { ours, bare };
  const open = (t: RunningTarget): Dispatcher => connect(t.endpoint, { connections: mode.connections, pipelining: mode.pipelining });
  const d = { ours: open(ours), bare: open(bare) };
  try {
    const warmupMs = roundMs;
    await getRound(d.ours, secretPath, mode.inFlight, warmupMs);
    await getRound(d.bare, secretPath, mode.inFlight, warmupMs);
    const rates = { ours: [] as number[], bare: [] as number[] };
    const busy = { ours: [] as number[], bare: [] as number[] };
    for (let r = 0; r < rounds; r++) {
      const order: ('ours' | 'bare')[] = r % 2 === 0 ? ['ours', 'bare'] : ['bare', 'ours'];
      for (const which of order) {
        const busyMs = targets[which].busyMs;
        const before = await busyMs?.();
        const round = await getRound(d[which], secretPath, mode.inFlight, roundMs);
        const after = await busyMs?.();
        rates[which].push(round.perSec);
        if (before !== undefined && after !== undefined) busy[which].push(((after - before) * 1000) / round.requests);
      }
    }
    const busyUs = (xs: number[]) => (xs.length ? median(xs) : undefined);
    return { mode, ours: summarize(rates.ours), bare: summarize(rates.bare), oursBusyUs: busyUs(busy.ours), bareBusyUs: busyUs(busy.bare) };
  } finally {
    await Promise.all([d.ours.close(), d.bare.close()]);
  }
}

interface FanoutRow {
  path: 'storage' | 'apiserver' | 'bare';
  label: string;
  fanout: Fanout;
  setupMs?: number;
  connections?: number;
}

const started = performance.now();
/** The 1-minute load average before and after: on a shared machine, a busy neighbour moves every figure. */
const loadBefore = loadavg()[0]!;
const ours = await start({ kind: 'ours' });
let bare: RunningTarget | undefined;
try {
  const admin = connect(ours.endpoint, { connections: 1, pipelining: 1 });
  await call(admin, 'POST', secretsPath, benchSecret(), [201]);
  const secretText = await call(admin, 'GET', secretPath);
  await admin.close();
  const secret = JSON.parse(secretText) as Record<string, unknown>;
  const tls: TlsFacts = await probeTls(ours.endpoint);
  bare = await start({ kind: 'bare', keySpec: tls.keySpec, body: secret });
  const bareTls = await probeTls(bare.endpoint);
  const bareAdmin = connect(bare.endpoint, { connections: 1, pipelining: 1 });
  const bareBytes = Buffer.byteLength(await call(bareAdmin, 'GET', secretPath));
  await bareAdmin.close();

  const get: GetRow[] = [];
  for (const mode of modes) get.push(await measureGet(ours, bare, mode));

  const fanout: FanoutRow[] = [];
  const http: { ours?: HttpFanoutResult; bare?: HttpFanoutResult } = {};
  if (!args['no-watch']) {
    fanout.push({ path: 'storage', label: `storage: MemoryStore.watch ×${watchers}, in process`, fanout: summarizeFanout(await storageFanout(watchers, watchRounds)) });
    const plan = { watchers, rounds: watchRounds, openBatch: 50 };
    http.ours = await httpFanout(ours.endpoint, secret, plan);
    fanout.push({ path: 'apiserver', label: `apiserver: ${http.ours.connections} mTLS connections, HTTP/1.1`, fanout: summarizeFanout(http.ours.rounds), setupMs: http.ours.openMs, connections: http.ours.connections });
    if (!args['no-bare-watch']) {
      http.bare = await httpFanout(bare.endpoint, secret, plan);
      fanout.push({ path: 'bare', label: `bare fastify: ${http.bare.connections} mTLS connections, HTTP/1.1`, fanout: summarizeFanout(http.bare.rounds), setupMs: http.bare.openMs, connections: http.bare.connections });
    }
  }
  const seconds = (performance.now() - started) / 1000;
  report({ tls, bareTls, secretBytes: Buffer.byteLength(secretText), bareBytes, get, fanout, seconds, load: [loadBefore, loadavg()[0]!] });
} finally {
  await Promise.allSettled([ours.close(), bare?.close()]);
}

interface Report {
  tls: TlsFacts;
  bareTls: TlsFacts;
  secretBytes: number;
  bareBytes: number;
  get: GetRow[];
  fanout: FanoutRow[];
  seconds: number;
  /** 1-minute load average at the start and at the end. */
  load: [number, number];
}

function fmt(n: number): string {
  if (!Number.isFinite(n)) return '—';
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(n >= 10 ? 1 : 2);
}

function table(header: string[], body: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

function report(r: Report): void {
  const machine = { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, loadAverage: { start: r.load[0], end: r.load[1] } };
  const where = sameThread ? 'servers on the bench thread' : 'each server on a worker thread, clients on the main thread';
  if (args.json) {
    const json = {
      machine,
      plan: { rounds, roundMs, watchers, watchRounds, serversOn: sameThread ? 'same-thread' : 'worker-thread', statistic: 'median over rounds' },
      tls: { ours: r.tls, bare: r.bareTls },
      get: {
        path: secretPath,
        bytes: { ours: r.secretBytes, bare: r.bareBytes },
        rows: r.get.map((g) => ({ mode: g.mode, ours: g.ours, bare: g.bare, ratio: g.ours.median / g.bare.median, serverBusyUsPerRequest: { ours: g.oursBusyUs ?? null, bare: g.bareBusyUs ?? null } })),
      },
      fanout: r.fanout,
      seconds: r.seconds,
    };
    process.stdout.write(JSON.stringify(json, null, 2) + '\n');
    return;
  }
  const out: string[] = [];
  out.push(`tlsboot kube-apiserver benchmark — ${machine.cores} cores (${machine.cpu}), node ${machine.node}; ${where}; load average ${r.load[0].toFixed(2)} at the start, ${r.load[1].toFixed(2)} at the end`);
  out.push(`TLS: ${r.tls.protocol} ${r.tls.cipher}, ${r.tls.keySpec} serving key, client certificate O=system:masters; ALPN offered h2: apiserver chose ${r.tls.alpn || 'none'}, bare chose ${r.bareTls.alpn || 'none'}`);
  out.push('', `GET ${secretPath} (${r.secretBytes} bytes; bare: ${r.bareBytes}) — median req/s of ${rounds} rounds of ${roundMs} ms, keep-alive mTLS`, '');
  out.push(
    table(
      ['connections', 'apiserver req/s', 'min–max', 'bare fastify req/s', 'min–max', 'ours/bare', 'server µs/req ours', 'bare'],
      r.get.map((g) => [
        g.mode.label,
        fmt(g.ours.median),
        `${fmt(g.ours.min)}–${fmt(g.ours.max)}`,
        fmt(g.bare.median),
        `${fmt(g.bare.min)}–${fmt(g.bare.max)}`,
        (g.ours.median / g.bare.median).toFixed(2),
        g.oursBusyUs === undefined ? '—' : fmt(g.oursBusyUs),
        g.bareBusyUs === undefined ? '—' : fmt(g.bareBusyUs),
      ]),
    ),
  );
  out.push('', sameThread
    ? 'server µs/req: only with the servers on worker threads (without --same-thread)'
    : 'server µs/req: the server thread\'s event-loop busy time (JS, TLS and socket writes) per request answered');
  if (r.fanout.length) {
    out.push('', `One change to ${watchers} watchers — ms from the write to each watcher having parsed its event, median of ${watchRounds} rounds`, '');
    out.push(
      table(
        ['path', 'last', 'min–max', 'first', 'p50', 'p99', 'write', 'setup s'],
        r.fanout.map((f) => [
          f.label,
          fmt(f.fanout.lastMs.median),
          `${fmt(f.fanout.lastMs.min)}–${fmt(f.fanout.lastMs.max)}`,
          fmt(f.fanout.firstMs),
          fmt(f.fanout.p50Ms),
          fmt(f.fanout.p99Ms),
          fmt(f.fanout.writeMs),
          f.setupMs === undefined ? '' : (f.setupMs / 1000).toFixed(1),
        ]),
      ),
    );
    out.push('', 'write: until the PUT answered (storage: until guaranteedUpdate resolved); setup: opening every watch, handshakes included');
  }
  out.push('', `finished in ${r.seconds.toFixed(1)} s`);
  process.stdout.write(out.join('\n') + '\n');
}
