// Security invariants of issue 9 §5 (1–3), proven against a live cluster (startCluster: a
// kube-apiserver with kubeadm's policy, a kube-controller-manager with the cluster CA as signing
// CA) through the real client over real mTLS:
// 1. no request without valid credentials ever obtains a certificate —
//    staging/src/k8s.io/apiserver/pkg/authentication/request/bearertoken/bearertoken.go (a token
//    nobody accepts is "invalid bearer token", never anonymous), plugin/pkg/auth/authenticator/token/
//    bootstrap/bootstrap.go (unknown id, wrong secret, expired, usage-bootstrap-authentication),
//    staging/src/k8s.io/apiserver/pkg/authentication/request/x509/x509.go (chain to --client-ca-file),
//    pkg/kubeapiserver/authenticator/config.go (union.NewFailOnError before anonymous);
// 2. a bootstrap token cannot read Secrets nor approve CSRs —
//    plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go (system:node-bootstrapper: create/get/
//    list/watch certificatesigningrequests only), cmd/kubeadm/app/phases/bootstraptoken/node/tlsbootstrap.go;
// 3. a node cannot obtain another node's identity under the default policy —
//    plugin/pkg/admission/noderestriction/admission.go (admitCSR since v1.31, admitNode),
//    plugin/pkg/auth/authorizer/node/node_authorizer.go (authorizeLease),
//    pkg/controller/certificates/approver/sarapprove.go (a bootstrap token may claim ANY node name:
//    scenarios/attacks/leaked-token-any-node-identity.yaml).
import type { CertificateSigningRequest } from '@tlsboot/api';
import { bootstrapTokenToSecret, goTimeFromDate, newBootstrapTokenString } from '@tlsboot/api';
import { certificateSigningRequests, RestClient } from '@tlsboot/client';
import { createClusterCA } from '@tlsboot/kube-apiserver';
import { createCertificateRequest, exportPrivateKeyPem, generateKeyPair, parseCertificatesPem, signCertificate } from '@tlsboot/pki';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { attempt, forbidden, unauthorized } from './support/attempt.js';
import type { Outcome } from './support/attempt.js';
import { eventually, kubeletClientCSR, startCluster, token } from './support/kcm-cluster.js';
import type { Cluster } from './support/kcm-cluster.js';

const csrPath = '/apis/certificates.k8s.io/v1/certificatesigningrequests';
const hour = 3600_000;

const csrsOf = async (c: Cluster) => (await certificateSigningRequests(c.admin).list()).items as CertificateSigningRequest[];
const conditionsOf = (x: CertificateSigningRequest | undefined) => (x?.status?.conditions ?? []).map((k) => [k.type, k.reason]);

/** A kubelet-serving CSR the admin makes: never auto-approved, so it stays Pending unless someone approves it. */
async function pendingServingCSR(c: Cluster, name: string): Promise<CertificateSigningRequest> {
  const keys = await generateKeyPair('ecdsa-p256');
  const req = await createCertificateRequest({ keys, subject: { commonName: 'system:node:target', organizations: ['system:nodes'] }, subjectAltNames: { dnsNames: ['target'] } });
  return certificateSigningRequests(c.admin).create({
    apiVersion: 'certificates.k8s.io/v1',
    kind: 'CertificateSigningRequest',
    metadata: { name },
    spec: { request: Buffer.from(req.pem).toString('base64'), signerName: 'kubernetes.io/kubelet-serving', usages: ['digital signature', 'server auth'] },
  } as CertificateSigningRequest) as Promise<CertificateSigningRequest>;
}

/** The approval a client would PUT (kubectl certificate approve): the CSR with an Approved condition. */
function approved(csr: CertificateSigningRequest, type: 'Approved' | 'Denied' = 'Approved'): CertificateSigningRequest {
  return { ...csr, status: { ...csr.status, conditions: [{ type, status: 'True', reason: 'KubectlApprove', message: 'This CSR was approved by kubectl certificate approve.' }] } } as CertificateSigningRequest;
}

/** Moves the virtual clock a few times (the controller-manager's resyncs and retries wait on it), letting the I/O run between. */
async function letControllersAct(c: Cluster): Promise<void> {
  for (let i = 0; i < 6; i++) {
    await c.clock.advance(10_000);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('invariant 1 (bearertoken.go, bootstrap.go, x509.go, authenticator/config.go): no request without valid credentials ever obtains a certificate', async () => {
  const c = await startCluster({ policy: 'kubeadm', clusterSigning: true });
  const clients: RestClient[] = [];
  const client = (o: { token?: string; cert?: { certPem: string; keyPem: string } }): RestClient => {
    const r = new RestClient({ server: c.server.url, ca: c.server.caPem, ...(o.token ? { token: o.token } : {}), ...(o.cert ? { clientCert: o.cert.certPem, clientKey: o.cert.keyPem } : {}) });
    clients.push(r);
    return r;
  };
  try {
    const now = c.clock.now();
    const secrets = '/api/v1/namespaces/kube-system/secrets';
    // an expired token, a token without usage-bootstrap-authentication, a token whose Secret is then deleted
    await c.admin.create(secrets, bootstrapTokenToSecret({ token: newBootstrapTokenString('expire.0123456789abcdef'), usages: ['authentication', 'signing'], groups: ['system:bootstrappers:kubeadm:default-node-token'], expires: goTimeFromDate(new Date(now.getTime() - hour)) }, now));
    await c.admin.create(secrets, bootstrapTokenToSecret({ token: newBootstrapTokenString('signon.0123456789abcdef'), usages: ['signing'], groups: ['system:bootstrappers:kubeadm:default-node-token'], ttlMs: 24 * hour }, now));
    await c.admin.create(secrets, bootstrapTokenToSecret({ token: newBootstrapTokenString('revokd.0123456789abcdef'), usages: ['authentication', 'signing'], groups: ['system:bootstrappers:kubeadm:default-node-token'], ttlMs: 24 * hour }, now));
    // the revoked token worked while its Secret existed (so the refusal below is the revocation)
    const revoked = client({ token: 'revokd.0123456789abcdef' });
    assert.ok((await attempt(() => revoked.list(csrPath))).ok, 'the token works before its Secret is deleted');
    await c.admin.delete(`${secrets}/bootstrap-token-revokd`);

    // a CA of the same name and key type, not the cluster's: its certificates name a node and an admin
    const stranger = await createClusterCA(now);
    const strangerCert = async (commonName: string, organizations: string[]) => {
      const keys = await generateKeyPair('ecdsa-p256');
      const request = await createCertificateRequest({ keys, subject: { commonName, organizations } });
      const cert = await signCertificate({ ca: stranger, request, now, profile: { usages: ['digital signature', 'key encipherment', 'client auth'], ttlMs: hour } });
      return { certPem: cert.pem, keyPem: await exportPrivateKeyPem(keys) };
    };
    // the cluster's own CA, but a certificate expired by the apiserver's clock
    const expiredCert = await c.server.issueClientCertificate({ commonName: 'system:node:expired', organizations: ['system:nodes'], ttlMs: 1000 });
    await c.clock.advance(5_000);

    const anonymousSentence = (verb: string, sub = '', name = '') =>
      `certificatesigningrequests.certificates.k8s.io${name ? ` "${name}"` : ''} is forbidden: User "system:anonymous" cannot ${verb} resource "certificatesigningrequests${sub}" in API group "certificates.k8s.io" at the cluster scope`;
    const cases: { who: string; client: RestClient; expect: Outcome; approve?: Outcome }[] = [
      { who: 'anonymous (no credentials)', client: client({}), expect: forbidden(anonymousSentence('create')) },
      { who: 'malformed bearer token', client: client({ token: 'not-a-bootstrap-token' }), expect: unauthorized },
      { who: 'malformed token, right shape wrong charset', client: client({ token: 'ABCDEF.0123456789ABCDEF' }), expect: unauthorized },
      { who: 'unknown token id', client: client({ token: 'zzzzzz.0123456789abcdef' }), expect: unauthorized },
      { who: 'known id, wrong secret', client: client({ token: 'abcdef.fedcba9876543210' }), expect: unauthorized },
      { who: 'expired token', client: client({ token: 'expire.0123456789abcdef' }), expect: unauthorized },
      { who: 'token without usage-bootstrap-authentication', client: client({ token: 'signon.0123456789abcdef' }), expect: unauthorized },
      { who: 'revoked token (Secret deleted)', client: revoked, expect: unauthorized },
      { who: 'client certificate of another CA (system:node:evil)', client: client({ cert: await strangerCert('system:node:evil', ['system:nodes']) }), expect: unauthorized },
      { who: 'client certificate of another CA (system:masters)', client: client({ cert: await strangerCert('kubernetes-admin', ['system:masters']) }), expect: unauthorized },
      { who: 'client certificate of the cluster CA, expired', client: client({ cert: expiredCert }), expect: unauthorized },
    ];

    const target = await pendingServingCSR(c, 'target');
    let i = 0;
    for (const k of cases) {
      const csr = await kubeletClientCSR(`attempt-${i++}`, 'system:node:evil');
      assert.equal(await attempt(() => k.client.create(csrPath, csr)), k.expect, `${k.who}: create`);
      // approving an existing CSR, approving and denying via the approval subresource, writing a certificate into status
      const approval = k.expect.ok === false && k.expect.code === 401 ? unauthorized : forbidden(anonymousSentence('update', '/approval', 'target'));
      assert.equal(await attempt(() => k.client.update(`${csrPath}/target/approval`, approved(target))), approval, `${k.who}: approve`);
      assert.equal(await attempt(() => k.client.update(`${csrPath}/target/approval`, approved(target, 'Denied'))), approval, `${k.who}: deny`);
      const status = k.expect.ok === false && k.expect.code === 401 ? unauthorized : forbidden(anonymousSentence('update', '/status', 'target'));
      assert.equal(await attempt(() => k.client.update(`${csrPath}/target/status`, { ...target, status: { certificate: Buffer.from(c.server.caPem).toString('base64') } })), status, `${k.who}: status`);
      const read = k.expect.ok === false && k.expect.code === 401 ? unauthorized : forbidden(anonymousSentence('get', '', 'target'));
      assert.equal(await attempt(() => k.client.get(`${csrPath}/target`)), read, `${k.who}: read status`);
    }

    // the expired and the signing-only tokens were refused for what they are, not because their Secrets went away
    const expiredSecret = (await c.admin.get(`${secrets}/bootstrap-token-expire`)) as { data: Record<string, string> };
    assert.ok(Date.parse(Buffer.from(expiredSecret.data['expiration']!, 'base64').toString()) < c.clock.nowMs());
    const signingSecret = (await c.admin.get(`${secrets}/bootstrap-token-signon`)) as { data: Record<string, string> };
    assert.is(signingSecret.data['usage-bootstrap-authentication'], undefined);
    assert.is(Buffer.from(signingSecret.data['usage-bootstrap-signing']!, 'base64').toString(), 'true');

    // a positive control: the valid token's CSR is signed, so the controllers were running all along
    const good = await kubeletClientCSR('control', 'system:node:control');
    await c.bootstrap.create(csrPath, good);
    await letControllersAct(c);
    await eventually('the control CSR signed', () => csrsOf(c), (l) => Boolean(l.find((x) => x.metadata?.name === 'control')?.status?.certificate));

    const all = await csrsOf(c);
    assert.equal(all.map((x) => x.metadata!.name).sort(), ['control', 'target'], 'no refused identity got a CSR in');
    const t = all.find((x) => x.metadata!.name === 'target');
    assert.equal(conditionsOf(t), [], 'the target stayed Pending');
    assert.is(t?.status?.certificate, undefined);
    // every certificate the controller-manager issued: only the control's
    const signed = c.events.flatMap((e) => (e.type === 'csr.signed' ? [e.csr] : []));
    assert.equal(signed, ['control']);
    const issued = all.flatMap((x) => (x.status?.certificate ? parseCertificatesPem(Buffer.from(x.status.certificate, 'base64').toString('utf8')) : []));
    assert.equal(issued.map((x) => x.subject.commonName), ['system:node:control']);
    assert.is(all.find((x) => x.metadata!.name === 'control')?.spec.username, 'system:bootstrap:abcdef');
  } finally {
    for (const r of clients) await r.close();
    await c.close();
  }
});

test('invariant 2 (bootstrappolicy/policy.go system:node-bootstrapper; kubeadm tlsbootstrap.go): a bootstrap token cannot read Secrets, approve or deny CSRs, nor update their status', async () => {
  const c = await startCluster({ policy: 'kubeadm', clusterSigning: true });
  try {
    const who = 'User "system:bootstrap:abcdef"';
    for (const ns of ['kube-system', 'default', 'kube-public', 'kube-node-lease']) {
      assert.equal(await attempt(() => c.bootstrap.list(`/api/v1/namespaces/${ns}/secrets`)), forbidden(`secrets is forbidden: ${who} cannot list resource "secrets" in API group "" in the namespace "${ns}"`), `list ${ns}`);
      assert.equal(
        await attempt(() => c.bootstrap.stream('GET', `/api/v1/namespaces/${ns}/secrets?watch=true`)),
        forbidden(`secrets is forbidden: ${who} cannot watch resource "secrets" in API group "" in the namespace "${ns}"`),
        `watch ${ns}`,
      );
    }
    // its own Secret, by name
    assert.equal(
      await attempt(() => c.bootstrap.get('/api/v1/namespaces/kube-system/secrets/bootstrap-token-abcdef')),
      forbidden(`secrets "bootstrap-token-abcdef" is forbidden: ${who} cannot get resource "secrets" in API group "" in the namespace "kube-system"`),
    );
    assert.equal(await attempt(() => c.bootstrap.list('/api/v1/secrets')), forbidden(`secrets is forbidden: ${who} cannot list resource "secrets" in API group "" at the cluster scope`));
    assert.equal(await attempt(() => c.bootstrap.stream('GET', '/api/v1/secrets?watch=1')), forbidden(`secrets is forbidden: ${who} cannot watch resource "secrets" in API group "" at the cluster scope`));

    // its own CSR (the one it may create): approve, deny, status — all refused; it stays Pending
    const serving = await pendingServingCSR(c, 'serving');
    const own = (await c.bootstrap.create(csrPath, await kubeletClientCSR('own', 'system:node:own'))) as CertificateSigningRequest;
    for (const csr of [serving, own]) {
      const name = csr.metadata!.name!;
      for (const type of ['Approved', 'Denied'] as const) {
        assert.equal(
          await attempt(() => c.bootstrap.update(`${csrPath}/${name}/approval`, approved(csr, type))),
          forbidden(`certificatesigningrequests.certificates.k8s.io "${name}" is forbidden: ${who} cannot update resource "certificatesigningrequests/approval" in API group "certificates.k8s.io" at the cluster scope`),
          `${name} ${type}`,
        );
      }
      assert.equal(
        await attempt(() => c.bootstrap.update(`${csrPath}/${name}/status`, { ...csr, status: { certificate: Buffer.from(c.server.caPem).toString('base64') } })),
        forbidden(`certificatesigningrequests.certificates.k8s.io "${name}" is forbidden: ${who} cannot update resource "certificatesigningrequests/status" in API group "certificates.k8s.io" at the cluster scope`),
      );
      assert.equal(
        await attempt(() => c.bootstrap.patch(`${csrPath}/${name}/approval`, { status: { conditions: [{ type: 'Approved', status: 'True' }] } }, 'merge')),
        forbidden(`certificatesigningrequests.certificates.k8s.io "${name}" is forbidden: ${who} cannot patch resource "certificatesigningrequests/approval" in API group "certificates.k8s.io" at the cluster scope`),
      );
      assert.equal(
        await attempt(() => c.bootstrap.delete(`${csrPath}/${name}`)),
        forbidden(`certificatesigningrequests.certificates.k8s.io "${name}" is forbidden: ${who} cannot delete resource "certificatesigningrequests" in API group "certificates.k8s.io" at the cluster scope`),
      );
    }
    // what the token may do it can: create, get, list, watch CSRs (the role's four verbs)
    assert.ok((await attempt(() => c.bootstrap.get(`${csrPath}/serving`))).ok);
    await letControllersAct(c);
    const after = await certificateSigningRequests(c.admin).get('serving');
    assert.equal(conditionsOf(after), [], 'the serving CSR stayed Pending');
    assert.is(after.status?.certificate, undefined);
  } finally {
    await c.close();
  }
});

test('invariant 3 (noderestriction/admission.go admitCSR and admitNode, node_authorizer.go authorizeLease, sarapprove.go): a node cannot obtain or touch another node\'s identity; a bootstrap token may claim any node name (upstream)', async () => {
  const c = await startCluster({ policy: 'kubeadm', clusterSigning: true });
  const a = await c.server.issueClientCertificate({ commonName: 'system:node:a', organizations: ['system:nodes'] });
  const nodeA = new RestClient({ server: c.server.url, ca: c.server.caPem, clientCert: a.certPem, clientKey: a.keyPem });
  try {
    const csrAB = await kubeletClientCSR('a-claims-b', 'system:node:b');
    // node a asks for node b's client certificate: NodeRestriction refuses it at the door (v1.31+)
    assert.equal(
      await attempt(() => nodeA.create(csrPath, csrAB)),
      forbidden('certificatesigningrequests.certificates.k8s.io "a-claims-b" is forbidden: can only create a node CSR with CN=system:node:a'),
    );
    // …a serving certificate for b too
    const keys = await generateKeyPair('ecdsa-p256');
    const req = await createCertificateRequest({ keys, subject: { commonName: 'system:node:b', organizations: ['system:nodes'] }, subjectAltNames: { dnsNames: ['b'] } });
    const servingB = { apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: { name: 'a-serving-b' }, spec: { request: Buffer.from(req.pem).toString('base64'), signerName: 'kubernetes.io/kubelet-serving', usages: ['digital signature', 'server auth'] } };
    assert.equal(await attempt(() => nodeA.create(csrPath, servingB)), forbidden('certificatesigningrequests.certificates.k8s.io "a-serving-b" is forbidden: can only create a node CSR with CN=system:node:a'));
    // its own renewal goes through and is auto-approved (selfnodeclient), the positive control
    await nodeA.create(csrPath, await kubeletClientCSR('a-renews', 'system:node:a'));
    // a bootstrap token asking for system:node:b: upstream approves and signs it (sarapprove.go checks only nodeclient permission)
    await c.bootstrap.create(csrPath, await kubeletClientCSR('token-claims-b', 'system:node:b'));
    await letControllersAct(c);
    const all = await eventually('both signed', () => csrsOf(c), (l) => l.filter((x) => x.status?.certificate).length === 2);
    assert.equal(all.map((x) => [x.metadata!.name, x.spec.username, conditionsOf(x)]).sort(), [
      ['a-renews', 'system:node:a', [['Approved', 'AutoApproved']]],
      ['token-claims-b', 'system:bootstrap:abcdef', [['Approved', 'AutoApproved']]],
    ]);
    const certOf = (n: string) => parseCertificatesPem(Buffer.from(all.find((x) => x.metadata!.name === n)!.status!.certificate!, 'base64').toString('utf8'))[0]!;
    assert.equal(certOf('a-renews').subject, { commonName: 'system:node:a', organizations: ['system:nodes'] });
    assert.equal(certOf('token-claims-b').subject, { commonName: 'system:node:b', organizations: ['system:nodes'] }, 'upstream: a bootstrap token may claim any node name');

    // NodeRestriction and the Node authorizer: node a cannot modify node b's Node or Lease
    await nodeA.create('/api/v1/nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'a' } });
    const b = (await c.admin.create('/api/v1/nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'b' } })) as { metadata: Record<string, unknown> };
    const leaseB = (await c.admin.create('/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases', {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'b', namespace: 'kube-node-lease' },
      spec: { holderIdentity: 'b', leaseDurationSeconds: 40 },
    })) as { metadata: Record<string, unknown>; spec: Record<string, unknown> };
    const notB = forbidden('nodes "b" is forbidden: node "a" is not allowed to modify node "b"');
    assert.equal(await attempt(() => nodeA.patch('/api/v1/nodes/b', { metadata: { labels: { owned: 'by-a' } } }, 'merge')), notB, 'patch Node b');
    assert.equal(await attempt(() => nodeA.update('/api/v1/nodes/b', { ...b, metadata: { ...b.metadata, labels: { owned: 'by-a' } } })), notB, 'update Node b');
    assert.equal(await attempt(() => nodeA.patch('/api/v1/nodes/b/status', { status: { conditions: [{ type: 'Ready', status: 'False' }] } }, 'merge')), notB, 'patch Node b status');
    // deleting a Node is not in system:node's rules at all (bootstrappolicy/policy.go NodeRules): RBAC refuses it before admission
    assert.equal(await attempt(() => nodeA.delete('/api/v1/nodes/b')), forbidden('nodes "b" is forbidden: User "system:node:a" cannot delete resource "nodes" in API group "" at the cluster scope'), 'delete Node b');
    const leaseSentence = (verb: string) =>
      forbidden(`leases.coordination.k8s.io "b" is forbidden: User "system:node:a" cannot ${verb} resource "leases" in API group "coordination.k8s.io" in the namespace "kube-node-lease": can only access node lease with the same name as the requesting node`);
    const leases = '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases';
    assert.equal(await attempt(() => nodeA.update(`${leases}/b`, { ...leaseB, spec: { ...leaseB.spec, holderIdentity: 'a' } })), leaseSentence('update'), 'update Lease b');
    assert.equal(await attempt(() => nodeA.patch(`${leases}/b`, { spec: { holderIdentity: 'a' } }, 'merge')), leaseSentence('patch'), 'patch Lease b');
    assert.equal(await attempt(() => nodeA.delete(`${leases}/b`)), leaseSentence('delete'), 'delete Lease b');
    const after = (await c.admin.get('/api/v1/nodes/b')) as { metadata: { labels?: Record<string, string> } };
    assert.is(after.metadata.labels?.['owned'], undefined);
    const leaseAfter = (await c.admin.get(`${leases}/b`)) as { spec: { holderIdentity?: string } };
    assert.is(leaseAfter.spec.holderIdentity, 'b');
  } finally {
    await nodeA.close();
    await c.close();
  }
});

test.run();
