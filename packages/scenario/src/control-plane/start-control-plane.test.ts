import { connect } from 'node:net';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadKubeconfig, namespaces, resolveContext, restClientFromKubeconfig } from '@tlsboot/client';
import { MemoryTraceSink, type TraceEvent } from '@tlsboot/kube-apiserver';
import { importPrivateKeyPem, keyMatches, parseCertificatePem, verifyChain } from '@tlsboot/pki';
import { isTlsbootError, realClock } from '@tlsboot/util';
import { startControlPlane, type ControlPlane } from './start-control-plane.js';

const base = await mkdtemp(join(tmpdir(), 'tlsboot-control-plane-'));
const workdir = join(base, 'new', 'dir');
const trace = new MemoryTraceSink();
const cp: ControlPlane = await startControlPlane({ workdir, clock: realClock, trace });

/** Whether something accepts TCP connections on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

test('it creates the work directory and writes the kubeadm-style files with private keys at 0600', async () => {
  assert.is(cp.workdir, workdir);
  assert.is(cp.kubeconfigPath, join(workdir, 'admin.kubeconfig'));
  assert.is(cp.caPath, join(workdir, 'pki', 'ca.crt'));
  assert.equal(cp.files, ['pki/ca.crt', 'pki/ca.key', 'pki/apiserver.crt', 'admin.kubeconfig', 'controller-manager.kubeconfig'].map((f) => join(workdir, f)));
  assert.equal((await readdir(workdir)).sort(), ['admin.kubeconfig', 'controller-manager.kubeconfig', 'pki']);
  assert.equal((await readdir(join(workdir, 'pki'))).sort(), ['apiserver.crt', 'ca.crt', 'ca.key']);
  const mode = async (f: string) => (await stat(join(workdir, f))).mode & 0o777;
  assert.is(await mode('admin.kubeconfig'), 0o600);
  assert.is(await mode('pki/ca.key'), 0o600);
  assert.is(await mode('pki/ca.crt'), 0o644);
  assert.is(await mode('pki/apiserver.crt'), 0o644);
});

test('pki/: the CA the apiserver uses, its key, and a serving certificate for 127.0.0.1 that chains to it', async () => {
  assert.match(cp.url, /^https:\/\/127\.0\.0\.1:\d+$/);
  assert.is(cp.url, `https://127.0.0.1:${cp.port}`);
  const ca = parseCertificatePem(await readFile(cp.caPath, 'utf8'));
  assert.is(ca.pem, cp.apiserver.caPem);
  assert.ok(ca.isCA);
  assert.ok(await keyMatches(await importPrivateKeyPem(await readFile(join(workdir, 'pki/ca.key'), 'utf8')), ca.publicKeySpki), 'ca.key is the key of ca.crt');
  const serving = parseCertificatePem(await readFile(join(workdir, 'pki/apiserver.crt'), 'utf8'));
  assert.ok(serving.subjectAltNames.ipAddresses?.includes('127.0.0.1'));
  await verifyChain(serving, { roots: [ca], at: realClock.now(), usages: ['server auth'] });
});

test('admin.kubeconfig: kubeadm names, the server URL, the CA, and a client certificate CN=kubernetes-admin O=system:masters', async () => {
  const config = await loadKubeconfig(cp.kubeconfigPath);
  assert.is(config['current-context'], 'kubernetes-admin@tlsboot');
  assert.equal(config.clusters.map((c) => c.name), ['tlsboot']);
  assert.equal(config.users.map((u) => u.name), ['kubernetes-admin']);
  const ctx = await resolveContext(config);
  assert.is(ctx.server, cp.url);
  assert.is(String(ctx.ca), cp.apiserver.caPem);
  const admin = parseCertificatePem(String(ctx.clientCert));
  assert.is(admin.subject.commonName, 'kubernetes-admin');
  assert.equal(admin.subject.organizations, ['system:masters']);
  const ca = parseCertificatePem(cp.apiserver.caPem);
  await verifyChain(admin, { roots: [ca], at: realClock.now(), usages: ['client auth'] });
  assert.ok(await keyMatches(await importPrivateKeyPem(String(ctx.clientKey)), admin.publicKeySpki), 'the key is the certificate\'s');
});

test('it was ready when it returned: the readiness check went through as kubernetes-admin, into the trace given', () => {
  const authn = trace.events.find((e): e is Extract<TraceEvent, { type: 'request.authenticated' }> => e.type === 'request.authenticated');
  assert.ok(authn, 'a request was traced');
  assert.is(authn.user, 'kubernetes-admin');
  assert.ok(authn.groups?.includes('system:masters'));
  const received = trace.events.find((e) => e.type === 'request.received');
  assert.is(received && 'path' in received ? received.path : undefined, '/readyz');
});

test('the admin kubeconfig lists the system namespaces through @tlsboot/client', async () => {
  const client = await restClientFromKubeconfig(cp.kubeconfigPath);
  try {
    const list = await namespaces(client).list();
    assert.equal(list.items.map((n) => n.metadata?.name).sort(), ['default', 'kube-node-lease', 'kube-public', 'kube-system']);
  } finally {
    await client.close();
  }
});

test('a taken port: PORT_IN_USE in Go\'s words, and no file written', async () => {
  const other = join(base, 'other');
  try {
    await startControlPlane({ workdir: other, clock: realClock, port: cp.port });
    assert.unreachable('a second apiserver listened on the same port');
  } catch (err) {
    assert.ok(isTlsbootError(err, 'PORT_IN_USE'), String(err));
    assert.is((err as Error).message, `kube-apiserver: listen tcp 127.0.0.1:${cp.port}: bind: address already in use; choose another port (0 picks a free one)`);
  }
  assert.equal(await readdir(other), []);
});

test('a work directory that is a file is refused before anything starts', async () => {
  const file = join(base, 'file');
  await writeFile(file, 'x');
  try {
    await startControlPlane({ workdir: file, clock: realClock });
    assert.unreachable('a file was used as the work directory');
  } catch (err) {
    assert.ok(isTlsbootError(err, 'WORKDIR'), String(err));
  }
  assert.is(await readFile(file, 'utf8'), 'x');
});

test('a second start in the same directory replaces the files: a new CA and a kubeconfig for the new port', async () => {
  const before = await readFile(cp.caPath, 'utf8');
  const second = await startControlPlane({ workdir, clock: realClock });
  try {
    const after = await readFile(second.caPath, 'utf8');
    assert.is.not(after, before);
    assert.is(after, second.apiserver.caPem);
    assert.is((await resolveContext(await loadKubeconfig(second.kubeconfigPath))).server, second.url);
    assert.equal((await readdir(join(workdir, 'pki'))).sort(), ['apiserver.crt', 'ca.crt', 'ca.key'], 'no temporary files left');
  } finally {
    await second.stop();
  }
  assert.not.ok(await listening(second.port));
});

test('restarts: the controller-manager stops and starts again; the apiserver comes back on the same port with the same CA and store', async () => {
  const second = await startControlPlane({ workdir: join(base, 'restart'), clock: realClock, startControllerManager: false });
  try {
    assert.is(second.controllerManager, undefined);
    const kcm = await second.startControllerManager();
    assert.is(second.controllerManager, kcm);
    assert.is(await second.startControllerManager(), kcm, 'already running: the same one');
    await second.stopControllerManager();
    assert.is(second.controllerManager, undefined);

    const admin = await restClientFromKubeconfig(second.kubeconfigPath);
    try {
      await namespaces(admin).create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kept' } });
      const before = second.apiserver;
      await second.stopApiServer();
      assert.not.ok(await listening(second.port));
      const after = await second.startApiServer();
      assert.is.not(after, before);
      assert.is(after.port, second.port);
      assert.is(after.caPem, before.caPem);
      // the admin kubeconfig written at the first start still works: same URL, same CA
      assert.is((await namespaces(admin).get('kept')).metadata?.name, 'kept');
    } finally {
      await admin.close();
    }
  } finally {
    await second.stop();
  }
});

test('stop() closes the port, may be called twice, and keeps the files', async () => {
  assert.ok(await listening(cp.port));
  await Promise.all([cp.stop(), cp.stop()]);
  await cp.stop();
  assert.not.ok(await listening(cp.port));
  await stat(cp.kubeconfigPath);
});

test.after(async () => {
  await cp.stop();
  await rm(base, { recursive: true, force: true });
});

test.run();
