// The kubelet's bad input and failures, live over real mTLS with real files, as kubelet v1.32 does:
// kubernetes/kubernetes pkg/kubelet/certificate/bootstrap/bootstrap.go (LoadClientCert,
// waitForServer, isClientConfigStillValid, loadRESTClientConfig), cmd/kubelet/app/server.go (Run:
// "failed to run Kubelet: %w"; buildKubeletClientConfig), k8s.io/client-go/util/certificate/csr/csr.go
// (WaitForCertificate), certificate_manager.go (rotateCerts, backoff), certificate_store.go
// (loadFile, updateSymlink), pkg/kubelet/certificate/transport.go (exit after 5 min).
// Path B = rotation off (LoadClientCert, synchronous: errors end startKubelet); Path A =
// --rotate-certificates (LoadClientConfig + certificate manager: retries with backoff, exits via
// onExit only when the server answers).
import { createServer } from 'node:net';
import { mkdtemp, readlink, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CertificateSigningRequest, CertificateSigningRequestCondition } from '@tlsboot/api';
import { bootstrapTokenToSecret, newBootstrapTokenString } from '@tlsboot/api';
import { buildKubeconfig, certificateSigningRequests, writeKubeconfig } from '@tlsboot/client';
import { startKubelet } from '@tlsboot/kubelet';
import type { Kubelet, KubeletTraceEvent } from '@tlsboot/kubelet';
import { createCertificateAuthority } from '@tlsboot/pki';
import { SeededRandom, realClock } from '@tlsboot/util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { eventually, startCluster, token } from './support/kcm-cluster.js';
import type { Cluster } from './support/kcm-cluster.js';

const signer = 'kubernetes.io/kube-apiserver-client-kubelet';
const csrPath = '/apis/certificates.k8s.io/v1/certificatesigningrequests';

interface Node {
  dir: string;
  bootstrapPath: string;
  kubeconfigPath: string;
  certDir: string;
  events: KubeletTraceEvent[];
  exits: string[];
  start(rotate: boolean): Promise<Kubelet>;
  errors(): string[];
}

async function newNode(c: Cluster, bootstrap: { server?: string; caPem?: string; caFile?: string; token?: string } = {}): Promise<Node> {
  const dir = await mkdtemp(join(tmpdir(), 'tlsboot-kubelet-fail-'));
  const bootstrapPath = join(dir, 'bootstrap-kubelet.conf');
  const caFile = bootstrap.caFile;
  await writeKubeconfig(
    bootstrapPath,
    buildKubeconfig({
      server: bootstrap.server ?? c.server.url,
      ...(caFile ? { caFile } : { caPem: bootstrap.caPem ?? c.server.caPem }),
      token: bootstrap.token ?? token,
      user: 'tls-bootstrap-token-user',
      cluster: 'kubernetes',
      context: 'tls-bootstrap-token-user@kubernetes',
    }),
  );
  const node: Node = {
    dir,
    bootstrapPath,
    kubeconfigPath: join(dir, 'kubelet.conf'),
    certDir: join(dir, 'pki'),
    events: [],
    exits: [],
    start: (rotate) =>
      startKubelet({
        nodeName: 'node-1',
        clock: c.clock,
        random: new SeededRandom(7),
        trace: { emit: (e) => void node.events.push(e) },
        modules: [],
        onExit: (m) => void node.exits.push(m),
        flags: [`--bootstrap-kubeconfig=${node.bootstrapPath}`, `--kubeconfig=${node.kubeconfigPath}`, `--cert-dir=${node.certDir}`, ...(rotate ? ['--rotate-certificates'] : [])],
        config: { rotateCertificates: rotate },
      }),
    errors: () => node.events.flatMap((e) => (e.type === 'kubelet.error' ? [e.message] : [])),
  };
  return node;
}

/** Lets real I/O (requests, file writes) finish between clock steps. */
async function settle(): Promise<void> {
  for (let i = 0; i < 4; i++) await realClock.sleep(5);
}

/** Moves the virtual clock in steps until `done()` (or `totalMs` of virtual time has passed). */
async function drive(c: Cluster, stepMs: number, totalMs: number, done: () => boolean = () => false): Promise<void> {
  await settle();
  for (let t = 0; t < totalMs && !done(); t += stepMs) {
    await c.clock.advance(stepMs);
    await settle();
  }
}

/** Outcome of a promise that the test drives to its end. */
function outcome<T>(p: Promise<T>): { settled: () => boolean; error: () => string | undefined; value: () => T | undefined } {
  let settled = false;
  let error: string | undefined;
  let value: T | undefined;
  p.then(
    (v) => ((settled = true), (value = v)),
    (e: unknown) => ((settled = true), (error = (e as Error).message)),
  );
  return { settled: () => settled, error: () => error, value: () => value };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function deny(c: Cluster, name: string): Promise<void> {
  const csrs = certificateSigningRequests<CertificateSigningRequest>(c.admin);
  const obj = await csrs.get(name);
  const condition = { type: 'Denied', status: 'True', reason: 'NotThisNode', message: 'denied by the test' } as CertificateSigningRequestCondition;
  obj.status = { ...obj.status, conditions: [...(obj.status?.conditions ?? []), condition] };
  await csrs.updateSubresource(obj, 'approval');
}

async function listCsrs(c: Cluster): Promise<CertificateSigningRequest[]> {
  return (await certificateSigningRequests(c.admin).list()).items as CertificateSigningRequest[];
}

function assertBefore(n: Node, first: string, then: string | RegExp): void {
  const errs = n.errors();
  const i = errs.indexOf(first);
  assert.ok(i >= 0, `trace has ${JSON.stringify(first)}:\n${errs.join('\n')}`);
  const j = errs.findIndex((m) => (typeof then === 'string' ? m === then : then.test(m)));
  assert.ok(j > i, `${JSON.stringify(first)} comes before ${then}:\n${errs.join('\n')}`);
}

async function withCluster(flags: string[] | undefined, body: (c: Cluster, dirs: string[]) => Promise<void>): Promise<void> {
  const c = await startCluster({ policy: 'kubeadm', clusterSigning: true, ...(flags ? { flags } : {}) });
  const dirs: string[] = [];
  try {
    await body(c, dirs);
  } finally {
    await c.close();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  }
}

// --- wrong CA -------------------------------------------------------------------------------

test('wrong CA in the bootstrap kubeconfig, Path B (bootstrap.go waitForServer + requestNodeCertificate; server.go Run): 1 min of "Failed to connect", then failed to run Kubelet with Go\'s TLS text', async () => {
  await withCluster(undefined, async (c, dirs) => {
    const other = await createCertificateAuthority({ subject: { commonName: 'some-other-ca' }, now: c.clock.now() });
    const n = await newNode(c, { caPem: other.certificate.pem });
    dirs.push(n.dir);
    const run = outcome(n.start(false));
    await drive(c, 1000, 70_000, run.settled);
    const tls = 'tls: failed to verify certificate: x509: certificate signed by unknown authority';
    const final = `failed to run Kubelet: cannot create certificate signing request: Post "${c.server.url}${csrPath}": ${tls}`;
    assert.is(run.error(), final);
    const healthz = `Failed to connect to apiserver: Get "${c.server.url}/healthz": ${tls}`;
    assert.ok(n.errors().filter((m) => m === healthz).length >= 20, 'a failed /healthz about every 2 s for a minute');
    assertBefore(n, healthz, 'Error waiting for apiserver to come up: timed out waiting to connect to apiserver');
    assertBefore(n, 'Error waiting for apiserver to come up: timed out waiting to connect to apiserver', final);
    assert.is((await listCsrs(c)).length, 0);
  });
});

test('wrong CA, Path A (certificate_manager.go rotateCerts + backoff; transport.go): retried with backoff, no exit while the server is not responsive', async () => {
  await withCluster(undefined, async (c, dirs) => {
    const other = await createCertificateAuthority({ subject: { commonName: 'some-other-ca' }, now: c.clock.now() });
    const n = await newNode(c, { caPem: other.certificate.pem });
    dirs.push(n.dir);
    const kubelet = await n.start(true);
    try {
      await drive(c, 10_000, 320_000);
      const msg = `${signer}: Failed while requesting a signed certificate from the control plane: cannot create certificate signing request: Post "${c.server.url}${csrPath}": tls: failed to verify certificate: x509: certificate signed by unknown authority`;
      assert.ok(n.errors().filter((m) => m === msg).length >= 5, n.errors().join('\n'));
      assert.ok(n.events.some((e) => e.type === 'rotation.backoff' && e.phase === 'exponential'));
      assert.ok(n.errors().includes(`${signer}: Reached backoff limit, still unable to rotate certs: timed out waiting for the condition`));
      assert.ok(n.events.some((e) => e.type === 'rotation.backoff' && e.phase === 'poll'));
      assert.ok(n.errors().includes('No valid client certificate is found but the server is not responsive. A restart may be necessary to retrieve new initial credentials.'));
      assert.equal(n.exits, []);
    } finally {
      await kubelet.stop();
    }
  });
});

// --- unreachable apiserver --------------------------------------------------------------------

test('unreachable apiserver, Path B: dial tcp …: connect: connection refused, then failed to run Kubelet', async () => {
  await withCluster(undefined, async (c, dirs) => {
    const port = await closedPort();
    const url = `https://127.0.0.1:${port}`;
    const n = await newNode(c, { server: url });
    dirs.push(n.dir);
    const run = outcome(n.start(false));
    await drive(c, 2000, 70_000, run.settled);
    const refused = `dial tcp 127.0.0.1:${port}: connect: connection refused`;
    assert.is(run.error(), `failed to run Kubelet: cannot create certificate signing request: Post "${url}${csrPath}": ${refused}`);
    assertBefore(n, `Failed to connect to apiserver: Get "${url}/healthz": ${refused}`, 'Error waiting for apiserver to come up: timed out waiting to connect to apiserver');
  });
});

test('unreachable apiserver, Path A: the manager keeps retrying (backoff 2 s ×2, then every 32 s)', async () => {
  await withCluster(undefined, async (c, dirs) => {
    const port = await closedPort();
    const url = `https://127.0.0.1:${port}`;
    const n = await newNode(c, { server: url });
    dirs.push(n.dir);
    const kubelet = await n.start(true);
    try {
      await drive(c, 2000, 100_000);
      const msg = `${signer}: Failed while requesting a signed certificate from the control plane: cannot create certificate signing request: Post "${url}${csrPath}": dial tcp 127.0.0.1:${port}: connect: connection refused`;
      assert.ok(n.errors().filter((m) => m === msg).length >= 6, n.errors().join('\n'));
      const delays = n.events.flatMap((e) => (e.type === 'rotation.backoff' ? [e.phase] : []));
      assert.equal(delays.slice(0, 5), ['exponential', 'exponential', 'exponential', 'exponential', 'poll']);
      assert.equal(n.exits, []);
    } finally {
      await kubelet.stop();
    }
  });
});

// --- denied CSR ------------------------------------------------------------------------------

test('denied CSR, Path B (csr.go WaitForCertificate): failed to run Kubelet: cannot watch on the certificate signing request: certificate signing request is denied', async () => {
  await withCluster(['--controllers=*,-csrapproving'], async (c, dirs) => {
    const n = await newNode(c);
    dirs.push(n.dir);
    const run = outcome(n.start(false));
    const [csr] = await eventually('the node-csr', () => listCsrs(c), (l) => l.length === 1 && n.events.some((e) => e.type === 'csr.waiting'));
    assert.match(csr!.metadata!.name!, /^node-csr-/);
    await deny(c, csr!.metadata!.name!);
    await eventually('startKubelet to end', async () => run.settled(), Boolean);
    const msg = 'failed to run Kubelet: cannot watch on the certificate signing request: certificate signing request is denied, reason: NotThisNode, message: denied by the test';
    assert.is(run.error(), msg);
    assert.ok(n.errors().includes(msg));
  });
});

test('denied CSR, Path A (certificate_manager.go rotateCerts): "certificate request was not signed", then a new csr- after the backoff', async () => {
  await withCluster(['--controllers=*,-csrapproving'], async (c, dirs) => {
    const n = await newNode(c);
    dirs.push(n.dir);
    const kubelet = await n.start(true);
    try {
      await settle();
      const [csr] = await eventually('the csr-', () => listCsrs(c), (l) => l.length === 1 && n.events.some((e) => e.type === 'csr.waiting'));
      assert.match(csr!.metadata!.name!, /^csr-/);
      await deny(c, csr!.metadata!.name!);
      const msg = `${signer}: certificate request was not signed: cannot watch on the certificate signing request: certificate signing request is denied, reason: NotThisNode, message: denied by the test`;
      await eventually('the error', async () => n.errors(), (e) => e.includes(msg));
      await drive(c, 1000, 5000, () => n.events.filter((e) => e.type === 'csr.created').length === 2);
      assert.ok(n.events.some((e) => e.type === 'rotation.backoff'));
      const l = await eventually('a second CSR', () => listCsrs(c), (x) => x.length === 2);
      assert.ok(l.every((x) => x.metadata!.name!.startsWith('csr-')));
    } finally {
      await kubelet.stop();
    }
  });
});

// --- expired token ---------------------------------------------------------------------------

async function expiredTokenNode(c: Cluster): Promise<Node> {
  const expired = 'expire.0123456789abcdef';
  const secret = bootstrapTokenToSecret(
    { token: newBootstrapTokenString(expired), usages: ['authentication', 'signing'], groups: ['system:bootstrappers:kubeadm:default-node-token'], ttlMs: 3600_000 },
    new Date(c.clock.nowMs() - 2 * 3600_000),
  );
  await c.admin.create('/api/v1/namespaces/kube-system/secrets', secret);
  return newNode(c, { token: expired });
}

test('expired bootstrap token, Path B: 401 on /healthz and on the CSR → failed to run Kubelet: cannot create certificate signing request: Unauthorized', async () => {
  await withCluster(undefined, async (c, dirs) => {
    const n = await expiredTokenNode(c);
    dirs.push(n.dir);
    const run = outcome(n.start(false));
    await drive(c, 2000, 70_000, run.settled);
    assert.is(run.error(), 'failed to run Kubelet: cannot create certificate signing request: Unauthorized');
    assertBefore(n, 'Failed to connect to apiserver: Unauthorized', 'Error waiting for apiserver to come up: timed out waiting to connect to apiserver');
  });
});

test('expired bootstrap token, Path A (transport.go): Unauthorized means the server is responsive → exit after 5 min without a certificate', async () => {
  await withCluster(undefined, async (c, dirs) => {
    const n = await expiredTokenNode(c);
    dirs.push(n.dir);
    const kubelet = await n.start(true);
    try {
      await drive(c, 10_000, 330_000, () => n.exits.length > 0);
      assert.ok(n.errors().includes(`${signer}: Failed while requesting a signed certificate from the control plane: cannot create certificate signing request: Unauthorized`));
      const exit = 'No valid client certificate is found and the server is responsive, exiting.';
      await eventually('onExit', async () => n.exits, (x) => x.length === 1);
      assert.equal(n.exits, [exit]);
      assert.ok(n.errors().includes(exit));
      assert.ok(n.events.some((e) => e.type === 'kubelet.stopped'));
    } finally {
      await kubelet.stop();
    }
  });
});

// --- missing files ---------------------------------------------------------------------------

test('--bootstrap-kubeconfig naming a missing file, both paths (clientcmd Load: the bare stat error): failed to run Kubelet: unable to load bootstrap kubeconfig', async () => {
  await withCluster(undefined, async (c, dirs) => {
    for (const rotate of [false, true]) {
      const n = await newNode(c);
      dirs.push(n.dir);
      await unlink(n.bootstrapPath);
      const msg = `failed to run Kubelet: unable to load bootstrap kubeconfig: stat ${n.bootstrapPath}: no such file or directory`;
      const err = await n.start(rotate).then(() => 'started', (e: Error) => e.message);
      assert.is(err, msg, `rotate=${rotate}`);
      assert.ok(n.errors().includes(msg));
    }
  });
});

test('bootstrap kubeconfig naming a missing certificate-authority file, both paths (clientcmd ConfirmUsable)', async () => {
  await withCluster(undefined, async (c, dirs) => {
    for (const rotate of [false, true]) {
      const missing = join(tmpdir(), `tlsboot-no-such-ca-${rotate}.crt`);
      const n = await newNode(c, { caFile: missing });
      dirs.push(n.dir);
      const err = await n.start(rotate).then(() => 'started', (e: Error) => e.message);
      assert.is(err, `failed to run Kubelet: unable to load bootstrap kubeconfig: invalid configuration: unable to read certificate-authority ${missing} for kubernetes due to open ${missing}: no such file or directory`, `rotate=${rotate}`);
    }
  });
});

test('--kubeconfig naming a missing client-certificate (isClientConfigStillValid): logged as invalid, bootstrap again', async () => {
  await withCluster(undefined, async (c, dirs) => {
    const n = await newNode(c);
    dirs.push(n.dir);
    const gone = join(n.dir, 'gone.pem');
    await writeKubeconfig(n.kubeconfigPath, buildKubeconfig({ server: c.server.url, caPem: c.server.caPem, clientCertFile: gone, clientKeyFile: gone, user: 'default-auth', cluster: 'default-cluster', context: 'default-context' }));
    const kubelet = await n.start(false);
    await kubelet.stop();
    const invalid = n.errors().find((m) => m.startsWith(`unable to read existing bootstrap client config from ${n.kubeconfigPath}: invalid configuration: `));
    assert.ok(invalid?.includes(`unable to read client-cert ${gone} for default-auth due to open ${gone}: no such file or directory`), invalid);
    assert.ok(n.events.some((e) => e.type === 'csr.issued'));
  });
});

// --- corrupt cert dir ------------------------------------------------------------------------

test('corrupt cert dir: a dangling kubelet-client-current.pem (fileExists follows the link) → bootstrap again, both paths', async () => {
  await withCluster(undefined, async (c, dirs) => {
    for (const rotate of [false, true]) {
      const n = await newNode(c);
      dirs.push(n.dir);
      await (await n.start(false)).stop();
      const current = join(n.certDir, 'kubelet-client-current.pem');
      await unlink(await readlink(current));
      n.events.length = 0;
      const kubelet = await n.start(rotate);
      try {
        await drive(c, 1000, 10_000, () => n.events.some((e) => e.type === 'csr.issued'));
        assert.ok(n.errors().some((m) => m.startsWith(`unable to read existing bootstrap client config from ${n.kubeconfigPath}: `)), n.errors().join('\n'));
        assert.ok(n.events.some((e) => e.type === 'csr.issued'), `rotate=${rotate}`);
        await eventually('the new pair', async () => n.events.some((e) => e.type === 'file.written' && e.kind === 'symlink'), Boolean);
      } finally {
        await kubelet.stop();
      }
    }
  });
});

test('corrupt cert dir: kubelet-client-current.pem a regular file with garbage — Path A fails the manager (loadFile), Path B bootstraps and then fails updateSymlink', async () => {
  await withCluster(undefined, async (c, dirs) => {
    const n = await newNode(c);
    dirs.push(n.dir);
    await (await n.start(false)).stop();
    const current = join(n.certDir, 'kubelet-client-current.pem');
    await unlink(current);
    await writeFile(current, 'garbage\n', { mode: 0o600 });

    n.events.length = 0;
    const a = await n.start(true).then(() => 'started', (e: Error) => e.message);
    assert.is(a, `failed to run Kubelet: failed to initialize client certificate manager: could not convert data from "${current}" into cert/key pair: tls: failed to find any PEM data in certificate input`);
    assert.ok(n.errors().includes(`unable to load TLS certificates from existing bootstrap client config read from ${n.kubeconfigPath}: data does not contain any valid RSA or ECDSA certificates`), n.errors().join('\n'));

    n.events.length = 0;
    const b = await n.start(false).then(() => 'started', (e: Error) => e.message);
    assert.is(b, `failed to run Kubelet: expected "${current}" to be a symlink but it is a file`);
    assert.ok(n.events.some((e) => e.type === 'csr.issued'), 'the certificate was issued before the store failed');
  });
});

test.run();
