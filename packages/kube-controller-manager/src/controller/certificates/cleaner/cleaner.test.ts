// Ports the table of kubernetes/kubernetes pkg/controller/certificates/cleaner/cleaner_test.go
// (TestCleanerWithApprovedExpiredCSR: which CSRs one pass deletes) onto the pure
// cleanupDecision and the CSRCleanerController pass, and checks the hourly polling on a VirtualClock.
import type { CertificateSigningRequest, CertificateSigningRequestCondition } from '@tlsboot/api';
import type { Informer } from '@tlsboot/client';
import { createCertificateAuthority } from '@tlsboot/pki';
import { Hour, Minute, VirtualClock } from '@tlsboot/util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CSRCleanerController } from './cleaner.js';
import { cleanupDecision } from './cleanup-rules.js';

const now = Date.UTC(2024, 5, 1, 12);
const ago = (ms: number): string => new Date(now - ms).toISOString();
const b64 = (s: string): string => Buffer.from(s).toString('base64');

// a certificate valid for an hour from 10 minutes ago, and one that expired a minute ago
const unexpired = (await createCertificateAuthority({ subject: { commonName: 'leaf' }, now: new Date(now - 10 * Minute), validityMs: Hour })).certificate.pem;
const expired = (await createCertificateAuthority({ subject: { commonName: 'leaf' }, now: new Date(now - 2 * Hour), validityMs: Hour - Minute })).certificate.pem;

function csr(name: string, created: string, conditions: CertificateSigningRequestCondition[], certificate?: string): CertificateSigningRequest {
  const status: CertificateSigningRequest['status'] = { conditions };
  if (certificate !== undefined) status.certificate = certificate;
  return { apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: { name, creationTimestamp: created }, spec: { request: '', signerName: 'kubernetes.io/kube-apiserver-client-kubelet' }, status };
}
const cond = (type: string, lastUpdateTime?: string): CertificateSigningRequestCondition => ({ type, status: 'True', ...(lastUpdateTime ? { lastUpdateTime } : {}) });

const table: Array<[string, CertificateSigningRequest, string | undefined]> = [
  ['no delete approved not passed deadline', csr('a', ago(5 * Minute), [cond('Approved', ago(5 * Minute))], b64(unexpired)), undefined],
  ['no delete approved passed deadline not issued', csr('b', ago(5 * Minute), [cond('Approved', ago(2 * Hour))]), undefined],
  ['delete approved passed deadline', csr('c', ago(2 * Hour), [cond('Approved', ago(2 * Hour))], b64(unexpired)), 'issued-past-deadline'],
  ['no delete denied not passed deadline', csr('d', ago(5 * Minute), [cond('Denied', ago(5 * Minute))]), undefined],
  ['delete denied passed deadline', csr('e', ago(2 * Hour), [cond('Denied', ago(2 * Hour))]), 'denied-past-deadline'],
  ['no delete failed not passed deadline', csr('f', ago(5 * Minute), [cond('Failed', ago(5 * Minute))]), undefined],
  ['delete failed passed deadline', csr('g', ago(2 * Hour), [cond('Failed', ago(2 * Hour))]), 'failed-past-deadline'],
  ['no delete pending not passed deadline', csr('h', ago(5 * Minute), []), undefined],
  ['no delete pending at 23h', csr('h2', ago(23 * Hour), []), undefined],
  ['delete pending passed deadline', csr('i', ago(25 * Hour), []), 'pending-past-deadline'],
  ['no delete approved not passed deadline unexpired', csr('j', ago(5 * Minute), [cond('Approved', ago(5 * Minute))], b64(unexpired)), undefined],
  ['delete approved not passed deadline expired', csr('k', ago(5 * Minute), [cond('Approved', ago(5 * Minute))], b64(expired)), 'issued-expired'],
  ['no delete approved with an unparsable certificate', csr('l', ago(5 * Minute), [cond('Approved', ago(5 * Minute))], b64('not a certificate')), undefined],
  ['no delete denied without lastUpdateTime (zero time is never old)', csr('m', ago(48 * Hour), [cond('Denied')]), undefined],
  ['no delete approved-unissued, however old', csr('n', ago(48 * Hour), [cond('Approved', ago(47 * Hour))]), undefined],
  ['no delete pending with a condition other than approval (not "no conditions")', csr('o', ago(48 * Hour), [{ type: 'Custom', status: 'True' }]), undefined],
];

for (const [name, obj, rule] of table) {
  test(`cleaner_test.go: ${name}`, () => {
    assert.is(cleanupDecision(obj, now)?.rule, rule);
  });
}

test('cleaner.go: exactly 1 h after lastUpdateTime is not yet "older than" (strict)', () => {
  assert.is(cleanupDecision(csr('x', ago(Hour), [cond('Denied', ago(Hour))]), now), undefined);
  assert.is(cleanupDecision(csr('x', ago(Hour), [cond('Denied', ago(Hour + 1))]), now)?.rule, 'denied-past-deadline');
});

function fakeInformer(items: CertificateSigningRequest[]): Informer<CertificateSigningRequest> {
  return { list: () => items, waitForSync: async () => {} } as unknown as Informer<CertificateSigningRequest>;
}

test('cleaner.go Run: a pass at start and then every hour on the component clock; deletes only what the rules collect', async () => {
  const clock = new VirtualClock({ start: now });
  const items = table.map(([, obj]) => obj);
  const deleted: string[] = [];
  const events: string[] = [];
  const cleaner = new CSRCleanerController({
    client: { deleteCSR: async (name: string) => void deleted.push(name) },
    informer: fakeInformer(items),
    clock,
    emit: (e) => void (e.type === 'csr.cleaned' && events.push(`${e.csr}:${e.rule}`)),
  });
  await cleaner.run();
  await new Promise((r) => setImmediate(r));
  assert.equal(deleted, ['c', 'e', 'g', 'i', 'k']);
  assert.ok(events.includes('k:issued-expired'));
  // the pending one at 23 h is collected on a pass after another hour (24 h + 1 h > 24 h)
  items.splice(0, items.length, csr('h2', ago(23 * Hour + 30 * Minute), []));
  await clock.advance(59 * Minute);
  assert.equal(deleted.length, 5);
  await clock.advance(Minute);
  await new Promise((r) => setImmediate(r));
  assert.equal(deleted, ['c', 'e', 'g', 'i', 'k', 'h2']);
  await cleaner.stop();
  assert.is(clock.pendingTimers, 0);
});

test('cleaner.go handle: a failed delete is reported as `unable to delete CSR "NAME": …` and the pass goes on', async () => {
  const clock = new VirtualClock({ start: now });
  const errors: string[] = [];
  const cleaner = new CSRCleanerController({
    client: { deleteCSR: async () => Promise.reject(new Error('boom')) },
    informer: fakeInformer([csr('e', ago(2 * Hour), [cond('Denied', ago(2 * Hour))]), csr('g', ago(2 * Hour), [cond('Failed', ago(2 * Hour))])]),
    clock,
    handleError: (err) => void errors.push((err as Error).message),
  });
  await cleaner.worker();
  assert.equal(errors, ['Error while attempting to clean CSR "e": unable to delete CSR "e": boom', 'Error while attempting to clean CSR "g": unable to delete CSR "g": boom']);
});

test.run();
