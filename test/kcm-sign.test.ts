// End to end, over real mTLS: a kube-apiserver (startApiServer) and a kube-controller-manager
// (startControllerManager) run as kubeadm runs them (--use-service-account-credentials,
// --controllers=*,bootstrapsigner,tokencleaner, --cluster-signing-{cert,key}-file = the cluster CA).
// kubernetes/kubernetes pkg/controller/certificates/signer/signer.go: a bootstrap-token kubelet
// client CSR is auto-approved and then signed — one certificate that chains to the cluster CA,
// NotBefore backdated 5 minutes, the requested duration, the requested usages; a CSR that breaks
// the kubelet-client rules gets Failed/SignerValidationFailure and no certificate.
// pkg/controller/bootstrap/{bootstrapsigner.go,tokencleaner.go}: cluster-info gets a JWS signature
// per signing token, and expired bootstrap-token Secrets are deleted on the component's clock.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CertificateSigningRequest, ConfigMap, Secret } from '@tlsboot/api';
import { bootstrapTokenToSecret, clusterInfoConfigMap, detachedTokenIsValid, formatRFC3339, isNotFound, newBootstrapTokenString } from '@tlsboot/api';
import { buildKubeconfig, certificateSigningRequests, configMaps, RestClient, secrets } from '@tlsboot/client';
import { startApiServer } from '@tlsboot/kube-apiserver';
import type { ApiServer } from '@tlsboot/kube-apiserver';
import { startControllerManager } from '@tlsboot/kube-controller-manager';
import type { ControllerManager, KcmTraceEvent } from '@tlsboot/kube-controller-manager';
import { caCertHash, createCertificateRequest, exportPrivateKeyPem, generateKeyPair, parseCertificatesPem, verifyChain } from '@tlsboot/pki';
import type { SubjectAltNames } from '@tlsboot/pki';
import { VirtualClock, realClock } from '@tlsboot/util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const token = 'abcdef.0123456789abcdef';
const minute = 60_000;
const hour = 60 * minute;

interface Cluster {
  clock: VirtualClock;
  server: ApiServer;
  admin: RestClient;
  bootstrap: RestClient;
  kcm: ControllerManager;
  events: KcmTraceEvent[];
  close(): Promise<void>;
}

async function startCluster(flags: string[]): Promise<Cluster> {
  // virtual time that starts at the wall clock (the test's own clients let Node check the serving certificate)
  const clock = new VirtualClock({ start: realClock.nowMs() });
  const server = await startApiServer({ clock });
  const dir = await mkdtemp(join(tmpdir(), 'tlsboot-kcm-sign-'));
  await writeFile(join(dir, 'ca.crt'), server.caPem);
  await writeFile(join(dir, 'ca.key'), await exportPrivateKeyPem(server.ca.keys));
  const adminCert = await server.issueClientCertificate({ commonName: 'kubernetes-admin', organizations: ['system:masters'] });
  const admin = new RestClient({ server: server.url, ca: server.caPem, clientCert: adminCert.certPem, clientKey: adminCert.keyPem });
  const secret = bootstrapTokenToSecret(
    { token: newBootstrapTokenString(token), usages: ['authentication', 'signing'], groups: ['system:bootstrappers:kubeadm:default-node-token'], ttlMs: 24 * hour },
    clock.now(),
  );
  await admin.create('/api/v1/namespaces/kube-system/secrets', secret);
  const bootstrap = new RestClient({ server: server.url, ca: server.caPem, token });
  const kcmCert = await server.issueClientCertificate({ commonName: 'system:kube-controller-manager' });
  const kubeconfig = buildKubeconfig({
    server: server.url,
    caPem: server.caPem,
    clientCertPem: kcmCert.certPem,
    clientKeyPem: kcmCert.keyPem,
    user: 'system:kube-controller-manager',
    cluster: 'kubernetes',
    context: 'system:kube-controller-manager@kubernetes',
  });
  const events: KcmTraceEvent[] = [];
  const kcm = await startControllerManager({
    kubeconfig,
    clock,
    trace: { emit: (e) => void events.push(e) },
    options: [
      '--use-service-account-credentials=true',
      `--cluster-signing-cert-file=${join(dir, 'ca.crt')}`,
      `--cluster-signing-key-file=${join(dir, 'ca.key')}`,
      ...flags,
    ],
  });
  return {
    clock,
    server,
    admin,
    bootstrap,
    kcm,
    events,
    async close() {
      await kcm.stop();
      await admin.close();
      await bootstrap.close();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function kubeletClientCSR(name: string, cn: string, sans?: SubjectAltNames, expirationSeconds?: number): Promise<CertificateSigningRequest> {
  const keys = await generateKeyPair('ecdsa-p256');
  const req = await createCertificateRequest({ keys, subject: { commonName: cn, organizations: ['system:nodes'] }, ...(sans ? { subjectAltNames: sans } : {}) });
  return {
    apiVersion: 'certificates.k8s.io/v1',
    kind: 'CertificateSigningRequest',
    metadata: { name },
    spec: {
      request: Buffer.from(req.pem).toString('base64'),
      signerName: 'kubernetes.io/kube-apiserver-client-kubelet',
      usages: ['digital signature', 'client auth'],
      ...(expirationSeconds !== undefined ? { expirationSeconds } : {}),
    },
  };
}

/** Polls (real time, the work is real I/O) until `check` holds. */
async function eventually<T>(what: string, get: () => Promise<T>, check: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = realClock.nowMs() + timeoutMs;
  for (;;) {
    const v = await get();
    if (check(v)) return v;
    if (realClock.nowMs() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await realClock.sleep(20);
  }
}

test('kcm-sign (signer.go): an approved kubelet-client CSR gets one certificate chaining to the cluster CA, with the right validity and usages', async () => {
  const c = await startCluster([]);
  try {
    assert.ok(c.kcm.controllers.includes('certificatesigningrequest-signing-controller'));
    const signedAt = c.clock.now();
    await certificateSigningRequests(c.bootstrap).create(await kubeletClientCSR('node-csr-n1', 'system:node:n1', undefined, 24 * 3600));
    const csrs = certificateSigningRequests(c.admin);
    const issued = await eventually('the certificate', () => csrs.get('node-csr-n1'), (csr) => Boolean(csr.status?.certificate));
    assert.equal(issued.status?.conditions?.map((x) => [x.type, x.reason]), [['Approved', 'AutoApproved']], 'approved by csrapproving, nothing else added');
    const pem = Buffer.from(issued.status!.certificate!, 'base64').toString('utf8');
    const certs = parseCertificatesPem(pem);
    assert.is(certs.length, 1, 'one leaf, no chain');
    const cert = certs[0]!;
    assert.equal(cert.subject, { commonName: 'system:node:n1', organizations: ['system:nodes'] });
    assert.equal(cert.keyUsageNames, ['digital signature']);
    assert.equal(cert.extKeyUsageNames, ['client auth']);
    assert.not.ok(cert.isCA);
    // 24 h requested (≥ 8 h, below the 8760h default): NotBefore = now − 5 min, lifetime exactly 24 h
    assert.is(cert.notBefore.getTime(), Math.floor(signedAt.getTime() / 1000) * 1000 - 5 * minute);
    assert.is(cert.notAfter.getTime() - cert.notBefore.getTime(), 24 * hour);
    const chain = await verifyChain(cert, { roots: [c.server.ca.certificate], at: c.clock.now(), usages: ['client auth'] });
    assert.is(chain.length, 2);
    const signed = c.events.find((e) => e.type === 'csr.signed');
    assert.ok(signed && signed.type === 'csr.signed' && signed.controller === 'csrsigning-kubelet-client' && signed.csr === 'node-csr-n1');
    assert.is(signed.serialNumber, cert.serialNumber);
  } finally {
    await c.close();
  }
});

test('kcm-sign (signer.go): a kubelet-client CSR with a DNS SAN, approved by hand, gets Failed/SignerValidationFailure and no certificate', async () => {
  const c = await startCluster([]);
  try {
    const csrs = certificateSigningRequests(c.admin);
    const created = await csrs.create(await kubeletClientCSR('bad-csr', 'system:node:n2', { dnsNames: ['n2.example.com'] }));
    // not a kubelet client CSR for the approver either: approve it as the admin (kubectl certificate approve)
    created.status = { conditions: [{ type: 'Approved', status: 'True', reason: 'KubectlApprove', message: 'This CSR was approved by kubectl certificate approve.' }] };
    await csrs.updateSubresource(created, 'approval');
    const failed = await eventually('the Failed condition', () => csrs.get('bad-csr'), (csr) => Boolean(csr.status?.conditions?.some((x) => x.type === 'Failed')));
    const cond = failed.status!.conditions!.find((x) => x.type === 'Failed')!;
    assert.is(cond.status, 'True');
    assert.is(cond.reason, 'SignerValidationFailure');
    assert.is(cond.message, 'DNS subjectAltNames are not allowed');
    assert.is(cond.lastUpdateTime, formatRFC3339(c.clock.now()));
    assert.is(failed.status?.certificate, undefined);
    // terminal: a later change does not make the signer try again
    await c.clock.advance(1000);
    await realClock.sleep(100);
    assert.is((await csrs.get('bad-csr')).status?.certificate, undefined);
    assert.is(c.events.filter((e) => e.type === 'csr.failed').length, 1);
  } finally {
    await c.close();
  }
});

test('kcm-sign (bootstrapsigner.go, tokencleaner.go): cluster-info is signed per signing token; expired tokens are deleted and lose their signature', async () => {
  const c = await startCluster(['--controllers=*,bootstrapsigner,tokencleaner']);
  try {
    assert.ok(c.kcm.controllers.includes('bootstrap-signer-controller'));
    assert.ok(c.kcm.controllers.includes('token-cleaner-controller'));
    const cms = configMaps<ConfigMap>(c.admin, 'kube-public');
    await cms.create(clusterInfoConfigMap(c.server.url, c.server.caPem));
    const signed = await eventually('the signature', () => cms.get('cluster-info'), (cm) => cm.data?.['jws-kubeconfig-abcdef'] !== undefined);
    const kubeconfig = signed.data!.kubeconfig!;
    assert.ok(detachedTokenIsValid(signed.data!['jws-kubeconfig-abcdef']!, kubeconfig, 'abcdef', '0123456789abcdef'));
    // what `kubeadm join --discovery-token-ca-cert-hash` pins
    assert.match(caCertHash(c.server.ca.certificate), /^sha256:[0-9a-f]{64}$/);

    // a second token that expires in one hour, and one already expired
    const ss = secrets<Secret>(c.admin, 'kube-system');
    const soon = bootstrapTokenToSecret({ token: newBootstrapTokenString('ghijkl.0123456789abcdef'), usages: ['signing'], ttlMs: hour }, c.clock.now());
    await ss.create(soon);
    await eventually('the second signature', () => cms.get('cluster-info'), (cm) => cm.data?.['jws-kubeconfig-ghijkl'] !== undefined);
    const expired = bootstrapTokenToSecret({ token: newBootstrapTokenString('mnopqr.0123456789abcdef'), usages: ['signing'], ttlMs: hour }, new Date(c.clock.nowMs() - 2 * hour));
    await ss.create(expired);
    await eventually('the expired token deleted', () => ss.get('bootstrap-token-mnopqr').then(() => false, (err) => isNotFound(err)), (gone) => gone);
    assert.is((await cms.get('cluster-info')).data?.['jws-kubeconfig-mnopqr'], undefined, 'an expired token never signs');

    // one hour later on the component clock: the cleaner's AddAfter fires
    await c.clock.advance(hour);
    await eventually('the second token deleted', () => ss.get('bootstrap-token-ghijkl').then(() => false, (err) => isNotFound(err)), (gone) => gone);
    const after = await eventually('its signature removed', () => cms.get('cluster-info'), (cm) => cm.data?.['jws-kubeconfig-ghijkl'] === undefined);
    assert.ok(after.data?.['jws-kubeconfig-abcdef'], 'the 24h token still signs');
    const deleted = c.events.filter((e) => e.type === 'bootstraptoken.deleted').map((e) => (e.type === 'bootstraptoken.deleted' ? e.secret : ''));
    assert.equal(deleted.sort(), ['kube-system/bootstrap-token-ghijkl', 'kube-system/bootstrap-token-mnopqr']);
  } finally {
    await c.close();
  }
});

test.run();
