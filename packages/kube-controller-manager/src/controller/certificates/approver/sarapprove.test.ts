// Ports kubernetes/kubernetes pkg/controller/certificates/approver/sarapprove_test.go:
// TestHandle (a fake recognizer and a fake SubjectAccessReview answer, checking the API calls
// made) and TestRecognizers (the base kubelet-client CSR and its variations, each run with and
// without `key encipherment`), plus the parts of handle() those tables do not reach.
import type { CertificateSigningRequest, SubjectAccessReview } from '@tlsboot/api';
import { createCertificateRequest, generateKeyPair } from '@tlsboot/pki';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isIgnorableError } from '../certificate-controller.js';
import { parseCSR } from '../certificate-controller-utils.js';
import { isNodeClientCert, isSelfNodeClientCert } from '@tlsboot/api';
import { SarApprover, recognizers } from './sarapprove.js';
import type { CSRRecognizer, SarApproverClient } from './sarapprove.js';

type Action = { verb: 'create'; resource: 'subjectaccessreviews'; object: SubjectAccessReview } | { verb: 'update'; resource: 'certificatesigningrequests'; subresource: 'approval'; object: CertificateSigningRequest };

function fakeClient(allowed: boolean | ((sar: SubjectAccessReview) => boolean)): SarApproverClient & { actions: Action[] } {
  const actions: Action[] = [];
  return {
    actions,
    async createSubjectAccessReview(sar) {
      actions.push({ verb: 'create', resource: 'subjectaccessreviews', object: structuredClone(sar) });
      return { ...sar, status: { allowed: typeof allowed === 'function' ? allowed(sar) : allowed } };
    },
    async updateApproval(csr) {
      actions.push({ verb: 'update', resource: 'certificatesigningrequests', subresource: 'approval', object: structuredClone(csr) });
      return csr;
    },
  };
}

function pendingCSR(): CertificateSigningRequest {
  return {
    apiVersion: 'certificates.k8s.io/v1',
    kind: 'CertificateSigningRequest',
    metadata: { name: 'test-csr' },
    spec: { request: '', signerName: 'kubernetes.io/kube-apiserver-client-kubelet', username: 'system:node:foo', groups: ['system:nodes', 'system:authenticated'], uid: 'u1', extra: { k: ['v'] } },
  };
}

const fakeRecognizer = (recognized: boolean): CSRRecognizer => ({
  recognize: () => recognized,
  permission: { group: 'foo', resource: 'bar', subresource: 'baz', verb: 'create' },
  successMessage: 'tester',
});

for (const [recognized, allowed, expectedActions, expectErr] of [
  [false, false, 0, false],
  [false, true, 0, false],
  [true, false, 1, true],
  [true, true, 2, false],
] as const) {
  test(`sarapprove_test.go TestHandle: recognized=${recognized} allowed=${allowed} → ${expectedActions} actions${expectErr ? ', an ignorable error' : ''}`, async () => {
    const client = fakeClient(allowed);
    const approver = new SarApprover(client, { recognizers: [fakeRecognizer(recognized)], parse: () => ({ subject: {}, subjectAltNames: {} }) });
    let err: unknown;
    try {
      await approver.handle(pendingCSR());
    } catch (e) {
      err = e;
    }
    assert.is(err !== undefined, expectErr);
    if (expectErr) {
      assert.ok(isIgnorableError(err));
      assert.is((err as Error).message, 'recognized csr "test-csr" as [baz] but subject access review was not approved');
    }
    assert.is(client.actions.length, expectedActions);
    if (expectedActions >= 1) {
      const sar = client.actions[0]!;
      assert.is(sar.verb, 'create');
      assert.is(sar.resource, 'subjectaccessreviews');
      // as the requester recorded on the CSR
      assert.equal((sar.object as SubjectAccessReview).spec, {
        user: 'system:node:foo',
        uid: 'u1',
        groups: ['system:nodes', 'system:authenticated'],
        extra: { k: ['v'] },
        resourceAttributes: { group: 'foo', resource: 'bar', subresource: 'baz', verb: 'create' },
      });
    }
    if (expectedActions === 2) {
      const a = client.actions[1]!;
      assert.is(a.verb, 'update');
      assert.is(a.resource, 'certificatesigningrequests');
      assert.is((a as { subresource: string }).subresource, 'approval');
      const conditions = (a.object as CertificateSigningRequest).status?.conditions ?? [];
      assert.is(conditions.length, 1);
      assert.equal(conditions[0], { type: 'Approved', status: 'True', reason: 'AutoApproved', message: 'tester' });
    }
  });
}

// TestRecognizers
interface Variation {
  name: string;
  cn?: string;
  orgs?: string[];
  extraUsages?: string[];
  signerName?: string;
  requester?: string;
  nodeClient: boolean;
  selfNodeClient: boolean;
}
const variations: Variation[] = [
  { name: 'good', nodeClient: true, selfNodeClient: true },
  { name: 'bad-1 CN=mike', cn: 'mike', nodeClient: false, selfNodeClient: false },
  { name: 'bad-2 no organization', orgs: [], nodeClient: false, selfNodeClient: false },
  { name: 'bad-3 O=system:master', orgs: ['system:master'], nodeClient: false, selfNodeClient: false },
  { name: 'bad-4 + server auth', extraUsages: ['server auth'], nodeClient: false, selfNodeClient: false },
  { name: 'bad-5 signer example.com/not-correct', signerName: 'example.com/not-correct', nodeClient: false, selfNodeClient: false },
  { name: 'bad-6 signer kubernetes.io/kubelet-serving', signerName: 'kubernetes.io/kubelet-serving', nodeClient: false, selfNodeClient: false },
  { name: 'diff-1 requester joe', requester: 'joe', nodeClient: true, selfNodeClient: false },
  { name: 'diff-2 CN=system:node:bar', cn: 'system:node:bar', nodeClient: true, selfNodeClient: false },
];

const keys = await generateKeyPair('ecdsa-p256');
async function variationCSR(v: Variation, usages: string[]): Promise<CertificateSigningRequest> {
  const req = await createCertificateRequest({ keys, subject: { commonName: v.cn ?? 'system:node:foo', organizations: v.orgs ?? ['system:nodes'] } });
  return {
    apiVersion: 'certificates.k8s.io/v1',
    kind: 'CertificateSigningRequest',
    metadata: { name: v.name },
    spec: {
      request: Buffer.from(req.pem).toString('base64'),
      signerName: v.signerName ?? 'kubernetes.io/kube-apiserver-client-kubelet',
      usages: [...usages, ...(v.extraUsages ?? [])],
      username: v.requester ?? 'system:node:foo',
    },
  };
}

for (const usages of [
  ['key encipherment', 'digital signature', 'client auth'],
  ['digital signature', 'client auth'],
]) {
  for (const v of variations) {
    test(`sarapprove_test.go TestRecognizers ${v.name} [${usages.join(', ')}]: isNodeClientCert=${v.nodeClient} isSelfNodeClientCert=${v.selfNodeClient}`, async () => {
      const csr = await variationCSR(v, usages);
      const x509cr = parseCSR(csr.spec.request);
      assert.is(isNodeClientCert(csr.spec, x509cr), v.nodeClient);
      assert.is(isSelfNodeClientCert(csr.spec, x509cr), v.selfNodeClient);
    });
  }
}

test('recognizers(): selfnodeclient before nodeclient, create certificatesigningrequests/<sub> in certificates.k8s.io, upstream messages', () => {
  assert.equal(
    recognizers().map((r) => [r.permission, r.successMessage]),
    [
      [{ group: 'certificates.k8s.io', resource: 'certificatesigningrequests', verb: 'create', subresource: 'selfnodeclient' }, 'Auto approving self kubelet client certificate after SubjectAccessReview.'],
      [{ group: 'certificates.k8s.io', resource: 'certificatesigningrequests', verb: 'create', subresource: 'nodeclient' }, 'Auto approving kubelet client certificate after SubjectAccessReview.'],
    ],
  );
});

test('sarapprove.go handle: a renewal whose selfnodeclient SAR is denied is approved through nodeclient, with the nodeclient message', async () => {
  const csr = await variationCSR(variations[0]!, ['digital signature', 'client auth']);
  const client = fakeClient((sar) => sar.spec.resourceAttributes?.subresource === 'nodeclient');
  await new SarApprover(client).handle(csr);
  assert.equal(
    client.actions.map((a) => (a.verb === 'create' ? a.object.spec.resourceAttributes?.subresource : a.subresource)),
    ['selfnodeclient', 'nodeclient', 'approval'],
  );
  const approval = client.actions[2]!.object as CertificateSigningRequest;
  assert.is(approval.status?.conditions?.[0]?.message, 'Auto approving kubelet client certificate after SubjectAccessReview.');
});

test('sarapprove.go handle: neither SAR allowed → ignorable "recognized csr … as [selfnodeclient nodeclient]" (Go %v of the list)', async () => {
  const csr = await variationCSR(variations[0]!, ['digital signature', 'client auth']);
  const client = fakeClient(false);
  try {
    await new SarApprover(client).handle(csr);
    assert.unreachable();
  } catch (err) {
    assert.ok(isIgnorableError(err));
    assert.is((err as Error).message, 'recognized csr "good" as [selfnodeclient nodeclient] but subject access review was not approved');
  }
});

test('sarapprove.go handle: already approved, denied or issued CSRs are left alone without any API call', async () => {
  for (const status of [
    { conditions: [{ type: 'Approved', status: 'True' as const }] },
    { conditions: [{ type: 'Denied', status: 'True' as const }] },
    { conditions: [{ type: 'Approved', status: 'False' as const }] },
    { certificate: 'Zm9v' },
  ]) {
    const client = fakeClient(true);
    await new SarApprover(client, { recognizers: [fakeRecognizer(true)], parse: () => ({ subject: {}, subjectAltNames: {} }) }).handle({ ...pendingCSR(), status });
    assert.is(client.actions.length, 0);
  }
});

test('sarapprove.go handle: an unparsable request → `unable to parse csr "NAME": PEM block type must be CERTIFICATE REQUEST` (not ignorable)', async () => {
  const csr = { ...pendingCSR(), spec: { ...pendingCSR().spec, request: Buffer.from('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n').toString('base64') } };
  try {
    await new SarApprover(fakeClient(true)).handle(csr);
    assert.unreachable();
  } catch (err) {
    assert.not.ok(isIgnorableError(err));
    assert.is((err as Error).message, 'unable to parse csr "test-csr": PEM block type must be CERTIFICATE REQUEST');
  }
});

test('sarapprove.go: kubelet-serving CSRs are never recognized, so never approved', async () => {
  const csr = await variationCSR({ name: 'serving', signerName: 'kubernetes.io/kubelet-serving', nodeClient: false, selfNodeClient: false }, ['digital signature', 'server auth']);
  const client = fakeClient(true);
  await new SarApprover(client).handle(csr);
  assert.is(client.actions.length, 0);
});

test.run();
