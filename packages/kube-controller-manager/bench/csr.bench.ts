/**
 * `npm run bench:csr` — kubelet-client CSRs approved and signed per second through the real API,
 * beside the raw certificate-issue rate of @tlsboot/pki with the same CA and profile, measured in
 * the same run. Not a test: nothing here asserts a time. Figures go to
 * packages/kube-controller-manager/README.md ("Performance").
 *
 * Each run starts `tlsboot up` (kube-apiserver + kube-controller-manager in one child process, as
 * kubeadm configures them), makes N bootstrap-token identities and their P-256 CSRs, then times
 * the N creates (all at once) until an admin watch has seen the N certificates; csrapproving
 * approves each (SubjectAccessReview as the requester, PUT /approval) and csrsigning signs it
 * (PUT /status). Every certificate is then checked to chain to the cluster CA.
 *
 *   node --conditions=tlsboot-source --import tsx packages/kube-controller-manager/bench/csr.bench.ts [options]
 *     --json              one JSON document instead of the tables
 *     --clients N         bootstrap-token clients, one CSR each (default 200)
 *     --runs N            runs, each with a fresh control plane; medians reported (default 3)
 *     --warmup N          untimed CSRs through the pipeline before the timed batch (default 20)
 *     --cold              leave the clients' connections closed before timing (handshakes count)
 *     --pki-ms MS         length of a pki round (default 500; 3 rounds a run)
 *     --timeout-ms MS     give up on a batch after this long (default 120000)
 *     --cpu-prof DIR      run the control plane with node --cpu-prof, profiles into DIR
 *     --certificates      with --json: every CSR's certificates and the CA (for the smoke test)
 */
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { restClientFromKubeconfig } from '@tlsboot/client';
import type { RestClient } from '@tlsboot/client';
import { median } from '@tlsboot/util';
import { startControlPlaneProcess } from './control-plane.js';
import { runBatch } from './pipeline.js';
import { measureIssueRate } from './pki-rate.js';
import { medianFigures, runFigures, type RunFigures } from './stats.js';
import { certificateProblems } from './verify.js';
import { bootstrapClients, kubeletClientCSR, openConnections } from './workload.js';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    clients: { type: 'string', default: '200' },
    runs: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '20' },
    cold: { type: 'boolean', default: false },
    'pki-ms': { type: 'string', default: '500' },
    'timeout-ms': { type: 'string', default: '120000' },
    'cpu-prof': { type: 'string' },
    certificates: { type: 'boolean', default: false },
  },
});
const num = (name: 'clients' | 'runs' | 'warmup' | 'pki-ms' | 'timeout-ms', min: number): number => {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n < min) {
    process.stderr.write(`csr.bench: --${name} must be an integer ≥ ${min}, got ${String(args[name])}\n`);
    process.exit(2);
  }
  return n;
};
const clientCount = num('clients', 1);
const runs = num('runs', 1);
const warmup = num('warmup', 0);
const pkiMs = num('pki-ms', 1);
const timeoutMs = num('timeout-ms', 1);
const profileDir = args['cpu-prof'] === undefined ? undefined : resolve(args['cpu-prof']);
const log = (line: string): void => void (args.json ? process.stderr : process.stdout).write(`${line}\n`);

interface Run {
  pipeline: RunFigures;
  pkiPerSec: number;
  /** pipeline CSRs/s ÷ pki certificates/s of this run. */
  ratio: number;
  problems: string[];
  certificates?: Record<string, string[]>;
  caPem?: string;
}

async function oneRun(index: number): Promise<Run> {
  const cp = await startControlPlaneProcess(profileDir ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] } : {});
  let admin: RestClient | undefined;
  let clients: RestClient[] = [];
  try {
    admin = await restClientFromKubeconfig(cp.kubeconfigPath, { component: 'bench-csr' });
    clients = await bootstrapClients(admin, cp.url, cp.caPem, clientCount, new Date());
    const warm = await Promise.all(Array.from({ length: warmup }, (_, i) => kubeletClientCSR(`warmup-${index}-${i}`)));
    const timed = await Promise.all(Array.from({ length: clientCount }, (_, i) => kubeletClientCSR(`bench-${index}-${i}`)));
    if (!args.cold) await openConnections(clients);
    for (let i = 0; i < warm.length; i += clients.length) await runBatch(admin, clients, warm.slice(i, i + clients.length), timeoutMs);
    const windowStart = process.hrtime.bigint();
    const batch = await runBatch(admin, clients, timed, timeoutMs);
    const windowEnd = process.hrtime.bigint();
    // The timed batch on the monotonic clock the child's --cpu-prof timestamps use (µs).
    if (profileDir) log(`run ${index + 1}: timed batch at hrtime ${windowStart / 1000n}–${windowEnd / 1000n} µs (control plane pid ${cp.pid})`);
    const pipeline = runFigures(batch.timings);
    const problems = await certificateProblems(batch.certificates, cp.caPem, new Date());
    const pki = await measureIssueRate(cp.caPem, cp.caKeyPem, { rounds: 3, roundMs: pkiMs, warmup: 20 });
    log(
      `run ${index + 1}/${runs}: ${pipeline.csrs} CSRs in ${pipeline.wallMs.toFixed(0)} ms = ${pipeline.csrsPerSec.toFixed(1)}/s ` +
        `(p50 ${pipeline.p50Ms.toFixed(0)} ms, p95 ${pipeline.p95Ms.toFixed(0)} ms); pki ${pki.perSec.toFixed(0)}/s` +
        (problems.length ? `; ${problems.length} PROBLEMS: ${problems.slice(0, 3).join('; ')}` : ''),
    );
    const run: Run = { pipeline, pkiPerSec: pki.perSec, ratio: pipeline.csrsPerSec / pki.perSec, problems };
    if (args.certificates) {
      run.certificates = Object.fromEntries(batch.certificates);
      run.caPem = cp.caPem;
    }
    return run;
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await admin?.close();
    await cp.stop();
  }
}

const results: Run[] = [];
for (let i = 0; i < runs; i++) results.push(await oneRun(i));

const figures = medianFigures(results.map((r) => r.pipeline));
const pkiPerSec = median(results.map((r) => r.pkiPerSec));
const ratio = median(results.map((r) => r.ratio));
const problems = results.flatMap((r) => r.problems);
const machine = { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, loadavg1: loadavg()[0] };
const plan = { clients: clientCount, runs, warmup, connections: args.cold ? 'cold' : 'open before timing', statistic: 'median over runs' };

if (args.json) {
  process.stdout.write(
    `${JSON.stringify(
      {
        machine,
        plan,
        pipeline: figures,
        pki: { certificatesPerSec: pkiPerSec },
        ratio,
        problems,
        runs: results,
      },
      null,
      2,
    )}\n`,
  );
} else {
  const f = (n: number, d = 1): string => n.toFixed(d);
  log('');
  log(`kubelet-client CSRs through the API: ${clientCount} bootstrap-token clients, median of ${runs} run${runs > 1 ? 's' : ''} (${plan.connections})`);
  log(`  CSRs approved+signed/s   ${f(figures.csrsPerSec)}   (batch ${f(figures.wallMs, 0)} ms)`);
  log(`  latency per CSR          p50 ${f(figures.p50Ms, 0)} ms   p95 ${f(figures.p95Ms, 0)} ms   max ${f(figures.maxMs, 0)} ms   (create answered p50 ${f(figures.createP50Ms, 0)} ms)`);
  log(`  pki certificate issue/s  ${f(pkiPerSec)}   (signCertificate, same CA and profile, one core)`);
  log(`  ratio pipeline / pki     ${f(ratio, 3)}`);
  log(`  certificates checked     ${problems.length === 0 ? `all ${clientCount * runs} chain to the cluster CA, one each` : `${problems.length} problems`}`);
  log(`machine: ${machine.cores} × ${machine.cpu}, node ${machine.node}, load ${f(machine.loadavg1 ?? 0, 2)}`);
  if (profileDir) log(`control-plane CPU profiles in ${profileDir}`);
}
if (problems.length > 0) process.exitCode = 1;
