// The condition function of WaitForCertificate (k8s.io/client-go/util/certificate/csr/csr.go),
// event by event; reference k8s-csr-kubelet.md §4.4 and §8 item 20.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CertificateSigningRequest, CertificateSigningRequestCondition } from '@tlsboot/api';
import { certificateWaitDecision } from './wait-condition.js';

const req = { name: 'csr-abc', uid: 'uid-1' };
const certPem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

function csr(conditions: Partial<CertificateSigningRequestCondition>[], certificate?: string, uid = 'uid-1'): CertificateSigningRequest {
  const status: NonNullable<CertificateSigningRequest['status']> = { conditions: conditions.map((c) => ({ status: 'True', ...c }) as CertificateSigningRequestCondition) };
  if (certificate !== undefined) status.certificate = Buffer.from(certificate).toString('base64');
  return { kind: 'CertificateSigningRequest', apiVersion: 'certificates.k8s.io/v1', metadata: { name: 'csr-abc', uid }, spec: { request: '', signerName: 's.io/x' }, status };
}

test('csr.go: pending → keep waiting', () => {
  assert.equal(certificateWaitDecision('ADDED', csr([]), req), { kind: 'wait' });
});

test('csr.go: Approved without a certificate → keep waiting ("approved, waiting to be issued")', () => {
  assert.equal(certificateWaitDecision('MODIFIED', csr([{ type: 'Approved' }]), req), { kind: 'wait' });
});

test('csr.go: Approved with a certificate → issued, the PEM decoded from status.certificate', () => {
  assert.equal(certificateWaitDecision('MODIFIED', csr([{ type: 'Approved' }], certPem), req), { kind: 'issued', certificatePem: certPem });
  assert.equal(certificateWaitDecision('ADDED', csr([{ type: 'Approved' }], certPem), req), { kind: 'issued', certificatePem: certPem });
});

test('csr.go: a certificate without Approved is not done', () => {
  assert.equal(certificateWaitDecision('MODIFIED', csr([], certPem), req), { kind: 'wait' });
});

test('csr.go: Denied → "certificate signing request is denied, reason: R, message: M"', () => {
  assert.equal(certificateWaitDecision('MODIFIED', csr([{ type: 'Denied', reason: 'KubectlDeny', message: 'This CSR was denied by kubectl certificate deny.' }]), req), {
    kind: 'error',
    code: 'CSR_DENIED',
    message: 'certificate signing request is denied, reason: KubectlDeny, message: This CSR was denied by kubectl certificate deny.',
  });
  assert.equal(certificateWaitDecision('MODIFIED', csr([{ type: 'Denied' }]), req), {
    kind: 'error',
    code: 'CSR_DENIED',
    message: 'certificate signing request is denied, reason: , message: ',
  });
});

test('csr.go: Failed → "certificate signing request failed, …", even when Approved came first and a certificate is there', () => {
  const d = certificateWaitDecision('MODIFIED', csr([{ type: 'Approved' }, { type: 'Failed', reason: 'SignerValidationFailure', message: 'x' }], certPem), req);
  assert.equal(d, { kind: 'error', code: 'CSR_FAILED', message: 'certificate signing request failed, reason: SignerValidationFailure, message: x' });
});

test('csr.go: condition status is not looked at (a Denied with status False still fails)', () => {
  const d = certificateWaitDecision('MODIFIED', csr([{ type: 'Denied', status: 'False', reason: 'R', message: 'M' }]), req);
  assert.is(d.kind, 'error');
});

test('csr.go: a different UID → csr "name" changed UIDs', () => {
  assert.equal(certificateWaitDecision('ADDED', csr([{ type: 'Approved' }], certPem, 'uid-2'), req), { kind: 'error', code: 'CSR_UID_CHANGED', message: 'csr "csr-abc" changed UIDs' });
});

test('csr.go: DELETED → csr "name" was deleted', () => {
  assert.equal(certificateWaitDecision('DELETED', csr([]), req), { kind: 'error', code: 'CSR_DELETED', message: 'csr "csr-abc" was deleted' });
});

test.run();
