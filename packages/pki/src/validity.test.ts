/**
 * Validity windows. kubernetes style ports k8s.io/kubernetes
 * pkg/controller/certificates/authority/policies.go (PermissiveSigningPolicy.apply) and the
 * TestCertificateAuthority table of authority_test.go, with the kube-controller-manager signer's
 * settings Backdate 5m and Short 8h (pkg/controller/certificates/signer/signer.go);
 * restated in shared/reference/k8s-csr-kubelet.md "Certificate contents".
 * cfssl style ports cfssl signer/signer.go FillTemplate.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { PkiErrorCode } from './errors.js';
import { throwsCode } from './testing.js';
import { decideValidity, defaultBackdateMs, shortCertThresholdMs, type ValidityInput } from './validity.js';

const minute = 60_000;
const hour = 60 * minute;
const now = new Date('2026-01-01T00:00:00Z');
const at = (ms: number) => new Date(now.getTime() + ms);
const farCa = at(10 * 365 * 24 * hour);

function window(input: Partial<ValidityInput>): { notBefore: number; notAfter: number } {
  const v = decideValidity({ now, ttlMs: hour, caNotAfter: farCa, ...input });
  return { notBefore: v.notBefore.getTime() - now.getTime(), notAfter: v.notAfter.getTime() - now.getTime() };
}

function refused(input: Partial<ValidityInput>, code: PkiErrorCode, message: string): void {
  assert.is(throwsCode(() => decideValidity({ now, ttlMs: hour, caNotAfter: farCa, ...input }), code), message);
}

test('constants: 5 minute backdate, 8 hour short-certificate threshold', () => {
  assert.is(defaultBackdateMs, 5 * minute);
  assert.is(shortCertThresholdMs, 8 * hour);
});

test('TestSigner: TTL 1h is short, NotBefore = now - 5m, NotAfter = now + 1h', () => {
  assert.equal(window({ ttlMs: hour }), { notBefore: -5 * minute, notAfter: hour });
});

test('authority_test "backdate with short and super small ttl": TTL 1m, NotAfter = now + 1m', () => {
  assert.equal(window({ ttlMs: minute }), { notBefore: -5 * minute, notAfter: minute });
});

test('authority_test "backdate with short but longer ttl": TTL 24h, NotAfter = now + 24h - 5m', () => {
  assert.equal(window({ ttlMs: 24 * hour }), { notBefore: -5 * minute, notAfter: 24 * hour - 5 * minute });
});

test('the short rule is TTL < 8h: exactly 8h is backdated, 8h - 1ms is not', () => {
  assert.equal(window({ ttlMs: 8 * hour }), { notBefore: -5 * minute, notAfter: 8 * hour - 5 * minute });
  assert.equal(window({ ttlMs: 8 * hour - 1 }), { notBefore: -5 * minute, notAfter: 8 * hour - 1 });
  // the kube-controller-manager default --cluster-signing-duration, one year
  assert.equal(window({ ttlMs: 8760 * hour }), { notBefore: -5 * minute, notAfter: 8760 * hour - 5 * minute });
});

test('authority_test "ca info": no backdate, NotBefore = now, NotAfter = now + 1h', () => {
  assert.equal(window({ ttlMs: hour, backdateMs: 0 }), { notBefore: 0, notAfter: hour });
});

test('authority_test "truncate expiration": TTL 48h under a CA ending in 24h, NotAfter = CA NotAfter', () => {
  assert.equal(window({ ttlMs: 48 * hour, backdateMs: 0, caNotAfter: at(24 * hour) }), { notBefore: 0, notAfter: 24 * hour });
  // also when the backdated end would pass the CA's end
  assert.equal(window({ ttlMs: 24 * hour, caNotAfter: at(2 * hour) }), { notBefore: -5 * minute, notAfter: 2 * hour });
  // and exactly at it
  assert.equal(window({ ttlMs: hour, caNotAfter: at(hour) }), { notBefore: -5 * minute, notAfter: hour });
});

test('authority_test "expired ca": NotBefore not before the CA NotAfter → the signer has expired', () => {
  refused({ backdateMs: 0, caNotAfter: now }, 'SIGNER_EXPIRED', 'the signer has expired: NotAfter=2026-01-01 00:00:00 +0000 UTC');
  refused({ caNotAfter: at(-10 * minute) }, 'SIGNER_EXPIRED', 'the signer has expired: NotAfter=2025-12-31 23:50:00 +0000 UTC');
});

test('authority_test "expired ca with backdate": now not before the CA NotAfter → refusing to sign', () => {
  refused({ caNotAfter: now }, 'SIGNER_EXPIRED', 'refusing to sign a certificate that expired in the past: NotAfter=2026-01-01 00:00:00 +0000 UTC');
  refused({ caNotAfter: at(-1 * minute) }, 'SIGNER_EXPIRED', 'refusing to sign a certificate that expired in the past: NotAfter=2025-12-31 23:59:00 +0000 UTC');
});

test('a CA that ends one millisecond after now still signs, up to its end', () => {
  assert.equal(window({ caNotAfter: at(1) }), { notBefore: -5 * minute, notAfter: 1 });
});

test('a duration that is not positive is SIGN_INVALID', () => {
  refused({ ttlMs: 0 }, 'SIGN_INVALID', 'invalid certificate duration 0 ms: it must be positive');
  refused({ ttlMs: -hour }, 'SIGN_INVALID', `invalid certificate duration ${-hour} ms: it must be positive`);
  refused({ ttlMs: Number.NaN }, 'SIGN_INVALID', 'invalid certificate duration NaN ms: it must be positive');
});

test('cfssl FillTemplate: NotBefore = now rounded to the minute - 5m, NotAfter = NotBefore + expiry', () => {
  const cfssl = (nowIso: string, ttlMs: number, extra: Partial<ValidityInput> = {}) => {
    const v = decideValidity({ now: new Date(nowIso), ttlMs, caNotAfter: farCa, style: 'cfssl', ...extra });
    return [v.notBefore.toISOString(), v.notAfter.toISOString()];
  };
  assert.equal(cfssl('2026-01-01T00:00:00Z', 8760 * hour), ['2025-12-31T23:55:00.000Z', '2026-12-31T23:55:00.000Z']);
  // Go's Time.Round rounds halves up
  assert.equal(cfssl('2026-01-01T00:00:29.999Z', hour), ['2025-12-31T23:55:00.000Z', '2026-01-01T00:55:00.000Z']);
  assert.equal(cfssl('2026-01-01T00:00:30Z', hour), ['2025-12-31T23:56:00.000Z', '2026-01-01T00:56:00.000Z']);
  // no short-certificate rule in cfssl: 1h is still NotBefore + 1h
  assert.equal(cfssl('2026-01-01T00:00:00Z', hour, { backdateMs: 0 }), ['2026-01-01T00:00:00.000Z', '2026-01-01T01:00:00.000Z']);
  // not capped at the CA's end: cfssl 1.2.0 gives the article's kube-proxy 10 years under a 5-year CA
  assert.equal(cfssl('2026-01-01T00:00:00Z', 48 * hour, { caNotAfter: at(hour) }), ['2025-12-31T23:55:00.000Z', '2026-01-02T23:55:00.000Z']);
});

test('cfssl style signs even under an expired CA, as cfssl does (no refusal)', () => {
  const v = decideValidity({ now, ttlMs: hour, caNotAfter: at(-hour), style: 'cfssl' });
  assert.is(v.notAfter.toISOString(), '2026-01-01T00:55:00.000Z');
});

test.run();
