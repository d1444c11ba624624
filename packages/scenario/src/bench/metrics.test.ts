// The join-storm figures (issue 8 §1) over the kubelet bootstrap of kubernetes/kubernetes
// pkg/kubelet/certificate: pure arithmetic, checked on hand-made milestones.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bothMs, certificateProblems, stormFigures } from './metrics.js';
import type { NodeTimes } from './metrics.js';
import { parseOpensslSpeed } from './crypto-ceiling.js';
import { needsServingApproval } from './serving-approver.js';

const times: NodeTimes[] = [
  { node: 'a', startMs: 0, clientCertMs: 100, registeredMs: 150, servingCertMs: 300 },
  { node: 'b', startMs: 10, clientCertMs: 210, registeredMs: 260, servingCertMs: 410 },
  { node: 'c', startMs: 20, clientCertMs: 120 },
];

test('metrics (pkg/kubelet/certificate): a node is done only with both certificates', () => {
  assert.is(bothMs(times[0]!), 300);
  assert.is(bothMs(times[2]!), undefined);
});

test('metrics: nodes/s counts done nodes over the wall time; latencies are start → both certificates', () => {
  const f = stormFigures(times, 2000, { apiserverRequests: 40, csrs: 5, certificatesPerCsr: {} }, { rssSamples: [100 * 1024 * 1024, 300 * 1024 * 1024], rssEndBytes: 200 * 1024 * 1024, rssBaseBytes: 50 * 1024 * 1024, cpuMicros: 3_000_000 });
  assert.is(f.nodes, 3);
  assert.is(f.nodesDone, 2);
  assert.is(f.nodesPerSecond, 1);
  assert.is(f.startToBoth.p50Ms, 300);
  assert.is(f.startToBoth.maxMs, 400);
  assert.is(f.stages.clientCert.p50Ms, 100);
  assert.is(f.csrsPerSecond, 2.5);
  assert.is(f.apiserverRequestsPerSecond, 20);
  assert.is(f.peakRssMiB, 300);
  assert.is(f.endRssMiB, 200);
  assert.is(f.rssPerNodeKiB, (150 * 1024) / 3);
  assert.is(f.cpuSeconds, 3);
  assert.is(f.cpuMsPerNode, 1000);
});

test('metrics (signer.go): every CSR signed exactly once, none signed that no node created', () => {
  assert.equal(certificateProblems(['csr-1', 'csr-2'], { 'csr-1': 1, 'csr-2': 1 }), []);
  assert.equal(certificateProblems(['csr-1', 'csr-2'], { 'csr-1': 2, 'csr-x': 1 }), [
    'CertificateSigningRequest csr-1: 2 certificates written, want exactly 1',
    'CertificateSigningRequest csr-2: 0 certificates written, want exactly 1',
    'CertificateSigningRequest csr-x: 1 certificate(s) written for a CSR no benchmark node created',
  ]);
});

test('crypto ceiling: parses the ecdsap256 row of openssl speed (OpenSSL 3.0 layout)', () => {
  const text = [
    '                              sign    verify    sign/s verify/s',
    ' 256 bits ecdsa (nistp256)   0.0000s   0.0001s  50728.0  20014.0',
  ].join('\n');
  assert.equal(parseOpensslSpeed(text), { signPerSecond: 50728, verifyPerSecond: 20014 });
  assert.is(parseOpensslSpeed('openssl: command not found'), undefined);
});

test('serving approver (kubectl certificates.go): only undecided kubelet-serving CSRs are approved', () => {
  const csr = (signerName: string, conditions: { type: string }[] = []) =>
    ({ metadata: { name: 'x' }, spec: { signerName, request: '', usages: [] }, status: { conditions } }) as never;
  assert.ok(needsServingApproval(csr('kubernetes.io/kubelet-serving')));
  assert.not.ok(needsServingApproval(csr('kubernetes.io/kubelet-serving', [{ type: 'Approved' }])));
  assert.not.ok(needsServingApproval(csr('kubernetes.io/kubelet-serving', [{ type: 'Denied' }])));
  assert.not.ok(needsServingApproval(csr('kubernetes.io/kube-apiserver-client-kubelet')));
});

test.run();
