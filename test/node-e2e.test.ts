// Issue 6 "Done when", as one story over real mTLS with real files, a real tlsboot kubelet
// (startKubelet, default modules, --rotate-certificates, serverTLSBootstrap) and the real kubectl
// (v1.32; its steps print a `skip:` line when it is absent, the rest still runs):
// - kubernetes/kubernetes pkg/kubelet/certificate/bootstrap/bootstrap.go LoadClientConfig and
//   k8s.io/client-go/util/certificate/{certificate_manager.go,certificate_store.go}: the client CSR
//   with the bootstrap token, AutoApproved (pkg/controller/certificates/approver/sarapprove.go),
//   signed (signer/signer.go), kubelet-client-<ts>.pem 0600 behind kubelet-client-current.pem;
// - pkg/kubelet/kubelet_node_status.go registerWithAPIServer, component-helpers lease controller;
// - pkg/kubelet/certificate/kubelet.go NewKubeletServerCertificateManager: the kubelet-serving CSR
//   is never auto-approved; `kubectl certificate approve` (staging/src/k8s.io/kubectl/pkg/cmd/certificates);
// - pkg/kubelet/server/server.go: the kubelet API behind x509 / SubjectAccessReview, reached by the
//   apiserver (pkg/registry/core/pod/rest/log.go, pkg/registry/core/node/rest/proxy.go) with
//   `kubectl logs` and `kubectl get --raw /api/v1/nodes/<n>/proxy/healthz`;
// - rotation of both certificates at their jittered deadlines on the virtual clock.
import { request } from 'node:https';
import { lstat, mkdtemp, readFile, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';
import type { CertificateSigningRequest, Lease, Pod } from '@tlsboot/api';
import { buildKubeconfig, certificateSigningRequests, leases, nodes, pods, writeKubeconfig } from '@tlsboot/client';
import { kubeletNodeState, startKubelet } from '@tlsboot/kubelet';
import type { KubeletTraceEvent } from '@tlsboot/kubelet';
import { parseCertificatesPem } from '@tlsboot/pki';
import { SeededRandom } from '@tlsboot/util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { eventually, startCluster, token } from './support/kcm-cluster.js';
import type { Cluster } from './support/kcm-cluster.js';
import { hasKubectl, kubectlEnv, kubectlOk, runKubectl, writeCertKubeconfig } from './support/kubectl.js';

const node = 'node-1';
const clientSigner = 'kubernetes.io/kube-apiserver-client-kubelet';
const servingSigner = 'kubernetes.io/kubelet-serving';

/** One GET to the kubelet; the served certificate is returned, verified against `ca` when given. */
function getKubelet(port: number, path: string, identity: { certPem: string; keyPem: string }, ca?: string): Promise<{ status: number; body: string; peer: DetailedPeerCertificate }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', agent: false, cert: identity.certPem, key: identity.keyPem, ...(ca ? { ca } : { rejectUnauthorized: false }) }, (res) => {
      const peer = (res.socket as TLSSocket).getPeerCertificate(true);
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, peer }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Moves the virtual clock `stepMs` at a time until `check` holds (each step gets a moment of real time for the I/O it started). */
async function advanceUntil<T>(c: Cluster, what: string, get: () => Promise<T>, check: (v: T) => boolean, stepMs = 10_000, maxSteps = 30): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await eventually(what, get, check, 500);
    } catch (err) {
      if (i >= maxSteps) throw err;
    }
    await c.clock.advance(stepMs);
  }
}

const csrsOf = async (c: Cluster) => (await certificateSigningRequests(c.admin).list()).items as CertificateSigningRequest[];

test('node e2e (issue 6; bootstrap.go, certificate_manager.go, kubelet_node_status.go, certificate/kubelet.go, server/server.go, pod/rest/log.go, node/rest/proxy.go): bootstrap → node → serving CSR approved with kubectl → logs and proxy through the kubelet → both certificates rotate', async () => {
  const c = await startCluster({ policy: 'kubeadm', clusterSigning: true, flags: ['--cluster-signing-duration=24h'] });
  const dir = await mkdtemp(join(tmpdir(), 'tlsboot-node-e2e-'));
  const events: KubeletTraceEvent[] = [];
  const of = <K extends KubeletTraceEvent['type']>(type: K) => events.filter((e): e is Extract<KubeletTraceEvent, { type: K }> => e.type === type);
  const done = (manager: string) => of('rotation.done').filter((e) => e.manager === manager).length;
  const caCert = parseCertificatesPem(c.server.caPem)[0]!;
  try {
    const bootstrapPath = join(dir, 'bootstrap-kubelet.conf');
    const kubeconfigPath = join(dir, 'kubelet.conf');
    const certDir = join(dir, 'pki');
    const caFile = join(dir, 'ca.crt');
    await writeFile(caFile, c.server.caPem);
    await writeKubeconfig(bootstrapPath, buildKubeconfig({ server: c.server.url, caPem: c.server.caPem, token, user: 'tls-bootstrap-token-user', cluster: 'kubernetes', context: 'tls-bootstrap-token-user@kubernetes' }));
    const admin = await writeCertKubeconfig({ dir, file: 'admin', server: c.server, user: 'kubernetes-admin', namespace: 'default' }, 'kubernetes-admin', ['system:masters']);
    const adminEnv = kubectlEnv(dir, admin.kubeconfig, 'cache-admin');
    if (!hasKubectl) console.log('skip: kubectl not installed (auth whoami, certificate approve, logs, get --raw …/proxy/healthz)');

    const kubelet = await startKubelet({
      nodeName: node,
      clock: c.clock,
      random: new SeededRandom(6),
      trace: { emit: (e) => void events.push(e) },
      flags: [`--bootstrap-kubeconfig=${bootstrapPath}`, `--kubeconfig=${kubeconfigPath}`, `--cert-dir=${certDir}`, '--node-ip=127.0.0.1', '--rotate-certificates'],
      config: {
        rotateCertificates: true,
        serverTLSBootstrap: true,
        authentication: { anonymous: { enabled: false }, webhook: { enabled: true }, x509: { clientCAFile: caFile } },
        authorization: { mode: 'Webhook' },
      },
    });
    try {
      const state = kubeletNodeState(kubelet.context);

      // 1. the client certificate: a csr- made with the bootstrap token, AutoApproved, signed, stored
      await eventually('the first client pair', async () => done(clientSigner), (n) => n === 1);
      const clientCSR1 = (await csrsOf(c)).find((x) => x.spec.signerName === clientSigner)!;
      assert.match(clientCSR1.metadata!.name!, /^csr-[a-z0-9]{5}$/);
      assert.is(clientCSR1.spec.username, 'system:bootstrap:abcdef');
      assert.equal(clientCSR1.status?.conditions?.map((x) => [x.type, x.reason]), [['Approved', 'AutoApproved']]);
      assert.ok(clientCSR1.status?.certificate);
      const current = join(certDir, 'kubelet-client-current.pem');
      assert.ok((await lstat(current)).isSymbolicLink());
      const target1 = await readlink(current);
      assert.match(target1, /\/kubelet-client-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}\.pem$/);
      assert.is((await stat(target1)).mode & 0o777, 0o600);
      const clientCert1 = parseCertificatesPem(await readFile(current, 'utf8'))[0]!;
      assert.equal(clientCert1.subject, { commonName: `system:node:${node}`, organizations: ['system:nodes'] });
      assert.ok((await readFile(kubeconfigPath, 'utf8')).includes(`client-certificate: ${current}`), 'kubelet.conf points at the current pair');
      if (hasKubectl) {
        const who = await kubectlOk(kubectlEnv(dir, kubeconfigPath, 'cache-node'), ['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}']);
        assert.is(who, `system:node:${node}`);
      }

      // 2. the Node registers (once the transport took the pair at its 10 s check) and holds its lease
      let isRegistered = false;
      void state.registered?.then(() => (isRegistered = true));
      await advanceUntil(c, 'the registration', async () => isRegistered, (r) => r);
      const registered = await nodes(c.admin).get(node);
      // until the transport took the first pair the kubelet's requests went anonymous and were refused
      // (and one in flight failed when the old client was closed), as upstream logs them; none after
      const errorsBefore = of('kubelet.error').map((e) => e.message);
      assert.ok(errorsBefore.every((m) => m.includes('User "system:anonymous" cannot') || m.endsWith('The client is destroyed')), errorsBefore.join('\n'));
      assert.is(registered.metadata.name, node);
      assert.equal(registered.status?.daemonEndpoints, { kubeletEndpoint: { Port: state.server!.port } });
      const lease = (await leases(c.admin, 'kube-node-lease').get(node)) as Lease;
      assert.is(lease.spec?.holderIdentity, node);

      // 3. the serving CSR: system:node:<name>, kubelet-serving, and Pending however long we wait
      const isServing = (x: CertificateSigningRequest) => x.spec.signerName === servingSigner;
      const withServing = await advanceUntil(c, 'the serving CSR', () => csrsOf(c), (l) => l.some(isServing));
      const servingCSR1 = withServing.find(isServing)!;
      assert.is(servingCSR1.spec.username, `system:node:${node}`);
      assert.equal(servingCSR1.spec.usages, ['digital signature', 'server auth']);
      await c.clock.advance(60_000);
      const stillPending = await certificateSigningRequests(c.admin).get(servingCSR1.metadata!.name!);
      assert.is(stillPending.status?.conditions, undefined, 'never auto-approved');
      assert.is(stillPending.status?.certificate, undefined);
      assert.is(state.servingCertificateManager?.current(), undefined);

      // …and meanwhile the kubelet has nothing to serve: the apiserver cannot reach it
      await pods(c.admin, 'default').create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' }, spec: { nodeName: node, containers: [{ name: 'nginx', image: 'nginx' }] } } as Pod);
      if (hasKubectl) {
        const early = await runKubectl(adminEnv, ['logs', 'web']);
        // upstream's GetCertificate error makes Go's server send an internal_error alert ("remote error:
        // tls: internal error"); Node's server, with no certificate, sends handshake_failure
        assert.is.not(early.code, 0);
        assert.is(early.stderr.trim(), `Error from server: Get "https://127.0.0.1:${state.server!.port}/containerLogs/default/web/nginx": remote error: tls: handshake failure`);
        const proxyEarly = await runKubectl(adminEnv, ['get', '--raw', `/api/v1/nodes/${node}/proxy/healthz`]);
        assert.is.not(proxyEarly.code, 0);
        assert.match(proxyEarly.stderr, /remote error: tls: handshake failure/);
      }

      // 4. approved with the real kubectl, signed, served: the cluster CA verifies it for 127.0.0.1
      if (hasKubectl) {
        const out = await kubectlOk(adminEnv, ['certificate', 'approve', servingCSR1.metadata!.name!]);
        assert.is(out.trim(), `certificatesigningrequest.certificates.k8s.io/${servingCSR1.metadata!.name!} approved`);
      } else {
        const pending = await certificateSigningRequests(c.admin).get(servingCSR1.metadata!.name!);
        pending.status = { conditions: [{ type: 'Approved', status: 'True', reason: 'KubectlApprove', message: 'This CSR was approved by kubectl certificate approve.' }] };
        await certificateSigningRequests(c.admin).updateSubresource(pending, 'approval');
      }
      await eventually('the serving pair', async () => done('kubelet-serving'), (n) => n === 1);
      const adminPair = await c.server.issueClientCertificate({ commonName: 'kubernetes-admin', organizations: ['system:masters'] });
      const served = await getKubelet(state.server!.port, '/healthz', adminPair, c.server.caPem);
      assert.equal([served.status, served.body], [200, 'ok']);
      assert.is(served.peer.issuer.CN, caCert.subject.commonName);
      assert.is(served.peer.subject.CN, `system:node:${node}`);
      assert.is(served.peer.subjectaltname, `DNS:${node}, IP Address:127.0.0.1`);
      const servingTarget1 = await readlink(join(certDir, 'kubelet-server-current.pem'));

      // 5. kubectl logs / get --raw …/proxy/healthz: apiserver → kubelet over mTLS, the SIMULATED lines
      if (hasKubectl) {
        const logs = await kubectlOk(adminEnv, ['logs', 'web']);
        assert.match(logs, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z \[tlsboot SIMULATED\] log of container nginx in pod default\/web on node node-1\n$/);
        assert.is(await kubectlOk(adminEnv, ['get', '--raw', `/api/v1/nodes/${node}/proxy/healthz`]), 'ok');
      }

      // the kubelet's trace has each request its server answered: allowed (the apiserver's
      // kube-apiserver-kubelet-client, or the admin) and forbidden (a user without nodes/proxy)
      const jane = await c.server.issueClientCertificate({ commonName: 'jane' });
      const denied = await getKubelet(state.server!.port, '/pods', jane, c.server.caPem);
      assert.equal([denied.status, denied.body], [403, 'Forbidden (user=jane, verb=get, resource=nodes, subresource=proxy)']);
      const requests = of('server.request');
      const allowedBy = hasKubectl ? 'kube-apiserver-kubelet-client' : 'kubernetes-admin';
      const allowed = requests.find((e) => e.status === 200 && e.attributes?.user.name === allowedBy);
      assert.ok(allowed, JSON.stringify(requests.map((e) => [e.path, e.status])));
      assert.is(allowed!.decision?.decision, 'Allow');
      assert.is(allowed!.attributes?.subresource, 'proxy');
      assert.ok(allowed!.authentication.kind === 'authenticated' && allowed!.authentication.by === 'x509');
      const forbidden = requests.find((e) => e.status === 403)!;
      assert.ok(forbidden);
      assert.equal([forbidden.method, forbidden.path, forbidden.attributes?.user.name, forbidden.attributes?.verb, forbidden.decision?.decision], ['GET', '/pods', 'jane', 'get', 'NoOpinion']);
      assert.is(forbidden.node, node);

      // 6. rotation: at the client certificate's jittered deadline, a new csr- from system:node:<name>, AutoApproved
      const clientDeadline = Date.parse(of('rotation.scheduled').filter((e) => e.manager === clientSigner).at(-1)!.deadline);
      assert.ok(clientDeadline > clientCert1.notBefore.getTime() + 0.7 * 24 * 3600_000 && clientDeadline < clientCert1.notAfter.getTime());
      const seen = new Set((await csrsOf(c)).map((x) => x.metadata!.name!));
      await c.clock.set(clientDeadline);
      await eventually('the rotated client pair', async () => done(clientSigner), (n) => n === 2);
      const clientCSR2 = (await csrsOf(c)).find((x) => x.spec.signerName === clientSigner && !seen.has(x.metadata!.name!))!;
      assert.match(clientCSR2.metadata!.name!, /^csr-/);
      assert.is(clientCSR2.spec.username, `system:node:${node}`);
      assert.equal(clientCSR2.status?.conditions?.map((x) => x.reason), ['AutoApproved']);
      const target2 = await readlink(current);
      assert.is.not(target2, target1);
      assert.match(target2, /\/kubelet-client-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}\.pem$/);
      assert.is((await stat(target2)).mode & 0o777, 0o600);

      // …and the serving certificate at its own deadline: a new kubelet-serving CSR, Pending until the admin approves it
      const servingDeadline = Date.parse(of('rotation.scheduled').filter((e) => e.manager === 'kubelet-serving').at(-1)!.deadline);
      if (servingDeadline > c.clock.nowMs()) await c.clock.set(servingDeadline);
      const isNewServing = (x: CertificateSigningRequest) => isServing(x) && x.metadata!.name !== servingCSR1.metadata!.name;
      const withServing2 = await advanceUntil(c, 'the second serving CSR', () => csrsOf(c), (l) => l.some(isNewServing));
      // when the serving deadline fell inside the client jump, the manager has already asked more
      // than once (each unapproved CSR waited its 15 minutes): approve the one it waits on, the newest
      const servingCSR2 = withServing2.filter(isNewServing).sort((a, b) => Date.parse(a.metadata!.creationTimestamp!) - Date.parse(b.metadata!.creationTimestamp!)).at(-1)!;
      assert.is(servingCSR2.spec.username, `system:node:${node}`);
      assert.is(servingCSR2.status?.conditions, undefined);
      servingCSR2.status = { conditions: [{ type: 'Approved', status: 'True', reason: 'AdminApproved', message: 'approved by the e2e test' }] };
      await certificateSigningRequests(c.admin).updateSubresource(servingCSR2, 'approval');
      await eventually('the rotated serving pair', async () => done('kubelet-serving'), (n) => n === 2);
      assert.is.not(await readlink(join(certDir, 'kubelet-server-current.pem')), servingTarget1);
      // the new pair is what the server presents (its dates are virtual: checked by serial, not by Node's wall clock)
      const servingNow = parseCertificatesPem(state.servingCertificateManager!.current()!.certPem)[0]!;
      const rotated = await getKubelet(state.server!.port, '/healthz', adminPair);
      assert.is(rotated.peer.serialNumber.toLowerCase().replace(/^0+/, ''), servingNow.serialNumber.toLowerCase().replace(/^0+/, ''));
      assert.equal([rotated.status, rotated.body], [200, 'ok']);
      if (hasKubectl) {
        assert.is(await kubectlOk(adminEnv, ['get', '--raw', `/api/v1/nodes/${node}/proxy/healthz`]), 'ok');
        assert.is(await kubectlOk(kubectlEnv(dir, kubeconfigPath, 'cache-node'), ['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}']), `system:node:${node}`);
      }
      // the client swap at rotation closes the old connections: a request in flight then fails and is retried (connrotation CloseAll)
      const errorsAfter = of('kubelet.error').map((e) => e.message).slice(errorsBefore.length);
      // (and serving CSRs nobody approved in time time out: certificate_manager.go's rotateCerts error, then its backoff)
      const expected = (m: string) => m.endsWith('The client is destroyed') || /^kubelet-serving: (certificate request was not signed: timed out waiting for the condition|Reached backoff limit, still unable to rotate certs: timed out waiting for the condition)$/.test(m);
      assert.ok(errorsAfter.every(expected), errorsAfter.join('\n'));
    } finally {
      await kubelet.stop();
    }
  } finally {
    await c.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
