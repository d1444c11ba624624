// request against a real cluster: the outcome is recorded (request.sent) whatever it is, and
// `expect` checks it. Messages are the apiserver's (upstream wording, authorization/forbidden).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { StepFailure } from '../run-context.js';
import type { TestRun } from '../testing.js';
import { here, startTestRun, testNode, testScenario } from '../testing.js';
import { methodOf, outcomeMismatch } from './request.js';
import { runStep } from './index.js';

let run: TestRun;

test.before(async () => {
  run = await startTestRun();
});
test.after(async () => {
  await run?.close();
});

function lastRequest() {
  const sent = run.ctx.trace.events.filter((e) => e.type === 'request.sent');
  return sent[sent.length - 1];
}

test('anonymous GET /api/v1/secrets: 403 recorded (not a failure), and an expect on status, reason and message passes', async () => {
  run.ctx.step = 3;
  await runStep(run.ctx, { request: { as: { anonymous: true }, verb: 'get', path: '/api/v1/secrets' }, source: here() });
  const e = lastRequest();
  assert.ok(e && e.type === 'request.sent');
  assert.equal(
    { step: e.step, identity: e.identity, verb: e.verb, path: e.path, status: e.status, reason: e.reason, message: e.message },
    {
      step: 3,
      identity: 'anonymous',
      verb: 'get',
      path: '/api/v1/secrets',
      status: 403,
      reason: 'Forbidden',
      message: 'secrets is forbidden: User "system:anonymous" cannot list resource "secrets" in API group "" at the cluster scope',
    },
  );
  await runStep(run.ctx, {
    request: { as: { anonymous: true }, verb: 'get', path: '/api/v1/secrets', expect: { status: 403, reason: 'Forbidden', message: '/cannot list resource "secrets"/' } },
    source: here(),
  });
});

test('an expect that does not hold fails at the step, naming expected and actual', async () => {
  const source = here('spec.steps[4].request');
  try {
    await runStep(run.ctx, { request: { as: { anonymous: true }, verb: 'get', path: '/api/v1/secrets', expect: { status: 200, message: 'allowed' } }, source });
    assert.unreachable();
  } catch (err) {
    assert.instance(err, StepFailure);
    assert.is((err as StepFailure).source, source);
    assert.match((err as StepFailure).message, /^get \/api\/v1\/secrets as anonymous: status 200 expected, got 403; message containing "allowed" expected, got "secrets is forbidden: /);
  }
});

test('a certificate from a CA the cluster does not trust: the handshake completes, the apiserver answers 401 Unauthorized', async () => {
  await runStep(run.ctx, {
    request: { as: { certificate: { commonName: 'mallory', organizations: ['system:masters'], ca: 'other' } }, verb: 'get', path: '/api/v1/nodes', expect: { status: 401, reason: 'Unauthorized' } },
    source: here(),
  });
  const e = lastRequest();
  assert.ok(e && e.type === 'request.sent');
  assert.is(e.identity, 'certificate CN=mallory O=system:masters (untrusted CA)');
});

test('the admin creates (post), merge-patches and deletes a ConfigMap: 201, 200, 200', async () => {
  const path = '/api/v1/namespaces/default/configmaps';
  await runStep(run.ctx, { request: { as: { admin: true }, verb: 'post', path, body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { a: '1' } }, expect: { status: 201 } }, source: here() });
  await runStep(run.ctx, { request: { as: { admin: true }, verb: 'patch', path: `${path}/cm`, body: { data: { b: '2' } }, expect: { status: 200 } }, source: here() });
  const cm = await run.ctx.admin.get<{ data: Record<string, string> }>(`${path}/cm`);
  assert.equal(cm.data, { a: '1', b: '2' }, 'a merge patch keeps a');
  await runStep(run.ctx, { request: { as: { admin: true }, verb: 'delete', path: `${path}/cm`, expect: { status: 200 } }, source: here() });
  await runStep(run.ctx, { request: { as: { admin: true }, verb: 'get', path: `${path}/cm`, expect: { status: 404, reason: 'NotFound', message: 'configmaps "cm" not found' } }, source: here() });
});

test('no HTTP answer (nothing listens): recorded with status 0 and the connection error, not thrown', async () => {
  await run.ctx.plane.stopApiServer();
  try {
    await runStep(run.ctx, { request: { as: { anonymous: true }, verb: 'get', path: '/healthz' }, source: here() });
  } finally {
    await run.ctx.plane.startApiServer();
  }
  const e = lastRequest();
  assert.ok(e && e.type === 'request.sent');
  assert.is(e.status, 0);
  assert.is(e.reason, 'CONNECTION_FAILED');
  assert.match(e.message ?? '', /connect: connection refused/);
});

test('verbs: HTTP methods and the Kubernetes verbs that map to them; watch is not sent', () => {
  assert.equal(['get', 'list', 'post', 'create', 'put', 'update', 'patch', 'delete', 'deletecollection', 'GET'].map(methodOf), ['GET', 'GET', 'POST', 'POST', 'PUT', 'PUT', 'PATCH', 'DELETE', 'DELETE', 'GET']);
  assert.is(methodOf('watch'), undefined);
  assert.is(outcomeMismatch({ message: '/^secrets is/' }, { status: 403, message: 'secrets is forbidden' }), undefined);
  assert.is(outcomeMismatch({ reason: 'Forbidden' }, { status: 200 }), 'reason "Forbidden" expected, got none');
});

test('to: kubelet/<node> — the kubelet\'s own port: the admin\'s certificate from admin.kubeconfig is authorized by SubjectAccessReview (200), anonymous is 401 (kubeadm\'s kubelet config)', async () => {
  const own = await startTestRun(testScenario({ nodes: [testNode('k8s01')] }));
  try {
    await runStep(own.ctx, { createToken: { as: 'default' }, source: here() });
    await own.startNodes();
    const up = await own.ctx.time.waitFor(async () => own.ctx.nodes.get('k8s01')?.joined !== undefined, 60_000);
    assert.ok(up.met, 'the kubelet joined');
    await runStep(own.ctx, { request: { as: { admin: true }, to: 'kubelet/k8s01', verb: 'get', path: '/healthz', expect: { status: 200, body: 'ok' } }, source: here() });
    await runStep(own.ctx, { request: { as: { anonymous: true }, to: 'kubelet/k8s01', verb: 'get', path: '/pods', expect: { status: 401 } }, source: here() });
    const served = own.ctx.trace.events.filter((e) => e.type === 'server.request');
    assert.ok(served.some((e) => e.type === 'server.request' && e.path === '/healthz' && e.status === 200 && e.authentication.kind === 'authenticated' && e.authentication.user.name === 'kubernetes-admin'));
  } finally {
    await own.close();
  }
});

test.run();
