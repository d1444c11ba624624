// Components stop and restart and pick up from their files, as the real ones do — live, over real
// mTLS, with real files:
// - kubelet Path B: kubernetes/kubernetes pkg/kubelet/certificate/bootstrap/bootstrap.go LoadClientCert
//   (isClientConfigStillValid → "Kubeconfig exists and is valid, skipping bootstrap"; an expired
//   certificate → bootstrap again, reusing the key of store.Current), pkg/kubelet/kubelet_node_status.go
//   registerWithAPIServer (AlreadyExists → the existing Node), component-helpers lease/controller.go;
// - kubelet Path A: bootstrap.go LoadClientConfig, k8s.io/client-go/util/certificate/certificate_manager.go
//   (getCurrentCertificateOrBootstrap: store.Current while valid, no CSR), pkg/kubelet/certificate/kubelet.go
//   NewKubeletServerCertificateManager (kubelet-server-current.pem), cmd/kubelet/app/server.go InitializeTLS
//   (kubelet.crt / kubelet.key reused when readable);
// - kube-proxy: cmd/kube-proxy/app/server.go (--config file → clientConnection.kubeconfig; the informers
//   list then watch, so the rules are rebuilt from the API);
// - kube-controller-manager: pkg/controller/certificates/certificate_controller.go (the informer's
//   initial list enqueues every CSR; approver and signer return early for what is already done);
// - `tlsboot join` twice on one work directory: cmd/kubeadm/app/cmd/phases/join/kubelet.go, then the
//   kubelet's LoadClientCert as above.
import { request } from 'node:https';
import { mkdtemp, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CertificateSigningRequest, EndpointSlice, Lease, Node, Service } from '@tlsboot/api';
import { buildKubeconfig, certificateSigningRequests, endpointSlices, leases, loadKubeconfig, nodes, RestClient, restClientFromKubeconfig, services, writeKubeconfig } from '@tlsboot/client';
import { startKubelet, kubeletNodeModules, kubeletNodeState } from '@tlsboot/kubelet';
import type { Kubelet, KubeletTraceEvent, StartKubeletOptions } from '@tlsboot/kubelet';
import { startControllerManager } from '@tlsboot/kube-controller-manager';
import type { KcmTraceEvent } from '@tlsboot/kube-controller-manager';
import { createCertificateRequest, exportPrivateKeyPem, generateKeyPair, parseCertificatesPem } from '@tlsboot/pki';
import { startApiServer } from '@tlsboot/kube-apiserver';
import { gencertKubeProxy, kubeProxyKubeconfig, parseKubeProxyConfiguration, startKubeProxy } from '@tlsboot/kube-proxy';
import type { KubeProxyTraceEvent } from '@tlsboot/kube-proxy';
import { realClock, SeededRandom, VirtualClock } from '@tlsboot/util';
import { createToken, joinNode, startControlPlane } from '@tlsboot/scenario';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { eventually, kubeletClientCSR, startCluster, token } from './support/kcm-cluster.js';
import type { Cluster } from './support/kcm-cluster.js';

const hour = 3600_000;

interface SelfSubjectReview {
  status?: { userInfo?: { username?: string; groups?: string[] } };
}

async function whoami(client: RestClient): Promise<string | undefined> {
  const review = await client.create<SelfSubjectReview>('/apis/authentication.k8s.io/v1/selfsubjectreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });
  return review.status?.userInfo?.username;
}

/** One GET to a kubelet, verifying its certificate against `ca` (or not at all); the CN and serial it served with. */
function get(url: string, path: string, ca: string | undefined, identity: { certPem: string; keyPem: string }): Promise<{ status: number; body: string; cn?: string; serial?: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path, method: 'GET', agent: false, ...(ca ? { ca } : { rejectUnauthorized: false }), cert: identity.certPem, key: identity.keyPem }, (res) => {
      const peer = (res.socket as import('node:tls').TLSSocket).getPeerCertificate();
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, ...(peer?.subject?.CN ? { cn: String(peer.subject.CN) } : {}), ...(peer?.serialNumber ? { serial: peer.serialNumber } : {}) }));
    });
    req.on('error', reject);
    req.end();
  });
}

interface NodeFiles {
  dir: string;
  bootstrapPath: string;
  kubeconfigPath: string;
  certDir: string;
  caFile: string;
}

async function nodeFiles(c: Cluster): Promise<NodeFiles> {
  const dir = await mkdtemp(join(tmpdir(), 'tlsboot-restart-'));
  const bootstrapPath = join(dir, 'bootstrap-kubelet.conf');
  const caFile = join(dir, 'ca.crt');
  await writeFile(caFile, c.server.caPem);
  await writeKubeconfig(bootstrapPath, buildKubeconfig({ server: c.server.url, caPem: c.server.caPem, token, user: 'tls-bootstrap-token-user', cluster: 'kubernetes', context: 'tls-bootstrap-token-user@kubernetes' }));
  return { dir, bootstrapPath, kubeconfigPath: join(dir, 'kubelet.conf'), certDir: join(dir, 'pki'), caFile };
}

/** The same flags and configuration on every start, as a systemd unit restarts the kubelet. */
function kubeletStarter(c: Cluster, f: NodeFiles, nodeName: string, o: { rotate?: boolean; serverTLSBootstrap?: boolean; modules?: StartKubeletOptions['modules'] }) {
  let seed = 0;
  return async (): Promise<{ kubelet: Kubelet; events: KubeletTraceEvent[] }> => {
    const events: KubeletTraceEvent[] = [];
    const kubelet = await startKubelet({
      nodeName,
      clock: c.clock,
      random: new SeededRandom(++seed),
      trace: { emit: (e) => void events.push(e) },
      flags: [`--bootstrap-kubeconfig=${f.bootstrapPath}`, `--kubeconfig=${f.kubeconfigPath}`, `--cert-dir=${f.certDir}`, '--node-ip=127.0.0.1', ...(o.rotate ? ['--rotate-certificates'] : [])],
      config: { serverTLSBootstrap: o.serverTLSBootstrap ?? false, authentication: { x509: { clientCAFile: f.caFile } } },
      ...(o.modules ? { modules: o.modules } : {}),
    });
    return { kubelet, events };
  };
}

/** Moves the virtual clock a second at a time until `check` holds (retries and backoffs wait on it). */
async function drive<T>(c: Cluster, what: string, get: () => Promise<T>, check: (v: T) => boolean, stepMs = 1000): Promise<T> {
  return eventually(
    what,
    async () => {
      const v = await get();
      if (!check(v)) await c.clock.advance(stepMs);
      return v;
    },
    check,
  );
}

const csrList = async (c: Cluster) => (await certificateSigningRequests(c.admin).list()).items as CertificateSigningRequest[];
const serialOf = (pem: string) => parseCertificatesPem(pem)[0]!.serialNumber;
const currentTarget = (f: NodeFiles, prefix = 'kubelet-client') => readlink(join(f.certDir, `${prefix}-current.pem`));

test('restart, Path B (bootstrap.go LoadClientCert isClientConfigStillValid; kubelet_node_status.go registerWithAPIServer AlreadyExists; lease/controller.go; server.go InitializeTLS): no new CSR, same certificate, same Node, lease renewed, kubelet.crt reused', async () => {
  const c = await startCluster({ policy: 'kubeadm', clusterSigning: true });
  const f = await nodeFiles(c);
  const start = kubeletStarter(c, f, 'node-b', { modules: kubeletNodeModules() });
  try {
    const admin = await c.server.issueClientCertificate({ commonName: 'kubernetes-admin', organizations: ['system:masters'] });
    const first = await start();
    let before: { target: string; uid: string | undefined; renewTime: string | undefined; served: string | undefined; crt: string };
    try {
      const state = kubeletNodeState(first.kubelet.context);
      const node = await state.registered!;
      const lease = (await leases(c.admin, 'kube-node-lease').get('node-b')) as Lease;
      const served = await get(state.server!.url, '/healthz', undefined, admin);
      assert.is(served.body, 'ok');
      before = { target: await currentTarget(f), uid: node.metadata.uid, renewTime: lease.spec?.renewTime, served: served.serial, crt: await readFile(join(f.certDir, 'kubelet.crt'), 'utf8') };
      assert.is((await csrList(c)).length, 1);
    } finally {
      await first.kubelet.stop();
    }

    // stopped for a minute: nobody renews the lease
    await c.clock.advance(60_000);
    const second = await start();
    try {
      const skipped = second.events.find((e) => e.type === 'bootstrap.skipped');
      assert.ok(skipped?.type === 'bootstrap.skipped');
      assert.is(skipped.message, `Kubeconfig exists and is valid, skipping bootstrap (path=${f.kubeconfigPath})`);
      assert.not.ok(second.events.some((e) => e.type === 'bootstrap.started' || e.type === 'csr.created'));
      assert.is((await csrList(c)).length, 1, 'no second CSR');
      assert.is(await currentTarget(f), before.target, 'the same pair file');
      assert.is(await whoami(second.kubelet.client), 'system:node:node-b');

      // the Node is taken as it is (same uid), the lease renewed at the new start
      const state = kubeletNodeState(second.kubelet.context);
      const node = await state.registered!;
      assert.is(node.metadata.uid, before.uid);
      assert.equal((await nodes(c.admin).list()).items.map((n) => n.metadata.name), ['node-b']);
      const lease = await eventually('the renewed lease', () => leases(c.admin, 'kube-node-lease').get('node-b') as Promise<Lease>, (l) => l.spec?.renewTime !== before.renewTime);
      assert.is(Date.parse(lease.spec!.renewTime!), c.clock.nowMs());
      assert.is(Date.parse(lease.spec!.renewTime!) - Date.parse(before.renewTime!), 60_000);

      // InitializeTLS: kubelet.crt/kubelet.key are read, not generated again; the same certificate is served
      assert.is(await readFile(join(f.certDir, 'kubelet.crt'), 'utf8'), before.crt);
      const served = await get(state.server!.url, '/healthz', undefined, admin);
      assert.is(served.serial, before.served);
      assert.is(served.serial?.toLowerCase(), serialOf(before.crt).toLowerCase());
    } finally {
      await second.kubelet.stop();
    }
  } finally {
    await c.close();
    await rm(f.dir, { recursive: true, force: true });
  }
});

test('restart, Path A (certificate_manager.go getCurrentCertificateOrBootstrap; bootstrap.go LoadClientConfig; kubelet.go NewKubeletServerCertificateManager): kubelet-client-current.pem and kubelet-server-current.pem loaded, the serving pair served at once, no new CSR', async () => {
  const c = await startCluster({ policy: 'kubeadm', clusterSigning: true });
  const f = await nodeFiles(c);
  const start = kubeletStarter(c, f, 'node-a', { rotate: true, serverTLSBootstrap: true, modules: kubeletNodeModules() });
  const isServing = (x: CertificateSigningRequest) => x.spec.signerName === 'kubernetes.io/kubelet-serving';
  try {
    const admin = await c.server.issueClientCertificate({ commonName: 'kubernetes-admin', organizations: ['system:masters'] });
    const first = await start();
    let clientSerial: string, servingSerial: string, clientTarget: string, servingTarget: string;
    try {
      const state = kubeletNodeState(first.kubelet.context);
      await eventually('the client certificate', async () => first.kubelet.clientCertificateManager!.current(), (p) => p !== undefined);
      // the transport takes the pair at its next 10 s check; registration and the serving CSR retry with backoff on the kubelet's clock
      let registered = false;
      void state.registered!.then(() => (registered = true));
      const serving = await drive(c, 'registration and the serving CSR', async () => (registered ? (await csrList(c)).find(isServing) : undefined), (x) => x !== undefined);
      const csrs = certificateSigningRequests(c.admin);
      const pending = await csrs.get(serving!.metadata.name!);
      pending.status = { conditions: [{ type: 'Approved', status: 'True', reason: 'KubectlApprove', message: 'This CSR was approved by kubectl certificate approve.' }] };
      await csrs.updateSubresource(pending, 'approval');
      const pair = await eventually('the serving pair', async () => state.servingCertificateManager!.current(), (p) => p !== undefined);
      servingSerial = pair!.leaf.serialNumber;
      clientSerial = first.kubelet.clientCertificateManager!.current()!.leaf.serialNumber;
      clientTarget = await currentTarget(f);
      servingTarget = await currentTarget(f, 'kubelet-server');
    } finally {
      await first.kubelet.stop();
    }
    const csrsBefore = (await csrList(c)).map((x) => x.metadata!.name).sort();
    assert.is(csrsBefore.length, 2);

    const second = await start();
    try {
      // LoadClientConfig: the kubeconfig (pointing at the store) is still valid → no bootstrap
      const skipped = second.events.find((e) => e.type === 'bootstrap.skipped');
      assert.ok(skipped?.type === 'bootstrap.skipped');
      assert.is(skipped.message, 'Current kubeconfig file contents are still valid, no bootstrap necessary');
      // the client manager holds the stored pair from the start
      assert.is(second.kubelet.clientCertificateManager!.current()?.leaf.serialNumber, clientSerial);
      assert.is(await whoami(second.kubelet.client), 'system:node:node-a');
      // the serving pair is served at once, verified against the cluster CA for 127.0.0.1
      const state = kubeletNodeState(second.kubelet.context);
      assert.is(state.servingCertificateManager!.current()?.leaf.serialNumber, servingSerial);
      const served = await get(state.server!.url, '/healthz', c.server.caPem, admin);
      assert.equal([served.status, served.body, served.cn], [200, 'ok', 'system:node:node-a']);
      assert.is(served.serial?.toLowerCase(), servingSerial.toLowerCase());
      // both managers schedule their rotation at the stored certificate's deadline, not now
      await state.registered!;
      await c.clock.advance(10_000);
      await c.clock.advance(10_000);
      const scheduled = second.events.filter((e) => e.type === 'rotation.scheduled');
      assert.is(scheduled.length, 2, JSON.stringify(scheduled));
      for (const s of scheduled) assert.ok(s.type === 'rotation.scheduled' && s.waitMs > hour, JSON.stringify(s));
      assert.not.ok(second.events.some((e) => e.type === 'csr.created' || e.type === 'rotation.attempt'));
      assert.equal((await csrList(c)).map((x) => x.metadata!.name).sort(), csrsBefore, 'no new CSR');
      assert.is(await currentTarget(f), clientTarget);
      assert.is(await currentTarget(f, 'kubelet-server'), servingTarget);
    } finally {
      await second.kubelet.stop();
    }
  } finally {
    await c.close();
    await rm(f.dir, { recursive: true, force: true });
  }
});

test('restart after the client certificate expired while stopped (bootstrap.go isClientConfigStillValid "is expired"; LoadClientCert reuses the key of store.Current; certificate_manager.go: no valid pair → bootstrap credentials): Path B and Path A bootstrap again', async () => {
  const c = await startCluster({ policy: 'kubeadm', clusterSigning: true, flags: ['--cluster-signing-duration=2h'] });
  const fb = await nodeFiles(c);
  const fa = await nodeFiles(c);
  const startB = kubeletStarter(c, fb, 'node-b', { modules: [] });
  const startA = kubeletStarter(c, fa, 'node-a', { rotate: true, modules: [] });
  try {
    const b1 = await startB();
    const a1 = await startA();
    await eventually('the Path A certificate', async () => a1.kubelet.clientCertificateManager!.current(), (p) => p !== undefined);
    const oldB = parseCertificatesPem(await readFile(join(fb.certDir, 'kubelet-client-current.pem'), 'utf8'))[0]!;
    const oldA = a1.kubelet.clientCertificateManager!.current()!.leaf;
    const oldCsrs = await csrList(c);
    const oldB_csr = oldCsrs.find((x) => x.metadata!.name!.startsWith('node-csr-'))!;
    assert.is(oldCsrs.length, 2);
    await b1.kubelet.stop();
    await a1.kubelet.stop();

    // stopped past NotAfter (2 h of --cluster-signing-duration); the csrcleaner removes the issued CSRs (older than 1 h)
    await c.clock.advance(3 * hour);
    assert.ok(c.clock.nowMs() > oldB.notAfter.getTime() && c.clock.nowMs() > oldA.notAfter.getTime());
    await eventually('the csrcleaner', () => csrList(c), (l) => l.length === 0);

    const b2 = await startB();
    const a2 = await startA();
    try {
      // Path B: synchronously, a new node-csr- before startKubelet returned
      const expired = b2.events.find((e) => e.type === 'kubelet.error');
      assert.ok(expired?.type === 'kubelet.error');
      // upstream formats NotAfter with Go's %v (`2006-01-02 15:04:05 +0000 UTC`); only the fixed part is checked here
      assert.ok(expired.message.startsWith(`part of the existing bootstrap client certificate in ${fb.kubeconfigPath} is expired: `), expired.message);
      assert.ok(b2.events.some((e) => e.type === 'bootstrap.started' && e.path === 'load-client-cert'));
      const key = b2.events.find((e) => e.type === 'bootstrap.key');
      assert.ok(key?.type === 'bootstrap.key' && key.source === 'store', 'the key of the expired pair is reused');
      const newB = parseCertificatesPem(await readFile(join(fb.certDir, 'kubelet-client-current.pem'), 'utf8'))[0]!;
      assert.is.not(newB.serialNumber, oldB.serialNumber);
      assert.ok(newB.notAfter.getTime() > c.clock.nowMs());
      const csrB = (await csrList(c)).find((x) => x.metadata!.name!.startsWith('node-csr-'))!;
      // same key, subject and usages → the same digested name, but a new object
      assert.is(csrB.metadata!.name, oldB_csr.metadata!.name);
      assert.is.not(csrB.metadata!.uid, oldB_csr.metadata!.uid);
      assert.is(csrB.spec.username, 'system:bootstrap:abcdef');
      assert.is(await whoami(b2.kubelet.client), 'system:node:node-b');

      // Path A: the kubeconfig is rewritten, the manager has no valid pair and asks with the bootstrap token
      assert.ok(a2.events.some((e) => e.type === 'bootstrap.started' && e.path === 'load-client-config'));
      const pair = await eventually('the new Path A certificate', async () => a2.kubelet.clientCertificateManager!.current(), (p) => p !== undefined);
      assert.is.not(pair!.leaf.serialNumber, oldA.serialNumber);
      const csrA = (await csrList(c)).find((x) => x.metadata!.name!.startsWith('csr-'))!;
      assert.is(csrA.spec.username, 'system:bootstrap:abcdef');
      assert.equal(csrA.status?.conditions?.map((x) => x.reason), ['AutoApproved']);
      await c.clock.advance(10_000);
      assert.is(await whoami(a2.kubelet.client), 'system:node:node-a');
      assert.is((await csrList(c)).length, 2);
    } finally {
      await b2.kubelet.stop();
      await a2.kubelet.stop();
    }
  } finally {
    await c.close();
    await rm(fb.dir, { recursive: true, force: true });
    await rm(fa.dir, { recursive: true, force: true });
  }
});

test('restart, kube-proxy (cmd/kube-proxy/app/server.go: --config → clientConnection.kubeconfig; informers list then watch): same identity from the kubeconfig file, the rules table rebuilt, plus a Service created while it was down', async () => {
  const clock = new VirtualClock({ start: realClock.nowMs() });
  const server = await startApiServer({ clock });
  const adminCert = await server.issueClientCertificate({ commonName: 'kubernetes-admin', organizations: ['system:masters'] });
  const admin = new RestClient({ server: server.url, ca: server.caPem, clientCert: adminCert.certPem, clientKey: adminCert.keyPem });
  const dir = await mkdtemp(join(tmpdir(), 'tlsboot-restart-proxy-'));
  try {
    const created = await nodes<Node>(admin).create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' } } as Node);
    await nodes<Node>(admin).updateStatus({ ...created, status: { addresses: [{ type: 'InternalIP', address: '172.27.0.11' }] } } as Node);
    const made = await gencertKubeProxy({ ca: server.ca, now: clock.now() });
    const kubeconfigPath = join(dir, 'kube-proxy.kubeconfig');
    await writeKubeconfig(kubeconfigPath, kubeProxyKubeconfig({ server: server.url, caPem: server.caPem, certPem: made.certPem, keyPem: made.keyPem }));
    const configPath = join(dir, 'kube-proxy-config.yaml');
    await writeFile(configPath, `apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nclientConnection:\n  kubeconfig: ${kubeconfigPath}\nhostnameOverride: node-1\nmode: iptables\n`);
    const start = async () => {
      const events: KubeProxyTraceEvent[] = [];
      const { config, warnings } = parseKubeProxyConfiguration(await readFile(configPath, 'utf8'), configPath);
      assert.equal(warnings, []);
      const proxy = await startKubeProxy({ config, clock, trace: { emit: (e) => void events.push(e) } });
      await proxy.waitForSync();
      return { proxy, events };
    };
    const service = (name: string, ip: string): Service => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: 'default' },
      spec: { type: 'ClusterIP', clusterIP: ip, clusterIPs: [ip], ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }] },
    });
    const slice = (name: string, ip: string): EndpointSlice => ({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: `${name}-abc`, namespace: 'default', labels: { 'kubernetes.io/service-name': name } },
      addressType: 'IPv4',
      endpoints: [{ addresses: [ip], conditions: { ready: true } }],
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    });
    await services<Service>(admin, 'default').create(service('web', '10.96.0.20'));
    await endpointSlices<EndpointSlice>(admin, 'default').create(slice('web', '10.244.1.5'));

    const first = await start();
    let before: unknown;
    try {
      assert.is(await whoami(first.proxy.client), 'system:kube-proxy');
      const rules = await eventually('the web rule', async () => first.proxy.rules(), (r) => (r.get('default/web:http')?.endpoints.length ?? 0) === 1);
      before = [...rules.values()];
    } finally {
      await first.proxy.stop();
    }
    // while it is down
    await services<Service>(admin, 'default').create(service('api', '10.96.0.30'));
    await endpointSlices<EndpointSlice>(admin, 'default').create(slice('api', '10.244.2.7'));

    const second = await start();
    try {
      const started = second.events.find((e) => e.type === 'kube-proxy.start');
      assert.ok(started?.type === 'kube-proxy.start' && started.identity === `kubeconfig ${kubeconfigPath}`);
      assert.equal(second.proxy.nodeIPs, ['172.27.0.11']);
      assert.is(await whoami(second.proxy.client), 'system:kube-proxy');
      const rules = second.proxy.rules();
      assert.equal([...rules.keys()].sort(), ['default/api:http', 'default/web:http']);
      assert.equal(rules.get('default/web:http'), (before as unknown[])[0]);
      assert.equal(rules.get('default/api:http'), { servicePortName: 'default/api:http', frontends: ['10.96.0.30:80/TCP'], endpoints: ['10.244.2.7:8080'] });
      // an empty table at start: every rule is an `add`, nothing is lost
      assert.equal(second.events.flatMap((e) => (e.type === 'kube-proxy.rule' ? [[e.op, e.servicePortName]] : [])).sort(), [['add', 'default/api:http'], ['add', 'default/web:http']]);
      assert.not.ok(second.events.some((e) => e.type === 'kube-proxy.error'));
      // and it keeps watching
      await services<Service>(admin, 'default').delete('api');
      await eventually('the api rule to go', async () => second.proxy.rules(), (r) => !r.has('default/api:http'));
    } finally {
      await second.proxy.stop();
    }
  } finally {
    await admin.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('restart, kube-controller-manager (certificate_controller.go: the initial list enqueues every CSR; sarapprove.go / signer.go return early when done): CSRs left Pending or Approved while it was down are approved and signed exactly once', async () => {
  const c = await startCluster({ policy: 'kubeadm' });
  await c.kcm.stop(); // the cluster's own KCM is replaced by one started from files, twice
  const dir = await mkdtemp(join(tmpdir(), 'tlsboot-restart-kcm-'));
  try {
    const kcmCert = await c.server.issueClientCertificate({ commonName: 'system:kube-controller-manager' });
    const kubeconfigPath = join(dir, 'controller-manager.conf');
    await writeKubeconfig(kubeconfigPath, buildKubeconfig({ server: c.server.url, caPem: c.server.caPem, clientCertPem: kcmCert.certPem, clientKeyPem: kcmCert.keyPem, user: 'system:kube-controller-manager', cluster: 'kubernetes', context: 'system:kube-controller-manager@kubernetes' }));
    await writeFile(join(dir, 'ca.crt'), c.server.caPem);
    await writeFile(join(dir, 'ca.key'), await exportPrivateKeyPem(c.server.ca.keys), { mode: 0o600 });
    const flags = ['--use-service-account-credentials=true', `--cluster-signing-cert-file=${join(dir, 'ca.crt')}`, `--cluster-signing-key-file=${join(dir, 'ca.key')}`];
    const startKcm = async () => {
      const events: KcmTraceEvent[] = [];
      const kcm = await startControllerManager({ kubeconfigPath, clock: c.clock, trace: { emit: (e) => void events.push(e) }, options: flags });
      return { kcm, events };
    };
    const csrs = certificateSigningRequests(c.admin);
    const nodeCert = await c.server.issueClientCertificate({ commonName: 'system:node:n1', organizations: ['system:nodes'] });
    const node = new RestClient({ server: c.server.url, ca: c.server.caPem, clientCert: nodeCert.certPem, clientKey: nodeCert.keyPem });
    try {
      // run 1: one client CSR, approved and signed
      const run1 = await startKcm();
      try {
        await certificateSigningRequests(c.bootstrap).create(await kubeletClientCSR('before', 'system:node:n0'));
        await eventually('the first CSR issued', () => csrs.get('before'), (x) => x.status?.certificate !== undefined);
      } finally {
        await run1.kcm.stop();
      }
      const before = await csrs.get('before');

      // while it is down: a client CSR from a bootstrap token, and a serving CSR the admin approves
      await certificateSigningRequests(c.bootstrap).create(await kubeletClientCSR('client-while-down', 'system:node:n1'));
      const keys = await generateKeyPair('ecdsa-p256');
      const req = await createCertificateRequest({ keys, subject: { commonName: 'system:node:n1', organizations: ['system:nodes'] }, subjectAltNames: { dnsNames: ['n1'], ipAddresses: ['127.0.0.1'] } });
      await certificateSigningRequests(node).create({
        apiVersion: 'certificates.k8s.io/v1',
        kind: 'CertificateSigningRequest',
        metadata: { name: 'serving-while-down' },
        spec: { request: Buffer.from(req.pem).toString('base64'), signerName: 'kubernetes.io/kubelet-serving', usages: ['digital signature', 'server auth'] },
      });
      const pending = await csrs.get('serving-while-down');
      pending.status = { conditions: [{ type: 'Approved', status: 'True', reason: 'KubectlApprove', message: 'This CSR was approved by kubectl certificate approve.' }] };
      await csrs.updateSubresource(pending, 'approval');
      await realClock.sleep(200);
      assert.is((await csrs.get('client-while-down')).status?.conditions, undefined, 'nobody approves while the KCM is down');
      assert.is((await csrs.get('serving-while-down')).status?.certificate, undefined, 'nobody signs while the KCM is down');

      // run 2, same kubeconfig and flags
      const run2 = await startKcm();
      try {
        const client = await eventually('the client CSR issued', () => csrs.get('client-while-down'), (x) => x.status?.certificate !== undefined);
        const serving = await eventually('the serving CSR issued', () => csrs.get('serving-while-down'), (x) => x.status?.certificate !== undefined);
        // let the workers settle (resyncs included), then count
        await realClock.sleep(300);
        await c.clock.advance(60_000);
        await realClock.sleep(300);
        assert.equal(client.status?.conditions?.map((x) => x.reason), ['AutoApproved']);
        assert.equal(serving.status?.conditions?.map((x) => x.reason), ['KubectlApprove']);
        const approved = run2.events.flatMap((e) => (e.type === 'csr.approved' ? [e.csr] : []));
        const signed = run2.events.flatMap((e) => (e.type === 'csr.signed' ? [e.csr] : []));
        assert.equal(approved, ['client-while-down']);
        assert.equal(signed.sort(), ['client-while-down', 'serving-while-down']);
        // what was done before the restart stays as it was
        const after = await csrs.get('before');
        assert.is(after.status?.certificate, before.status?.certificate);
        assert.is(after.metadata!.resourceVersion, before.metadata!.resourceVersion);
        assert.equal((await csrs.get('client-while-down')).status?.conditions?.length, 1);
        assert.is((await csrs.get('client-while-down')).status?.certificate, client.status?.certificate);
        assert.is((await csrs.get('serving-while-down')).status?.certificate, serving.status?.certificate);
      } finally {
        await run2.kcm.stop();
      }
    } finally {
      await node.close();
    }
  } finally {
    await c.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('restart, `tlsboot join` twice on one work directory (kubeadm phases/join/kubelet.go; bootstrap.go LoadClientCert): the second run picks up kubelet.conf and the pair, no new client CSR', async () => {
  const workdir = await mkdtemp(join(tmpdir(), 'tlsboot-restart-join-'));
  const clock = new VirtualClock({ start: realClock.nowMs() });
  const cp = await startControlPlane({ workdir, clock });
  const admin = await restClientFromKubeconfig(await loadKubeconfig(cp.kubeconfigPath));
  try {
    const tokenString = await createToken({ workdir });
    const join1Events: KubeletTraceEvent[] = [];
    const first = await joinNode({ workdir, node: 'node-1', token: tokenString, clock, random: new SeededRandom(1), kubeletTrace: { emit: (e) => void join1Events.push(e) } });
    let target: string;
    try {
      assert.is(await first.clientCertificate, 'system:node:node-1');
      target = await readlink(join(first.certDir, 'kubelet-client-current.pem'));
      assert.ok(join1Events.some((e) => e.type === 'csr.created'));
    } finally {
      await first.stop();
    }
    const client = (await certificateSigningRequests(admin).list()).items as CertificateSigningRequest[];
    assert.is(client.length, 1);

    const join2Events: KubeletTraceEvent[] = [];
    const second = await joinNode({ workdir, node: 'node-1', token: tokenString, clock, random: new SeededRandom(2), kubeletTrace: { emit: (e) => void join2Events.push(e) } });
    try {
      assert.is(await second.clientCertificate, 'system:node:node-1');
      const skipped = join2Events.find((e) => e.type === 'bootstrap.skipped');
      assert.ok(skipped?.type === 'bootstrap.skipped');
      assert.is(skipped.message, `Kubeconfig exists and is valid, skipping bootstrap (path=${second.kubeconfigPath})`);
      assert.not.ok(join2Events.some((e) => e.type === 'csr.created'));
      assert.is(await readlink(join(second.certDir, 'kubelet-client-current.pem')), target);
      assert.equal(((await certificateSigningRequests(admin).list()).items as CertificateSigningRequest[]).map((x) => x.metadata!.name), client.map((x) => x.metadata!.name));
      assert.is(await whoami(second.kubelet.client), 'system:node:node-1');
      await kubeletNodeState(second.kubelet.context).registered;
      assert.equal((await nodes(admin).list()).items.map((n) => n.metadata.name), ['node-1']);
    } finally {
      await second.stop();
    }
  } finally {
    await admin.close();
    await cp.stop();
    await rm(workdir, { recursive: true, force: true });
  }
});

test('restart, Path A without serverTLSBootstrap (cmd/kubelet/app/server.go InitializeTLS): kubelet.crt / kubelet.key read again, the same self-signed certificate served', async () => {
  const c = await startCluster({ policy: 'kubeadm', clusterSigning: true });
  const f = await nodeFiles(c);
  const start = kubeletStarter(c, f, 'node-s', { rotate: true, modules: kubeletNodeModules() });
  try {
    const admin = await c.server.issueClientCertificate({ commonName: 'kubernetes-admin', organizations: ['system:masters'] });
    const first = await start();
    let serial: string | undefined;
    let crt: string;
    try {
      serial = (await get(kubeletNodeState(first.kubelet.context).server!.url, '/healthz', undefined, admin)).serial;
      crt = await readFile(join(f.certDir, 'kubelet.crt'), 'utf8');
      assert.is(serial?.toLowerCase(), serialOf(crt).toLowerCase());
    } finally {
      await first.kubelet.stop();
    }
    const second = await start();
    try {
      const served = await get(kubeletNodeState(second.kubelet.context).server!.url, '/healthz', undefined, admin);
      assert.is(served.serial, serial);
      assert.match(served.cn ?? '', /^node-s@\d+$/);
      assert.is(await readFile(join(f.certDir, 'kubelet.crt'), 'utf8'), crt);
      assert.not.ok(second.events.some((e) => e.type === 'csr.created'));
    } finally {
      await second.kubelet.stop();
    }
  } finally {
    await c.close();
    await rm(f.dir, { recursive: true, force: true });
  }
});

test.run();
