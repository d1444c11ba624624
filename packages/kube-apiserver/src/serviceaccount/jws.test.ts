// JWS compact signing and verification (kubernetes/kubernetes pkg/serviceaccount/jwt.go over
// go-jose): key ids as keyIDFromPublicKey computes them (the constants of jwt_test.go), the
// algorithms per key type, and every way a forged signature is refused.
import { generateKeyPair } from '@tlsboot/pki';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { base64url, decodeRawBase64url, errCryptoFailure, keyIDFromPublicKey, parseCompact, signCompact, signingAlgorithmFor, verifyCompact } from './jws.js';
import { ecdsaKeyID, ecdsaPrivateKey, ecdsaPublicKey, privateKey, publicKey, rsaKeyID, rsaPrivateKey, rsaPublicKey } from './testing.js';

const b64 = (s: string) => base64url(Buffer.from(s, 'utf8'));

async function refused(token: string, key: Awaited<ReturnType<typeof publicKey>>): Promise<string> {
  try {
    await verifyCompact(parseCompact(token), key);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('verified');
}

test('keyIDFromPublicKey: base64url SHA-256 of the DER public key (jwt_test.go rsaKeyID, ecdsaKeyID)', async () => {
  assert.is(await keyIDFromPublicKey(await publicKey(rsaPublicKey)), rsaKeyID);
  assert.is(await keyIDFromPublicKey(await publicKey(ecdsaPublicKey)), ecdsaKeyID);
  // the private key's public half gives the same id
  assert.is(await keyIDFromPublicKey((await privateKey(ecdsaPrivateKey)).publicKey), ecdsaKeyID);
});

test('signing algorithm per key: ES256/384/512 by curve, RS256 for any RSA size, Ed25519 refused', () => {
  assert.is(signingAlgorithmFor('ecdsa-p256'), 'ES256');
  assert.is(signingAlgorithmFor('ecdsa-p384'), 'ES384');
  assert.is(signingAlgorithmFor('ecdsa-p521'), 'ES512');
  assert.is(signingAlgorithmFor('rsa-2048'), 'RS256');
  assert.is(signingAlgorithmFor('rsa-4096'), 'RS256');
  assert.throws(() => signingAlgorithmFor('ed25519'), /unknown private key type ed25519, must be \*rsa\.PrivateKey, \*ecdsa\.PrivateKey, or jose\.OpaqueSigner/);
});

test('sign then verify: header {"alg","kid"} in sorted order, unpadded base64url, r‖s for ECDSA', async () => {
  const keys = await privateKey(ecdsaPrivateKey);
  const token = await signCompact('{"iss":"x"}', keys, ecdsaKeyID);
  const [h, p, s] = token.split('.');
  assert.is(Buffer.from(h!, 'base64url').toString(), `{"alg":"ES256","kid":"${ecdsaKeyID}"}`);
  assert.is(Buffer.from(p!, 'base64url').toString(), '{"iss":"x"}');
  assert.is(Buffer.from(s!, 'base64url').length, 64);
  assert.not.match(token, /=/);
  const jws = parseCompact(token);
  assert.is(jws.alg, 'ES256');
  assert.is(jws.kid, ecdsaKeyID);
  assert.is(Buffer.from(await verifyCompact(jws, await publicKey(ecdsaPublicKey))).toString(), '{"iss":"x"}');
});

test('RS256 with the upstream RSA key verifies against its public key only', async () => {
  const token = await signCompact('{"a":1}', await privateKey(rsaPrivateKey), rsaKeyID);
  assert.is(parseCompact(token).alg, 'RS256');
  await verifyCompact(parseCompact(token), await publicKey(rsaPublicKey));
  assert.is(await refused(token, await publicKey(ecdsaPublicKey)), errCryptoFailure);
});

test('P-384 and P-521 keys sign ES384 / ES512 (96- and 132-byte signatures)', async () => {
  for (const [spec, alg, size] of [['ecdsa-p384', 'ES384', 96], ['ecdsa-p521', 'ES512', 132]] as const) {
    const keys = await generateKeyPair(spec);
    const token = await signCompact('{}', keys, 'k');
    assert.is(parseCompact(token).alg, alg);
    assert.is(parseCompact(token).signature.length, size);
    await verifyCompact(parseCompact(token), keys.publicKey);
  }
});

test('refused with ErrCryptoFailure: wrong key, tampered payload, alg none, HS256, crit header, truncated signature', async () => {
  const keys = await privateKey(ecdsaPrivateKey);
  const pub = keys.publicKey;
  const token = await signCompact('{"sub":"a"}', keys, ecdsaKeyID);
  const [h, , s] = token.split('.');
  assert.is(await refused(token, (await generateKeyPair()).publicKey), errCryptoFailure);
  assert.is(await refused(`${h}.${b64('{"sub":"b"}')}.${s}`, pub), errCryptoFailure);
  assert.is(await refused(`${b64('{"alg":"none"}')}.${b64('{"sub":"a"}')}.`, pub), errCryptoFailure);
  assert.is(await refused(`${b64('{"alg":"HS256"}')}.${b64('{"sub":"a"}')}.${s}`, pub), errCryptoFailure);
  // a properly signed token with a crit header is refused all the same
  const critHeader = b64(`{"alg":"ES256","crit":["exp"],"kid":"${ecdsaKeyID}"}`);
  const input = `${critHeader}.${b64('{}')}`;
  const sig = await globalThis.crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, Buffer.from(input));
  assert.is(await refused(`${input}.${base64url(sig)}`, pub), errCryptoFailure);
  assert.is(await refused(`${h}.${b64('{"sub":"a"}')}.${s!.slice(0, 40)}`, pub), errCryptoFailure);
});

test('the signature covers the re-encoded parts: padding on the header is tolerated (go-jose computeAuthData)', async () => {
  const keys = await privateKey(ecdsaPrivateKey);
  const token = await signCompact('{"sub":"a"}', keys, ecdsaKeyID);
  const [h, p, s] = token.split('.');
  const padded = `${h}${'='.repeat((4 - (h!.length % 4)) % 4)}`;
  assert.is.not(padded, h);
  await verifyCompact(parseCompact(`${padded}.${p}.${s}`), keys.publicKey);
});

test('parseCompact refuses what jose.ParseSigned refuses', () => {
  assert.throws(() => parseCompact('a.b'), /compact JWS format must have three parts/);
  assert.throws(() => parseCompact('a.b.c.d'), /three parts/);
  assert.throws(() => parseCompact(`${b64('{"alg":"ES256"}')}.*.x`), /illegal base64/);
  assert.throws(() => parseCompact(`${b64('[1]')}.${b64('{}')}.`), /protected header/);
  assert.throws(() => parseCompact(`${b64('not json')}.${b64('{}')}.`));
  assert.throws(() => parseCompact(`${b64('{"alg":1}')}.${b64('{}')}.`));
  assert.throws(() => parseCompact(`${b64('{"alg":"ES256","kid":7}')}.${b64('{}')}.`));
  assert.is(parseCompact(`${b64('{"alg":"ES256"}')}.${b64('{}')}.`).kid, '');
});

test('base64url as Go RawURLEncoding: no padding, URL alphabet, CR/LF skipped', () => {
  assert.equal(decodeRawBase64url('eyJhIjoxfQ'), new Uint8Array(Buffer.from('{"a":1}')));
  assert.is(decodeRawBase64url('eyJhIjoxfQ=='), undefined);
  assert.is(decodeRawBase64url('ey+a'), undefined);
  assert.is(decodeRawBase64url('eyJhI'), undefined); // a lone trailing character
  assert.equal(decodeRawBase64url('eyJhIj\noxfQ'), new Uint8Array(Buffer.from('{"a":1}')));
});

test.run();
