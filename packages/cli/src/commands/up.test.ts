import { connect } from 'node:net';
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

const kubectlMissing = (await kubectl(['version', '--client'])).missing;

test('up: ready line, the real kubectl gets the namespaces and is kubernetes-admin in system:masters, abort stops it with exit 0', async () => {
  const cwd = await dirs.fresh();
  const run = await up(cwd, ['--workdir', 'cluster']);
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
  assert.is(r.stderr, '');
  assert.not.ok(await listening(Number(port)), 'the port is closed');
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
