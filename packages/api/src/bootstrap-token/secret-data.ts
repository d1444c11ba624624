/**
 * Reading a bootstrap-token Secret, as k8s.io/cluster-bootstrap/util/secrets/secrets.go does
 * (GetData, GetExpiration, HasExpired, ParseName, GetGroups). The authenticator, the
 * bootstrapsigner and the tokencleaner all decide with these functions. Secrets are as the API
 * serves them: `data` values are base64.
 */
import type { Secret } from '../core-v1.js';
import { bootstrapDefaultGroup } from '../well-known.js';
import { bootstrapTokenExpirationKey, bootstrapTokenExtraGroupsKey, bootstrapTokenSecretPrefix } from './constants.js';
import { BootstrapTokenError } from './errors.js';
import { isAtOrBefore, millisecondsUntil, parseRFC3339 } from './rfc3339.js';
import { compareGoStrings, validateBootstrapGroupName } from './validation.js';

/** What these helpers read of a Secret. */
export type BootstrapTokenSecret = Pick<Secret, 'metadata' | 'type' | 'data'>;

/**
 * True when the Secret has no data. Go's `secret.Data == nil`: an empty map does not survive
 * storage (protobuf drops it), so an empty `data` reads back as nil as well.
 */
export function hasNoData(secret: BootstrapTokenSecret): boolean {
  const data = secret.data;
  return data === undefined || data === null || typeof data !== 'object' || Object.keys(data).length === 0;
}

/** GetData: the decoded value of `key`, or '' when the key (or all data) is missing. */
export function getSecretData(secret: BootstrapTokenSecret, key: string): string {
  const value = hasNoData(secret) ? undefined : secret.data![key];
  return typeof value === 'string' ? Buffer.from(value, 'base64').toString('utf8') : '';
}

/** The Secret's `<namespace>/<name>`, as upstream's log lines name it. */
export function secretKey(secret: BootstrapTokenSecret): string {
  return `${secret.metadata?.namespace ?? ''}/${secret.metadata?.name ?? ''}`;
}

export interface Expiration {
  /** Time left, in milliseconds; 0 when there is no expiration or it has passed. */
  remainingMs: number;
  expired: boolean;
  /** Upstream's V(3) log line when the Secret counts as expired (unparseable or past). */
  reason?: string;
}

/**
 * GetExpiration: no `expiration` (or '') never expires; one Go cannot parse counts as expired;
 * otherwise expired once `expiration - now <= 0` — the exact instant is already expired.
 */
export function getExpiration(secret: BootstrapTokenSecret, now: Date): Expiration {
  const expiration = getSecretData(secret, bootstrapTokenExpirationKey);
  if (expiration.length === 0) return { remainingMs: 0, expired: false };
  let remainingMs: number;
  let expired: boolean;
  try {
    const at = parseRFC3339(expiration);
    remainingMs = millisecondsUntil(at, now);
    expired = isAtOrBefore(at, now);
  } catch (err) {
    const why = err instanceof BootstrapTokenError ? err.message : String(err);
    return { remainingMs: 0, expired: true, reason: `Unparseable expiration time (${expiration}) in ${secretKey(secret)} Secret: ${why}. Treating as expired.` };
  }
  if (expired) return { remainingMs: 0, expired: true, reason: `Expired bootstrap token in ${secretKey(secret)} Secret: ${expiration}` };
  return { remainingMs, expired: false };
}

/** HasExpired. */
export function hasExpired(secret: BootstrapTokenSecret, now: Date): boolean {
  return getExpiration(secret, now).expired;
}

const secretNameRegExp = new RegExp(`^${bootstrapTokenSecretPrefix}([a-z0-9]{6})$`);

/** ParseName: the token id of a Secret named `bootstrap-token-<id>`, or undefined. */
export function parseBootstrapTokenSecretName(name: string): string | undefined {
  return secretNameRegExp.exec(name)?.[1];
}

/**
 * GetGroups: `system:bootstrappers` plus the `auth-extra-groups`, split on "," with no trimming,
 * de-duplicated and sorted. One invalid group fails the whole call (GROUP_INVALID, upstream's
 * ValidateBootstrapGroupName text); it is never skipped.
 */
export function getBootstrapGroups(secret: BootstrapTokenSecret): string[] {
  const groups = new Set([bootstrapDefaultGroup]);
  const extra = getSecretData(secret, bootstrapTokenExtraGroupsKey);
  if (extra === '') return [...groups];
  for (const group of extra.split(',')) {
    const problem = validateBootstrapGroupName(group);
    if (problem !== undefined) throw new BootstrapTokenError('GROUP_INVALID', problem);
    groups.add(group);
  }
  return [...groups].sort(compareGoStrings);
}
