import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';
import { activity } from '@tlsboot/util';
import { PkiError } from './errors.js';
import { decodeOnePem, encodePem } from './pem.js';
import { bytesKey, ParseCache } from './parse-cache.js';
import { webcrypto, type Algorithm, type CryptoKey, type CryptoKeyPair, type EcdsaParams, type EcKeyGenParams, type RsaHashedKeyGenParams } from './x509.js';

/**
 * The key algorithms tlsboot generates. ECDSA P-256 is the default, as for the real kubelet
 * (k8s.io/client-go/util/keyutil) and for cfssl (`{"algo": "ecdsa", "size": 256}`).
 */
export const keySpecs = ['ecdsa-p256', 'ecdsa-p384', 'ecdsa-p521', 'rsa-2048', 'rsa-3072', 'rsa-4096', 'ed25519'] as const;
export type KeySpec = (typeof keySpecs)[number];
export const defaultKeySpec: KeySpec = 'ecdsa-p256';

/** A key pair as WebCrypto keys (both extractable, so they can be written to disk). */
export interface KeyPair {
  spec: KeySpec;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

/** The on-disk forms of a private key, as real tools write them. */
export type PrivateKeyFormat =
  | 'pkcs8' // "PRIVATE KEY" — openssl genpkey, Go x509.MarshalPKCS8PrivateKey
  | 'sec1' // "EC PRIVATE KEY" — openssl ecparam -genkey, cfssl, client-go keyutil
  | 'pkcs1'; // "RSA PRIVATE KEY" — openssl genrsa -traditional, cfssl

const curveOf = { 'ecdsa-p256': 'P-256', 'ecdsa-p384': 'P-384', 'ecdsa-p521': 'P-521' } as const;
const hashOfCurve = { 'P-256': 'SHA-256', 'P-384': 'SHA-384', 'P-521': 'SHA-512' } as const;

/** Parses a key spec name (`ecdsa-p256`, `rsa-2048`, `ed25519`; also `p256`, `rsa2048`). */
export function parseKeySpec(text: string, source = 'key algorithm'): KeySpec {
  const normal = text.trim().toLowerCase().replace(/^ecdsa-?|^ec-?/, 'ecdsa-').replace(/^rsa-?/, 'rsa-');
  const candidate = /^p\d+$/.test(normal) ? `ecdsa-${normal}` : normal;
  if ((keySpecs as readonly string[]).includes(candidate)) return candidate as KeySpec;
  throw new PkiError('KEY_UNSUPPORTED', `${source}: unknown key algorithm "${text}" (supported: ${keySpecs.join(', ')})`);
}

/** The WebCrypto algorithm used to generate and import a key of `spec`. */
function keyAlgorithm(spec: KeySpec): RsaHashedKeyGenParams | EcKeyGenParams | Algorithm {
  if (spec === 'ed25519') return { name: 'Ed25519' };
  if (spec.startsWith('rsa-')) {
    return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', modulusLength: Number(spec.slice(4)), publicExponent: new Uint8Array([1, 0, 1]) };
  }
  return { name: 'ECDSA', namedCurve: curveOf[spec as keyof typeof curveOf] };
}

/**
 * The signature algorithm a key of `spec` signs with. `go` (default), as Go's crypto/x509
 * chooses: SHA-256 with every RSA key, ECDSA with the hash that matches the curve, pure
 * Ed25519. `cfssl`, as cfssl's signer.DefaultSigAlgo: the same, except SHA-384 with RSA-3072
 * and SHA-512 with RSA-4096.
 */
export function signingAlgorithm(spec: KeySpec, chooser: 'go' | 'cfssl' = 'go'): Algorithm | EcdsaParams {
  if (spec === 'ed25519') return { name: 'Ed25519' };
  if (spec.startsWith('rsa-')) {
    const hash = chooser === 'cfssl' && spec === 'rsa-4096' ? 'SHA-512' : chooser === 'cfssl' && spec === 'rsa-3072' ? 'SHA-384' : 'SHA-256';
    return { name: 'RSASSA-PKCS1-v1_5', hash } as Algorithm;
  }
  const curve = curveOf[spec as keyof typeof curveOf];
  return { name: 'ECDSA', hash: hashOfCurve[curve] };
}

/** Generates a fresh key pair (default ECDSA P-256). */
export async function generateKeyPair(spec: KeySpec = defaultKeySpec): Promise<KeyPair> {
  const pair = (await activity.track(webcrypto.subtle.generateKey(keyAlgorithm(spec), true, ['sign', 'verify']))) as CryptoKeyPair;
  return { spec, privateKey: pair.privateKey, publicKey: pair.publicKey };
}

/** The key spec of a Node KeyObject, or a KEY_UNSUPPORTED error naming what it is. */
function specOf(key: KeyObject, source: string): KeySpec {
  const type = key.asymmetricKeyType;
  const details = key.asymmetricKeyDetails ?? {};
  if (type === 'ed25519') return 'ed25519';
  if (type === 'ec') {
    const curve = details.namedCurve;
    const spec = curve === 'prime256v1' ? 'ecdsa-p256' : curve === 'secp384r1' ? 'ecdsa-p384' : curve === 'secp521r1' ? 'ecdsa-p521' : undefined;
    if (spec) return spec;
    throw new PkiError('KEY_UNSUPPORTED', `${source}: unsupported elliptic curve "${curve}" (supported: P-256, P-384, P-521)`);
  }
  if (type === 'rsa') {
    const bits = details.modulusLength ?? 0;
    if (bits === 2048 || bits === 3072 || bits === 4096) return `rsa-${bits}` as KeySpec;
    throw new PkiError('KEY_UNSUPPORTED', `${source}: unsupported RSA key size ${bits} bits (supported: 2048, 3072, 4096)`);
  }
  throw new PkiError('KEY_UNSUPPORTED', `${source}: unsupported key algorithm "${type}" (supported: ECDSA, RSA, Ed25519)`);
}

async function fromKeyObject(privateKey: KeyObject, source: string): Promise<KeyPair> {
  const spec = specOf(privateKey, source);
  const algorithm = keyAlgorithm(spec);
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const [priv, pub] = await activity.track(
    Promise.all([webcrypto.subtle.importKey('pkcs8', pkcs8, algorithm, true, ['sign']), webcrypto.subtle.importKey('spki', spki, algorithm, true, ['verify'])]),
  );
  return { spec, privateKey: priv, publicKey: pub };
}

const privateKeyTypes = ['PRIVATE KEY', 'EC PRIVATE KEY', 'RSA PRIVATE KEY', 'ENCRYPTED PRIVATE KEY'] as const;

/**
 * Loads a private key from PEM in any of the forms real tools write: PKCS#8 ("PRIVATE KEY"),
 * SEC1 ("EC PRIVATE KEY", also after the "EC PARAMETERS" block that `openssl ecparam -genkey`
 * prints first) and PKCS#1 ("RSA PRIVATE KEY"). Encrypted keys are refused.
 */
export async function importPrivateKeyPem(text: string, source = 'private key'): Promise<KeyPair> {
  const block = decodeOnePem(text, privateKeyTypes, source);
  if (block.type === 'ENCRYPTED PRIVATE KEY' || /Proc-Type: 4,ENCRYPTED/.test(text)) {
    throw new PkiError('KEY_UNSUPPORTED', `${source}: encrypted private keys are not supported; decrypt it first (openssl pkey -in KEY -out PLAIN)`);
  }
  const cacheKey = `${block.type}\u0000${bytesKey(block.der)}`;
  const known = importedKeys.peek(cacheKey);
  if (known !== undefined) return known;
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: encodePem(block.type, block.der), format: 'pem' });
  } catch (err) {
    throw new PkiError('DER_MALFORMED', `${source}: the "${block.type}" block is not a valid private key (${(err as Error).message})`, { cause: err });
  }
  const keys = Object.freeze(await fromKeyObject(key, source));
  return importedKeys.get(cacheKey, () => keys);
}

/**
 * Imported keys by their PEM block (type and DER). The kubelet reads its own key again and again
 * (FileStore.Update writes the pair and loads it back, as upstream does; every Current() loads the
 * file), and each import cost a createPrivateKey, a createPublicKey and two WebCrypto imports. The
 * import is a pure function of the block — same spec, same key material, same usages, both
 * extractable — and CryptoKeys are immutable, so handing back the same frozen pair is the same
 * answer. Only successes are kept (a bad key throws every time, with the caller's source), keyed
 * by the exact bytes (no hash, no collision), least recently used first out.
 */
const importedKeys = new ParseCache<Readonly<KeyPair>>(4096);

/** A private key in PEM; default form is the one cfssl and client-go write (SEC1 for EC, PKCS#1 for RSA). */
export async function exportPrivateKeyPem(keys: KeyPair, format?: PrivateKeyFormat): Promise<string> {
  const form = format ?? (keys.spec.startsWith('ecdsa-') ? 'sec1' : keys.spec.startsWith('rsa-') ? 'pkcs1' : 'pkcs8');
  if (form === 'pkcs8') {
    const der = new Uint8Array(await activity.track(webcrypto.subtle.exportKey('pkcs8', keys.privateKey)));
    rememberImport('PRIVATE KEY', der, keys);
    return encodePem('PRIVATE KEY', der);
  }
  const expected = form === 'sec1' ? 'ecdsa-' : 'rsa-';
  if (!keys.spec.startsWith(expected)) {
    throw new PkiError('KEY_UNSUPPORTED', `a ${keys.spec} key cannot be written in ${form.toUpperCase()} form`);
  }
  const der = KeyObject.from(keys.privateKey).export({ type: form, format: 'der' });
  const type = form === 'sec1' ? 'EC PRIVATE KEY' : 'RSA PRIVATE KEY';
  rememberImport(type, der, keys);
  return encodePem(type, der);
}

/**
 * Records what importPrivateKeyPem would give for the block just exported from `keys`: the same
 * pair. Importing an exported key is the identity — the same spec and key material, and generated
 * and imported keys alike are extractable, the private one for 'sign', the public one for 'verify'
 * with the same algorithm — so the kubelet, which writes its fresh key and reads it straight back
 * (FileStore.Update), does not pay a second import. Only pairs with exactly those properties
 * (checked: usages, extractable, the spec of the private key, the public key derived from it)
 * are recorded; any other pair is imported as before.
 */
function rememberImport(type: string, der: Uint8Array, keys: KeyPair): void {
  const { privateKey, publicKey } = keys;
  const usual = privateKey.extractable && publicKey.extractable && privateKey.type === 'private' && publicKey.type === 'public';
  const usages = privateKey.usages.length === 1 && privateKey.usages[0] === 'sign' && publicKey.usages.length === 1 && publicKey.usages[0] === 'verify';
  if (!usual || !usages) return;
  // and the pair is a real pair of that spec: the public key is the private key's (an import derives it from the private key)
  const privateObject = KeyObject.from(privateKey);
  let spec: KeySpec;
  try {
    spec = specOf(privateObject, 'key');
  } catch {
    return;
  }
  if (spec !== keys.spec || !createPublicKey(privateObject).equals(KeyObject.from(publicKey))) return;
  importedKeys.get(`${type}\u0000${bytesKey(der)}`, () => Object.freeze({ spec: keys.spec, privateKey, publicKey }));
}

/** The public key as a "PUBLIC KEY" (SubjectPublicKeyInfo) PEM block. */
export async function exportPublicKeyPem(keys: Pick<KeyPair, 'publicKey'>): Promise<string> {
  return encodePem('PUBLIC KEY', await activity.track(webcrypto.subtle.exportKey('spki', keys.publicKey)));
}

/** The key spec of a public key given as SubjectPublicKeyInfo DER (from a CSR or a certificate). */
export function publicKeySpec(spki: ArrayBuffer | Uint8Array, source = 'public key'): KeySpec {
  const der = Buffer.from(spki instanceof ArrayBuffer ? new Uint8Array(spki) : spki);
  // Node's createPublicKey was 13 % of the CSR pipeline's profile (every CSR and certificate
  // parse asks for the key's spec): remember the answer per SPKI. Refusals are not remembered,
  // so their messages keep naming each caller's source.
  const memoKey = der.toString('base64');
  const known = specMemo.get(memoKey);
  if (known !== undefined) return known;
  let key: KeyObject;
  try {
    key = createPublicKey({ key: der, format: 'der', type: 'spki' });
  } catch (err) {
    throw new PkiError('DER_MALFORMED', `${source}: not a valid SubjectPublicKeyInfo (${(err as Error).message})`, { cause: err });
  }
  const spec = specOf(key, source);
  if (specMemo.size >= specMemoLimit) specMemo.clear();
  specMemo.set(memoKey, spec);
  return spec;
}

/** publicKeySpec's answers by SPKI (base64), at most `specMemoLimit` (then started afresh). */
const specMemo = new Map<string, KeySpec>();
const specMemoLimit = 4096;

/** Imports a SubjectPublicKeyInfo as a WebCrypto verification key. */
export async function importPublicKey(spki: ArrayBuffer | Uint8Array, source = 'public key'): Promise<{ spec: KeySpec; publicKey: CryptoKey }> {
  const spec = publicKeySpec(spki, source);
  const publicKey = await activity.track(webcrypto.subtle.importKey('spki', spki, keyAlgorithm(spec), true, ['verify']));
  return { spec, publicKey };
}

/** True when the private key of `keys` matches the public key given as SPKI DER. */
export async function keyMatches(keys: KeyPair, spki: ArrayBuffer | Uint8Array): Promise<boolean> {
  const mine = new Uint8Array(await activity.track(webcrypto.subtle.exportKey('spki', keys.publicKey)));
  return Buffer.from(mine).equals(Buffer.from(spki instanceof ArrayBuffer ? new Uint8Array(spki) : spki));
}
