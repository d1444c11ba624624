import { connect } from 'node:net';
import { existsSync } from 'node:fs';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../main.js';
import { kubectl, runUntilReady, tempDirs, tlsboot } from '../testing.js';
import { shellQuote } from './up.js';

const dirs = tempDirs('tlsboot-up-');
const readyLine = /^tlsboot: kube-apiserver ready at (https:\/\/127\.0\.0\.1:(\d+)) — export KUBECONFIG=(\S+); kubectl get ns\n$/;

/** `tlsboot up ARGS…` in-process, stopped by an AbortController instead of Ctrl-C. */
const up = (cwd: string, args: readonly string[]) => runUntilReady(cwd, ['up', ...args], readyLine);

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/** Waits up to 10 s for the live narration (stderr, printed in batches) to show `pattern`. */
async function narrated(run: { output(): { stderr: string } }, pattern: RegExp): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (pattern.test(run.output().stderr)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

const kubectlMissing = (await kubectl(['version', '--client'])).missing;

test('up: ready line, the real kubectl gets the namespaces and is kubernetes-admin in system:masters, abort stops it with exit 0', async () => {
  const cwd = await dirs.fresh();
  const run = await up(cwd, ['--workdir', 'cluster', '--quiet']);
  const [, url, port, kubeconfig] = await run.ready;
  assert.is(kubeconfig, join(cwd, 'cluster', 'admin.kubeconfig'));
  assert.ok(await listening(Number(port)));
  if (kubectlMissing) {
    console.log('skip: kubectl is not installed; the kubectl part of the tlsboot up test did not run');
  } else {
    const ns = await kubectl(['--kubeconfig', kubeconfig!, 'get', 'ns', '-o', 'name']);
    assert.is(ns.code, 0, ns.stderr);
    assert.equal(ns.stdout.trim().split('\n').sort(), ['namespace/default', 'namespace/kube-node-lease', 'namespace/kube-public', 'namespace/kube-system']);
    const whoami = await kubectl(['--kubeconfig', kubeconfig!, 'auth', 'whoami', '-o', 'json']);
    assert.is(whoami.code, 0, whoami.stderr);
    const review = JSON.parse(whoami.stdout) as { kind: string; status: { userInfo: { username: string; groups: string[] } } };
    assert.is(review.kind, 'SelfSubjectReview');
    assert.is(review.status.userInfo.username, 'kubernetes-admin');
    assert.equal(review.status.userInfo.groups, ['system:masters', 'system:authenticated']);
    const server = await kubectl(['--kubeconfig', kubeconfig!, 'config', 'view', '-o', 'jsonpath={.clusters[0].cluster.server}']);
    assert.is(server.stdout, url);
  }
  const r = await run.stop('SIGTERM');
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout.split('\n')[1], `tlsboot: SIGTERM: kube-apiserver and kube-controller-manager stopped; the files in ${join(cwd, 'cluster')} are kept`);
  assert.is(r.stderr, '', '--quiet: no narration');
  assert.not.ok(await listening(Number(port)), 'the port is closed');
});

test('up narrates the trace live on stderr (stdout keeps only the ready and stopped lines)', async () => {
  const cwd = await dirs.fresh();
  const run = await up(cwd, ['--workdir', 'cluster']);
  await run.ready;
  // the controller-manager starts its controllers after the apiserver is ready: wait for its line
  assert.ok(await narrated(run, /started controllers/));
  const r = await run.stop('SIGTERM');
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout.split('\n').length, 3, r.stdout);
  assert.match(r.stderr, /^== control plane up ==\n/);
  assert.match(r.stderr, /kube-controller-manager +started controllers certificatesigningrequest-signing-controller, certificatesigningrequest-approving-controller/);
  assert.match(r.stderr, /POST \/api\/v1\/namespaces\/kube-public\/configmaps as kubernetes-admin \(x509\)/, 'kubeadm\'s cluster-info ConfigMap');
});

const upScenario = `apiVersion: tlsboot/v1alpha1
kind: Scenario
metadata: { name: t2-up }
spec:
  description: Up from a scenario.
  cluster:
    policy: upstream
    controllerManager: { flags: ["--cluster-signing-duration=2h"] }
  objects:
    - manifest: { apiVersion: v1, kind: ConfigMap, metadata: { name: from-scenario, namespace: default }, data: { a: b } }
  nodes:
    - name: k8s01
      kubelet: { bootstrapToken: abcdef.0123456789abcdef }
  steps:
    - createToken: { as: k8s01, groups: [system:bootstrappers:k8s01], ttl: 2h }
`;

test('up --scenario: the scenario\'s policy (upstream), controller-manager flags and objects, on the real clock; its nodes and steps ignored in one line', async () => {
  const cwd = await dirs.fresh();
  await writeFile(join(cwd, 'up.yaml'), upScenario);
  const run = await up(cwd, ['--workdir', 'w', '--scenario', 'up.yaml']);
  const [, , , kubeconfig] = await run.ready;
  try {
    assert.is(run.output().stderr.split('\n')[0], 'tlsboot: up starts the cluster of scenario t2-up only: its 1 node and 1 step are ignored (tlsboot run up.yaml runs them)');
    assert.ok(await narrated(run, /admin → POST \/api\/v1\/namespaces\/default\/configmaps as kubernetes-admin .* → 201/), run.output().stderr);
    if (kubectlMissing) {
      console.log('skip: kubectl is not installed; the kubectl part of the up --scenario test did not run');
      return;
    }
    const cm = await kubectl(['--kubeconfig', kubeconfig!, 'get', 'configmap', 'from-scenario', '-o', 'jsonpath={.data.a}']);
    assert.is(cm.stdout, 'b', cm.stderr);
    // upstream policy: none of kubeadm's bootstrap bindings
    const crb = await kubectl(['--kubeconfig', kubeconfig!, 'get', 'clusterrolebinding', 'kubeadm:kubelet-bootstrap']);
    assert.is(crb.code, 1);
    assert.match(crb.stderr, 'NotFound');
    const nodes = await kubectl(['--kubeconfig', kubeconfig!, 'get', 'nodes', '-o', 'name']);
    assert.is(nodes.stdout, '', 'no kubelet started');
  } finally {
    const r = await run.stop();
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stdout, `tlsboot: SIGINT: kube-apiserver and kube-controller-manager stopped; the files in ${join(cwd, 'w')} are kept`);
  }
});

test('up --scenario --policy kubeadm: the flag wins over the scenario; controllerManager.start false runs the apiserver alone', async () => {
  const cwd = await dirs.fresh();
  await writeFile(join(cwd, 'up.yaml'), upScenario.replace('controllerManager: { flags: ["--cluster-signing-duration=2h"] }', 'controllerManager: { start: false }'));
  const run = await up(cwd, ['--workdir', 'w', '--scenario', 'up.yaml', '--policy', 'kubeadm', '--quiet']);
  const [, , , kubeconfig] = await run.ready;
  try {
    if (!kubectlMissing) {
      const crb = await kubectl(['--kubeconfig', kubeconfig!, 'get', 'clusterrolebinding', 'kubeadm:kubelet-bootstrap', '-o', 'name']);
      assert.is(crb.stdout.trim(), 'clusterrolebinding.rbac.authorization.k8s.io/kubeadm:kubelet-bootstrap', crb.stderr);
    }
  } finally {
    const r = await run.stop();
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stdout, `tlsboot: SIGINT: kube-apiserver stopped; the files in ${join(cwd, 'w')} are kept`);
  }
});

test('up --scenario with an invalid file: exit 2, every problem with file:line:column, nothing started or written', async () => {
  const cwd = await dirs.fresh();
  await writeFile(join(cwd, 'bad.yaml'), upScenario.replace('policy: upstream', 'polcy: upstream'));
  const r = await tlsboot(cwd, ['up', '--workdir', 'w', '--scenario', 'bad.yaml']);
  assert.is(r.code, 2, r.stderr);
  assert.match(r.stderr, `tlsboot: --scenario bad.yaml: the scenario is invalid:\n${join(cwd, 'bad.yaml')}:7:`);
  assert.match(r.stderr, 'polcy');
  assert.is(r.stdout, '');
  assert.not.ok(existsSync(join(cwd, 'w')), 'no work directory');
});

test('up stopped at any moment of its start-up leaves a whole work directory (all-or-nothing), never a half-written one', async () => {
  const cwd = await dirs.fresh();
  const whole = ['admin.kubeconfig', 'controller-manager.kubeconfig', 'pki'];
  for (const delay of [0, 20, 80, 200, 500]) {
    const dir = `w${delay}`;
    const run = up(cwd, ['--workdir', dir, '--quiet']);
    run.ready.catch(() => undefined);
    await new Promise((r) => setTimeout(r, delay));
    const r = await run.stop('SIGTERM');
    assert.is(r.code, 0, r.stderr);
    assert.equal((await readdir(join(cwd, dir))).sort(), whole, `stopped after ${delay} ms`);
    const pki = (await readdir(join(cwd, dir, 'pki'))).sort();
    assert.ok(pki.includes('ca.crt') && pki.includes('ca.key') && pki.includes('apiserver.crt'), pki.join());
    for (const f of pki) assert.ok((await stat(join(cwd, dir, 'pki', f))).size > 0, f);
    assert.not.ok(pki.some((f) => f.includes('.tmp')), 'no temporary file left');
  }
});

test('up without --workdir uses ./.tlsboot, creating it', async () => {
  const cwd = await dirs.fresh();
  const run = await up(cwd, []);
  const [, , , kubeconfig] = await run.ready;
  assert.is(kubeconfig, join(cwd, '.tlsboot', 'admin.kubeconfig'));
  assert.equal((await readdir(join(cwd, '.tlsboot'))).sort(), ['admin.kubeconfig', 'controller-manager.kubeconfig', 'pki']);
  assert.is((await run.stop()).code, 0);
});

test('up with a stop requested before it was ready still starts, then stops cleanly', async () => {
  const cwd = await dirs.fresh();
  const controller = new AbortController();
  controller.abort('SIGINT');
  let stdout = '';
  const code = await main(['node', 'tlsboot', 'up', '--workdir', 'w'], { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => {} }, cwd, env: {}, signal: controller.signal });
  assert.is(code, 0);
  const [ready, stopped] = stdout.split('\n');
  const m = readyLine.exec(`${ready}\n`);
  assert.ok(m, stdout);
  assert.match(stopped!, 'tlsboot: SIGINT: kube-apiserver and kube-controller-manager stopped');
  assert.not.ok(await listening(Number(m[2])));
});

test('up refuses a work directory that is a file: exit 1, one line naming it, the file untouched', async () => {
  const cwd = await dirs.fresh();
  await writeFile(join(cwd, 'taken'), 'a file');
  const r = await tlsboot(cwd, ['up', '--workdir', 'taken']);
  assert.is(r.code, 1);
  assert.is(r.stderr, `tlsboot: work directory ${join(cwd, 'taken')}: exists and is not a directory; give a directory (or a path that does not exist yet)\n`);
  assert.is(r.stdout, '');
  assert.ok((await stat(join(cwd, 'taken'))).isFile());
});

test('up on a port that is taken: exit 1 with Go\'s bind message, nothing written', async () => {
  const cwd = await dirs.fresh();
  const first = await up(cwd, ['--workdir', 'a']);
  const [, , port] = await first.ready;
  try {
    const r = await tlsboot(cwd, ['up', '--workdir', 'b', '--port', port!]);
    assert.is(r.code, 1);
    assert.is(r.stderr, `tlsboot: kube-apiserver: listen tcp 127.0.0.1:${port}: bind: address already in use; choose another port (0 picks a free one)\n`);
    assert.equal(await readdir(join(cwd, 'b')), []);
  } finally {
    assert.is((await first.stop()).code, 0);
  }
});

test('up --port outside 0..65535 or not a number is a usage error (exit 2)', async () => {
  const cwd = await dirs.fresh();
  await mkdir(join(cwd, 'w'));
  for (const bad of ['65536', '-1', 'http', '1.5']) {
    const r = await tlsboot(cwd, ['up', '--workdir', 'w', '--port', bad]);
    assert.is(r.code, 2, bad);
    assert.match(r.stderr, `option '--port <port>' argument '${bad}' is invalid. a port number from 0 to 65535 (0 picks a free port).`);
  }
  assert.equal(await readdir(join(cwd, 'w')), [], 'nothing started, nothing written');
});

test('up --policy: a bootstrap token may create CSRs under kubeadm (default), not under upstream (kubectl auth can-i)', async () => {
  if (kubectlMissing) {
    console.log('skip: kubectl is not installed; the --policy test did not run');
    return;
  }
  for (const [policy, expected] of [['kubeadm', 'yes'], ['upstream', 'no']] as const) {
    const cwd = await dirs.fresh();
    const run = await up(cwd, ['--workdir', 'w', ...(policy === 'kubeadm' ? [] : ['--policy', policy])]);
    try {
      await run.ready;
      const created = await tlsboot(cwd, ['token', 'create', '--workdir', 'w']);
      assert.is(created.code, 0, created.stderr);
      const token = created.stdout.trim();
      // a kubeconfig with nothing but the server and the token, as a kubelet's bootstrap-kubeconfig
      const kubeconfig = join(cwd, 'w', 'admin.kubeconfig');
      const server = (await kubectl(['--kubeconfig', kubeconfig, 'config', 'view', '-o', 'jsonpath={.clusters[0].cluster.server}'])).stdout;
      const can = await kubectl(['--kubeconfig', '/dev/null', '--server', server, '--certificate-authority', join(cwd, 'w', 'pki', 'ca.crt'), '--token', token, 'auth', 'can-i', 'create', 'certificatesigningrequests.certificates.k8s.io']);
      assert.is(can.stdout.trim(), expected, `${policy}: ${can.stderr}`);
    } finally {
      assert.is((await run.stop()).code, 0);
    }
  }
});

test('up --policy with an unknown preset is a usage error (exit 2) naming the choices', async () => {
  const cwd = await dirs.fresh();
  const r = await tlsboot(cwd, ['up', '--workdir', 'w', '--policy', 'strict']);
  assert.is(r.code, 2);
  assert.match(r.stderr, "option '--policy <preset>' argument 'strict' is invalid. Allowed choices are upstream, kubeadm.");
});

test('up --help shows the options and examples', async () => {
  const r = await tlsboot(process.cwd(), ['up', '--help']);
  assert.is(r.code, 0);
  for (const word of ['Usage: tlsboot up', '--workdir <dir>', '--port <port>', '--policy <preset>', '".tlsboot")', 'Examples:', 'kubectl get ns']) assert.match(r.stdout, word);
});

test('shellQuote leaves plain paths bare and single-quotes the rest', () => {
  assert.is(shellQuote('/tmp/a-b_c/admin.kubeconfig'), '/tmp/a-b_c/admin.kubeconfig');
  assert.is(shellQuote('/tmp/my dir/admin.kubeconfig'), "'/tmp/my dir/admin.kubeconfig'");
  assert.is(shellQuote("/tmp/it's/x"), "'/tmp/it'\\''s/x'");
});

test.after(dirs.removeAll);

test.run();
