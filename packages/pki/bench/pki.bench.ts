/**
 * `npm run bench:pki` — throughput of the pki package beside openssl on the same machine, and
 * the WebCrypto provider comparison behind the choice made in src/x509.ts. Not a test: nothing
 * here asserts a time. Figures go to packages/pki/README.md ("Performance").
 *
 *   node --conditions=tlsboot-source --import tsx packages/pki/bench/pki.bench.ts [options]
 *     --json             one JSON document instead of the tables
 *     --rounds N         timed rounds per figure, median reported (default 5)
 *     --round-ms MS      minimum length of a round (default 200; the provider comparison uses half)
 *     --no-openssl       leave the openssl column out
 *     --no-providers     leave the provider comparison out
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import {
  createCertificateAuthority,
  createCertificateRequest,
  generateKeyPair,
  signCertificate,
  verifyCertificateRequest,
  type SigningProfile,
} from '../src/index.js';
import { kubeProxySubject } from '../src/testing.js';
import { measure, type RoundPlan, type Throughput } from './measure.js';
import { combinedRate, measureStartup, opensslGenpkey, opensslSpeed, opensslVersion, type SpeedFigures } from './openssl.js';
import { compareProviders, nodeAdvantage, providerLabels, type BenchKeySpec, type ProviderRow } from './providers.js';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '5' },
    'round-ms': { type: 'string', default: '200' },
    'no-openssl': { type: 'boolean', default: false },
    'no-providers': { type: 'boolean', default: false },
  },
});
const rounds = Number(args.rounds);
const roundMs = Number(args['round-ms']);
if (!(rounds >= 1) || !(roundMs > 0)) {
  process.stderr.write('pki.bench: --rounds must be ≥ 1 and --round-ms > 0\n');
  process.exit(2);
}

const specs: BenchKeySpec[] = ['ecdsa-p256', 'rsa-2048'];
const specLabel: Record<BenchKeySpec, string> = { 'ecdsa-p256': 'ECDSA P-256', 'rsa-2048': 'RSA-2048' };
/** RSA key generation takes ~0.1 s a key: at least 3 keys a round so one unlucky prime search does not decide a round. */
const plan = (spec: BenchKeySpec, op: string, ms = roundMs): RoundPlan => ({
  rounds,
  minMs: ms,
  minOps: spec === 'rsa-2048' && op.startsWith('key generation') ? 3 : 1,
  warmupOps: spec === 'rsa-2048' && op.startsWith('key generation') ? 1 : 5,
});
/** The article's kube-proxy certificate: client auth, one year. */
const profile: SigningProfile = { usages: ['signing', 'key encipherment', 'client auth'], ttlMs: 8760 * 3_600_000 };
const now = new Date('2026-01-01T00:00:00Z');
const subject = kubeProxySubject;
const subjectAltNames = { dnsNames: ['kube-proxy.local'], ipAddresses: ['127.0.0.1'] };

type Op = 'key generation' | 'CSR create' | 'CSR verify' | 'certificate issue';
interface Row {
  spec: BenchKeySpec;
  op: Op;
  ours: Throughput;
  /** ratio: false when the openssl figure is start-up bound and a ratio would mean nothing. */
  openssl?: { opsPerSec: number; basis: string; ratio: boolean };
}

async function measureOurs(spec: BenchKeySpec): Promise<Row[]> {
  const ca = await createCertificateAuthority({ subject: { organizations: ['k8s'], commonName: 'kubernetes' }, now, keySpec: spec });
  const keys = await generateKeyPair(spec);
  const request = await createCertificateRequest({ keys, subject, subjectAltNames });
  const ops: [Op, () => Promise<unknown>][] = [
    ['key generation', () => generateKeyPair(spec)],
    ['CSR create', () => createCertificateRequest({ keys, subject, subjectAltNames })],
    ['CSR verify', () => verifyCertificateRequest(request)],
    ['certificate issue', () => signCertificate({ ca, request, profile, now })],
  ];
  const rows: Row[] = [];
  for (const [op, fn] of ops) rows.push({ spec, op, ours: await measure(fn, plan(spec, op)) });
  return rows;
}

const bits: Record<BenchKeySpec, number> = { 'ecdsa-p256': 256, 'rsa-2048': 2048 };

/** Fills the openssl column: what our operation needs in raw crypto, at openssl's rates. */
async function addOpenssl(rows: Row[], speed: SpeedFigures): Promise<{ startupMs: number }> {
  const startup = await measureStartup({ rounds, minMs: roundMs / 2, minOps: 5, warmupOps: 2 });
  for (const spec of specs) {
    const rate = (spec === 'rsa-2048' ? speed.rsa : speed.ecdsa).get(bits[spec]);
    const genpkey = await opensslGenpkey(spec, { rounds, minMs: roundMs, minOps: spec === 'rsa-2048' ? 3 : 5, warmupOps: 1 }, startup);
    for (const row of rows.filter((r) => r.spec === spec)) {
      if (row.op === 'key generation') {
        row.openssl = genpkey.keygenOnly !== undefined
          ? { opsPerSec: genpkey.keygenOnly, basis: 'openssl genpkey, process start-up subtracted', ratio: true }
          : { opsPerSec: genpkey.perProcess.median, basis: 'openssl genpkey, 1 process per key: start-up bound, no ratio', ratio: false };
      } else if (rate) {
        if (row.op === 'CSR create') row.openssl = { opsPerSec: rate.sign, basis: 'openssl speed: 1 sign', ratio: true };
        if (row.op === 'CSR verify') row.openssl = { opsPerSec: rate.verify, basis: 'openssl speed: 1 verify', ratio: true };
        if (row.op === 'certificate issue') row.openssl = { opsPerSec: combinedRate(rate.verify, rate.sign), basis: 'openssl speed: 1 verify + 1 sign', ratio: true };
      }
    }
  }
  return { startupMs: 1000 / startup.median };
}

function fmt(n: number): string {
  if (!Number.isFinite(n)) return '—';
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(n >= 10 ? 1 : 2);
}

function table(header: string[], body: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

const started = performance.now();
const version = args['no-openssl'] ? undefined : await opensslVersion();
const rows: Row[] = [];
for (const spec of specs) rows.push(...(await measureOurs(spec)));

let speed: SpeedFigures | undefined;
let startupMs: number | undefined;
if (version) {
  speed = await opensslSpeed(1);
  ({ startupMs } = await addOpenssl(rows, speed));
}
const providers: ProviderRow[] = args['no-providers'] ? [] : await compareProviders(specs, (spec, op) => plan(spec, op, roundMs / 2));
const advantage = providers.length ? nodeAdvantage(providers) : undefined;
const decision = advantage === undefined ? undefined : advantage >= 1 ? 'node' : 'peculiar';
const seconds = (performance.now() - started) / 1000;

const machine = { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, openssl: version ?? null };

if (args.json) {
  const json = {
    machine,
    plan: { rounds, roundMs, statistic: 'median ops/s over rounds, operations one after another' },
    pki: rows.map((r) => ({
      key: r.spec,
      op: r.op,
      opsPerSec: r.ours.median,
      min: r.ours.min,
      max: r.ours.max,
      openssl: r.openssl ? { opsPerSec: r.openssl.opsPerSec, basis: r.openssl.basis, ratio: r.openssl.ratio ? r.ours.median / r.openssl.opsPerSec : null } : null,
    })),
    opensslSpeed: speed
      ? Object.fromEntries(specs.map((s) => [s, (s === 'rsa-2048' ? speed.rsa : speed.ecdsa).get(bits[s]) ?? null]))
      : null,
    opensslStartupMs: startupMs ?? null,
    providers: providers.map((p) => ({ key: p.spec, op: p.op, node: p.node.median, peculiar: p.peculiar.median, ratio: p.node.median / p.peculiar.median })),
    providerDecision: decision ? { choose: decision, nodeOverPeculiarGeomean: advantage } : null,
    seconds,
  };
  process.stdout.write(JSON.stringify(json, null, 2) + '\n');
} else {
  const out: string[] = [];
  out.push(`tlsboot pki benchmark — ${machine.cores} cores (${machine.cpu}), node ${machine.node}, ${version ?? 'openssl: not found'}`);
  out.push(`median ops/s of ${rounds} rounds (≥ ${roundMs} ms each), operations one after another on one stream`, '');
  const opensslCell = (r: Row) => (r.openssl ? fmt(r.openssl.opsPerSec) : 'skip');
  out.push(
    table(
      ['key', 'operation', 'tlsboot ops/s', 'min–max', 'openssl ops/s', 'ours/openssl', 'openssl figure'],
      rows.map((r) => [
        specLabel[r.spec],
        r.op,
        fmt(r.ours.median),
        `${fmt(r.ours.min)}–${fmt(r.ours.max)}`,
        opensslCell(r),
        !r.openssl ? 'skip' : r.openssl.ratio ? (r.ours.median / r.openssl.opsPerSec).toFixed(3) : '—',
        r.openssl?.basis ?? '',
      ]),
    ),
  );
  if (!version) out.push('', args['no-openssl'] ? 'skip: openssl column left out (--no-openssl)' : 'skip: openssl not found, no openssl column');
  else if (startupMs !== undefined) out.push('', `openssl process start-up (genpkey -genparam P-256): ${startupMs.toFixed(1)} ms; openssl speed -seconds 1, single process`);
  if (providers.length) {
    out.push('', 'WebCrypto provider (x509 operations get the provider through their crypto parameter)', '');
    out.push(
      table(
        ['key', 'operation', 'node ops/s', '@peculiar ops/s', 'node/peculiar'],
        providers.map((p) => [specLabel[p.spec], p.op, fmt(p.node.median), fmt(p.peculiar.median), (p.node.median / p.peculiar.median).toFixed(2)]),
      ),
    );
    out.push('', `geometric mean node/peculiar: ${advantage!.toFixed(2)} → ${decision === 'node' ? 'keep' : 'faster:'} ${providerLabels[decision!]}`);
  }
  out.push('', `finished in ${seconds.toFixed(1)} s`);
  process.stdout.write(out.join('\n') + '\n');
}
