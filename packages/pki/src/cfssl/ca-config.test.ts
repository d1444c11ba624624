import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveUsages } from '../key-usage.js';
import { cfsslTestdata, throwsCode } from '../testing.js';
import { x509 } from '../x509.js';
import { cfsslDefaultProfile, defaultSigningProfile, parseCaConfig, resolveProfile } from './ca-config.js';

const hour = 3_600_000;

const config = (profiles: string, def = '{"expiry":"168h"}') => `{"signing":{"default":${def},"profiles":${profiles}}}`;

test("the article's ca-config.json: profile kubernetes, 87600h, signing/key encipherment/server auth/client auth", () => {
  const parsed = parseCaConfig(cfsslTestdata('ca-config.json'), 'ca-config.json');
  assert.is(parsed.source, 'ca-config.json');
  assert.equal(Object.keys(parsed.signing.profiles), ['kubernetes']);
  const profile = resolveProfile(parsed, 'kubernetes', 'ca-config.json');
  assert.equal(profile, { usages: ['signing', 'key encipherment', 'server auth', 'client auth'], ttlMs: 87_600 * hour, style: 'cfssl' });
  const usages = resolveUsages(profile.usages);
  assert.is(usages.keyUsage, x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment);
  assert.equal(usages.extKeyUsages, ['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
});

test('no -profile: the default profile, which in the article has no usages — cfssl refuses to sign with it', () => {
  const parsed = parseCaConfig(cfsslTestdata('ca-config.json'), 'ca-config.json');
  assert.is(parsed.signing.default.expiryMs, 87_600 * hour);
  const message = throwsCode(() => resolveProfile(parsed, undefined), 'CFSSL_INVALID');
  assert.match(message, 'ca-config.json: /signing/default/usages: the profile has no usages');
  assert.match(message, 'no key usage available');
  assert.throws(() => resolveProfile(parsed, ''), /no usages/, '"" is no profile, as in cfssl');
});

test('no signing.default: config.DefaultConfig (8760h; signing, key encipherment, server auth, client auth)', () => {
  const parsed = parseCaConfig('{"signing":{"profiles":{"p":{"usages":["client auth"],"expiry":"1h"}}}}');
  assert.equal(parsed.signing.default.usages, cfsslDefaultProfile.usages);
  assert.equal(resolveProfile(parsed, undefined), { usages: ['signing', 'key encipherment', 'server auth', 'client auth'], ttlMs: 8760 * hour, style: 'cfssl' });
  assert.equal(defaultSigningProfile(), resolveProfile(parsed, undefined));
});

test('expiry "0" takes the default profile\'s expiry (signer.FillTemplate)', () => {
  const parsed = parseCaConfig(config('{"short":{"usages":["client auth"],"expiry":"0"}}', '{"expiry":"720h"}'));
  assert.is(resolveProfile(parsed, 'short').ttlMs, 720 * hour);
});

test('backdate and ca_constraint become the SigningProfile fields', () => {
  const parsed = parseCaConfig(
    config(`{
      "intermediate": {"usages": ["cert sign", "crl sign"], "expiry": "43800h", "ca_constraint": {"is_ca": true, "max_path_len": 1}},
      "leaf-ca": {"usages": ["cert sign"], "expiry": "1h", "ca_constraint": {"is_ca": true, "max_path_len": 0, "max_path_len_zero": true}},
      "open-ca": {"usages": ["cert sign"], "expiry": "1h", "backdate": "1h", "ca_constraint": {"is_ca": true}},
      "not-ca": {"usages": ["content committment"], "expiry": "1h", "backdate": "0s", "ca_constraint": {"is_ca": false, "max_path_len": 3}}
    }`),
  );
  assert.equal(resolveProfile(parsed, 'intermediate'), { usages: ['cert sign', 'crl sign'], ttlMs: 43_800 * hour, style: 'cfssl', isCA: true, maxPathLen: 1 });
  assert.equal(resolveProfile(parsed, 'leaf-ca').maxPathLen, 0);
  const open = resolveProfile(parsed, 'open-ca');
  assert.is(open.maxPathLen, undefined);
  assert.is(open.backdateMs, hour);
  const notCa = resolveProfile(parsed, 'not-ca');
  assert.is(notCa.isCA, undefined);
  assert.is(notCa.backdateMs, undefined, 'backdate 0 = cfssl default');
  assert.equal(notCa.usages, ['content commitment'], "cfssl's spelling maps to the Kubernetes one");
});

test('unknown profile: CFSSL_INVALID naming it and the available ones', () => {
  const parsed = parseCaConfig(config('{"kubernetes":{"usages":["signing"],"expiry":"1h"},"etcd":{"usages":["server auth"],"expiry":"1h"}}'), 'ca-config.json');
  assert.is(throwsCode(() => resolveProfile(parsed, 'kube'), 'CFSSL_INVALID'), 'ca-config.json: unknown profile "kube" (cfssl: Unknown policy profile); available: "kubernetes", "etcd"');
  assert.match(throwsCode(() => resolveProfile(parsed, 'toString', 'cfg.json'), 'CFSSL_INVALID'), /^cfg\.json: unknown profile "toString"/);
  const none = parseCaConfig('{"signing":{"default":{"expiry":"1h"}}}', 'c.json');
  assert.match(throwsCode(() => resolveProfile(none, 'kubernetes'), 'CFSSL_INVALID'), /^c\.json: unknown profile "kubernetes" .*it defines no profiles$/);
});

test('bad expiry: DURATION_INVALID naming source and path, with Go\'s wording', () => {
  const message = throwsCode(() => parseCaConfig(config('{"kubernetes":{"usages":["signing"],"expiry":"10y"}}'), 'ca-config.json'), 'DURATION_INVALID');
  assert.match(message, /^ca-config\.json: \/signing\/profiles\/kubernetes\/expiry: time: invalid duration "10y"/);
  assert.match(throwsCode(() => parseCaConfig('{"signing":{"default":{"expiry":"1 year"}}}', 'ca-config.json'), 'DURATION_INVALID'), /^ca-config\.json: \/signing\/default\/expiry: time: invalid duration "1 year"/);
  assert.match(throwsCode(() => parseCaConfig(config('{"p":{"usages":["signing"],"expiry":"1h","backdate":"5 min"}}'), 'x.json'), 'DURATION_INVALID'), /^x\.json: \/signing\/profiles\/p\/backdate: time: invalid duration/);
});

test('missing, zero or negative expiry: CFSSL_INVALID as cfssl\'s populate / validProfile', () => {
  assert.match(throwsCode(() => parseCaConfig(config('{"p":{"usages":["signing"]}}'), 'ca-config.json'), 'CFSSL_INVALID'), /^ca-config\.json: \/signing\/profiles\/p\/expiry: empty expiry string/);
  assert.match(throwsCode(() => parseCaConfig('{"signing":{"default":{"usages":["signing"]}}}', 'c.json'), 'CFSSL_INVALID'), /^c\.json: \/signing\/default\/expiry: empty expiry string/);
  assert.match(throwsCode(() => parseCaConfig('{"signing":{"default":{"expiry":"0s"}}}', 'c.json'), 'CFSSL_INVALID'), /^c\.json: \/signing\/default\/expiry: the lifetime must be positive/);
  assert.match(throwsCode(() => parseCaConfig(config('{"p":{"usages":["signing"],"expiry":"-5m"}}'), 'c.json'), 'CFSSL_INVALID'), /\/signing\/profiles\/p\/expiry: the lifetime must be positive/);
});

test('usages: unknown ones are USAGE_UNKNOWN with their index; a named profile needs one', () => {
  const message = throwsCode(() => parseCaConfig(config('{"kubernetes":{"usages":["signing","server-auth"],"expiry":"1h"}}'), 'ca-config.json'), 'USAGE_UNKNOWN');
  assert.match(message, /^ca-config\.json: \/signing\/profiles\/kubernetes\/usages\/1: unknown usage "server-auth" \(cfssl knows: signing, /);
  assert.match(throwsCode(() => parseCaConfig(config('{"p":{"usages":[],"expiry":"1h"}}'), 'c.json'), 'CFSSL_INVALID'), /^c\.json: \/signing\/profiles\/p\/usages: a profile needs at least one usage/);
  assert.match(throwsCode(() => parseCaConfig(config('{"p":{"expiry":"1h"}}'), 'c.json'), 'CFSSL_INVALID'), /\/signing\/profiles\/p\/usages: a profile needs at least one usage/);
});

test('schema: unknown fields and wrong types anywhere, a missing signing section', () => {
  assert.is(throwsCode(() => parseCaConfig('{}', 'ca-config.json'), 'CFSSL_INVALID'), 'ca-config.json: /signing: required field is missing');
  assert.is(throwsCode(() => parseCaConfig('{"signing":{"default":{"expiry":"1h"}},"auth_keys":{}}', 'c.json'), 'CFSSL_INVALID'), 'c.json: /auth_keys: unknown field "auth_keys"');
  assert.is(
    throwsCode(() => parseCaConfig(config('{"kubernetes":{"usages":["signing"],"expiry":"1h","usage":["x"]}}'), 'c.json'), 'CFSSL_INVALID'),
    'c.json: /signing/profiles/kubernetes/usage: unknown field "usage"',
  );
  assert.is(throwsCode(() => parseCaConfig(config('{"k":{"usages":"signing","expiry":"1h"}}'), 'c.json'), 'CFSSL_INVALID'), 'c.json: /signing/profiles/k/usages: must be array');
  assert.is(throwsCode(() => parseCaConfig(config('{"k":{"usages":["signing"],"expiry":87600}}'), 'c.json'), 'CFSSL_INVALID'), 'c.json: /signing/profiles/k/expiry: must be string');
  assert.is(
    throwsCode(() => parseCaConfig(config('{"k":{"usages":["cert sign"],"expiry":"1h","ca_constraint":{"is_ca":"yes"}}}'), 'c.json'), 'CFSSL_INVALID'),
    'c.json: /signing/profiles/k/ca_constraint/is_ca: must be boolean',
  );
  // A profile name with "/" is escaped in the pointer (RFC 6901).
  assert.match(throwsCode(() => parseCaConfig(config('{"a/b":{"usages":["signing"],"expiry":"2x"}}'), 'c.json'), 'DURATION_INVALID'), /\/signing\/profiles\/a~1b\/expiry/);
  assert.match(throwsCode(() => parseCaConfig('{"signing": {', 'c.json'), 'CFSSL_INVALID'), /^c\.json:1:14: invalid JSON/);
});

test.run();
