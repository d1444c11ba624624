// approve / deny against a real cluster: two nodes with serverTLSBootstrap, so each leaves a
// kubelet-serving CSR that nothing auto-approves (kubernetes/kubectl pkg/cmd/certificates/certificates.go).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CertificateSigningRequest } from '@tlsboot/api';
import { csrState, selectCsrs } from '../csr-selector.js';
import { StepFailure } from '../run-context.js';
import type { TestRun } from '../testing.js';
import { here, startTestRun, testNode, testScenario } from '../testing.js';
import { createTokenStep } from './create-token.js';
import { runStep } from './index.js';

let run: TestRun;

async function servingCsrOf(node: string): Promise<CertificateSigningRequest> {
  const [csr] = await selectCsrs(run.ctx, { node, type: 'serving' });
  assert.ok(csr, `a serving CSR of ${node}`);
  return csr;
}

async function failure(p: Promise<unknown>): Promise<StepFailure> {
  try {
    await p;
  } catch (err) {
    assert.instance(err, StepFailure);
    return err as StepFailure;
  }
  assert.unreachable('the step should have failed');
  throw new Error('unreachable');
}

test.before(async () => {
  run = await startTestRun(testScenario({ nodes: [testNode('k8s01', undefined, { serverTLSBootstrap: true }), testNode('k8s02', undefined, { serverTLSBootstrap: true })] }));
  await createTokenStep(run.ctx, { as: 'default', groups: ['system:bootstrappers:kubeadm:default-node-token'] });
  await run.startNodes();
  const { met } = await run.ctx.time.waitFor(async () => (await selectCsrs(run.ctx, { type: 'serving' })).length === 2, 120_000);
  assert.ok(met, 'both kubelets asked for a serving certificate');
});

test.after(async () => {
  await run?.close();
});

test('approve by a bootstrap token: the apiserver answers 403 on the approval subresource, and the CSR stays Pending', async () => {
  const source = here('spec.steps[1]');
  const err = await failure(runStep(run.ctx, { approve: { csr: { node: 'k8s01', type: 'serving' }, by: { token: '${tokens.default}' } }, source }));
  assert.is(err.source, source);
  assert.match(err.message, /^approve as bootstrap token [a-z0-9]{6}: Error from server \(Forbidden\): /);
  assert.match(err.message, /certificatesigningrequests/);
  assert.is(csrState(await servingCsrOf('k8s01')), 'Pending');
});

test('approve as the admin: condition Approved/KubectlApprove with kubectl\'s message, then the signer issues it; a second approve changes nothing; deny is refused client-side', async () => {
  await runStep(run.ctx, { approve: { csr: { node: 'k8s01', type: 'serving' } }, source: here() });
  await run.ctx.time.waitFor(async () => csrState(await servingCsrOf('k8s01')) === 'Issued', 60_000);
  const csr = await servingCsrOf('k8s01');
  assert.is(csrState(csr), 'Issued');
  const approved = csr.status?.conditions?.find((c) => c.type === 'Approved');
  assert.equal(
    { status: approved?.status, reason: approved?.reason, message: approved?.message },
    { status: 'True', reason: 'KubectlApprove', message: 'This CSR was approved by kubectl certificate approve.' },
  );
  assert.match(approved?.lastUpdateTime ?? '', /^2024-01-01T\d\d:\d\d:\d\dZ$/);
  const rv = csr.metadata?.resourceVersion;
  await runStep(run.ctx, { approve: { csr: { name: csr.metadata!.name! } }, source: here() });
  assert.is((await servingCsrOf('k8s01')).metadata?.resourceVersion, rv, 'already approved: no update sent (kubectl without --force)');
  const err = await failure(runStep(run.ctx, { deny: { csr: { name: csr.metadata!.name! } }, source: here() }));
  assert.is(err.message, `deny as kubernetes-admin: error: certificate signing request ${JSON.stringify(csr.metadata!.name)} is already Approved`);
});

test('deny with a message: condition Denied/KubectlDeny with the step\'s message; the kubelet sees the denial (client-go csr.WaitForCertificate message); approve is then refused', async () => {
  await runStep(run.ctx, { deny: { csr: { node: 'k8s02', type: 'serving' }, message: 'not on my watch' }, source: here() });
  const csr = await servingCsrOf('k8s02');
  assert.is(csrState(csr), 'Denied');
  const denied = csr.status?.conditions?.find((c) => c.type === 'Denied');
  assert.equal({ reason: denied?.reason, message: denied?.message }, { reason: 'KubectlDeny', message: 'not on my watch' });
  const kubeletSaw = run.ctx.trace.events.filter((e) => e.component === 'kubelet' && e.node === 'k8s02' && JSON.stringify(e).includes('certificate signing request is denied, reason: KubectlDeny, message: not on my watch'));
  assert.ok(kubeletSaw.length > 0, `kubelet/k8s02 reports the denial: ${JSON.stringify(run.ctx.trace.events.filter((e) => e.component === 'kubelet' && e.node === 'k8s02').slice(-5))}`);
  const err = await failure(runStep(run.ctx, { approve: { csr: { node: 'k8s02', type: 'serving' } }, source: here() }));
  assert.match(err.message, /is already Denied$/);
});

test('a selector that matches nothing fails at the step\'s source', async () => {
  const source = here('spec.steps[7].approve.csr');
  const err = await failure(runStep(run.ctx, { approve: { csr: { node: 'k8s09', type: 'client' } }, source }));
  assert.is(err.message, 'no CertificateSigningRequest matches {node: "k8s09", type: "client"}');
  assert.is(err.source, source);
});

test.run();
