/**
 * The Secret kubeadm writes for a token and reads back for `kubeadm token list`:
 * cmd/kubeadm/app/apis/bootstraptoken/v1/utils.go (NewBootstrapTokenString,
 * BootstrapTokenToSecret, encodeTokenSecretData, BootstrapTokenFromSecret).
 */
import type { Secret } from '../core-v1.js';
import { goQuote } from '../go-format.js';
import { namespaceSystem, secretTypeBootstrapToken } from '../well-known.js';
import {
  bootstrapTokenDescriptionKey,
  bootstrapTokenExpirationKey,
  bootstrapTokenExtraGroupsKey,
  bootstrapTokenIdKey,
  bootstrapTokenPattern,
  bootstrapTokenSecretKey,
  bootstrapTokenSecretPrefix,
  bootstrapTokenUsagePrefix,
} from './constants.js';
import { BootstrapTokenError } from './errors.js';
import { formatRFC3339, goTimeFromDate, parseRFC3339 } from './rfc3339.js';
import type { GoTime } from './rfc3339.js';
import type { BootstrapTokenSecret } from './secret-data.js';
import { getSecretData } from './secret-data.js';
import type { BootstrapTokenString } from './token-string.js';
import { bootstrapTokenSecretName, matchBootstrapToken, tokenFromIdAndSecret } from './token-string.js';
import { compareGoStrings } from './validation.js';

/** kubeadm's BootstrapToken (bootstraptoken/v1 types.go). */
export interface BootstrapToken {
  token: BootstrapTokenString;
  /** Free text; written only when non-empty. */
  description?: string;
  /** Time to live in milliseconds; used only when `expires` is absent, and only when > 0. */
  ttlMs?: number;
  /** An absolute expiration; wins over `ttlMs`. */
  expires?: GoTime;
  /** `signing`, `authentication`; read back sorted. */
  usages?: string[];
  /** Extra groups; read back in the Secret's order. */
  groups?: string[];
}

/** NewBootstrapTokenString: throws TOKEN_INVALID `the bootstrap token "x" was not of the form "\A…\z"`. */
export function newBootstrapTokenString(token: string): BootstrapTokenString {
  const parsed = matchBootstrapToken(token);
  if (!parsed) throw new BootstrapTokenError('TOKEN_INVALID', `the bootstrap token ${goQuote(token)} was not of the form ${goQuote(bootstrapTokenPattern)}`);
  return parsed;
}

/** BootstrapTokenString.String(): `<id>.<secret>`, or '' when either part is empty. */
export function bootstrapTokenStringText(token: BootstrapTokenString): string {
  return token.id.length > 0 && token.secret.length > 0 ? tokenFromIdAndSecret(token.id, token.secret) : '';
}

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

/**
 * encodeTokenSecretData: token-id and token-secret always; description when non-empty;
 * expiration from `expires`, else from now + TTL when the TTL is positive (RFC 3339, UTC, whole
 * seconds); `usage-bootstrap-<usage>: "true"` per usage; the groups joined by ",". Values are
 * base64 as on the wire, keys in Go's JSON order (sorted).
 */
export function encodeTokenSecretData(token: BootstrapToken, now: Date): Record<string, string> {
  const data: Record<string, string> = {
    [bootstrapTokenIdKey]: token.token.id,
    [bootstrapTokenSecretKey]: token.token.secret,
  };
  if (token.description) data[bootstrapTokenDescriptionKey] = token.description;
  if (token.expires !== undefined) {
    data[bootstrapTokenExpirationKey] = formatRFC3339({ ...token.expires, offsetSeconds: 0 });
  } else if (token.ttlMs !== undefined && token.ttlMs > 0) {
    data[bootstrapTokenExpirationKey] = formatRFC3339(goTimeFromDate(new Date(now.getTime() + token.ttlMs)));
  }
  for (const usage of token.usages ?? []) data[bootstrapTokenUsagePrefix + usage] = 'true';
  if ((token.groups ?? []).length > 0) data[bootstrapTokenExtraGroupsKey] = token.groups!.join(',');
  const encoded: Record<string, string> = {};
  for (const key of Object.keys(data).sort(compareGoStrings)) encoded[key] = b64(data[key]!);
  return encoded;
}

/** BootstrapTokenToSecret: `kube-system/bootstrap-token-<id>` of type bootstrap.kubernetes.io/token. */
export function bootstrapTokenToSecret(token: BootstrapToken, now: Date): Secret {
  return {
    kind: 'Secret',
    apiVersion: 'v1',
    metadata: { name: bootstrapTokenSecretName(token.token.id), namespace: namespaceSystem },
    data: encodeTokenSecretData(token, now),
    type: secretTypeBootstrapToken,
  };
}

const invalid = (message: string): BootstrapTokenError => new BootstrapTokenError('SECRET_INVALID', message);

/**
 * BootstrapTokenFromSecret: the token a Secret holds, or SECRET_INVALID with kubeadm's message
 * (missing id or secret, a name that is not `bootstrap-token-<id>`, a malformed token, an
 * expiration Go cannot parse). Usages are the `usage-bootstrap-*` keys set to exactly "true",
 * sorted; groups are `auth-extra-groups` split on "," (none when it is empty).
 */
export function bootstrapTokenFromSecret(secret: BootstrapTokenSecret): BootstrapToken {
  const name = secret.metadata?.name ?? '';
  const tokenId = getSecretData(secret, bootstrapTokenIdKey);
  if (tokenId.length === 0) throw invalid(`bootstrap Token Secret has no token-id data: ${name}`);
  if (name !== bootstrapTokenSecretName(tokenId)) {
    throw invalid(
      `bootstrap token name is not of the form '${bootstrapTokenSecretPrefix}(token-id)'. Actual: ${goQuote(name)}. Expected: ${goQuote(bootstrapTokenSecretName(tokenId))}`,
    );
  }
  const tokenSecret = getSecretData(secret, bootstrapTokenSecretKey);
  if (tokenSecret.length === 0) throw invalid(`bootstrap Token Secret has no token-secret data: ${name}`);
  let token: BootstrapTokenString;
  try {
    token = newBootstrapTokenString(tokenFromIdAndSecret(tokenId, tokenSecret));
  } catch (err) {
    throw invalid(`bootstrap Token Secret is invalid and couldn't be parsed: ${(err as Error).message}`);
  }
  const result: BootstrapToken = { token };
  const description = getSecretData(secret, bootstrapTokenDescriptionKey);
  if (description !== '') result.description = description;
  const expiration = getSecretData(secret, bootstrapTokenExpirationKey);
  if (expiration.length > 0) {
    try {
      result.expires = parseRFC3339(expiration);
    } catch (err) {
      throw invalid(`can't parse expiration time of bootstrap token ${goQuote(name)}: ${(err as Error).message}`);
    }
  }
  const usages: string[] = [];
  for (const key of Object.keys(secret.data ?? {})) {
    if (key.startsWith(bootstrapTokenUsagePrefix) && getSecretData(secret, key) === 'true') usages.push(key.slice(bootstrapTokenUsagePrefix.length));
  }
  if (usages.length > 0) result.usages = usages.sort(compareGoStrings);
  const groups = getSecretData(secret, bootstrapTokenExtraGroupsKey).split(',');
  if (groups[0]!.length > 0) result.groups = groups;
  return result;
}
