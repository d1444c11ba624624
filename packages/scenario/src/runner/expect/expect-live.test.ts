// Expectations and the expect / waitFor steps against a real cluster on a virtual clock: one
// node, k8s01, joins with a kubeadm-style bootstrap token (its client CSR auto-approved by the
// csrapproving controller and signed), with serverTLSBootstrap on so that it also asks for a
// serving certificate (kubelet-serving CSRs are never auto-approved upstream: they stay Pending
// until someone approves them).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CertificateSigningRequest } from '@tlsboot/api';
import { certificateSigningRequests } from '@tlsboot/client';
import type { Expectation, ExpectationBody, Step } from '../../format/types.js';
import type { RunContext } from '../run-context.js';
import { StepFailure } from '../run-context.js';
import { runStep } from '../steps/index.js';
import { here, startTestRun, testNode, testScenario } from '../testing.js';
import type { TestRun } from '../testing.js';
import { checkExpectation } from './index.js';

const year = 8760 * 3600_000;
let run: TestRun;
let ctx: RunContext;

const at = (path: string) => here(path);
const check = (body: ExpectationBody) => checkExpectation(ctx, { ...body, source: at('spec.steps[9].expect[0]') } as Expectation);
const step = (s: Step) => runStep(ctx, s);

test.before(async () => {
  run = await startTestRun(testScenario({ nodes: [testNode('k8s01', '${tokens.default}', { serverTLSBootstrap: true })] }));
  ctx = run.ctx;
  ctx.step = 1;
  await step({ createToken: { as: 'default', groups: ['system:bootstrappers:kubeadm:default-node-token'] }, source: at('spec.steps[0]') });
  await run.startNodes();
});

test.after(async () => {
  await run.close();
});

test('waitFor: the client CSR is issued, then a serving CSR appears; the clock stays where it held', async () => {
  ctx.step = 2;
  const t0 = run.clock.nowMs();
  await step({ waitFor: { expect: { csr: { node: 'k8s01', type: 'client', state: 'Issued' }, source: at('spec.steps[1].waitFor.expect') }, timeoutMs: 60_000 }, source: at('spec.steps[1]') });
  await step({ waitFor: { expect: { csr: { node: 'k8s01', type: 'serving' }, source: at('spec.steps[2].waitFor.expect') }, timeoutMs: 60_000 }, source: at('spec.steps[2]') });
  assert.ok(run.clock.nowMs() - t0 < 60_000, `waited ${run.clock.nowMs() - t0} ms`);
  const checked = ctx.trace.events.filter((e) => e.type === 'expect.checked');
  assert.is(checked.length, 2);
  const last = checked[1]!;
  assert.ok(last.type === 'expect.checked' && last.ok && last.step === 2 && /^CSR csr-\w+ is Pending \(after /.test(last.message), JSON.stringify(last));
  assert.is(last.type === 'expect.checked' && last.check, 'CSRs node=k8s01 type=serving');
});

test('csr: the client CSR is Issued, auto-approved (sarapprove.go reason AutoApproved); failures say what was found', async () => {
  const ok = await check({ csr: { node: 'k8s01', type: 'client', state: 'Issued', reason: 'AutoApproved', count: 1 } });
  assert.ok(ok.ok, ok.message);
  assert.match(ok.message, /^CSR node-csr-[\w-]+ is Issued \(AutoApproved\)$/);
  const pending = await check({ csr: { node: 'k8s01', type: 'client', state: 'Pending' } });
  assert.not.ok(pending.ok);
  assert.match(pending.message, /^CSR node-csr-[\w-]+ is Issued, expected Pending$/);
  const reason = await check({ csr: { node: 'k8s01', type: 'client', reason: 'KubectlApprove' } });
  assert.match(reason.message, /^CSR node-csr-[\w-]+ is Issued with reason "AutoApproved" on its Approved condition, expected KubectlApprove$/);
  const count = await check({ csr: { node: 'k8s01', type: 'client', count: 2 } });
  assert.match(count.message, /^CSRs \{node: "k8s01", type: "client"\}: 1 found \(node-csr-[\w-]+ Issued\), expected 2$/);
  const none = await check({ csr: { node: 'k8s02' } });
  assert.is(none.message, 'CSRs {node: "k8s02"}: none found, expected at least one');
  assert.ok((await check({ csr: { node: 'k8s02', count: 0 } })).ok);
  const serving = await check({ csr: { node: 'k8s01', type: 'serving', state: 'Pending', signerName: 'kubernetes.io/kubelet-serving', username: '/^system:node:/' } });
  assert.ok(serving.ok, serving.message);
});

test('certificate from kubelet-client-current.pem (cert and key in one file): CN system:node:k8s01, O system:nodes, ECDSA usages, one year', async () => {
  const from = { file: 'nodes/k8s01/pki/kubelet-client-current.pem' };
  const r = await check({
    certificate: {
      from,
      subject: { commonName: 'system:node:k8s01', organizations: ['system:nodes'] },
      issuer: { commonName: 'kubernetes' },
      // the first CSR, made with the bootstrap token: pkg/kubelet/certificate/bootstrap/bootstrap.go
      // requestNodeCertificate asks for these three whatever the key type; the signer copies them
      usages: ['digital signature', 'key encipherment', 'client auth'],
      // --cluster-signing-duration 8760h; authority.go backdates both ends by 5 min for TTLs ≥ 8h
      validityMs: year,
    },
  });
  assert.ok(r.ok, r.message);
  assert.is(r.message, 'certificate in nodes/k8s01/pki/kubelet-client-current.pem (CN=system:node:k8s01)');
  const bad = await check({ certificate: { from, subject: { commonName: 'system:node:k8s02', organizations: ['system:masters'] }, usages: ['client auth', 'server auth'], validityMs: year / 2 } });
  // (CN, O, usages and validity all reported, in that order)
  assert.not.ok(bad.ok);
  assert.ok(
    bad.message.startsWith(
      'certificate in nodes/k8s01/pki/kubelet-client-current.pem (CN=system:node:k8s01): subject CN is "system:node:k8s01", expected "system:node:k8s02"; ' +
        'subject O are ["system:nodes"]: missing "system:masters", unexpected "system:nodes"; ' +
        'usages are ["digital signature", "key encipherment", "client auth"]: missing "server auth", unexpected "digital signature", "key encipherment"; ',
    ),
    bad.message,
  );
  assert.match(bad.message, /validity is 8760h0m0s \(\S+ to \S+\), expected 4380h0m0s$/);
  const missing = await check({ certificate: { from: { file: 'nodes/k8s01/pki/nope.pem' } } });
  assert.is(missing.message, 'certificate file nodes/k8s01/pki/nope.pem does not exist');
});

test('certificate from a CSR: the single match; several matches are an error', async () => {
  const r = await check({ certificate: { from: { csr: { node: 'k8s01', type: 'client' } }, subject: { commonName: 'system:node:k8s01' } } });
  assert.ok(r.ok, r.message);
  assert.match(r.message, /^certificate of CSR node-csr-[\w-]+ \(CN=system:node:k8s01\)$/);
  const pending = await check({ certificate: { from: { csr: { node: 'k8s01', type: 'serving' } } } });
  assert.match(pending.message, /^CSR csr-\w+ has no certificate yet \(status.certificate is empty\)$/);
  const two = await check({ certificate: { from: { csr: { node: 'k8s01' } } } });
  assert.match(two.message, /^CSRs \{node: "k8s01"\}: 2 found \(.+\), expected exactly one; narrow the selector$/);
});

test('certificate served by kube-apiserver: read from a TLS handshake', async () => {
  const r = await check({ certificate: { from: { served: 'kube-apiserver' }, issuer: { commonName: 'other-ca' } } });
  assert.match(r.message, /: issuer CN is "kubernetes", expected "other-ca"$/);
  const ok = await check({ certificate: { from: { served: 'kube-apiserver' }, issuer: { commonName: 'kubernetes' } } });
  assert.ok(ok.ok, ok.message);
  assert.match(ok.message, /^certificate served by kube-apiserver \(127\.0\.0\.1:\d+\) \(CN=/);
});

test('file: mode 0600 of the PEM the symlink points to; the symlink target; contains; absent', async () => {
  const path = 'nodes/k8s01/pki/kubelet-client-current.pem';
  const ok = await check({ file: { path, mode: '0600', symlink: '/^(.*\\/)?kubelet-client-\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}\\.pem$/', contains: '-----BEGIN CERTIFICATE-----' } });
  assert.ok(ok.ok, ok.message);
  const mode = await check({ file: { path, mode: '0644' } });
  assert.is(mode.message, `file ${path} has mode 0600, expected 0644`);
  const link = await check({ file: { path, symlink: 'kubelet-client-2020.pem' } });
  assert.match(link.message, /^file nodes\/k8s01\/pki\/kubelet-client-current\.pem is a symlink to \S+kubelet-client-[\d-]+\.pem, expected kubelet-client-2020\.pem$/);
  const notLink = await check({ file: { path: 'nodes/k8s01/kubelet.conf', symlink: '/x/' } });
  assert.is(notLink.message, 'file nodes/k8s01/kubelet.conf is not a symlink, expected one to /x/');
  const contains = await check({ file: { path: 'nodes/k8s01/kubelet.conf', contains: '/client-certificate: \\S+kubelet-client-current\\.pem/' } });
  assert.ok(contains.ok, contains.message);
  const without = await check({ file: { path: 'nodes/k8s01/kubelet.conf', contains: 'token:' } });
  assert.match(without.message, /^file nodes\/k8s01\/kubelet\.conf \(\d+ bytes\) does not contain token:$/);
  assert.ok((await check({ file: { path: 'nodes/k8s01/pki/kubelet-server-current.pem', absent: true } })).ok, 'serving CSR still pending: no serving pair yet');
  assert.is((await check({ file: { path, absent: true } })).message, `file ${path} exists (a symlink), expected it absent`);
  assert.is((await check({ file: { path: '../etc/passwd' } })).message, 'file ../etc/passwd: not inside the work directory');
});

test('trace: csr.approved before csr.signed in order; the other order fails and says why; absent', async () => {
  const approved = { component: 'kube-controller-manager', type: 'csr.approved' };
  const signed = { component: 'kube-controller-manager', type: 'csr.signed' };
  const ok = await check({ trace: { events: [approved, signed] } });
  assert.ok(ok.ok, ok.message);
  assert.is(ok.message, 'trace: 2 events found in order');
  const reversed = await check({ trace: { events: [signed, approved] } });
  assert.not.ok(reversed.ok);
  assert.match(reversed.message, /^trace: no event matches \{component: kube-controller-manager, type: csr.approved\} after #\d+ \(the match of the event before it\); #\d+ matches but comes earlier$/);
  assert.ok((await check({ trace: { events: [signed, approved], ordered: false } })).ok);
  const denied = await check({ trace: { events: [{ type: 'csr.denied' }], absent: true } });
  assert.ok(denied.ok, denied.message);
  const notAbsent = await check({ trace: { events: [{ type: '/csr.sign/' }], absent: true } });
  assert.match(notAbsent.message, /^trace: event #\d+ kube-controller-manager csr.signed matches \{type: \/csr.sign\/\}, expected none$/);
});

test('node: k8s01 registered, k8s02 not', async () => {
  const ok = await check({ node: { name: 'k8s01' } });
  assert.ok(ok.ok, ok.message);
  assert.match(ok.message, /^node k8s01 is registered/);
  assert.is((await check({ node: { name: 'k8s02' } })).message, 'node k8s02 is not registered (nodes "k8s02" not found)');
  assert.ok((await check({ node: { name: 'k8s02', registered: false } })).ok);
  assert.match((await check({ node: { name: 'k8s01', registered: false } })).message, /^node k8s01 is registered \(created [\dT:Z-]+\), expected it not to be$/);
});

test('object: partial match through the admin client; absent; unknown kinds say so', async () => {
  const crb = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', name: 'kubeadm:node-autoapprove-bootstrap' };
  const ok = await check({ object: { ...crb, matches: { roleRef: { name: 'system:certificates.k8s.io:certificatesigningrequests:nodeclient' }, subjects: [{ kind: 'Group', name: '/^system:bootstrappers:/' }] } } });
  assert.ok(ok.ok, ok.message);
  const bad = await check({ object: { ...crb, matches: { subjects: [{ kind: 'User' }] } } });
  assert.is(bad.message, 'ClusterRoleBinding kubeadm:node-autoapprove-bootstrap: subjects: no item matches {kind: User} (subjects[0].kind: expected User, found Group)');
  const secret = await check({ object: { apiVersion: 'v1', kind: 'Secret', namespace: 'kube-system', name: 'bootstrap-token-zzzzzz', absent: true } });
  assert.is(secret.message, 'Secret kube-system/bootstrap-token-zzzzzz is absent');
  const node = await check({ object: { apiVersion: 'v1', kind: 'Node', name: 'k8s01', absent: true } });
  assert.match(node.message, /^Node k8s01 exists \(resourceVersion \d+\), expected it absent$/);
  const unknown = await check({ object: { apiVersion: 'v1', kind: 'Widget', name: 'x' } });
  assert.is(unknown.message, 'object: no matches for kind "Widget" in version "v1"');
});

test('expect step: every expectation checked and recorded; fails at the first failure with the others after it', async () => {
  ctx.step = 7;
  const before = ctx.trace.events.length;
  const expectations: Expectation[] = [
    { node: { name: 'k8s01' }, source: at('spec.steps[6].expect[0]') },
    { csr: { node: 'k8s01', type: 'client', state: 'Denied' }, source: at('spec.steps[6].expect[1]') },
    { file: { path: 'nope' }, source: at('spec.steps[6].expect[2]') },
  ];
  const err = await step({ expect: expectations, source: at('spec.steps[6]') }).then(() => undefined, (e: unknown) => e);
  assert.instance(err, StepFailure);
  const failure = err as StepFailure;
  assert.is(failure.source, expectations[1]!.source);
  assert.match(failure.message, /^CSR node-csr-[\w-]+ is Issued, expected Denied\n {2}also spec\.steps\[6\]\.expect\[2\] \(<test>:1:1\): file nope does not exist$/);
  const checked = ctx.trace.events.slice(before).filter((e) => e.type === 'expect.checked');
  assert.equal(checked.map((e) => e.type === 'expect.checked' && [e.step, e.ok, e.check]), [
    [7, true, 'node k8s01 registered'],
    [7, false, 'CSRs node=k8s01 type=client Denied'],
    [7, false, 'file nope'],
  ]);
  await step({ expect: [expectations[0]!], source: at('spec.steps[7]') });
});

test('waitFor that times out: the precise failure, and the clock at the deadline', async () => {
  ctx.step = 8;
  const t0 = run.clock.nowMs();
  const source = at('spec.steps[8].waitFor.expect');
  const err = await step({ waitFor: { expect: { csr: { node: 'k8s01', type: 'serving', state: 'Issued' }, source }, timeoutMs: 90_000 }, source: at('spec.steps[8]') }).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.instance(err, StepFailure);
  assert.is((err as StepFailure).source, source);
  assert.is(run.clock.nowMs(), t0 + 90_000);
  assert.match(
    (err as StepFailure).message,
    new RegExp(`^still not true after waiting 1m30s of scenario time \\(timeout 1m30s, until ${new Date(t0 + 90_000).toISOString().replace(/\./g, '\\.')}\\): CSR csr-\\w+ is Pending, expected Issued$`),
  );
  const moved = ctx.trace.events.filter((e) => e.type === 'clock.moved').at(-1);
  assert.ok(moved?.type === 'clock.moved' && moved.reason === 'waitFor' && moved.to === new Date(t0 + 90_000).toISOString(), JSON.stringify(moved));
});

test('once the serving CSR is approved (as kubectl certificate approve), waitFor sees the kubelet serve the signed certificate', async () => {
  const csrs = certificateSigningRequests<CertificateSigningRequest>(ctx.admin);
  const [serving] = (await csrs.list()).items.filter((c) => c.spec.signerName === 'kubernetes.io/kubelet-serving');
  assert.ok(serving?.metadata?.name);
  const name = serving.metadata.name;
  // kubectl pkg/cmd/certificates/certificates.go: append an Approved condition, reason KubectlApprove, through /approval
  await ctx.admin.request('PUT', `${csrs.path(name)}/approval`, {
    body: { ...serving, status: { ...serving.status, conditions: [...(serving.status?.conditions ?? []), { type: 'Approved', status: 'True', reason: 'KubectlApprove', message: 'This CSR was approved by kubectl certificate approve.' }] } },
  });
  ctx.step = 9;
  await step({
    waitFor: {
      expect: {
        certificate: { from: { served: 'kubelet/k8s01' }, subject: { commonName: 'system:node:k8s01', organizations: ['system:nodes'] }, issuer: { commonName: 'kubernetes' }, usages: ['digital signature', 'server auth'] },
        source: at('spec.steps[9].waitFor.expect'),
      },
      timeoutMs: 5 * 60_000,
    },
    source: at('spec.steps[9]'),
  });
  const r = await check({ csr: { name, state: 'Issued', reason: 'KubectlApprove' } });
  assert.ok(r.ok, r.message);
  const sans = await check({ certificate: { from: { served: 'kubelet/k8s01' }, ipAddresses: ['127.0.0.1'] } });
  assert.ok(sans.ok, sans.message);
});

test.run();
