// Smoke test of `tlsboot bench` (issue 8 §1): 5 kubelets through the whole TLS bootstrap of
// kubernetes/kubernetes pkg/kubelet/certificate — client CSR approved by sarapprove.go and signed
// by signer.go, serving CSR approved as `kubectl certificate approve` does and signed — as a
// child process. No timing is asserted: only that it finished, correctly, with figures.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runSource } from './support/run-source.js';
import type { SourceRun } from './support/run-source.js';


function runBench(args: string[]): Promise<SourceRun> {
  return runSource('packages/cli/src/bin.ts', ['bench', ...args]);
}

interface BenchJson {
  ok: boolean;
  nodes: number;
  path: 'A' | 'B';
  workers: number;
  requests: { byKind: Record<string, number>; errorsByStatus: Record<string, number> };
  figures: Record<string, number> & { nodesDone: number; startToBoth: Record<string, number> };
  correctness: { csrs: number; signedExactlyOnce: boolean; identitiesOk: number; servingOk: number };
  ceiling: Record<string, number>;
  fractions: Record<string, number>;
  errors: string[];
}

function assertStorm(out: BenchJson, crypto: boolean): void {
  const pathB = out.path === 'B';
  assert.equal(out.errors, []);
  assert.ok(out.ok);
  assert.is(out.nodes, 5);
  assert.is(out.figures.nodesDone, 5);
  assert.is(out.correctness.csrs, 10, 'a client and a serving CSR per node');
  assert.ok(out.correctness.signedExactlyOnce);
  assert.is(out.correctness.identitiesOk, 5, 'each node holds system:node:<name>');
  assert.is(out.correctness.servingOk, 5, 'each kubelet serves its serving certificate');
  // figures exist and are positive (their size is not a test)
  const f = out.figures;
  for (const v of [f.nodesPerSecond, f.csrsPerSecond, f.apiserverRequestsPerSecond, f.peakRssMiB, f.cpuMsPerNode, out.figures.startToBoth.p50Ms, out.figures.startToBoth.p99Ms]) assert.ok(Number.isFinite(v) && v! > 0);
  if (crypto) for (const v of [out.ceiling.keyGenerationsPerSecond, out.ceiling.signaturesPerSecond, out.ceiling.verificationsPerSecond, out.ceiling.mtlsHandshakesPerSecond, out.fractions.ofHandshakeCeiling]) assert.ok(Number.isFinite(v) && v! > 0);
  // Path B: one CSR create per certificate and one registration per node (counted by kind). Path A
  // sends some of them anonymously (403) until the transport swaps the certificate in, and retries.
  if (pathB) {
    assert.is(out.requests.byKind['POST /apis/certificates.k8s.io/v1/certificatesigningrequests'], 10);
    assert.is(out.requests.byKind['POST /api/v1/nodes'], 5);
  } else assert.ok((out.requests.errorsByStatus['403'] ?? 0) > 0, 'Path A: requests before the certificate is swapped in are anonymous');
}

test('bench storm smoke (pkg/kubelet/certificate/bootstrap LoadClientCert = Path B, sarapprove.go, signer.go): 5 nodes in the main thread hold both certificates, every CSR signed once', async () => {
  const r = await runBench(['--nodes', '5', '--workers', '0', '--json']);
  assert.is(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as BenchJson;
  assert.is(out.path, 'B', 'Path B (--bootstrap-kubeconfig, rotateCertificates off) is the default');
  assert.is(out.workers, 0);
  assertStorm(out, true);
});

test('bench storm smoke (Path B, kubelets in a worker thread): 5 nodes hold both certificates, every CSR signed once', async () => {
  const r = await runBench(['--nodes', '5', '--workers', '1', '--no-crypto', '--json']);
  assert.is(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as BenchJson;
  assert.is(out.path, 'B');
  assert.is(out.workers, 1);
  assertStorm(out, false);
});

test('bench storm smoke (pkg/kubelet/certificate/kubelet.go, --rotate-certificates = Path A, in a worker thread): 5 nodes hold both certificates', async () => {
  const r = await runBench(['--nodes', '5', '--workers', '1', '--rotate-certificates', '--no-crypto', '--json']);
  assert.is(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as BenchJson;
  assert.is(out.path, 'A');
  assertStorm(out, false);
});

test.run();
