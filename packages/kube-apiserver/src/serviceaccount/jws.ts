/**
 * JWS compact serialization (RFC 7515) as the service-account tokens use it, with WebCrypto:
 * what gopkg.in/go-jose/go-jose.v2 does for kubernetes/kubernetes pkg/serviceaccount/jwt.go.
 *
 * - Signing (`signCompact`): the protected header is `{"alg":…,"kid":…}` (sorted keys, as go-jose
 *   serializes its header map), the parts are unpadded base64url. ES256/ES384/ES512 for ECDSA
 *   P-256/P-384/P-521 keys (the signature is r‖s), RS256 for every RSA key; Ed25519 keys are
 *   refused, as JWTTokenGenerator refuses them.
 * - Parsing (`parseCompact`): three dot-separated parts, each base64url (go-jose trims `=`
 *   padding first), a protected header that is a JSON object whose `alg` and `kid` are strings.
 * - Verifying (`verifyCompact`): the signature over the *re-encoded* header and payload (go-jose's
 *   computeAuthData), with the key the header's `alg` names; any failure — an algorithm the key
 *   cannot do (`alg: none` included), a bad signature, a `crit` header — is the one error
 *   `go-jose/go-jose: error in cryptographic primitive` (DetachedVerify maps them all to it).
 */
import type { KeyPair } from '@tlsboot/pki';
import { goMarshal } from './go-json.js';

type CryptoKey = KeyPair['publicKey'];
const subtle = globalThis.crypto.subtle;

/** jose.ErrCryptoFailure. */
export const errCryptoFailure = 'go-jose/go-jose: error in cryptographic primitive';

export class JWSError extends Error {}

// ---- base64url ----

/** base64.RawURLEncoding.EncodeToString. */
export function base64url(bytes: Uint8Array | ArrayBuffer): string {
  return Buffer.from(bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes).toString('base64url');
}

/**
 * base64.RawURLEncoding.DecodeString: the URL alphabet without padding (CR and LF are skipped,
 * as Go's decoder skips them); undefined when Go would refuse the text.
 */
export function decodeRawBase64url(text: string): Uint8Array | undefined {
  const s = text.replace(/[\r\n]/g, '');
  if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) return undefined;
  return new Uint8Array(Buffer.from(s, 'base64url'));
}

/** go-jose's base64URLDecode: trailing `=` trimmed, then RawURLEncoding. */
function decodeJoseBase64(text: string): Uint8Array | undefined {
  return decodeRawBase64url(text.replace(/=+$/, ''));
}

// ---- algorithms ----

export type JWSAlgorithm = 'ES256' | 'ES384' | 'ES512' | 'RS256' | 'RS384' | 'RS512' | 'PS256' | 'PS384' | 'PS512' | 'EdDSA';

const hashOf = { 256: 'SHA-256', 384: 'SHA-384', 512: 'SHA-512' } as const;
/** ECDSA signature sizes of go-jose's ecEncrypterVerifier (r and s each `keySize` bytes). */
const ecKeySize: Record<string, number> = { ES256: 32, ES384: 48, ES512: 66 };

/** The algorithm JWTTokenGenerator signs with for a key (signerFromRSAPrivateKey / signerFromECDSAPrivateKey). */
export function signingAlgorithmFor(spec: KeyPair['spec']): JWSAlgorithm {
  switch (spec) {
    case 'ecdsa-p256':
      return 'ES256';
    case 'ecdsa-p384':
      return 'ES384';
    case 'ecdsa-p521':
      return 'ES512';
    case 'rsa-2048':
    case 'rsa-3072':
    case 'rsa-4096':
      return 'RS256';
    default:
      throw new JWSError(`unknown private key type ${spec}, must be *rsa.PrivateKey, *ecdsa.PrivateKey, or jose.OpaqueSigner`);
  }
}

/**
 * keyIDFromPublicKey: base64url (unpadded) of the SHA-256 of the public key's DER
 * SubjectPublicKeyInfo — the `kid` of every token the key signs.
 */
export async function keyIDFromPublicKey(publicKey: CryptoKey): Promise<string> {
  const spki = await subtle.exportKey('spki', publicKey);
  return base64url(await subtle.digest('SHA-256', spki));
}

// ---- signing ----

/** The compact JWS of `payload` (already the exact JSON bytes) signed by `keys`, with `kid`. */
export async function signCompact(payloadJSON: string, keys: Pick<KeyPair, 'spec' | 'privateKey'>, kid: string): Promise<string> {
  const alg = signingAlgorithmFor(keys.spec);
  const input = `${base64url(Buffer.from(goMarshal({ alg, kid }), 'utf8'))}.${base64url(Buffer.from(payloadJSON, 'utf8'))}`;
  const params = alg.startsWith('ES') ? { name: 'ECDSA', hash: hashOf[Number(alg.slice(2)) as keyof typeof hashOf] } : { name: 'RSASSA-PKCS1-v1_5' };
  const signature = await subtle.sign(params, keys.privateKey, Buffer.from(input, 'ascii'));
  return `${input}.${base64url(signature)}`;
}

// ---- parsing ----

export interface ParsedJWS {
  /** The protected header as parsed JSON. */
  header: Record<string, unknown>;
  alg: string;
  /** The `kid` header, '' when absent. */
  kid: string;
  payload: Uint8Array;
  signature: Uint8Array;
  /** What the signature covers: the header and payload re-encoded (computeAuthData). */
  signingInput: Uint8Array;
}

/** jose.ParseSigned for the compact form; a JWSError (→ "not a token we understand") when it does not parse. */
export function parseCompact(token: string): ParsedJWS {
  const parts = token.split('.');
  if (parts.length !== 3) throw new JWSError('go-jose/go-jose: compact JWS format must have three parts');
  const [h, p, s] = parts as [string, string, string];
  const rawHeader = decodeJoseBase64(h);
  const payload = decodeJoseBase64(p);
  const signature = decodeJoseBase64(s);
  if (rawHeader === undefined || payload === undefined || signature === undefined) throw new JWSError('illegal base64 data');
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(rawHeader).toString('utf8'));
  } catch (err) {
    throw new JWSError((err as Error).message);
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) throw new JWSError('go-jose/go-jose: missing or invalid protected header');
  const record = header as Record<string, unknown>;
  const alg = record['alg'] ?? '';
  const kid = record['kid'] ?? '';
  if (typeof alg !== 'string' || typeof kid !== 'string') throw new JWSError('json: cannot unmarshal into Go value of type string');
  const signingInput = Buffer.from(`${base64url(rawHeader)}.${base64url(payload)}`, 'ascii');
  return { header: record, alg, kid, payload, signature, signingInput: new Uint8Array(signingInput) };
}

// ---- verifying ----

/** A verification key with its id, as StaticPublicKeysGetter holds them. */
export interface PublicKey {
  keyID: string;
  key: CryptoKey;
}

export async function publicKeyOf(key: CryptoKey): Promise<PublicKey> {
  return { keyID: await keyIDFromPublicKey(key), key };
}

/** RSA keys are bound to one WebCrypto algorithm; RS384, PS256 … need the key imported again. */
const reimported = new WeakMap<CryptoKey, Map<string, Promise<CryptoKey>>>();

async function rsaKeyFor(key: CryptoKey, name: 'RSASSA-PKCS1-v1_5' | 'RSA-PSS', hash: string): Promise<CryptoKey> {
  let byAlg = reimported.get(key);
  if (byAlg === undefined) reimported.set(key, (byAlg = new Map()));
  const id = `${name}/${hash}`;
  let found = byAlg.get(id);
  if (found === undefined) {
    found = subtle.exportKey('spki', key).then((spki) => subtle.importKey('spki', spki, { name, hash }, true, ['verify']));
    byAlg.set(id, found);
  }
  return found;
}

/** verifyPayload of go-jose's verifiers: true when `key` can do `alg` and the signature holds. */
async function verifies(jws: ParsedJWS, key: CryptoKey): Promise<boolean> {
  const { alg, signature, signingInput } = jws;
  const keyAlg = key.algorithm.name;
  const bits = Number(alg.slice(2)) as 256 | 384 | 512;
  try {
    if (keyAlg === 'ECDSA' && alg in ecKeySize) {
      if (signature.length !== 2 * ecKeySize[alg]!) return false;
      return await subtle.verify({ name: 'ECDSA', hash: hashOf[bits] }, key, signature, signingInput);
    }
    if ((keyAlg === 'RSASSA-PKCS1-v1_5' || keyAlg === 'RSA-PSS') && /^(RS|PS)(256|384|512)$/.test(alg)) {
      const pss = alg.startsWith('PS');
      const k = await rsaKeyFor(key, pss ? 'RSA-PSS' : 'RSASSA-PKCS1-v1_5', hashOf[bits]);
      return await subtle.verify(pss ? { name: 'RSA-PSS', saltLength: bits / 8 } : { name: 'RSASSA-PKCS1-v1_5' }, k, signature, signingInput);
    }
    if (keyAlg === 'Ed25519' && alg === 'EdDSA') return await subtle.verify({ name: 'Ed25519' }, key, signature, signingInput);
  } catch {
    return false;
  }
  return false; // ErrUnsupportedAlgorithm, `none` included
}

/**
 * JSONWebSignature.Verify: the payload when the signature verifies with `key`, else a JWSError
 * with jose.ErrCryptoFailure's text.
 */
export async function verifyCompact(jws: ParsedJWS, key: CryptoKey): Promise<Uint8Array> {
  const crit = jws.header['crit'];
  if (Array.isArray(crit) && crit.length > 0) throw new JWSError(errCryptoFailure); // unsupported crit header
  if (!(await verifies(jws, key))) throw new JWSError(errCryptoFailure);
  return jws.payload;
}
