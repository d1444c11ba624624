/**
 * The token string `<id>.<secret>`: k8s.io/cluster-bootstrap/util/tokens/tokens.go (ParseToken)
 * and token/util/helpers.go (GenerateBootstrapToken, randBytes, TokenFromIDAndSecret,
 * IsValidBootstrapToken, IsValidBootstrapTokenID, BootstrapTokenSecretName).
 */
import type { Random } from '@tlsboot/util';
import { goQuote } from '../go-format.js';
import {
  bootstrapTokenIdBytes,
  bootstrapTokenIdRegExp,
  bootstrapTokenPattern,
  bootstrapTokenRegExp,
  bootstrapTokenSecretBytes,
  bootstrapTokenSecretPrefix,
} from './constants.js';
import { BootstrapTokenError } from './errors.js';

/** A token split into its public id and its private secret. */
export interface BootstrapTokenString {
  id: string;
  secret: string;
}

/** validBootstrapTokenChars: lower-case letters and digits (not apimachinery's rand alphabet). */
export const bootstrapTokenChars = '0123456789abcdefghijklmnopqrstuvwxyz';

/** The id and secret of a well-formed token, or undefined (the authenticator's "not mine"). */
export function matchBootstrapToken(token: string): BootstrapTokenString | undefined {
  const m = bootstrapTokenRegExp.exec(token);
  return m ? { id: m[1]!, secret: m[2]! } : undefined;
}

/** tokens.ParseToken: throws TOKEN_INVALID `token ["x"] was not of form ["\A…\z"]`. */
export function parseBootstrapToken(token: string): BootstrapTokenString {
  const parsed = matchBootstrapToken(token);
  if (!parsed) throw new BootstrapTokenError('TOKEN_INVALID', `token [${goQuote(token)}] was not of form [${goQuote(bootstrapTokenPattern)}]`);
  return parsed;
}

/** IsValidBootstrapToken. */
export function isValidBootstrapToken(token: string): boolean {
  return bootstrapTokenRegExp.test(token);
}

/** IsValidBootstrapTokenID. */
export function isValidBootstrapTokenId(id: string): boolean {
  return bootstrapTokenIdRegExp.test(id);
}

/** TokenFromIDAndSecret: `<id>.<secret>`, unchecked. */
export function tokenFromIdAndSecret(id: string, secret: string): string {
  return `${id}.${secret}`;
}

/** BootstrapTokenSecretName: `bootstrap-token-<id>`. */
export function bootstrapTokenSecretName(id: string): string {
  return bootstrapTokenSecretPrefix + id;
}

/**
 * randBytes: `length` characters of bootstrapTokenChars. 256 is not a multiple of 36, so bytes of
 * 252 and above are thrown away (no modulo bias); the rest map to `b % 36`. Bytes are read in
 * chunks of `2 * length`, as upstream's bufio reader does.
 */
function randomTokenChars(random: Random, length: number): string {
  const maxByteValue = 252;
  let out = '';
  let buffer: Uint8Array = new Uint8Array(0);
  let at = 0;
  while (out.length < length) {
    if (at >= buffer.length) {
      buffer = random.bytes(length * 2);
      at = 0;
    }
    const b = buffer[at++]!;
    if (b < maxByteValue) out += bootstrapTokenChars[b % bootstrapTokenChars.length];
  }
  return out;
}

/** GenerateBootstrapTokenID: 6 random token characters. */
export function generateBootstrapTokenId(random: Random): string {
  return randomTokenChars(random, bootstrapTokenIdBytes);
}

/** GenerateBootstrapTokenSecret: 16 random token characters. */
export function generateBootstrapTokenSecret(random: Random): string {
  return randomTokenChars(random, bootstrapTokenSecretBytes);
}

/** GenerateBootstrapToken: a new random `<id>.<secret>`. */
export function generateBootstrapToken(random: Random): string {
  return tokenFromIdAndSecret(generateBootstrapTokenId(random), generateBootstrapTokenSecret(random));
}
