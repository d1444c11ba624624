// kubeadm's token Secret: TestNewBootstrapTokenString, TestEncodeTokenSecretData,
// TestBootstrapTokenToSecret(Roundtrip) and TestBootstrapTokenFromSecret
// (cmd/kubeadm/app/apis/bootstraptoken/v1/utils_test.go).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Secret } from '../core-v1.js';
import { BootstrapTokenError } from './errors.js';
import type { BootstrapToken } from './kubeadm-token-secret.js';
import { bootstrapTokenFromSecret, bootstrapTokenStringText, bootstrapTokenToSecret, encodeTokenSecretData, newBootstrapTokenString } from './kubeadm-token-secret.js';
import { goTimeFromDate } from './rfc3339.js';

/** refTime of utils_test.go: 1970-01-01 01:01:01 UTC. */
const refTime = new Date(Date.UTC(1970, 0, 1, 1, 1, 1));
const token = { id: 'abcdef', secret: 'abcdef0123456789' };
const b64 = (s: string): string => Buffer.from(s).toString('base64');
const encoded = (data: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)]));

test('utils_test.go TestNewBootstrapTokenString: the 16 upstream cases', () => {
  const bad = ['', '.', '1234567890123456789012', '12345.1234567890123456', '.1234567890123456', '123456.', '123456:1234567890.123456', 'abcdef:1234567890123456', 'Abcdef.1234567890123456', '123456.AABBCCDDEEFFGGHH', '123456.AABBCCD-EEFFGGHH', 'abc*ef.1234567890123456'];
  for (const t of bad) assert.throws(() => newBootstrapTokenString(t), (e: unknown) => e instanceof BootstrapTokenError && e.code === 'TOKEN_INVALID', t);
  assert.equal(newBootstrapTokenString('abcdef.1234567890123456'), { id: 'abcdef', secret: '1234567890123456' });
  assert.equal(newBootstrapTokenString('123456.aabbccddeeffgghh'), { id: '123456', secret: 'aabbccddeeffgghh' });
  assert.equal(newBootstrapTokenString('abcdef.abcdef0123456789'), { id: 'abcdef', secret: 'abcdef0123456789' });
  assert.equal(newBootstrapTokenString('123456.1234560123456789'), { id: '123456', secret: '1234560123456789' });
  assert.throws(() => newBootstrapTokenString('f.s'), /^the bootstrap token "f\.s" was not of the form "\\\\A\(\[a-z0-9\]\{6\}\)/);
});

test('utils_test.go TestTokenFromIDAndSecret: String() of a token', () => {
  assert.is(bootstrapTokenStringText({ id: 'foo', secret: 'bar' }), 'foo.bar');
  assert.is(bootstrapTokenStringText(token), 'abcdef.abcdef0123456789');
  assert.is(bootstrapTokenStringText({ id: '', secret: 'bar' }), '');
});

test('utils_test.go TestEncodeTokenSecretData: the 8 upstream cases', () => {
  const cases: [string, Omit<BootstrapToken, 'token'>, Record<string, string>][] = [
    ['the minimum amount of information needed to be specified', {}, {}],
    ['adds description', { description: 'foo' }, { description: 'foo' }],
    ['adds ttl', { ttlMs: 2 * 3_600_000 }, { expiration: '1970-01-01T03:01:01Z' }],
    ['adds expiration', { expires: goTimeFromDate(refTime) }, { expiration: '1970-01-01T01:01:01Z' }],
    ['adds ttl and expiration, should favor expiration', { ttlMs: 2 * 3_600_000, expires: goTimeFromDate(refTime) }, { expiration: '1970-01-01T01:01:01Z' }],
    ['adds usages', { usages: ['authentication', 'signing'] }, { 'usage-bootstrap-signing': 'true', 'usage-bootstrap-authentication': 'true' }],
    ['adds groups', { groups: ['system:bootstrappers', 'system:bootstrappers:foo'] }, { 'auth-extra-groups': 'system:bootstrappers,system:bootstrappers:foo' }],
    [
      'all together',
      { description: 'foo', ttlMs: 2 * 3_600_000, expires: goTimeFromDate(refTime), usages: ['authentication', 'signing'], groups: ['system:bootstrappers', 'system:bootstrappers:foo'] },
      {
        description: 'foo',
        expiration: '1970-01-01T01:01:01Z',
        'usage-bootstrap-signing': 'true',
        'usage-bootstrap-authentication': 'true',
        'auth-extra-groups': 'system:bootstrappers,system:bootstrappers:foo',
      },
    ],
  ];
  for (const [name, extra, data] of cases) {
    assert.equal(encodeTokenSecretData({ token, ...extra }, refTime), encoded({ 'token-id': 'abcdef', 'token-secret': 'abcdef0123456789', ...data }), name);
  }
});

test('encodeTokenSecretData: a TTL of 0 or below writes no expiration; an expiration in another offset is written in UTC; keys sorted', () => {
  assert.equal(Object.keys(encodeTokenSecretData({ token, ttlMs: 0 }, refTime)), ['token-id', 'token-secret']);
  assert.equal(Object.keys(encodeTokenSecretData({ token, ttlMs: -5000 }, refTime)), ['token-id', 'token-secret']);
  const data = encodeTokenSecretData({ token, expires: { unixMs: refTime.getTime(), nanos: 0, offsetSeconds: 3600 }, usages: ['signing'], description: 'd' }, refTime);
  assert.is(Buffer.from(data['expiration']!, 'base64').toString(), '1970-01-01T01:01:01Z');
  assert.equal(Object.keys(data), ['description', 'expiration', 'token-id', 'token-secret', 'usage-bootstrap-signing']);
});

test('utils_test.go TestBootstrapTokenToSecret and the roundtrip', () => {
  const bt: BootstrapToken = { token, description: 'foo', expires: goTimeFromDate(refTime), usages: ['signing', 'authentication'], groups: ['system:bootstrappers', 'system:bootstrappers:foo'] };
  const s = bootstrapTokenToSecret(bt, new Date());
  assert.equal(s, {
    kind: 'Secret',
    apiVersion: 'v1',
    metadata: { name: 'bootstrap-token-abcdef', namespace: 'kube-system' },
    type: 'bootstrap.kubernetes.io/token',
    data: encoded({
      'auth-extra-groups': 'system:bootstrappers,system:bootstrappers:foo',
      description: 'foo',
      expiration: '1970-01-01T01:01:01Z',
      'token-id': 'abcdef',
      'token-secret': 'abcdef0123456789',
      'usage-bootstrap-authentication': 'true',
      'usage-bootstrap-signing': 'true',
    }),
  });
  assert.equal(bootstrapTokenFromSecret(s), { ...bt, usages: ['authentication', 'signing'] });
});

const fromSecret = (name: string, data: Record<string, string>) =>
  bootstrapTokenFromSecret({ metadata: { name, namespace: 'kube-system' }, type: 'bootstrap.kubernetes.io/token', data: encoded(data) } as Secret);
const base = { 'token-id': 'abcdef', 'token-secret': 'abcdef0123456789' };
const secretErr = (name: string, data: Record<string, string>): string => {
  try {
    fromSecret(name, data);
  } catch (e) {
    assert.is((e as BootstrapTokenError).code, 'SECRET_INVALID');
    return (e as Error).message;
  }
  throw new Error('no error');
};

test('utils_test.go TestBootstrapTokenFromSecret: the 11 upstream cases', () => {
  const name = 'bootstrap-token-abcdef';
  assert.equal(fromSecret(name, base), { token });
  assert.match(secretErr(name, { ...base, 'token-id': 'abcdeF' }), /bootstrap token name is not of the form/);
  assert.is(secretErr('foo', base), `bootstrap token name is not of the form 'bootstrap-token-(token-id)'. Actual: "foo". Expected: "bootstrap-token-abcdef"`);
  assert.match(secretErr(name, { ...base, 'token-secret': 'ABCDEF0123456789' }), /^bootstrap Token Secret is invalid and couldn't be parsed: the bootstrap token "abcdef.ABCDEF0123456789" was not of the form/);
  assert.equal(fromSecret(name, { ...base, description: 'foo' }), { token, description: 'foo' });
  assert.equal(fromSecret(name, { ...base, expiration: '1970-01-01T01:01:01Z' }), { token, expires: goTimeFromDate(refTime) });
  assert.is(
    secretErr(name, { ...base, expiration: 'invalid date' }),
    `can't parse expiration time of bootstrap token "bootstrap-token-abcdef": parsing time "invalid date" as "2006-01-02T15:04:05Z07:00": cannot parse "invalid date" as "2006"`,
  );
  assert.equal(fromSecret(name, { ...base, 'usage-bootstrap-signing': 'true', 'usage-bootstrap-authentication': 'true' }), { token, usages: ['authentication', 'signing'] });
  assert.equal(
    fromSecret(name, { ...base, 'usage-bootstrap-signing': 'true', 'usage-bootstrap-authentication': 'true', 'usage-bootstrap-foo': 'false', 'usage-bootstrap-bar': '' }),
    { token, usages: ['authentication', 'signing'] },
    'should ignore usages that are not set to true',
  );
  assert.equal(fromSecret(name, { ...base, 'auth-extra-groups': 'system:bootstrappers,system:bootstrappers:foo' }), { token, groups: ['system:bootstrappers', 'system:bootstrappers:foo'] });
  assert.equal(
    fromSecret(name, {
      ...base,
      description: 'foo',
      expiration: '1970-01-01T01:01:01Z',
      'usage-bootstrap-signing': 'true',
      'usage-bootstrap-authentication': 'true',
      'auth-extra-groups': 'system:bootstrappers,system:bootstrappers:foo',
    }),
    { token, description: 'foo', expires: goTimeFromDate(refTime), usages: ['authentication', 'signing'], groups: ['system:bootstrappers', 'system:bootstrappers:foo'] },
  );
});

test('BootstrapTokenFromSecret: missing id or secret, and the offset of an expiration is kept', () => {
  assert.is(secretErr('bootstrap-token-abcdef', { 'token-secret': 'abcdef0123456789' }), 'bootstrap Token Secret has no token-id data: bootstrap-token-abcdef');
  assert.is(secretErr('bootstrap-token-abcdef', { 'token-id': 'abcdef' }), 'bootstrap Token Secret has no token-secret data: bootstrap-token-abcdef');
  assert.is(fromSecret('bootstrap-token-abcdef', { ...base, expiration: '2019-02-17T14:36:16+08:00' }).expires?.offsetSeconds, 8 * 3600);
  assert.is(fromSecret('bootstrap-token-abcdef', { ...base, 'auth-extra-groups': ',a' }).groups, undefined, 'an empty first group means none');
});

test.run();
