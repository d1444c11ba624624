// The JWT generator and authenticator: TestTokenGenerateAndValidate of kubernetes/kubernetes
// pkg/serviceaccount/jwt_test.go (legacy tokens, RSA and ECDSA keys, rotation, issuers, lookups),
// then hasCorrectIssuer, the payload bytes, the audience check and the claim decoding.
import type { KubeObject } from '@tlsboot/api';
import { VirtualClock } from '@tlsboot/util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { base64url, parseCompact } from './jws.js';
import { hasCorrectIssuer, jwtPayload, jwtTokenAuthenticator, jwtTokenGenerator, parsePublicClaims, quoteList, validateTimes } from './jwt.js';
import type { JWTResult, Validator } from './jwt.js';
import { legacyClaims, legacyIssuer, legacyTokenValidator } from './legacy.js';
import { serviceAccountUserInfo } from './service-account-info.js';
import { ecdsaKeyID, ecdsaPrivateKey, ecdsaPublicKey, otherPublicKey, privateKey, publicKey, rsaKeyID, rsaPrivateKey, rsaPublicKey } from './testing.js';
import type { ServiceAccountTokenGetter } from './token-getter.js';

const clock = new VirtualClock({ start: new Date('2024-01-01T00:00:00Z') });
const b64 = (s: string) => base64url(Buffer.from(s, 'utf8'));

const serviceAccount: KubeObject = { kind: 'ServiceAccount', apiVersion: 'v1', metadata: { name: 'my-service-account', uid: '12345', namespace: 'test' } };
const rsaSecret: KubeObject = { kind: 'Secret', apiVersion: 'v1', metadata: { name: 'my-rsa-secret', namespace: 'test' } };
const invalidAutoSecret: KubeObject = { kind: 'Secret', apiVersion: 'v1', metadata: { name: 'my-rsa-secret', namespace: 'test', labels: { 'kubernetes.io/legacy-token-invalid-since': '2022-12-20' } } };
const ecdsaSecret: KubeObject = { kind: 'Secret', apiVersion: 'v1', metadata: { name: 'my-ecdsa-secret', namespace: 'test' } };

/** A getter over a fixed set of objects, NotFound otherwise (the fake clientset of the upstream test). */
function fakeGetter(...objects: KubeObject[]): ServiceAccountTokenGetter {
  const find = (kind: string, namespace: string, name: string) => {
    const o = objects.find((x) => x.kind === kind && (x.metadata.namespace ?? '') === namespace && x.metadata.name === name);
    return o ? Promise.resolve(o) : Promise.reject(new Error(`${kind.toLowerCase()}s "${name}" not found`));
  };
  return {
    getServiceAccount: (ns, n) => find('ServiceAccount', ns, n),
    getPod: (ns, n) => find('Pod', ns, n),
    getSecret: (ns, n) => find('Secret', ns, n),
    getNode: (n) => find('Node', '', n),
  };
}

const withToken = (secret: KubeObject, token: string): KubeObject => ({ ...secret, data: { token: Buffer.from(token).toString('base64') } });

test('TestTokenGenerateAndValidate (jwt_test.go): legacy tokens against keys, issuers and lookups', async () => {
  const rsaKeys = await privateKey(rsaPrivateKey);
  const ecdsaKeys = await privateKey(ecdsaPrivateKey);
  const rsaGenerator = await jwtTokenGenerator(legacyIssuer, rsaKeys);
  const gen = (g: typeof rsaGenerator, secret: KubeObject) => {
    const { claims, privateClaims } = legacyClaims(serviceAccount, secret);
    return g.generateToken(claims, privateClaims);
  };
  const rsaToken = await gen(rsaGenerator, rsaSecret);
  const invalidAutoSecretToken = await gen(rsaGenerator, invalidAutoSecret);
  const ecdsaToken = await gen(await jwtTokenGenerator(legacyIssuer, ecdsaKeys), ecdsaSecret);
  assert.is(parseCompact(rsaToken).kid, rsaKeyID);
  assert.is(parseCompact(invalidAutoSecretToken).kid, rsaKeyID);
  assert.is(parseCompact(ecdsaToken).kid, ecdsaKeyID);
  // the JSON serialization with a forged compact token beside it: never a compact JWT
  const ecdsaTokenMalformedIss = JSON.stringify({ payload: ecdsaToken.split('.')[1], malformed_iss: `.${b64('{"iss":"bar"}')}.` });
  const badIssuerToken = await gen(await jwtTokenGenerator('foo', rsaKeys), rsaSecret);
  const differentIssuerToken = await gen(await jwtTokenGenerator('bar', rsaKeys), rsaSecret);

  const rsaPub = await publicKey(rsaPublicKey);
  const ecdsaPub = await publicKey(ecdsaPublicKey);
  const otherPub = await publicKey(otherPublicKey);
  const sa = serviceAccount;
  const ok = { name: 'system:serviceaccount:test:my-service-account', uid: '12345', groups: ['system:serviceaccounts', 'system:serviceaccounts:test'] };
  type Case = { token: string; keys: typeof rsaPub[]; client?: KubeObject[]; expectErr?: string | true; expectOK: boolean };
  const cases: Record<string, Case> = {
    // upstream (keys as a plain list) expects not-ok without error; v1.32's PublicKeysGetter says why
    'no keys': { token: rsaToken, keys: [], expectErr: 'invalid signature, no keys found', expectOK: false },
    'invalid keys (rsa)': { token: rsaToken, keys: [otherPub, ecdsaPub], expectErr: 'invalid signature, no keys found', expectOK: false },
    'invalid keys (ecdsa)': { token: ecdsaToken, keys: [otherPub, rsaPub], expectErr: 'invalid signature, no keys found', expectOK: false },
    'valid key (rsa)': { token: rsaToken, keys: [rsaPub], expectOK: true },
    'valid key, invalid issuer (rsa)': { token: badIssuerToken, keys: [rsaPub], expectOK: false },
    'valid key, different issuer (rsa)': { token: differentIssuerToken, keys: [rsaPub], expectOK: true },
    'valid key (ecdsa)': { token: ecdsaToken, keys: [ecdsaPub], expectOK: true },
    'rotated keys (rsa)': { token: rsaToken, keys: [otherPub, ecdsaPub, rsaPub], expectOK: true },
    'rotated keys (ecdsa)': { token: ecdsaToken, keys: [otherPub, rsaPub, ecdsaPub], expectOK: true },
    'valid lookup': { token: rsaToken, keys: [rsaPub], client: [sa, withToken(rsaSecret, rsaToken), withToken(ecdsaSecret, ecdsaToken)], expectOK: true },
    'invalid secret lookup': { token: rsaToken, keys: [rsaPub], client: [sa], expectErr: 'Token has been invalidated', expectOK: false },
    'invalid serviceaccount lookup': { token: rsaToken, keys: [rsaPub], client: [withToken(rsaSecret, rsaToken), withToken(ecdsaSecret, ecdsaToken)], expectErr: 'serviceaccounts "my-service-account" not found', expectOK: false },
    'secret is marked as invalid': { token: invalidAutoSecretToken, keys: [rsaPub], client: [sa, withToken(invalidAutoSecret, invalidAutoSecretToken)], expectErr: true, expectOK: false },
    'malformed iss': { token: ecdsaTokenMalformedIss, keys: [ecdsaPub], expectOK: false },
  };
  for (const [name, c] of Object.entries(cases)) {
    const validator = legacyTokenValidator({ lookup: c.client !== undefined, getter: fakeGetter(...(c.client ?? [])), clock });
    const authn = jwtTokenAuthenticator({ issuers: [legacyIssuer, 'bar'], keys: c.keys, implicitAudiences: ['api'], validator });
    // an invalid, non-JWT token always fails without an error
    assert.equal(await authn.authenticateToken('invalid token', ['api']), { kind: 'not-mine' }, name);
    const r = await authn.authenticateToken(c.token, ['api']);
    if (c.expectErr !== undefined) {
      assert.is(r.kind, 'error', name);
      if (typeof c.expectErr === 'string') assert.is((r as { error: string }).error, c.expectErr, name);
      continue;
    }
    assert.is(r.kind, c.expectOK ? 'authenticated' : 'not-mine', name);
    if (r.kind !== 'authenticated') continue;
    const user = serviceAccountUserInfo(r.info);
    assert.equal({ name: user.name, uid: user.uid, groups: user.groups }, ok, name);
    assert.equal(r.audiences, ['api'], name);
  }
});

test('a key whose kid matches but whose signature does not: the go-jose error, aggregated once per key', async () => {
  const keys = await privateKey(ecdsaPrivateKey);
  const token = await (await jwtTokenGenerator(legacyIssuer, keys)).generateToken({ sub: 'x' }, {});
  const [h, p] = token.split('.');
  const forged = `${h}.${p}.${base64url(new Uint8Array(64))}`;
  const validator = legacyTokenValidator({ lookup: false, getter: fakeGetter(), clock });
  const pub = await publicKey(ecdsaPublicKey);
  const authn = jwtTokenAuthenticator({ issuers: [legacyIssuer], keys: [pub, pub], implicitAudiences: [], validator });
  assert.equal(await authn.authenticateToken(forged), { kind: 'error', error: 'go-jose/go-jose: error in cryptographic primitive' });
});

test('legacy token payload: the four private claims, iss and sub, keys sorted as go-jose writes them', () => {
  const { claims, privateClaims } = legacyClaims(serviceAccount, rsaSecret);
  assert.is(
    jwtPayload(legacyIssuer, claims, privateClaims),
    '{"iss":"kubernetes/serviceaccount","kubernetes.io/serviceaccount/namespace":"test","kubernetes.io/serviceaccount/secret.name":"my-rsa-secret",' +
      '"kubernetes.io/serviceaccount/service-account.name":"my-service-account","kubernetes.io/serviceaccount/service-account.uid":"12345",' +
      '"sub":"system:serviceaccount:test:my-service-account"}',
  );
});

test('payload: public claims win over private ones, iss over both; aud stays a list; Go escaping', () => {
  assert.is(jwtPayload('me', { sub: 's', aud: ['a'], exp: 5 }, { sub: 'private', iss: 'private', z: '<&>' }), '{"aud":["a"],"exp":5,"iss":"me","sub":"s","z":"\\u003c\\u0026\\u003e"}');
  assert.is(jwtPayload('me', { aud: [] }, {}), '{"iss":"me"}');
});

test('hasCorrectIssuer: a compact JWT whose unverified payload names one of our issuers', () => {
  const issuers = new Set(['ours']);
  const tok = (payload: string, head = b64('{"alg":"ES256"}')) => `${head}.${payload}.sig`;
  assert.ok(hasCorrectIssuer(tok(b64('{"iss":"ours"}')), issuers));
  assert.ok(hasCorrectIssuer(tok(b64('{"ISS":"ours"}')), issuers), 'Go matches struct fields case-insensitively');
  assert.not.ok(hasCorrectIssuer(tok(b64('{"iss":"theirs"}')), issuers));
  assert.not.ok(hasCorrectIssuer(tok(b64('{"iss":1}')), issuers));
  assert.not.ok(hasCorrectIssuer(tok(b64('[]')), issuers));
  assert.not.ok(hasCorrectIssuer(tok(b64('null')), issuers));
  assert.not.ok(hasCorrectIssuer(tok(`${b64('{"iss":"ours"}')}==`), issuers), 'padding: RawURLEncoding refuses it');
  assert.not.ok(hasCorrectIssuer(`{"x":"${tok(b64('{"iss":"ours"}'))}"}`, issuers), 'JSON serialization');
  assert.not.ok(hasCorrectIssuer('abcdef.0123456789abcdef', issuers), 'a bootstrap token');
  assert.not.ok(hasCorrectIssuer(`${tok(b64('{"iss":"ours"}'))}.extra`, issuers));
});

test('claims decoding as jwt.Claims: aud a string or list, dates truncated numbers, wrong types refused', () => {
  assert.equal(parsePublicClaims({ iss: 'i', sub: 's', aud: 'one', exp: 10.9, nbf: 1, iat: 2, jti: 'j' }), { iss: 'i', sub: 's', aud: ['one'], exp: 10, nbf: 1, iat: 2, jti: 'j' });
  assert.equal(parsePublicClaims({ aud: ['a', 'b'], exp: null }), { aud: ['a', 'b'] });
  assert.throws(() => parsePublicClaims({ aud: null }), /expected string or array value to unmarshal to Audience/);
  assert.throws(() => parsePublicClaims({ aud: [1] }), /Audience/);
  assert.throws(() => parsePublicClaims({ exp: '10' }), /expected number value to unmarshal to NumericDate/);
  assert.throws(() => parsePublicClaims({ sub: 5 }), /json: cannot unmarshal number into Go struct field Claims\.sub of type string/);
});

test('time checks with the one-minute leeway: nbf, then exp, then iat', () => {
  const now = 1_000_000_000;
  const s = now / 1000;
  assert.is(validateTimes({ exp: s - 60 }, now), undefined);
  assert.is(validateTimes({ exp: s - 61 }, now), 'ErrExpired');
  assert.is(validateTimes({ nbf: s + 60 }, now), undefined);
  assert.is(validateTimes({ nbf: s + 61 }, now), 'ErrNotValidYet');
  assert.is(validateTimes({ iat: s + 61 }, now), 'ErrIssuedInTheFuture');
  assert.is(validateTimes({ nbf: s + 61, exp: s - 61 }, now), 'ErrNotValidYet');
});

test('audiences: the token’s intersected with the requested ones; a token without aud counts as the API audiences', async () => {
  const keys = await privateKey(ecdsaPrivateKey);
  const generator = await jwtTokenGenerator('iss', keys);
  const info = { namespace: 'ns', name: 'sa', uid: 'u' };
  const validator: Validator<null> = { parsePrivate: () => null, validate: async () => info };
  const authn = jwtTokenAuthenticator({ issuers: ['iss'], keys: [keys.publicKey], implicitAudiences: ['api', 'other'], validator });
  const run = async (aud: string[], requested?: string[]): Promise<JWTResult> => authn.authenticateToken(await generator.generateToken({ aud }, {}), requested);
  assert.equal(await run(['api']), { kind: 'authenticated', info, audiences: ['api'] });
  assert.equal(await run([]), { kind: 'authenticated', info, audiences: ['api', 'other'] });
  assert.equal(await run(['vault', 'api'], ['vault']), { kind: 'authenticated', info, audiences: ['vault'] });
  assert.equal(await run(['vault']), { kind: 'error', error: 'token audiences ["vault"] is invalid for the target audiences ["api" "other"]' });
  // with no API audiences configured, any audience is accepted
  const open = jwtTokenAuthenticator({ issuers: ['iss'], keys: [keys.publicKey], implicitAudiences: [], validator });
  assert.equal(await open.authenticateToken(await generator.generateToken({ aud: ['vault'] }, {})), { kind: 'authenticated', info, audiences: [] });
  assert.is(quoteList(['a"b']), '["a\\"b"]');
});

test('the validator’s error is the answer; a signed payload that is not a claims object is refused', async () => {
  const keys = await privateKey(ecdsaPrivateKey);
  const validator: Validator<null> = { parsePrivate: () => null, validate: async () => Promise.reject(new Error('service account token has expired')) };
  const authn = jwtTokenAuthenticator({ issuers: ['iss'], keys: [keys.publicKey], implicitAudiences: [], validator });
  const token = await (await jwtTokenGenerator('iss', keys)).generateToken({}, {});
  assert.equal(await authn.authenticateToken(token), { kind: 'error', error: 'service account token has expired' });
  const bad = await (await jwtTokenGenerator('iss', keys)).generateToken({}, { exp: 'soon' });
  assert.equal(await authn.authenticateToken(bad), { kind: 'error', error: 'go-jose/go-jose/jwt: expected number value to unmarshal to NumericDate' });
});

test.run();
