// End to end, over real mTLS: a kube-apiserver, a kube-controller-manager with the cluster signing
// key, and the kubelet's node-status, node-lease, serving-certificate and HTTPS-server parts with
// a node client certificate CN=system:node:n1 O=system:nodes.
// kubernetes/kubernetes pkg/kubelet/kubelet_node_status.go (registration), component-helpers
// lease/controller.go (kube-node-lease heartbeat), pkg/kubelet/certificate/kubelet.go (serving CSR:
// SANs from the node addresses, signer kubernetes.io/kubelet-serving, never auto-approved),
// pkg/kubelet/server/{server.go,auth.go} (x509 / TokenReview / SubjectAccessReview, plain-text 401/403).
import { request } from 'node:https';
import { mkdtemp, readFile, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { CertificateSigningRequest, Lease, Pod } from '@tlsboot/api';
import { buildKubeconfig, certificateSigningRequests, leases, nodes, pods, RestClient, writeKubeconfig } from '@tlsboot/client';
import { NodeLeaseController, NodeStatusSyncer, kubeletNodeModules, kubeletNodeState, newKubeletServerCertificateManager, startKubelet, startKubeletServer } from '@tlsboot/kubelet';
import type { KubeletTraceEvent } from '@tlsboot/kubelet';
import { parseCertificateRequestPem, parseCertificatesPem } from '@tlsboot/pki';
import { realClock, SeededRandom, systemRandom } from '@tlsboot/util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { eventually, startCluster, token } from './support/kcm-cluster.js';

interface Answer {
  status: number;
  contentType: string | undefined;
  body: string;
}

/** One GET to the kubelet: verify its certificate against `ca`, present `identity` if given. */
function get(url: string, path: string, ca: string | undefined, identity?: { certPem: string; keyPem: string }): Promise<Answer & { servedBy?: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: u.hostname, port: u.port, path, method: 'GET', agent: false, ...(ca ? { ca } : { rejectUnauthorized: false }), ...(identity ? { cert: identity.certPem, key: identity.keyPem } : {}) },
      (res) => {
        const servedBy = (res.socket as import('node:tls').TLSSocket).getPeerCertificate?.()?.subject?.CN;
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], body, ...(servedBy ? { servedBy: String(servedBy) } : {}) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

test('kubelet (kubelet_node_status.go, nodelease, certificate/kubelet.go, server/server.go): register, heartbeat, serving CSR pending until approved, then an authenticated and authorized HTTPS API', async () => {
  const c = await startCluster({ clusterSigning: true });
  const certDir = await mkdtemp(join(tmpdir(), 'tlsboot-kubelet-'));
  const nodeCert = await c.server.issueClientCertificate({ commonName: 'system:node:n1', organizations: ['system:nodes'] });
  const kubelet = new RestClient({ server: c.server.url, ca: c.server.caPem, clientCert: nodeCert.certPem, clientKey: nodeCert.keyPem, component: 'kubelet' });
  const errors: unknown[] = [];
  const onError = (e: unknown) => void errors.push(e);
  const status = new NodeStatusSyncer({ client: kubelet, clock: c.clock, nodeName: 'n1', hostname: 'n1', nodeIP: '127.0.0.1', kubeletPort: 10250, onError });
  const lease = new NodeLeaseController({ client: kubelet, clock: c.clock, nodeName: 'n1', node: () => status.node, onError });
  let server: Awaited<ReturnType<typeof startKubeletServer>> | undefined;
  const trace: KubeletTraceEvent[] = [];
  const serving = await newKubeletServerCertificateManager({
    client: () => kubelet,
    clock: c.clock,
    random: systemRandom(),
    nodeName: 'n1',
    certDir,
    addresses: () => status.addresses,
    trace: (e) => void trace.push(e as KubeletTraceEvent),
    onRotated: (pair) => server?.setServingCertificate(pair),
  });
  try {
    // 1. registration and status
    const registered = await status.start();
    assert.is(registered.metadata.name, 'n1');
    const node = await nodes(c.admin).get('n1');
    assert.is(node.metadata.labels?.['kubernetes.io/hostname'], 'n1');
    assert.equal(node.status?.addresses, [
      { type: 'InternalIP', address: '127.0.0.1' },
      { type: 'Hostname', address: 'n1' },
    ]);
    assert.is(node.status?.conditions?.find((x) => x.type === 'Ready')?.status, 'True');

    // 2. the lease, renewed every 10 s of the kubelet's clock
    await lease.start();
    const first = (await leases(c.admin, 'kube-node-lease').get('n1')) as Lease;
    assert.is(first.spec?.holderIdentity, 'n1');
    assert.is(first.spec?.leaseDurationSeconds, 40);
    assert.equal(first.metadata.ownerReferences?.map((r) => [r.kind, r.name, r.uid]), [['Node', 'n1', node.metadata.uid]]);
    await c.clock.advance(10_000);
    const renewed = await eventually('a renewed lease', () => leases(c.admin, 'kube-node-lease').get('n1') as Promise<Lease>, (l) => l.spec?.renewTime !== first.spec?.renewTime);
    assert.is(Date.parse(renewed.spec!.renewTime!) - Date.parse(first.spec!.renewTime!), 10_000);

    // 3. the HTTPS server starts before there is a serving certificate: handshakes fail
    server = await startKubeletServer({ nodeName: 'n1', clock: c.clock, client: kubelet, clientCAPem: c.server.caPem });
    const admin = await c.server.issueClientCertificate({ commonName: 'kubernetes-admin', organizations: ['system:masters'] });
    const handshake = await get(server.url, '/healthz', c.server.caPem, admin).then(
      () => 'answered',
      (err: Error) => err.message,
    );
    assert.is.not(handshake, 'answered', 'no serving certificate: the handshake fails');

    // 4. the serving CSR: right subject, SANs and usages; Pending until someone approves it
    serving.start();
    const csrs = certificateSigningRequests(c.admin);
    const isServing = (x: CertificateSigningRequest) => x.spec.signerName === 'kubernetes.io/kubelet-serving';
    const list = await eventually('the serving CSR', () => csrs.list(), (l) => l.items.some(isServing));
    const csr = list.items.find(isServing)!;
    assert.ok(csr.metadata.name?.startsWith('csr-'));
    assert.is(csr.spec.username, 'system:node:n1');
    assert.equal(csr.spec.usages, ['digital signature', 'server auth']);
    const req = parseCertificateRequestPem(Buffer.from(csr.spec.request, 'base64').toString('utf8'));
    assert.equal(req.subject, { commonName: 'system:node:n1', organizations: ['system:nodes'] });
    assert.equal(req.subjectAltNames.dnsNames, ['n1']);
    assert.equal(req.subjectAltNames.ipAddresses, ['127.0.0.1']);
    await realClock.sleep(300);
    assert.is((await csrs.get(csr.metadata.name!)).status?.conditions, undefined, 'not auto-approved');
    assert.is(serving.current(), undefined);

    // 5. the admin approves; the kcm signs; the manager writes the pair and the server serves it
    const pending = await csrs.get(csr.metadata.name!);
    pending.status = { conditions: [{ type: 'Approved', status: 'True', reason: 'KubectlApprove', message: 'This CSR was approved by kubectl certificate approve.' }] };
    await csrs.updateSubresource(pending, 'approval');
    await eventually('the serving certificate', async () => serving.current(), (p) => p !== undefined);
    const link = await readlink(join(certDir, 'kubelet-server-current.pem'));
    assert.match(basename(link), /^kubelet-server-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}\.pem$/);
    const stored = await readFile(join(certDir, 'kubelet-server-current.pem'), 'utf8');
    assert.ok(stored.includes('-----BEGIN CERTIFICATE-----') && stored.includes('-----BEGIN EC PRIVATE KEY-----'));
    const cert = parseCertificatesPem(serving.current()!.certPem)[0]!;
    assert.equal(cert.extKeyUsageNames, ['server auth']);

    // 6. admin (system:masters, x509): /healthz and /pods; the server's certificate verifies against the cluster CA for 127.0.0.1
    await pods(c.admin, 'default').create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p1', namespace: 'default' }, spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'busybox' }] } } as Pod);
    await pods(c.admin, 'default').create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p2', namespace: 'default' }, spec: { nodeName: 'n2', containers: [{ name: 'c', image: 'busybox' }] } } as Pod);
    const healthz = await get(server.url, '/healthz', c.server.caPem, admin);
    assert.equal([healthz.status, healthz.body], [200, 'ok']);
    const podList = await get(server.url, '/pods', c.server.caPem, admin);
    assert.is(podList.status, 200);
    const parsed = JSON.parse(podList.body) as { kind: string; items: Pod[] };
    assert.is(parsed.kind, 'PodList');
    assert.equal(parsed.items.map((p) => p.metadata.name), ['p1']);

    // 7. a user without nodes/proxy: plain-text 403 with the upstream wording
    const jane = await c.server.issueClientCertificate({ commonName: 'jane' });
    const denied = await get(server.url, '/pods', c.server.caPem, jane);
    assert.is(denied.status, 403);
    assert.is(denied.body, 'Forbidden (user=jane, verb=get, resource=nodes, subresource=proxy)');
    assert.match(denied.contentType ?? '', /^text\/plain/);
    const deniedStats = await get(server.url, '/stats/summary', c.server.caPem, jane);
    assert.is(deniedStats.body, 'Forbidden (user=jane, verb=get, resource=nodes, subresource=stats)');

    // 8. no certificate, no token, anonymous disabled: 401 Unauthorized
    const anon = await get(server.url, '/healthz', c.server.caPem);
    assert.equal([anon.status, anon.body], [401, 'Unauthorized']);

    // 9. a certificate from another CA: 401 as well
    const { createCertificateAuthority, createCertificateRequest, generateKeyPair, signCertificate, exportPrivateKeyPem } = await import('@tlsboot/pki');
    const otherCA = await createCertificateAuthority({ subject: { commonName: 'other' }, now: c.clock.now() });
    const keys = await generateKeyPair();
    const forged = await signCertificate({
      ca: otherCA,
      request: await createCertificateRequest({ keys, subject: { commonName: 'kubernetes-admin', organizations: ['system:masters'] } }),
      profile: { usages: ['digital signature', 'client auth'], ttlMs: 3_600_000 },
      now: c.clock.now(),
    });
    const rejected = await get(server.url, '/healthz', c.server.caPem, { certPem: forged.pem, keyPem: await exportPrivateKeyPem(keys) });
    assert.equal([rejected.status, rejected.body], [401, 'Unauthorized']);
    assert.equal(errors, []);
  } finally {
    await serving.stop();
    lease.stop();
    status.stop();
    await server?.close();
    await kubelet.close();
    await c.close();
    await rm(certDir, { recursive: true, force: true });
  }
});

test('kubelet modules (kubelet.go Run, cmd/kubelet/app/server.go InitializeTLS): startKubelet after TLS bootstrap registers the node and, without serverTLSBootstrap, serves a self-signed kubelet.crt', async () => {
  const c = await startCluster({ policy: 'kubeadm', clusterSigning: true });
  const dir = await mkdtemp(join(tmpdir(), 'tlsboot-kubelet-'));
  try {
    const bootstrapPath = join(dir, 'bootstrap-kubelet.conf');
    const caFile = join(dir, 'ca.crt');
    await (await import('node:fs/promises')).writeFile(caFile, c.server.caPem);
    await writeKubeconfig(bootstrapPath, buildKubeconfig({ server: c.server.url, caPem: c.server.caPem, token, user: 'tls-bootstrap-token-user', cluster: 'kubernetes', context: 'tls-bootstrap-token-user@kubernetes' }));
    const kubelet = await startKubelet({
      nodeName: 'node-1',
      clock: c.clock,
      random: new SeededRandom(1),
      flags: [`--bootstrap-kubeconfig=${bootstrapPath}`, `--kubeconfig=${join(dir, 'kubelet.conf')}`, `--cert-dir=${join(dir, 'pki')}`, '--node-ip=127.0.0.1'],
      config: { authentication: { x509: { clientCAFile: caFile } } },
      modules: kubeletNodeModules(),
    });
    try {
      const state = kubeletNodeState(kubelet.context);
      await state.registered;
      const node = await nodes(c.admin).get('node-1');
      assert.equal(node.status?.daemonEndpoints, { kubeletEndpoint: { Port: state.server!.port } });
      assert.ok(await leases(c.admin, 'kube-node-lease').get('node-1'));
      const admin = await c.server.issueClientCertificate({ commonName: 'kubernetes-admin', organizations: ['system:masters'] });
      const healthz = await get(state.server!.url, '/healthz', undefined, admin);
      assert.equal([healthz.status, healthz.body], [200, 'ok']);
      assert.match(healthz.servedBy ?? '', /^node-1@\d+$/);
      const crt = await readFile(join(dir, 'pki', 'kubelet.crt'), 'utf8');
      assert.is(parseCertificatesPem(crt).length, 2, 'leaf then CA');
    } finally {
      await kubelet.stop();
    }
  } finally {
    await c.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
