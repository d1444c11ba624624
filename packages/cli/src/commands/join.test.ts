// `tlsboot join` against an in-process `tlsboot up`: kubeadm join's kubelet-start phase
// (kubernetes/kubernetes cmd/kubeadm/app/cmd/phases/join/kubelet.go), the kubelet's TLS bootstrap
// (pkg/kubelet/certificate/bootstrap/bootstrap.go) and its serving CSR
// (pkg/kubelet/certificate/kubelet.go NewKubeletServerCertificateManager), seen with the real kubectl.
import { existsSync } from 'node:fs';
import { lstat, readFile, readdir, readlink, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createToken } from '@tlsboot/scenario';
import { kubectl, runUntilReady, tempDirs, tlsboot } from '../testing.js';

const dirs = tempDirs('tlsboot-join-');

const kubectlMissing = (await kubectl(['version', '--client'])).missing;

/** Polls `check` every 200 ms for up to `ms`; returns its last value. */
async function eventually<T>(check: () => Promise<T | undefined>, ms = 20_000): Promise<T | undefined> {
  for (let waited = 0; ; waited += 200) {
    const value = await check();
    if (value !== undefined || waited >= ms) return value;
    await sleep(200);
  }
}

interface CsrList {
  items: { metadata: { name: string }; spec: { signerName: string; username: string }; status?: { conditions?: { type: string }[]; certificate?: string } }[];
}

test('join (kubeadm join phases/join/kubelet.go): bootstrap-kubelet.conf, client certificate system:node:<n>, kubectl get nodes, serving CSR Pending until kubectl certificate approve', async () => {
  const cwd = await dirs.fresh();
  const up = runUntilReady(cwd, ['up', '--workdir', 'cluster'], /kube-apiserver ready at (\S+) — export KUBECONFIG=(\S+);/);
  const [, , kubeconfig] = await up.ready;
  const workdir = join(cwd, 'cluster');
  const token = await createToken({ workdir });
  const node = runUntilReady(cwd, ['join', 'node-1', '--workdir', 'cluster', '--token', token, '--server-tls-bootstrap'], /^tlsboot: node (\S+) joined as (\S+) — kubectl get nodes\n/);
  try {
    const [, name, user] = await node.ready;
    assert.is(name, 'node-1');
    assert.is(user, 'system:node:node-1');

    const dir = join(workdir, 'nodes', 'node-1');
    const bootstrap = await readFile(join(dir, 'bootstrap-kubelet.conf'), 'utf8');
    assert.match(bootstrap, `token: ${token}`);
    assert.match(bootstrap, 'name: tls-bootstrap-token-user@tlsboot');
    assert.match(bootstrap, 'certificate-authority-data: ');
    assert.ok((await stat(join(dir, 'kubelet.conf'))).isFile());
    const current = join(dir, 'pki', 'kubelet-client-current.pem');
    assert.ok((await lstat(current)).isSymbolicLink());
    assert.match(await readlink(current), /kubelet-client-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}\.pem$/);

    if (kubectlMissing) {
      console.log('skip: kubectl is not installed; the kubectl part of the tlsboot join test did not run');
      return;
    }
    const listed = await eventually(async () => {
      const r = await kubectl(['--kubeconfig', kubeconfig!, 'get', 'nodes', '-o', 'name']);
      return r.code === 0 && r.stdout.includes('node/node-1') ? r.stdout : undefined;
    });
    assert.is(listed?.trim(), 'node/node-1');

    const serving = await eventually(async () => {
      const r = await kubectl(['--kubeconfig', kubeconfig!, 'get', 'csr', '-o', 'json']);
      const list = JSON.parse(r.stdout) as CsrList;
      return list.items.find((c) => c.spec.signerName === 'kubernetes.io/kubelet-serving');
    });
    assert.ok(serving, 'a kubelet-serving CSR');
    assert.is(serving!.spec.username, 'system:node:node-1');
    assert.equal(serving!.status?.conditions ?? [], []);
    const table = await kubectl(['--kubeconfig', kubeconfig!, 'get', 'csr', serving!.metadata.name, '--no-headers']);
    assert.match(table.stdout, /\bPending\b/);

    const approve = await kubectl(['--kubeconfig', kubeconfig!, 'certificate', 'approve', serving!.metadata.name]);
    assert.is(approve.code, 0, approve.stderr);
    assert.is(approve.stdout.trim(), `certificatesigningrequest.certificates.k8s.io/${serving!.metadata.name} approved`);
    const issued = await eventually(async () => {
      const r = await kubectl(['--kubeconfig', kubeconfig!, 'get', 'csr', serving!.metadata.name, '--no-headers']);
      return /\bApproved,Issued\b/.test(r.stdout) ? r.stdout : undefined;
    });
    assert.ok(issued, 'the serving CSR is Approved,Issued');
    const servingCurrent = await eventually(async () => (await lstat(join(dir, 'pki', 'kubelet-server-current.pem')).catch(() => undefined))?.isSymbolicLink() || undefined);
    assert.ok(servingCurrent, 'kubelet-server-current.pem written');
  } finally {
    const joined = await node.stop('SIGTERM');
    assert.is(joined.code, 0, joined.stderr);
    assert.match(joined.stdout, /tlsboot: SIGTERM: kubelet of node node-1 stopped; the files in \S+ are kept\n$/);
    const stopped = await up.stop();
    assert.is(stopped.code, 0, stopped.stderr);
  }
});

test('join --rotate-certificates --with-proxy: the certificate manager path (client-go certificate_manager.go) joins, kube-proxy runs with the cfssl-made system:kube-proxy certificate', async () => {
  const cwd = await dirs.fresh();
  const up = runUntilReady(cwd, ['up', '--workdir', 'cluster'], /kube-apiserver ready at (\S+) — export KUBECONFIG=(\S+);/);
  await up.ready;
  const workdir = join(cwd, 'cluster');
  const token = await createToken({ workdir });
  const node = runUntilReady(cwd, ['join', 'node-2', '--workdir', 'cluster', '--token', token, '--rotate-certificates', '--with-proxy'], /^tlsboot: kube-proxy for node (\S+) running as system:kube-proxy/m);
  try {
    await node.ready;
    const dir = join(workdir, 'nodes', 'node-2');
    assert.ok((await lstat(join(dir, 'pki', 'kubelet-client-current.pem'))).isSymbolicLink());
    const kubeconfig = await readFile(join(dir, 'kubelet.conf'), 'utf8');
    assert.match(kubeconfig, `client-certificate: ${join(dir, 'pki', 'kubelet-client-current.pem')}`);
    for (const f of ['kube-proxy-csr.json', 'kube-proxy.pem', 'kube-proxy-key.pem', 'kube-proxy.kubeconfig']) assert.ok((await stat(join(dir, 'kube-proxy', f))).isFile(), f);
    assert.is((await stat(join(dir, 'kube-proxy', 'kube-proxy-key.pem'))).mode & 0o777, 0o600);
  } finally {
    const joined = await node.stop();
    assert.is(joined.code, 0, joined.stderr);
    assert.match(joined.stdout, 'tlsboot: node node-2 joined as system:node:node-2 — kubectl get nodes\n');
    assert.match(joined.stdout, /tlsboot: SIGINT: kubelet and kube-proxy of node node-2 stopped/);
    assert.is((await up.stop()).code, 0);
  }
});

const joinScenario = `apiVersion: tlsboot/v1alpha1
kind: Scenario
metadata: { name: t2-join }
spec:
  description: A node from a scenario.
  nodes:
    - name: k8s01
      kubelet:
        bootstrapToken: t2join.0123456789abcdef
        flags: ["--rotate-certificates"]
        config: { serverTLSBootstrap: true }
      kubeProxy: {}
    - name: k8s02
  steps: []
`;

test('join --scenario: the node\'s literal bootstrapToken, kubelet flags and KubeletConfiguration, and its kube-proxy; the kubelet\'s trace narrated live on stderr', async () => {
  const cwd = await dirs.fresh();
  await writeFile(join(cwd, 's.yaml'), joinScenario);
  const up = runUntilReady(cwd, ['up', '--workdir', 'cluster', '--quiet'], /kube-apiserver ready at (\S+) — export KUBECONFIG=(\S+);/);
  await up.ready;
  const workdir = join(cwd, 'cluster');
  await createToken({ workdir, token: 't2join.0123456789abcdef' });
  const node = runUntilReady(cwd, ['join', 'k8s01', '--workdir', 'cluster', '--scenario', 's.yaml'], /^tlsboot: kube-proxy for node (\S+) running as system:kube-proxy/m);
  try {
    await node.ready;
    const dir = join(workdir, 'nodes', 'k8s01');
    assert.match(await readFile(join(dir, 'bootstrap-kubelet.conf'), 'utf8'), 'token: t2join.0123456789abcdef');
    // --rotate-certificates (the scenario's kubelet flag): the certificate manager's kubeconfig
    assert.match(await readFile(join(dir, 'kubelet.conf'), 'utf8'), `client-certificate: ${join(dir, 'pki', 'kubelet-client-current.pem')}`);
    // serverTLSBootstrap (the scenario's config): a kubelet-serving CSR, narrated from the kubelet's trace
    const serving = await eventually(async () => (/created CSR \S+ for kubernetes\.io\/kubelet-serving/.test(node.output().stderr) ? true : undefined));
    assert.ok(serving, node.output().stderr);
    assert.match(node.output().stderr, /kubelet\/k8s01 +/);
  } finally {
    const joined = await node.stop();
    assert.is(joined.code, 0, joined.stderr);
    assert.match(joined.stdout, /tlsboot: SIGINT: kubelet and kube-proxy of node k8s01 stopped/);
    assert.is((await up.stop()).code, 0);
  }
});

test('join --scenario: a node the scenario does not have, or one without a literal token and no --token: exit 2', async () => {
  const cwd = await dirs.fresh();
  await writeFile(join(cwd, 's.yaml'), joinScenario);
  const unknown = await tlsboot(cwd, ['join', 'k8s09', '--scenario', 's.yaml']);
  assert.is(unknown.code, 2);
  assert.match(unknown.stderr, 'tlsboot: --scenario s.yaml: scenario t2-join has no node "k8s09" in spec.nodes (it has k8s01, k8s02)');
  const noToken = await tlsboot(cwd, ['join', 'k8s02', '--scenario', 's.yaml']);
  assert.is(noToken.code, 2);
  assert.match(noToken.stderr, "required option '--token <id.secret>' not specified");
});

test('join stopped at any moment (before, during, after the TLS bootstrap) leaves only whole files: no temporary file, every PEM complete, the current symlink pointing at one', async () => {
  const cwd = await dirs.fresh();
  const up = runUntilReady(cwd, ['up', '--workdir', 'cluster', '--quiet'], /kube-apiserver ready at (\S+) — export KUBECONFIG=(\S+);/);
  await up.ready;
  const workdir = join(cwd, 'cluster');
  try {
    for (const [i, delay] of [0, 150, 400, 1500].entries()) {
      const token = await createToken({ workdir });
      const name = `stop-${i}`;
      const node = runUntilReady(cwd, ['join', name, '--workdir', 'cluster', '--token', token, '--quiet', '--server-tls-bootstrap'], /joined as/);
      node.ready.catch(() => undefined);
      await sleep(delay);
      const r = await node.stop('SIGTERM');
      assert.is(r.code, 0, r.stderr);
      const dir = join(workdir, 'nodes', name);
      const files = await readdir(dir, { recursive: true });
      assert.not.ok(files.some((f) => /\.tmp|~$/.test(f)), `${delay} ms: ${files.join(', ')}`);
      assert.match(await readFile(join(dir, 'bootstrap-kubelet.conf'), 'utf8'), `token: ${token}`);
      for (const f of files.filter((f) => f.endsWith('.pem') || f.endsWith('.crt') || f.endsWith('.key'))) {
        const text = await readFile(join(dir, f), 'utf8');
        assert.match(text, /-----END [A-Z ]+-----\n?$/, `${delay} ms: ${f} is whole`);
      }
      const current = join(dir, 'pki', 'kubelet-client-current.pem');
      if (existsSync(current)) assert.match(await readFile(current, 'utf8'), /BEGIN CERTIFICATE[\s\S]*BEGIN EC PRIVATE KEY|BEGIN EC PRIVATE KEY[\s\S]*BEGIN CERTIFICATE/);
    }
  } finally {
    assert.is((await up.stop()).code, 0);
  }
});

test('join: usage errors exit 2 — a token not of the form, a work directory without admin.kubeconfig (named)', async () => {
  const cwd = await dirs.fresh();
  const bad = await tlsboot(cwd, ['join', 'node-1', '--token', 'abc.def']);
  assert.is(bad.code, 2);
  assert.match(bad.stderr, String.raw`tlsboot: the bootstrap token "abc.def" was not of the form "\\A([a-z0-9]{6})\\.([a-z0-9]{16})\\z"`);
  const missing = await tlsboot(cwd, ['join', 'node-1', '--workdir', 'nowhere', '--token', 'abcdef.0123456789abcdef']);
  assert.is(missing.code, 2);
  assert.match(missing.stderr, `tlsboot: ${join(cwd, 'nowhere', 'admin.kubeconfig')}: no such file; start a control plane first: tlsboot up --workdir ${join(cwd, 'nowhere')}`);
  const name = await tlsboot(cwd, ['join', 'Node_1', '--token', 'abcdef.0123456789abcdef']);
  assert.is(name.code, 2);
  assert.match(name.stderr, 'nodeRegistration.name: Invalid value: "Node_1": a lowercase RFC 1123 subdomain');
  const noToken = await tlsboot(cwd, ['join', 'node-1']);
  assert.is(noToken.code, 2);
  assert.match(noToken.stderr, "required option '--token <id.secret>' not specified");
});

test.after(dirs.removeAll);
test.run();
