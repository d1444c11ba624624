// End to end, over real mTLS: a kube-apiserver (startApiServer) and a kube-controller-manager
// (startControllerManager) with its own client certificate CN=system:kube-controller-manager and
// --use-service-account-credentials, as kubeadm runs them. A bootstrap-token identity creates a
// kubelet-client CSR (CN=system:node:n1, O=system:nodes): under kubeadm's policy the csrapproving
// controller approves it through the SubjectAccessReview for `nodeclient`
// (kubernetes/kubernetes pkg/controller/certificates/approver/sarapprove.go); under the bare
// upstream policy (only the node-bootstrapper binding added) the SAR is denied, it stays Pending
// and is retried with backoff — binding the nodeclient ClusterRole later approves it without a new CSR.
import type { CertificateSigningRequest, ServiceAccount } from '@tlsboot/api';
import { certificateSigningRequests, serviceAccounts } from '@tlsboot/client';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { eventually, kubeletClientCSR, startCluster } from './support/kcm-cluster.js';

const approvedCondition = (csr: CertificateSigningRequest) => csr.status?.conditions?.find((c) => c.type === 'Approved');

test('kcm-approve (sarapprove.go, kubeadm policy): a bootstrap-token kubelet-client CSR is auto-approved with the exact condition', async () => {
  const c = await startCluster({ policy: 'kubeadm' });
  try {
    assert.ok(c.kcm.controllers.includes('certificatesigningrequest-approving-controller'));
    assert.ok(c.kcm.controllers.includes('certificatesigningrequest-cleaner-controller'));
    const created = await certificateSigningRequests(c.bootstrap).create(await kubeletClientCSR('node-csr-n1', 'system:node:n1'));
    assert.is(created.spec.username, 'system:bootstrap:abcdef');
    const csrs = certificateSigningRequests(c.admin);
    const approved = await eventually('approval', () => csrs.get('node-csr-n1'), (csr) => approvedCondition(csr) !== undefined);
    const cond = approvedCondition(approved)!;
    assert.is(cond.status, 'True');
    assert.is(cond.reason, 'AutoApproved');
    assert.is(cond.message, 'Auto approving kubelet client certificate after SubjectAccessReview.');
    assert.is(approved.status?.conditions?.length, 1);
    assert.ok(cond.lastUpdateTime, 'the server fills lastUpdateTime');
    // no signer runs in this test: approved, not issued
    assert.is(approved.status?.certificate, undefined);

    // the controller ran as its own ServiceAccount, created on demand (clientbuilder)
    const sa = await serviceAccounts<ServiceAccount>(c.admin, 'kube-system').get('certificate-controller');
    assert.is(sa.metadata.name, 'certificate-controller');
    const types = c.events.map((e) => e.type);
    assert.ok(types.includes('controller.credentials'));
    const recognized = c.events.filter((e) => e.type === 'csr.recognized').map((e) => (e.type === 'csr.recognized' ? e.recognizer : ''));
    // not self (the requester is system:bootstrap:abcdef, not the CN): only nodeclient is tried
    assert.equal(recognized, ['nodeclient']);
    const sar = c.events.find((e) => e.type === 'csr.subjectaccessreview');
    assert.ok(sar && sar.type === 'csr.subjectaccessreview' && sar.allowed && sar.user === 'system:bootstrap:abcdef');
    assert.ok(sar.type === 'csr.subjectaccessreview' && sar.groups.includes('system:bootstrappers:kubeadm:default-node-token'));
    assert.ok(types.includes('csr.approved'));
  } finally {
    await c.close();
  }
});

test('kcm-approve (sarapprove.go, upstream policy): recognized but the SAR is denied → stays Pending and is retried; binding nodeclient later approves it', async () => {
  const c = await startCluster({ policy: 'upstream' });
  try {
    // the article's first binding: let the bootstrap group create CSRs (system:node-bootstrapper), but no auto-approval
    await c.admin.create('/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'create-csrs-for-bootstrapping' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:node-bootstrapper' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:bootstrappers' }],
    });
    await certificateSigningRequests(c.bootstrap).create(await kubeletClientCSR('node-csr-n1', 'system:node:n1'));
    const csrs = certificateSigningRequests(c.admin);
    await eventually('a denied SAR', async () => c.events.filter((e) => e.type === 'csr.subjectaccessreview').length, (n) => n >= 1);
    await eventually('the ignorable error', async () => c.events.find((e) => e.type === 'controller.sync' && e.outcome === 'ignorable-error'), (e) => e !== undefined);
    const sync = c.events.find((e) => e.type === 'controller.sync' && e.outcome === 'ignorable-error');
    assert.ok(sync && sync.type === 'controller.sync');
    assert.is(sync.message, 'recognized csr "node-csr-n1" as [nodeclient] but subject access review was not approved');
    assert.is((await csrs.get('node-csr-n1')).status?.conditions, undefined, 'still Pending');

    // retried with backoff on the component clock: 200 ms later, still denied
    const sarsBefore = c.events.filter((e) => e.type === 'csr.subjectaccessreview').length;
    await c.clock.advance(200);
    await eventually('a retry', async () => c.events.filter((e) => e.type === 'csr.subjectaccessreview').length, (n) => n > sarsBefore);
    assert.is((await csrs.get('node-csr-n1')).status?.conditions, undefined, 'still Pending after the retry');

    // kubeadm's node-autoapprove-bootstrap binding, added later: the next retry approves the same CSR
    await c.admin.create('/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'auto-approve-csrs-for-group' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:certificates.k8s.io:certificatesigningrequests:nodeclient' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:bootstrappers' }],
    });
    const approved = await eventually(
      'approval after the binding',
      async () => {
        await c.clock.advance(1000); // let the (growing) backoff elapse
        return csrs.get('node-csr-n1');
      },
      (csr) => approvedCondition(csr) !== undefined,
    );
    assert.is(approvedCondition(approved)?.reason, 'AutoApproved');
    assert.is(approvedCondition(approved)?.message, 'Auto approving kubelet client certificate after SubjectAccessReview.');
  } finally {
    await c.close();
  }
});

test.run();
