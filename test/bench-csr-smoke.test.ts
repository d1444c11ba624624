// Smoke test of `npm run bench:csr` (packages/kube-controller-manager/bench/csr.bench.ts): a
// small run, N=5, through `tlsboot up` (kube-apiserver + kube-controller-manager as kubeadm runs
// them). kubernetes/kubernetes pkg/controller/certificates/approver/sarapprove.go approves each
// bootstrap-token kubelet-client CSR, pkg/controller/certificates/signer/signer.go signs it: every
// CSR must have exactly one certificate, one PEM block, chaining to the cluster CA for client
// auth, issued to the node it asked for. No timing is asserted — only that figures came out.
import { parseCertificatePem, parseCertificatesPem, verifyChain } from '@tlsboot/pki';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runSource } from './support/run-source.js';
import type { SourceRun } from './support/run-source.js';

const bench = 'packages/kube-controller-manager/bench/csr.bench.ts';

interface BenchJson {
  plan: { clients: number; runs: number };
  pipeline: { csrs: number; csrsPerSec: number; p50Ms: number; p95Ms: number };
  pki: { certificatesPerSec: number };
  ratio: number;
  problems: string[];
  runs: { certificates: Record<string, string[]>; caPem: string }[];
}

function runBench(args: string[]): Promise<SourceRun> {
  return runSource(bench, args);
}

test('bench-csr smoke (sarapprove.go, signer.go): 5 bootstrap-token kubelet-client CSRs get exactly one certificate each, chaining to the cluster CA', async () => {
  const r = await runBench(['--json', '--certificates', '--clients', '5', '--runs', '1', '--warmup', '2', '--pki-ms', '50']);
  assert.is(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as BenchJson;
  assert.equal(out.problems, []);
  assert.is(out.runs.length, 1);
  const run = out.runs[0]!;
  const ca = parseCertificatePem(run.caPem);
  const names = Object.keys(run.certificates).sort();
  assert.equal(names, [0, 1, 2, 3, 4].map((i) => `node-csr-bench-0-${i}`));
  for (const name of names) {
    const seen = run.certificates[name]!;
    assert.is(seen.length, 1, `${name}: exactly one certificate`);
    const certs = parseCertificatesPem(Buffer.from(seen[0]!, 'base64').toString('utf8'));
    assert.is(certs.length, 1, `${name}: one PEM block, no chain`);
    const cert = certs[0]!;
    assert.equal(cert.subject, { commonName: `system:node:${name.slice('node-csr-'.length)}`, organizations: ['system:nodes'] });
    assert.equal(cert.extKeyUsageNames, ['client auth']);
    const chain = await verifyChain(cert, { roots: [ca], at: new Date(), usages: ['client auth'] });
    assert.is(chain.length, 2, `${name}: leaf → cluster CA`);
  }
  // figures exist (their size is not a test)
  assert.is(out.pipeline.csrs, 5);
  for (const n of [out.pipeline.csrsPerSec, out.pipeline.p50Ms, out.pipeline.p95Ms, out.pki.certificatesPerSec, out.ratio]) assert.ok(Number.isFinite(n) && n > 0);
});

test.run();
