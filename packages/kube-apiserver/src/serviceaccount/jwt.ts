/**
 * Service-account JWTs: kubernetes/kubernetes pkg/serviceaccount/jwt.go.
 *
 * `jwtTokenGenerator(issuer, keys)` is JWTTokenGenerator: private claims, then public claims,
 * then `iss`, merged (later wins) into one payload with sorted keys, signed with the key's
 * algorithm and `kid` = keyIDFromPublicKey.
 *
 * `jwtTokenAuthenticator` is jwtTokenAuthenticator.AuthenticateToken, step by step:
 * 1. hasCorrectIssuer: three dot-separated parts, the middle one strict base64url of a JSON
 *    object whose `iss` is one of ours — otherwise the token is not ours (not-mine, no error);
 * 2. jwt.ParseSigned — a token that does not parse is not ours either;
 * 3. the keys with the token's `kid` (all keys without one): none → `invalid signature, no keys
 *    found`; each key in turn verifies the signature and decodes the claims; none verifies → the
 *    errors aggregated (`go-jose/go-jose: error in cryptographic primitive`);
 * 4. the verified `iss` is ours (`token issuer "x" is invalid`);
 * 5. audiences: a token without `aud` (a legacy one) counts as the API audiences; the token's
 *    audiences intersected with the requested ones (default the API audiences) must not be
 *    empty (`token audiences ["x"] is invalid for the target audiences ["y"]`);
 * 6. the validator (bound or legacy claims, lookups) — its error is the answer.
 */
import { goQuote } from '@tlsboot/api';
import type { KeyPair } from '@tlsboot/pki';
import { GoDecodeError, goField, goMarshal, goStringField, parseGoObject } from './go-json.js';
import { JWSError, decodeRawBase64url, parseCompact, publicKeyOf, signCompact, verifyCompact } from './jws.js';
import type { PublicKey } from './jws.js';
import type { ServiceAccountInfo } from './service-account-info.js';

type CryptoKey = KeyPair['publicKey'];

/** jwt.Claims: the registered claims. NumericDates are whole seconds since the epoch. */
export interface PublicClaims {
  iss?: string;
  sub?: string;
  aud?: string[];
  exp?: number;
  nbf?: number;
  iat?: number;
  jti?: string;
}

/** jwt.DefaultLeeway: the slack of every time check (exp, nbf, iat, deletion). */
export const defaultLeewayMs = 60_000;

// ---- generating ----

export interface TokenGenerator {
  /** GenerateToken: `claims` win over `privateClaims`; `iss` is the generator's. */
  generateToken(claims: PublicClaims, privateClaims: Record<string, unknown>): Promise<string>;
}

/** The payload bytes go-jose writes for these claims (also what tests compare against). */
export function jwtPayload(issuer: string, claims: PublicClaims, privateClaims: Record<string, unknown>): string {
  const merged: Record<string, unknown> = { ...privateClaims };
  for (const [k, v] of Object.entries(claims)) if (!isEmpty(v)) merged[k] = v;
  if (issuer !== '') merged['iss'] = issuer;
  return goMarshal(merged);
}

/** `omitempty` of jwt.Claims' fields. */
function isEmpty(v: unknown): boolean {
  return v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

/** JWTTokenGenerator (ECDSA P-256/384/521 → ES256/384/512, RSA → RS256; Ed25519 refused). */
export async function jwtTokenGenerator(issuer: string, keys: Pick<KeyPair, 'spec' | 'privateKey' | 'publicKey'>): Promise<TokenGenerator> {
  const { keyID } = await publicKeyOf(keys.publicKey);
  return { generateToken: (claims, privateClaims) => signCompact(jwtPayload(issuer, claims, privateClaims), keys, keyID) };
}

// ---- reading claims ----

/** NumericDate.UnmarshalJSON: a number (truncated to whole seconds); null leaves it unset. */
function numericDate(obj: Record<string, unknown>, name: string): number | undefined {
  const v = goField(obj, name);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number') throw new GoDecodeError('go-jose/go-jose/jwt: expected number value to unmarshal to NumericDate');
  // Go's float64 → int64 conversion: out of range gives the minimum int64 (amd64)
  return Math.abs(v) >= 2 ** 63 ? -(2 ** 63) : Math.trunc(v);
}

/** Audience.UnmarshalJSON: a string or an array of strings (null is an error too). */
function audience(obj: Record<string, unknown>): string[] | undefined {
  const v = goField(obj, 'aud');
  if (v === undefined) return undefined;
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((e) => typeof e === 'string')) return v as string[];
  throw new GoDecodeError('go-jose/go-jose/jwt: expected string or array value to unmarshal to Audience');
}

/** json.Unmarshal of the payload into jwt.Claims. */
export function parsePublicClaims(payload: Record<string, unknown>): PublicClaims {
  const out: PublicClaims = {};
  const str = (name: 'iss' | 'sub' | 'jti') => {
    const v = goStringField(payload, name, `Claims.${name}`);
    if (v !== '') out[name] = v;
  };
  str('iss');
  str('sub');
  const aud = audience(payload);
  if (aud !== undefined) out.aud = aud;
  for (const name of ['exp', 'nbf', 'iat'] as const) {
    const v = numericDate(payload, name);
    if (v !== undefined) out[name] = v;
  }
  str('jti');
  return out;
}

/** An optional NumericDate inside a private-claims struct. */
export function privateNumericDate(obj: Record<string, unknown>, name: string): number | undefined {
  return numericDate(obj, name);
}

/** jwt.Expected{Time}.Validate with the default leeway: the error go-jose returns, or undefined. */
export function validateTimes(claims: PublicClaims, nowMs: number): 'ErrNotValidYet' | 'ErrExpired' | 'ErrIssuedInTheFuture' | undefined {
  if (claims.nbf !== undefined && nowMs + defaultLeewayMs < claims.nbf * 1000) return 'ErrNotValidYet';
  if (claims.exp !== undefined && nowMs - defaultLeewayMs > claims.exp * 1000) return 'ErrExpired';
  if (claims.iat !== undefined && nowMs + defaultLeewayMs < claims.iat * 1000) return 'ErrIssuedInTheFuture';
  return undefined;
}

// ---- authenticating ----

/** Validator[PrivateClaims]: decodes the private claims and checks them (and the objects they name). */
export interface Validator<P> {
  /** json.Unmarshal into the private-claims struct (throws GoDecodeError). */
  parsePrivate(payload: Record<string, unknown>): P;
  /** The account the token speaks for, or a rejection whose message is upstream's error. */
  validate(token: string, claims: PublicClaims, privateClaims: P): Promise<ServiceAccountInfo>;
}

export type JWTResult =
  | { kind: 'authenticated'; info: ServiceAccountInfo; audiences: string[] }
  | { kind: 'not-mine' }
  | { kind: 'error'; error: string };

export interface JWTTokenAuthenticator {
  authenticateToken(token: string, requestedAudiences?: readonly string[]): Promise<JWTResult>;
}

/** StaticPublicKeysGetter.GetPublicKeys: every key for an empty kid, else the keys with that id. */
export function publicKeysFor(keys: readonly PublicKey[], kid: string): readonly PublicKey[] {
  return kid === '' ? keys : keys.filter((k) => k.keyID === kid);
}

/** utilerrors.NewAggregate(...).Error(): one message as is, several deduplicated in brackets. */
export function aggregateMessage(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0]! : `[${unique.join(', ')}]`;
}

/** Go's %q of a []string: `["a" "b"]`. */
export function quoteList(list: readonly string[]): string {
  return `[${list.map((s) => goQuote(s)).join(' ')}]`;
}

/** hasCorrectIssuer: the unverified `iss` of a compact JWT is one of `issuers`. */
export function hasCorrectIssuer(token: string, issuers: ReadonlySet<string>): boolean {
  if (token.trim().startsWith('{')) return false;
  const parts = token.split('.');
  if (parts.length !== 3) return false;
  const payload = decodeRawBase64url(parts[1]!);
  if (payload === undefined) return false;
  try {
    return issuers.has(goStringField(parseGoObject(payload, 'struct { Issuer string "json:\\"iss\\"" }'), 'iss', 'iss'));
  } catch {
    return false;
  }
}

export interface JWTTokenAuthenticatorOptions<P> {
  issuers: readonly string[];
  /** The public keys that verify tokens (--service-account-key-file). */
  keys: readonly CryptoKey[];
  /** --api-audiences: the implicit audiences. */
  implicitAudiences: readonly string[];
  validator: Validator<P>;
}

export function jwtTokenAuthenticator<P>(options: JWTTokenAuthenticatorOptions<P>): JWTTokenAuthenticator {
  const issuers = new Set(options.issuers);
  const implicit = [...options.implicitAudiences];
  let keys: Promise<PublicKey[]> | undefined;
  return {
    async authenticateToken(token, requestedAudiences) {
      if (!hasCorrectIssuer(token, issuers)) return { kind: 'not-mine' };
      let jws;
      try {
        jws = parseCompact(token);
      } catch (err) {
        if (err instanceof JWSError) return { kind: 'not-mine' };
        throw err;
      }
      keys ??= Promise.all(options.keys.map((k) => publicKeyOf(k)));
      const candidates = publicKeysFor(await keys, jws.kid);
      if (candidates.length === 0) return { kind: 'error', error: 'invalid signature, no keys found' };
      const errors: string[] = [];
      let verified: { claims: PublicClaims; privateClaims: P } | undefined;
      for (const key of candidates) {
        try {
          const payload = parseGoObject(await verifyCompact(jws, key.key), 'jwt.Claims');
          verified = { claims: parsePublicClaims(payload), privateClaims: options.validator.parsePrivate(payload) };
          break;
        } catch (err) {
          if (!(err instanceof JWSError || err instanceof GoDecodeError)) throw err;
          errors.push(err.message);
        }
      }
      if (verified === undefined) return { kind: 'error', error: aggregateMessage(errors) };
      const { claims, privateClaims } = verified;
      // sanity check of the issuer, read before the signature was verified
      if (!issuers.has(claims.iss ?? '')) return { kind: 'error', error: `token issuer ${goQuote(claims.iss ?? '')} is invalid` };
      // a token without audiences (a legacy one) is for the apiserver's
      const tokenAudiences = claims.aud !== undefined && claims.aud.length > 0 ? claims.aud : implicit;
      const requested = requestedAudiences ?? implicit;
      const audiences = requested.filter((a) => tokenAudiences.includes(a));
      if (audiences.length === 0 && implicit.length !== 0) {
        return { kind: 'error', error: `token audiences ${quoteList(tokenAudiences)} is invalid for the target audiences ${quoteList(requested)}` };
      }
      try {
        return { kind: 'authenticated', info: await options.validator.validate(token, claims, privateClaims), audiences };
      } catch (err) {
        return { kind: 'error', error: err instanceof Error ? err.message : String(err) };
      }
    },
  };
}
