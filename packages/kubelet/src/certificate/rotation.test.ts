// k8s.io/client-go/util/certificate/certificate_manager.go: nextRotationDeadline / jitteryDuration
// (certificate_manager_test.go TestSetRotationDeadline: the deadline lies in [70 %, 90 %] of the
// lifetime after NotBefore), certSatisfiesTemplate (TestCertSatisfiesTemplate), the backoff of
// Start, and DefaultKubeletClientGetUsages / DefaultKubeletServingGetUsages.
import type { Certificate } from '@tlsboot/pki';
import { Backoff, SeededRandom } from '@tlsboot/util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { certSatisfiesTemplate, kubeletClientUsages, kubeletServingUsages, nextRotationDeadline, rotationBackoff, rotationPollIntervalMs } from './rotation.js';

const notBefore = Date.UTC(2026, 0, 1);
const lifetime = 365 * 24 * 3600_000;

function cert(subject: Certificate['subject'], sans: Certificate['subjectAltNames'] = {}): Certificate {
  return { subject, subjectAltNames: sans, notBefore: new Date(notBefore), notAfter: new Date(notBefore + lifetime) } as Certificate;
}

const node = { commonName: 'system:node:n1', organizations: ['system:nodes'] };

test('certificate_manager.go TestSetRotationDeadline: the deadline is NotBefore + [70 %, 90 %) of the lifetime, spread over the range', () => {
  let min = Infinity;
  let max = -Infinity;
  for (let seed = 0; seed < 2000; seed++) {
    const d = nextRotationDeadline({ force: false, cert: cert(node), template: node, random: new SeededRandom(seed) });
    assert.ok(d.kind === 'at');
    const f = (d.deadlineMs - notBefore) / lifetime;
    assert.ok(f >= 0.7 - 1e-9 && f < 0.9, String(f));
    assert.is(d.notAfterMs, notBefore + lifetime);
    min = Math.min(min, f);
    max = Math.max(max, f);
  }
  assert.ok(min < 0.71 && max > 0.89, `${min} … ${max}`);
});

test('certificate_manager.go nextRotationDeadline: now when forced, when there is no certificate, or when it misses the template', () => {
  const random = new SeededRandom(1);
  assert.equal(nextRotationDeadline({ force: true, cert: cert(node), template: node, random }), { kind: 'now', reason: 'forced' });
  assert.equal(nextRotationDeadline({ force: false, cert: undefined, template: node, random }), { kind: 'now', reason: 'template-mismatch' });
  assert.equal(nextRotationDeadline({ force: false, cert: cert({ commonName: 'system:node:other', organizations: ['system:nodes'] }), template: node, random }), { kind: 'now', reason: 'template-mismatch' });
});

test('certificate_manager.go TestCertSatisfiesTemplate: CN equal; template DNS names, IPs and organizations all present (extra ones are fine)', () => {
  const t = { commonName: 'system:node:n1', organizations: ['system:nodes'], dnsNames: ['n1'], ipAddresses: ['10.0.0.1'] };
  assert.ok(certSatisfiesTemplate(cert({ commonName: 'system:node:n1', organizations: ['system:nodes', 'extra'] }, { dnsNames: ['n1', 'x'], ipAddresses: ['10.0.0.1'] }), t));
  assert.not.ok(certSatisfiesTemplate(cert({ commonName: 'system:node:n1', organizations: ['system:nodes'] }, { dnsNames: ['n1'] }), t), 'missing IP');
  assert.not.ok(certSatisfiesTemplate(cert({ commonName: 'system:node:n1', organizations: [] }, { dnsNames: ['n1'], ipAddresses: ['10.0.0.1'] }), t), 'missing O');
  assert.not.ok(certSatisfiesTemplate(undefined, t));
  assert.ok(certSatisfiesTemplate(cert(node), undefined), 'no template: nothing to satisfy');
});

test('certificate_manager.go Start: backoff 2 s doubling with 10 % jitter over 5 attempts (4 sleeps), then a 32 s poll', () => {
  const b = new Backoff(rotationBackoff);
  const random = new SeededRandom(3);
  const sleeps: number[] = [];
  // wait.ExponentialBackoff: condition, then (unless it was the last step) sleep Step()
  while (b.steps > 0) {
    if (b.steps === 1) break;
    sleeps.push(b.step(random));
  }
  assert.is(sleeps.length, 4);
  [2000, 4000, 8000, 16000].forEach((base, i) => assert.ok(sleeps[i]! >= base && sleeps[i]! < base * 1.1, `${i}: ${sleeps[i]}`));
  assert.is(rotationPollIntervalMs, 32_000);
});

test('certificate_manager.go DefaultKubeletClientGetUsages / DefaultKubeletServingGetUsages: key encipherment only for RSA', () => {
  assert.equal(kubeletClientUsages('ecdsa-p256'), ['digital signature', 'client auth']);
  assert.equal(kubeletClientUsages('rsa-2048'), ['digital signature', 'key encipherment', 'client auth']);
  assert.equal(kubeletServingUsages('ecdsa-p256'), ['digital signature', 'server auth']);
  assert.equal(kubeletServingUsages('rsa-2048'), ['digital signature', 'key encipherment', 'server auth']);
});

test.run();
