// Reading token Secrets: TestGetSecretString, TestParseSecretName and TestGetGroups
// (staging/src/k8s.io/cluster-bootstrap/util/secrets/secrets_test.go), and GetExpiration's rules
// (reference/k8s-authn-authz.md §1.4).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Secret } from '../core-v1.js';
import { BootstrapTokenError } from './errors.js';
import { getBootstrapGroups, getExpiration, getSecretData, hasExpired, hasNoData, parseBootstrapTokenSecretName } from './secret-data.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const secret = (data?: Record<string, string>, name = 'test'): Secret => ({
  metadata: { name, namespace: 'kube-system' },
  type: 'bootstrap.kubernetes.io/token',
  ...(data ? { data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)])) } : {}),
});

test('secrets_test.go TestGetSecretString: the decoded value, or "" for a missing key or no data', () => {
  assert.is(getSecretData(secret({ foo: 'bar' }), 'foo'), 'bar');
  assert.is(getSecretData(secret({ foo: 'bar' }), 'baz'), '');
  assert.is(getSecretData(secret(), 'foo'), '');
  assert.ok(hasNoData(secret()));
  assert.ok(hasNoData(secret({})), 'an empty map reads back as nil from storage');
  assert.not.ok(hasNoData(secret({ a: '' })));
});

test('secrets_test.go TestParseSecretName', () => {
  assert.is(parseBootstrapTokenSecretName('bootstrap-token-abc123'), 'abc123');
  for (const bad of ['', 'abc123', 'bootstrap-token-', 'bootstrap-token-abc', 'bootstrap-token-abc123ghi', 'bootstrap-token-ABC123']) {
    assert.is(parseBootstrapTokenSecretName(bad), undefined, bad);
  }
});

test('secrets_test.go TestGetGroups: default group always, sorted, de-duplicated; one bad group fails all', () => {
  assert.equal(getBootstrapGroups(secret({})), ['system:bootstrappers']);
  assert.equal(getBootstrapGroups(secret({ 'auth-extra-groups': '' })), ['system:bootstrappers']);
  assert.throws(() => getBootstrapGroups(secret({ 'auth-extra-groups': 'foo' })), (e: unknown) => e instanceof BootstrapTokenError && e.code === 'GROUP_INVALID');
  assert.equal(getBootstrapGroups(secret({ 'auth-extra-groups': 'system:bootstrappers:foo,system:bootstrappers:bar,system:bootstrappers:bar' })), [
    'system:bootstrappers',
    'system:bootstrappers:bar',
    'system:bootstrappers:foo',
  ]);
});

test('GetGroups: no trimming — a space after the comma rejects the token; the message names the group', () => {
  try {
    getBootstrapGroups(secret({ 'auth-extra-groups': 'system:bootstrappers:a, system:bootstrappers:b' }));
    assert.unreachable();
  } catch (e) {
    assert.is((e as Error).message, 'bootstrap group " system:bootstrappers:b" is invalid (must match \\Asystem:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]\\z)');
  }
  assert.throws(() => getBootstrapGroups(secret({ 'auth-extra-groups': 'system:bootstrappers:a,' })), /bootstrap group "" is invalid/);
});

test('GetExpiration: none never expires; past or exactly now is expired with its log line; unparseable is expired', () => {
  const now = new Date('2024-06-01T00:00:00Z');
  assert.equal(getExpiration(secret({}), now), { remainingMs: 0, expired: false });
  assert.equal(getExpiration(secret({ expiration: '' }), now), { remainingMs: 0, expired: false });
  assert.equal(getExpiration(secret({ expiration: '2024-06-01T01:00:00Z' }), now), { remainingMs: 3_600_000, expired: false });
  assert.equal(getExpiration(secret({ expiration: '2009-11-10T23:00:00Z' }), now), {
    remainingMs: 0,
    expired: true,
    reason: 'Expired bootstrap token in kube-system/test Secret: 2009-11-10T23:00:00Z',
  });
  assert.ok(hasExpired(secret({ expiration: '2024-06-01T00:00:00Z' }), now), 'the exact instant counts as expired');
  assert.not.ok(hasExpired(secret({ expiration: '2024-06-01T00:00:01Z' }), now));
  assert.equal(getExpiration(secret({ expiration: '2030-01-01' }), now), {
    remainingMs: 0,
    expired: true,
    reason:
      'Unparseable expiration time (2030-01-01) in kube-system/test Secret: parsing time "2030-01-01" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T". Treating as expired.',
  });
  assert.ok(hasExpired(secret({ expiration: 'tomorrow' }), now));
});

test.run();
