// End to end, over real mTLS: a kube-apiserver (startApiServer) and a kube-controller-manager
// (startControllerManager) run as kubeadm runs them (--use-service-account-credentials,
// --controllers=*,bootstrapsigner,tokencleaner, --cluster-signing-{cert,key}-file = the cluster CA).
// kubernetes/kubernetes pkg/controller/certificates/signer/signer.go: a bootstrap-token kubelet
// client CSR is auto-approved and then signed — one certificate that chains to the cluster CA,
// NotBefore backdated 5 minutes, the requested duration, the requested usages; a CSR that breaks
// the kubelet-client rules gets Failed/SignerValidationFailure and no certificate.
// pkg/controller/bootstrap/{bootstrapsigner.go,tokencleaner.go}: cluster-info gets a JWS signature
// per signing token, and expired bootstrap-token Secrets are deleted on the component's clock.
import type { ConfigMap, Secret } from '@tlsboot/api';
import { bootstrapTokenToSecret, clusterInfoConfigMap, detachedTokenIsValid, formatRFC3339, isNotFound, newBootstrapTokenString } from '@tlsboot/api';
import { certificateSigningRequests, configMaps, secrets } from '@tlsboot/client';
import { caCertHash, parseCertificatesPem, verifyChain } from '@tlsboot/pki';
import { realClock } from '@tlsboot/util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { eventually, kubeletClientCSR, startCluster } from './support/kcm-cluster.js';

const minute = 60_000;
const hour = 60 * minute;

test('kcm-sign (signer.go): an approved kubelet-client CSR gets one certificate chaining to the cluster CA, with the right validity and usages', async () => {
  const c = await startCluster({ clusterSigning: true });
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
  const c = await startCluster({ clusterSigning: true });
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
  const c = await startCluster({ clusterSigning: true, flags: ['--controllers=*,bootstrapsigner,tokencleaner'] });
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
