// The CI slice of the server fuzzer (issue 9 §1; the long run is `npm run fuzz:servers`): 1,500
// seeded requests from test/fuzz/arbitraries.ts to a live apiserver and a joined kubelet
// (packages/scenario startControlPlane + joinNode), then the run's invariants
// (test/fuzz/servers.ts): no 5xx but upstream's own, every apiserver error a metav1.Status
// (k8s.io/apimachinery/pkg/api/errors, responsewriters.ErrorNegotiated), every kubelet error
// plain text (pkg/kubelet/server/server.go), both servers still serving, resourceVersions
// increasing on watches from 0, every object whole and every CSR's conditions legal
// (pkg/apis/certificates/validation/validation.go).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fuzzServers, renderReport, startFuzzCluster } from './fuzz/servers.js';
import type { FuzzCluster } from './fuzz/servers.js';

let cluster: FuzzCluster | undefined;
test.before(async () => {
  cluster = await startFuzzCluster();
});
test.after(async () => {
  await cluster?.stop();
});

test('issue 9 §1 (kube-apiserver handlers, kubelet server.go): 1,500 seeded hostile requests — no failure, invariants intact', async () => {
  const report = await fuzzServers(cluster!, { requests: 1_500, seed: 9_001, timeoutMs: 5_000, holdMs: 100 });
  const text = renderReport(report);
  assert.is(report.sent, 1_500, text);
  assert.equal(report.failures.map((f) => f.key), [], text);
  assert.equal(report.invariantProblems, [], text);
  // the slice reaches what it is meant to: every kind of request, both servers, the body limit, held-open requests
  for (const kind of ['random-body', 'truncated-body', 'wrong-types', 'invalid-utf8', 'deep-json', 'csr-garbage', 'path', 'verb', 'query', 'headers', 'held-open', 'kubelet-path', 'kubelet-query', 'kubelet-headers', 'kubelet-held-open']) {
    assert.ok((report.byKind[kind] ?? 0) > 0, `${kind} sent: ${text}`);
  }
  assert.ok((report.byStatus['apiserver 413'] ?? 0) > 0, `a body over 3 MiB answered 413: ${text}`);
  assert.ok((report.byStatus['apiserver 201'] ?? 0) > 0, `some requests created objects: ${text}`);
  assert.ok(Object.keys(report.byStatus).some((k) => k.startsWith('kubelet 40')), text);
  assert.ok(report.invariants.objects > 10 && report.invariants.watchEvents > 0, text);
  assert.ok(report.ms < 60_000, `${report.ms} ms`);
});

test.run();
