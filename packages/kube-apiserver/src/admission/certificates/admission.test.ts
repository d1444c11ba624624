// kubernetes/kubernetes plugin/pkg/admission/certificates/{approval,signing,subjectrestriction}/admission_test.go,
// ported: the fake authorizer allows exactly one signers name for one verb, or fails.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lookupResource } from '@tlsboot/api';
import type { KubeObject } from '@tlsboot/api';
import type { Attributes, Authorizer } from '../../authorization/interfaces.js';
import type { AdmissionAttributes } from '../interfaces.js';
import { certificateApproval } from './approval/admission.js';
import { certificateSigning } from './signing/admission.js';
import { certificateSubjectRestriction } from './subjectrestriction/admission.js';
import { csrRequest } from '../../registry/certificates/testing.js';

const csrResource = lookupResource('certificates.k8s.io', 'v1', 'certificatesigningrequests')!;

function fakeAuthorizer(verb: string, allowedName: string, fail = false): Authorizer & { seen: Attributes[] } {
  const seen: Attributes[] = [];
  return {
    name: 'fake',
    seen,
    authorize(a) {
      seen.push(a);
      if (fail) throw new Error('forced error');
      const ok = a.verb === verb && a.apiGroup === 'certificates.k8s.io' && a.apiVersion === '*' && a.resource === 'signers' && a.name === allowedName && a.isResourceRequest;
      return { decision: ok ? 'Allow' : 'Deny', reason: '' };
    },
  };
}

const csrObj = (signerName: string, status: Record<string, unknown> = {}): KubeObject =>
  ({ kind: 'CertificateSigningRequest', metadata: { name: 'x' }, spec: { signerName }, status }) as KubeObject;

function attrs(subresource: string, oldObject: KubeObject | undefined, object?: KubeObject, operation: AdmissionAttributes['operation'] = 'UPDATE'): AdmissionAttributes {
  return { operation, resource: csrResource, subresource, namespace: '', name: 'x', user: { name: 'ignored', groups: [] }, ...(object ? { object } : {}), ...(oldObject ? { oldObject } : {}) };
}

async function outcome(run: () => Promise<void> | void): Promise<string> {
  try {
    await run();
    return '';
  } catch (err) {
    return (err as { status?: { message: string } }).status?.message ?? String(err);
  }
}

const approvalCases: [string, AdmissionAttributes, string, boolean, boolean?][] = [
  ['wrong type', attrs('approval', { kind: 'CertificateSigningRequestList', metadata: {} } as KubeObject), '', false],
  ['reject requests if looking up permissions fails', attrs('approval', csrObj('abc.com/xyz')), '', false, true],
  ['should allow request if user is authorized for specific signerName', attrs('approval', csrObj('abc.com/xyz')), 'abc.com/xyz', true],
  ['should allow request if user is authorized with wildcard', attrs('approval', csrObj('abc.com/xyz')), 'abc.com/*', true],
  ['should deny request if user does not have permission for this signerName', attrs('approval', csrObj('abc.com/xyz')), 'notabc.com/xyz', false],
  [
    'should deny request if user attempts to update signerName to a new value they *do* have permission to approve for',
    attrs('approval', csrObj('notallowed.com/xyz'), csrObj('allowed.com/xyz')),
    'allowed.com/xyz',
    false,
  ],
];

for (const [name, a, allowedName, allowed, fail] of approvalCases) {
  test(`approval/admission_test.go TestPlugin_Validate: ${name}`, async () => {
    const err = await outcome(() => certificateApproval(fakeAuthorizer('approve', allowedName, fail)).validate!(a));
    assert.is(err === '', allowed, err);
  });
}

test('approval/admission.go: the refusal text, and other subresources are ignored', async () => {
  const plugin = certificateApproval(fakeAuthorizer('approve', 'nothing'));
  assert.is(
    await outcome(() => plugin.validate!(attrs('approval', csrObj('kubernetes.io/kube-apiserver-client')))),
    'certificatesigningrequests.certificates.k8s.io "x" is forbidden: user not permitted to approve requests with signerName "kubernetes.io/kube-apiserver-client"',
  );
  assert.is(await outcome(() => plugin.validate!(attrs('status', csrObj('a.b/c')))), '');
  assert.is(await outcome(() => plugin.validate!(attrs('', csrObj('a.b/c')))), '');
});

const cert = { certificate: 'ZGF0YQ==' }; // "data"
const signingCases: [string, AdmissionAttributes, string, boolean, boolean?][] = [
  ['wrong type', attrs('status', { kind: 'CertificateSigningRequestList', metadata: {} } as KubeObject, { kind: 'CertificateSigningRequestList', metadata: {} } as KubeObject), '', false],
  ["allowed if the 'certificate' and conditions field has not changed", attrs('status', csrObj('', cert), csrObj('', cert)), '', true, true],
  ['deny request if authz lookup fails on certificate change', attrs('status', csrObj('abc.com/xyz'), csrObj('abc.com/xyz', cert)), 'abc.com/xyz', false, true],
  ['deny request if authz lookup fails on condition change', attrs('status', csrObj('abc.com/xyz'), csrObj('abc.com/xyz', { conditions: [{ type: 'Failed' }] })), 'abc.com/xyz', false, true],
  ['allow request if user is authorized for specific signerName', attrs('status', csrObj('abc.com/xyz'), csrObj('abc.com/xyz', cert)), 'abc.com/xyz', true],
  ['allow request if user is authorized with wildcard', attrs('status', csrObj('abc.com/xyz'), csrObj('abc.com/xyz', cert)), 'abc.com/*', true],
  ['should deny request if user does not have permission for this signerName', attrs('status', csrObj('abc.com/xyz'), csrObj('abc.com/xyz', cert)), 'notabc.com/xyz', false],
  [
    'should deny request if user attempts to update signerName to a new value they *do* have permission to sign for',
    attrs('status', csrObj('notallowed.com/xyz'), csrObj('allowed.com/xyz', cert)),
    'allowed.com/xyz',
    false,
  ],
];

for (const [name, a, allowedName, allowed, fail] of signingCases) {
  test(`signing/admission_test.go TestPlugin_Validate: ${name}`, async () => {
    const err = await outcome(() => certificateSigning(fakeAuthorizer('sign', allowedName, fail)).validate!(a));
    assert.is(err === '', allowed, err);
  });
}

test('signing/admission.go: the refusal text', async () => {
  const plugin = certificateSigning(fakeAuthorizer('sign', 'nothing'));
  assert.is(
    await outcome(() => plugin.validate!(attrs('status', csrObj('kubernetes.io/kubelet-serving'), csrObj('kubernetes.io/kubelet-serving', cert)))),
    'certificatesigningrequests.certificates.k8s.io "x" is forbidden: user not permitted to sign requests with signerName "kubernetes.io/kubelet-serving"',
  );
});

const withGroup = async (group: string) => csrRequest({ organizations: [group] });
const create = (name: string, spec: Record<string, unknown>, kind = 'CertificateSigningRequest'): AdmissionAttributes => ({
  ...attrs('', undefined, { kind, metadata: {}, spec } as KubeObject, 'CREATE'),
  name,
});

test('subjectrestriction/admission_test.go TestPlugin_Validate', async () => {
  const plugin = certificateSubjectRestriction();
  const masters = await withGroup('system:masters');
  const admin = await withGroup('system:admin');
  const other = { ...create('', {}), resource: { ...csrResource, group: 'foo', resource: 'bar' } };
  assert.is(await outcome(() => plugin.validate!(other)), '', 'ignored resource');
  assert.is(await outcome(() => plugin.validate!({ ...create('', {}), subresource: 'approve' })), '', 'ignored subresource');
  assert.is(
    await outcome(() => plugin.validate!(create('panda', {}, 'CertificateSigningRequestList'))),
    'certificatesigningrequests.certificates.k8s.io "panda" is forbidden: expected type CertificateSigningRequest, got: *certificates.CertificateSigningRequestList',
    'wrong type',
  );
  assert.is(await outcome(() => plugin.validate!(create('', { request: masters, signerName: 'kubernetes.io/kube-apiserver-client-kubelet' }))), '', 'some other signer');
  assert.is(
    await outcome(() => plugin.validate!(create('bear', { request: Buffer.from('this is not a CSR').toString('base64'), signerName: 'kubernetes.io/kube-apiserver-client' }))),
    'certificatesigningrequests.certificates.k8s.io "bear" is forbidden: failed to parse CSR: PEM block type must be CERTIFICATE REQUEST',
    'invalid request',
  );
  assert.is(await outcome(() => plugin.validate!(create('', { request: admin, signerName: 'kubernetes.io/kube-apiserver-client' }))), '', 'some other group');
  assert.is(
    await outcome(() => plugin.validate!(create('pooh', { request: masters, signerName: 'kubernetes.io/kube-apiserver-client' }))),
    'certificatesigningrequests.certificates.k8s.io "pooh" is forbidden: use of kubernetes.io/kube-apiserver-client signer with system:masters group is not allowed',
    'request for system:masters',
  );
});

test.run();
