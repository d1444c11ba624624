import { generateKeyPairSync } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  defaultKeySpec,
  exportPrivateKeyPem,
  exportPublicKeyPem,
  generateKeyPair,
  importPrivateKeyPem,
  importPublicKey,
  keyMatches,
  keySpecs,
  parseKeySpec,
  publicKeySpec,
  signingAlgorithm,
  type KeyPair,
  type KeySpec,
  type PrivateKeyFormat,
} from './key-pair.js';
import { decodeOnePem, decodePem, encodePem } from './pem.js';
import { rejectsCode, throwsCode } from './testing.js';
import { webcrypto } from './x509.js';

const spkiOf = async (keys: Pick<KeyPair, 'publicKey'>) => new Uint8Array(await webcrypto.subtle.exportKey('spki', keys.publicKey));

// Every spec is generated once for the whole file (RSA 3072/4096 take seconds); in parallel,
// since WebCrypto generates keys off the main thread.
const pairs = new Map<KeySpec, KeyPair>();
test.before(async () => {
  const generated = await Promise.all(keySpecs.map((spec) => generateKeyPair(spec)));
  for (const keys of generated) pairs.set(keys.spec, keys);
});
const pair = (spec: KeySpec) => pairs.get(spec)!;

/** The PEM label and forms each spec can be written in (client-go keyutil / cfssl / openssl). */
const forms: Record<KeySpec, { default: string; valid: PrivateKeyFormat[]; invalid: PrivateKeyFormat[] }> = {
  'ecdsa-p256': { default: 'EC PRIVATE KEY', valid: ['pkcs8', 'sec1'], invalid: ['pkcs1'] },
  'ecdsa-p384': { default: 'EC PRIVATE KEY', valid: ['pkcs8', 'sec1'], invalid: ['pkcs1'] },
  'ecdsa-p521': { default: 'EC PRIVATE KEY', valid: ['pkcs8', 'sec1'], invalid: ['pkcs1'] },
  'rsa-2048': { default: 'RSA PRIVATE KEY', valid: ['pkcs8', 'pkcs1'], invalid: ['sec1'] },
  'rsa-3072': { default: 'RSA PRIVATE KEY', valid: ['pkcs8', 'pkcs1'], invalid: ['sec1'] },
  'rsa-4096': { default: 'RSA PRIVATE KEY', valid: ['pkcs8', 'pkcs1'], invalid: ['sec1'] },
  ed25519: { default: 'PRIVATE KEY', valid: ['pkcs8'], invalid: ['sec1', 'pkcs1'] },
};
const label: Record<PrivateKeyFormat, string> = { pkcs8: 'PRIVATE KEY', sec1: 'EC PRIVATE KEY', pkcs1: 'RSA PRIVATE KEY' };

/** The imported key is the same key: same public key, and its private key signs for it. */
async function assertSameKey(imported: KeyPair, original: KeyPair): Promise<void> {
  assert.is(imported.spec, original.spec);
  assert.equal(await spkiOf(imported), await spkiOf(original));
  assert.ok(imported.privateKey.extractable);
  const data = new TextEncoder().encode('proof of possession');
  const algorithm = signingAlgorithm(original.spec);
  const signature = await webcrypto.subtle.sign(algorithm, imported.privateKey, data);
  assert.ok(await webcrypto.subtle.verify(algorithm, original.publicKey, signature, data));
}

test('the default key spec is ECDSA P-256, as the kubelet and cfssl use', () => {
  assert.is(defaultKeySpec, 'ecdsa-p256');
  assert.equal([...keySpecs], ['ecdsa-p256', 'ecdsa-p384', 'ecdsa-p521', 'rsa-2048', 'rsa-3072', 'rsa-4096', 'ed25519']);
});

test('generateKeyPair without a spec makes an extractable P-256 pair', async () => {
  const keys = await generateKeyPair();
  assert.is(keys.spec, 'ecdsa-p256');
  assert.is(keys.privateKey.type, 'private');
  assert.is(keys.publicKey.type, 'public');
  assert.is((keys.privateKey.algorithm as { namedCurve?: string }).namedCurve, 'P-256');
  assert.ok(keys.privateKey.extractable);
  assert.is(publicKeySpec(await spkiOf(keys)), 'ecdsa-p256');
});

test('publicKeySpec remembers answers per SPKI, and still refuses garbage naming each source', async () => {
  const spki = await spkiOf(await generateKeyPair('ecdsa-p384'));
  assert.is(publicKeySpec(spki), 'ecdsa-p384');
  assert.is(publicKeySpec(new Uint8Array(spki)), 'ecdsa-p384', 'the same answer for the same bytes, whatever the view');
  const garbage = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]);
  throwsCode(() => publicKeySpec(garbage, 'first.pem'), 'DER_MALFORMED', 'first.pem: not a valid SubjectPublicKeyInfo');
  throwsCode(() => publicKeySpec(garbage, 'second.pem'), 'DER_MALFORMED', 'second.pem: not a valid SubjectPublicKeyInfo');
});

for (const spec of keySpecs) {
  test(`${spec}: generates, exports in every valid form and re-imports as the same key`, async () => {
    const keys = pair(spec);
    assert.is(publicKeySpec(await spkiOf(keys)), spec);

    const defaultPem = await exportPrivateKeyPem(keys);
    assert.is(decodePem(defaultPem)[0]!.type, forms[spec].default);
    await assertSameKey(await importPrivateKeyPem(defaultPem), keys);

    for (const form of forms[spec].valid) {
      const pem = await exportPrivateKeyPem(keys, form);
      assert.is(decodePem(pem)[0]!.type, label[form], `${spec} ${form}`);
      await assertSameKey(await importPrivateKeyPem(pem, `${spec}.${form}.pem`), keys);
    }
  });

  test(`${spec}: a form that does not fit the key type is refused with KEY_UNSUPPORTED`, async () => {
    for (const form of forms[spec].invalid) {
      await rejectsCode(() => exportPrivateKeyPem(pair(spec), form), 'KEY_UNSUPPORTED', `a ${spec} key cannot be written in ${form.toUpperCase()} form`);
    }
  });

  test(`${spec}: the public key exports as "PUBLIC KEY" and imports for verification`, async () => {
    const keys = pair(spec);
    const pem = await exportPublicKeyPem(keys);
    const block = decodeOnePem(pem, ['PUBLIC KEY']);
    assert.equal(block.der, await spkiOf(keys));
    const imported = await importPublicKey(block.der);
    assert.is(imported.spec, spec);
    assert.is(imported.publicKey.type, 'public');
    const data = new TextEncoder().encode('x');
    const signature = await webcrypto.subtle.sign(signingAlgorithm(spec), keys.privateKey, data);
    assert.ok(await webcrypto.subtle.verify(signingAlgorithm(spec), imported.publicKey, signature, data));
  });
}

test('keyMatches tells a key pair its own public key from another', async () => {
  const p256 = pair('ecdsa-p256');
  assert.ok(await keyMatches(p256, await spkiOf(p256)));
  assert.ok(await keyMatches(p256, (await spkiOf(p256)).buffer.slice(0)));
  assert.not.ok(await keyMatches(p256, await spkiOf(pair('ecdsa-p384'))));
  assert.not.ok(await keyMatches(p256, await spkiOf(await generateKeyPair('ecdsa-p256'))));
});

test('signingAlgorithm picks the hash as Go does: SHA-256 for RSA, the curve\'s hash for ECDSA, pure Ed25519', () => {
  assert.equal(signingAlgorithm('ecdsa-p256'), { name: 'ECDSA', hash: 'SHA-256' });
  assert.equal(signingAlgorithm('ecdsa-p384'), { name: 'ECDSA', hash: 'SHA-384' });
  assert.equal(signingAlgorithm('ecdsa-p521'), { name: 'ECDSA', hash: 'SHA-512' });
  for (const rsa of ['rsa-2048', 'rsa-3072', 'rsa-4096'] as const) assert.equal(signingAlgorithm(rsa), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' });
  assert.equal(signingAlgorithm('ed25519'), { name: 'Ed25519' });
});

test('keys written by openssl/Node in PKCS#8, SEC1 and PKCS#1 import', async () => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ed = generateKeyPairSync('ed25519');
  const cases: [string, KeySpec][] = [
    [ec.privateKey.export({ type: 'sec1', format: 'pem' }) as string, 'ecdsa-p256'],
    [ec.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, 'ecdsa-p256'],
    [rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string, 'rsa-2048'],
    [rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, 'rsa-2048'],
    [ed.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, 'ed25519'],
  ];
  for (const [pem, spec] of cases) {
    const keys = await importPrivateKeyPem(pem);
    assert.is(keys.spec, spec);
  }
  const spki = new Uint8Array(ec.publicKey.export({ type: 'spki', format: 'der' }));
  assert.ok(await keyMatches(await importPrivateKeyPem(cases[0]![0]), spki));
});

test('`openssl ecparam -genkey` output (EC PARAMETERS then EC PRIVATE KEY) imports', async () => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const prime256v1 = new Uint8Array([0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]);
  const text = encodePem('EC PARAMETERS', prime256v1) + (ec.privateKey.export({ type: 'sec1', format: 'pem' }) as string);
  assert.is((await importPrivateKeyPem(text, 'key.pem')).spec, 'ecdsa-p256');
});

test('encrypted private keys are refused with KEY_UNSUPPORTED naming the source', async () => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const pkcs8 = ec.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' }) as string;
  assert.match(pkcs8, '-----BEGIN ENCRYPTED PRIVATE KEY-----');
  await rejectsCode(() => importPrivateKeyPem(pkcs8, 'ca-key.pem'), 'KEY_UNSUPPORTED', 'ca-key.pem: encrypted private keys are not supported', 'openssl pkey');
  // The legacy form: "Proc-Type: 4,ENCRYPTED" headers inside an EC PRIVATE KEY block.
  const sec1 = ec.privateKey.export({ type: 'sec1', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' }) as string;
  assert.match(sec1, 'Proc-Type: 4,ENCRYPTED');
  await rejectsCode(() => importPrivateKeyPem(sec1, 'kubelet.key'), 'KEY_UNSUPPORTED', 'kubelet.key: encrypted private keys are not supported');
});

test('secp256k1, RSA-1024 and Ed448 keys are KEY_UNSUPPORTED, naming the curve, size or algorithm', async () => {
  const k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
  for (const type of ['pkcs8', 'sec1'] as const) {
    const pem = k1.privateKey.export({ type, format: 'pem' }) as string;
    await rejectsCode(() => importPrivateKeyPem(pem, 'k1.pem'), 'KEY_UNSUPPORTED', 'k1.pem: unsupported elliptic curve "secp256k1" (supported: P-256, P-384, P-521)');
  }
  const k1Spki = new Uint8Array(k1.publicKey.export({ type: 'spki', format: 'der' }));
  throwsCode(() => publicKeySpec(k1Spki, 'CSR public key'), 'KEY_UNSUPPORTED', /^CSR public key: unsupported elliptic curve "secp256k1"/);

  const rsa1024 = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
  await rejectsCode(() => importPrivateKeyPem(rsa1024), 'KEY_UNSUPPORTED', 'private key: unsupported RSA key size 1024 bits (supported: 2048, 3072, 4096)');

  const ed448 = generateKeyPairSync('ed448').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  await rejectsCode(() => importPrivateKeyPem(ed448, 'ed448.pem'), 'KEY_UNSUPPORTED', 'ed448.pem: unsupported key algorithm "ed448" (supported: ECDSA, RSA, Ed25519)');
});

test('garbage, truncated or wrongly typed PEM is refused with the PEM error code and the source', async () => {
  await rejectsCode(() => importPrivateKeyPem('this is not a key', 'ca-key.pem'), 'PEM_MALFORMED', 'ca-key.pem: no PEM data found (expected a "-----BEGIN PRIVATE KEY-----" block)');

  const good = await exportPrivateKeyPem(pair('ecdsa-p256'));
  const noEnd = good.replace(/-----END EC PRIVATE KEY-----\n$/, '');
  await rejectsCode(() => importPrivateKeyPem(noEnd, 'node.key'), 'PEM_MALFORMED', 'node.key: PEM block "EC PRIVATE KEY"', 'has no "-----END EC PRIVATE KEY-----" line');

  const lines = good.split('\n');
  lines[1] = lines[1]!.slice(0, 61);
  await rejectsCode(() => importPrivateKeyPem(lines.join('\n'), 'node.key'), 'PEM_MALFORMED', 'node.key: PEM block "EC PRIVATE KEY" has a truncated base64 body');

  const certificate = encodePem('CERTIFICATE', new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]));
  await rejectsCode(() => importPrivateKeyPem(certificate, 'ca.pem'), 'PEM_WRONG_TYPE', 'ca.pem: expected a PEM block of type "PRIVATE KEY" or "EC PRIVATE KEY" or "RSA PRIVATE KEY"', 'found "CERTIFICATE"');

  const publicOnly = await exportPublicKeyPem(pair('ecdsa-p256'));
  await rejectsCode(() => importPrivateKeyPem(publicOnly, 'pub.pem'), 'PEM_WRONG_TYPE', 'found "PUBLIC KEY"');
});

test('a private key block whose DER is not a key is DER_MALFORMED naming the source and block', async () => {
  const junk = encodePem('EC PRIVATE KEY', new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]));
  await rejectsCode(() => importPrivateKeyPem(junk, 'ca-key.pem'), 'DER_MALFORMED', 'ca-key.pem: the "EC PRIVATE KEY" block is not a valid private key (');
  // An RSA key under an EC label is not an EC key.
  const rsaDer = decodeOnePem(await exportPrivateKeyPem(pair('rsa-2048')), ['RSA PRIVATE KEY']).der;
  await rejectsCode(() => importPrivateKeyPem(encodePem('EC PRIVATE KEY', rsaDer), 'mixed.pem'), 'DER_MALFORMED', /^mixed\.pem: /);
});

test('publicKeySpec and importPublicKey refuse bytes that are not a SubjectPublicKeyInfo', async () => {
  const junk = new Uint8Array([1, 2, 3, 4]);
  throwsCode(() => publicKeySpec(junk, 'spec.request'), 'DER_MALFORMED', /^spec\.request: not a valid SubjectPublicKeyInfo \(/);
  await rejectsCode(() => importPublicKey(junk), 'DER_MALFORMED', /^public key: /);
  // An ArrayBuffer works like a Uint8Array.
  assert.is(publicKeySpec((await spkiOf(pair('ed25519'))).buffer.slice(0)), 'ed25519');
});

test('parseKeySpec accepts the canonical names and the usual aliases, in any case', () => {
  const cases: [string, KeySpec][] = [
    ['ecdsa-p256', 'ecdsa-p256'],
    ['ECDSA-P384', 'ecdsa-p384'],
    ['ecdsa-p521', 'ecdsa-p521'],
    ['ecdsap256', 'ecdsa-p256'],
    ['ec-p256', 'ecdsa-p256'],
    ['ecp384', 'ecdsa-p384'],
    ['p256', 'ecdsa-p256'],
    ['P521', 'ecdsa-p521'],
    ['rsa-2048', 'rsa-2048'],
    ['rsa2048', 'rsa-2048'],
    ['RSA3072', 'rsa-3072'],
    [' rsa-4096 ', 'rsa-4096'],
    ['ed25519', 'ed25519'],
    ['Ed25519', 'ed25519'],
  ];
  for (const [text, spec] of cases) assert.is(parseKeySpec(text), spec, text);
});

test('parseKeySpec refuses other algorithms and sizes with KEY_UNSUPPORTED listing the supported ones', () => {
  for (const text of ['', 'dsa', 'rsa', 'rsa-1024', 'rsa-8192', 'ecdsa', 'p224', 'ecdsa-p192', 'ed448', 'secp256k1']) {
    assert.is(throwsCode(() => parseKeySpec(text, 'spec.key.algo'), 'KEY_UNSUPPORTED'), `spec.key.algo: unknown key algorithm "${text}" (supported: ${keySpecs.join(', ')})`);
  }
  throwsCode(() => parseKeySpec('dsa'), 'KEY_UNSUPPORTED', /^key algorithm: /);
});

test('import memo: a key read back right after it was written is the pair that wrote it, and still signs and verifies', async () => {
  for (const format of ['sec1', 'pkcs8'] as const) {
    const keys = await generateKeyPair();
    const pem = await exportPrivateKeyPem(keys, format);
    const back = await importPrivateKeyPem(pem);
    assert.is(back.privateKey, keys.privateKey, format);
    assert.is(back.publicKey, keys.publicKey, format);
    assert.is(back.spec, 'ecdsa-p256');
    assert.ok(Object.isFrozen(back));
    assert.is(await importPrivateKeyPem(pem), back, 'a second read is the same pair');
    const data = new TextEncoder().encode('x');
    const sig = await webcrypto.subtle.sign(signingAlgorithm(back.spec), back.privateKey, data);
    assert.ok(await webcrypto.subtle.verify(signingAlgorithm(back.spec), back.publicKey, sig, data));
  }
});

test('import memo: a pair whose public key is not its private key\'s is not remembered; the import derives the right one', async () => {
  const a = await generateKeyPair();
  const b = await generateKeyPair();
  const pem = await exportPrivateKeyPem({ spec: a.spec, privateKey: a.privateKey, publicKey: b.publicKey });
  const back = await importPrivateKeyPem(pem);
  assert.is.not(back.publicKey, b.publicKey);
  assert.equal(await exportPublicKeyPem(back), await exportPublicKeyPem(a));
});

test.run();
