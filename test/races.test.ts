// Issue 9, Build 4 — races, the bounded CI slice (N=200, seeded): one kube-apiserver and two
// kube-controller-managers (csrapproving, csrsigning, csrcleaner each twice; upstream runs leader
// election so only one is active — this is the harder case), CSRs created at once by bootstrap
// tokens and nodes, the admin's `kubectl certificate approve|deny` racing the approver, and the
// virtual clock moved past the csrcleaner's deadlines. The long run: `npm run races -- --csrs 1000`.
// Upstream: pkg/controller/certificates/approver/sarapprove.go, signer/signer.go,
// cleaner/cleaner.go; pkg/registry/certificates/certificates/strategy.go; kubectl
// pkg/cmd/certificates/certificates.go.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CertificateSigningRequest } from '@tlsboot/api';
import { cleanerDeadline, expectedState, stateOf } from './races/invariants.js';
import { runRaces } from './races/run.js';

const csr = (conditions: [string, string][], certificate?: string): CertificateSigningRequest => ({
  apiVersion: 'certificates.k8s.io/v1',
  kind: 'CertificateSigningRequest',
  metadata: { name: 'x', creationTimestamp: '2026-01-01T00:00:00Z' },
  spec: { request: '', signerName: 'kubernetes.io/kube-apiserver-client-kubelet' },
  status: { conditions: conditions.map(([type, lastUpdateTime]) => ({ type, status: 'True', lastUpdateTime })), ...(certificate ? { certificate } : {}) },
});

test('races checks (cleaner.go deadlines): one state per CSR, the illegal mixes named, deadlines 1 h after the condition or 24 h after creation', () => {
  assert.is(stateOf(csr([])), 'Pending');
  assert.is(stateOf(csr([['Approved', '2026-01-01T00:00:00Z']], 'Y2VydA==')), 'Issued');
  assert.is(stateOf(csr([['Approved', '2026-01-01T00:00:00Z']])), 'Approved-unsigned');
  assert.is(stateOf(csr([['Approved', '2026-01-01T00:00:00Z'], ['Failed', '2026-01-01T00:00:01Z']])), 'Failed');
  assert.is(stateOf(csr([['Approved', '2026-01-01T00:00:00Z'], ['Denied', '2026-01-01T00:00:00Z']])), 'Approved+Denied');
  assert.is(expectedState('client', 'deny', { result: 'refused', conflicts: 0 }), 'Issued', 'the approver won the race');
  assert.is(expectedState('client', 'deny', { result: 'updated', conflicts: 1 }), 'Denied');
  assert.is(expectedState('client-bad', 'approve', undefined), 'Failed');
  assert.is(cleanerDeadline(csr([])), Date.parse('2026-01-02T00:00:00Z'));
  assert.is(cleanerDeadline(csr([['Denied', '2026-01-01T00:30:00Z']])), Date.parse('2026-01-01T01:30:00Z'));
  // approved but never issued: only the pending rule would apply, and it needs no conditions at all
  assert.is(cleanerDeadline(csr([['Approved', '2026-01-01T00:00:00Z']])), undefined);
});

test('races (certificate_controller.go, signer.go, cleaner.go): 200 concurrent CSRs, two controller-managers, kubectl and the cleaner — every CSR in one legal state, signed once, conflicts retried', async () => {
  const { figures, violations } = await runRaces({ csrs: 200, seed: 'races-ci', settleTimeoutMs: 60_000 });
  assert.equal(violations, [], 'no invariant broke');
  assert.is(figures.csrs, 200);
  // the signer that lost a race got a 409 (stale resourceVersion), never a second certificate
  assert.ok(figures.statusPuts['409']! > 0, `two signers raced: ${JSON.stringify(figures.statusPuts)}`);
  assert.is(figures.statusPuts['422'], undefined, 'no certificate overwrite reached validation');
  assert.ok(figures.approvalPuts['409']! > 0, `approvers raced: ${JSON.stringify(figures.approvalPuts)}`);
  assert.is(figures.certificatesWritten, figures.signedEvents);
  // validation.go: a certificate, once set, never changes — 422 without a resourceVersion, 409 with a stale one
  assert.equal([figures.overwrite.unconditional, figures.overwrite.stale], [422, 409], figures.overwrite.message);
  assert.ok(figures.autoApprovedBy.every((n) => n > 0), `both approvers worked: ${JSON.stringify(figures.autoApprovedBy)}`);
  assert.ok((figures.statesSettled['deleted'] ?? 0) > 0, 'the cleaner removed the first wave after 1 h');
  const reached = figures.statesReached;
  assert.ok(['Issued', 'Denied', 'Failed', 'Pending'].every((s) => (reached[s] ?? 0) > 0), `every legal state reached: ${JSON.stringify(reached)}`);
  assert.equal(Object.keys(reached).sort(), ['Denied', 'Failed', 'Issued', 'Pending'], 'and no other');
});

test.run();
