/**
 * The impersonation filter (k8s.io/apiserver/pkg/endpoints/filters/impersonation.go,
 * WithImpersonation, v1.32): after authentication and before authorization, `Impersonate-User`,
 * `Impersonate-Group` (repeatable), `Impersonate-Uid` and `Impersonate-Extra-<key>` ask to run the
 * request as someone else. Each thing asked for is one `impersonate` check against the
 * authorizer chain, as the authenticated user:
 *
 * | header                       | resource          | API group               | name / namespace / subresource |
 * |------------------------------|-------------------|-------------------------|--------------------------------|
 * | Impersonate-User `system:serviceaccount:<ns>:<n>` | serviceaccounts | "" | `<n>` in `<ns>`               |
 * | Impersonate-User (any other) | users             | ""                      | the user name                  |
 * | Impersonate-Group            | groups            | ""                      | the group                      |
 * | Impersonate-Extra-<key>      | userextras        | authentication.k8s.io   | the value; subresource `<key>` |
 * | Impersonate-Uid              | uids              | authentication.k8s.io   | the uid                        |
 *
 * The first refusal is a 403 with the usual forbidden message for those attributes (e.g.
 * `users "bob" is forbidden: User "alice" cannot impersonate resource "users" in API group "" at
 * the cluster scope`). Groups, extras or a uid without a user are refused before any check with
 * upstream's 500 (`Internal Server Error: "<uri>": requested [...] without impersonating a user`,
 * plain text, as responsewriters.InternalError writes it).
 *
 * The new identity: the user (or the service account's name, with its two groups when no group
 * was asked for), the groups asked for, the extras (keys lower-cased, then percent-decoded), the
 * uid; `system:authenticated` is appended unless a group already says authenticated or
 * unauthenticated — for `system:anonymous`, `system:unauthenticated` instead.
 */
import { allAuthenticatedGroup, allUnauthenticatedGroup, anonymousUser, authenticationGroup, goQuote, serviceAccountGroups, serviceAccountUserName } from '@tlsboot/api';
import type { StatusError } from '@tlsboot/api';
import type { UserInfo } from '../authentication/interfaces.js';
import { forbiddenError } from '../authorization/forbidden.js';
import type { Attributes, Authorizer, Decision } from '../authorization/interfaces.js';
import { describeAttributes } from '../authorization/interfaces.js';

export const impersonateUserHeader = 'impersonate-user';
export const impersonateGroupHeader = 'impersonate-group';
export const impersonateUidHeader = 'impersonate-uid';
export const impersonateUserExtraHeaderPrefix = 'impersonate-extra-';

/** One thing asked for, as the v1.ObjectReference upstream builds for it. */
export interface ImpersonationRequest {
  kind: 'ServiceAccount' | 'User' | 'Group' | 'UserExtra' | 'UID';
  namespace: string;
  name: string;
  /** `authentication.k8s.io/v1` for UserExtra and UID, '' otherwise. */
  apiVersion: string;
  /** The extra key (UserExtra only). */
  fieldPath: string;
}

/** Header values: Go keeps each header line; Node joins repeated lines with ", " unless given distinct values. */
export type HeaderValues = Readonly<Record<string, string | readonly string[] | undefined>>;

function valuesOf(headers: HeaderValues, name: string, distinct: boolean): string[] {
  const v = headers[name];
  if (v === undefined) return [];
  if (typeof v !== 'string') return [...v];
  // a joined value: split where Node joined the lines (a value holding ", " itself is ambiguous)
  return distinct ? [v] : v.split(', ');
}

/** serviceaccount.SplitUsername: `system:serviceaccount:<ns>:<name>` with two non-empty parts. */
export function splitServiceAccountUsername(username: string): { namespace: string; name: string } | undefined {
  const prefix = 'system:serviceaccount:';
  if (!username.startsWith(prefix)) return undefined;
  const parts = username.slice(prefix.length).split(':');
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') return undefined;
  return { namespace: parts[0]!, name: parts[1]! };
}

/**
 * url.PathUnescape of an extra key; a malformed escape keeps the key as sent ("Always record
 * extra strings, even if malformed/unencoded").
 */
export function unescapeExtraKey(encoded: string): string {
  if (/%(?![0-9a-fA-F]{2})/.test(encoded)) return encoded;
  const bytes: number[] = [];
  for (let i = 0; i < encoded.length; ) {
    if (encoded[i] === '%') {
      bytes.push(parseInt(encoded.slice(i + 1, i + 3), 16));
      i += 3;
    } else {
      const cp = encoded.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      bytes.push(...Buffer.from(ch, 'utf8'));
      i += ch.length;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Go's `%v` of a []v1.ObjectReference: `[{Kind Namespace Name UID APIVersion ResourceVersion FieldPath} …]`. */
export function formatImpersonationRequests(requests: readonly ImpersonationRequest[]): string {
  return `[${requests.map((r) => `{${[r.kind, r.namespace, r.name, '', r.apiVersion, '', r.fieldPath].join(' ')}}`).join(' ')}]`;
}

export class ImpersonationHeaderError extends Error {}

/**
 * buildImpersonationRequests: the user (or service account) first, then the groups, the extras
 * (in header order; upstream walks a map), then the uid. `distinct` says the header values are
 * one per header line (Node's headersDistinct) rather than Node's joined form.
 */
export function buildImpersonationRequests(headers: HeaderValues, distinct = false): ImpersonationRequest[] {
  const requests: ImpersonationRequest[] = [];
  const ref = (kind: ImpersonationRequest['kind'], name: string, o: Partial<ImpersonationRequest> = {}): ImpersonationRequest => ({ kind, namespace: '', name, apiVersion: '', fieldPath: '', ...o });

  const requestedUser = valuesOf(headers, impersonateUserHeader, distinct)[0] ?? '';
  const hasUser = requestedUser.length > 0;
  if (hasUser) {
    const sa = splitServiceAccountUsername(requestedUser);
    requests.push(sa === undefined ? ref('User', requestedUser) : ref('ServiceAccount', sa.name, { namespace: sa.namespace }));
  }

  const groups = valuesOf(headers, impersonateGroupHeader, distinct);
  for (const group of groups) requests.push(ref('Group', group));

  let hasUserExtra = false;
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    if (!lower.startsWith(impersonateUserExtraHeaderPrefix)) continue;
    hasUserExtra = true;
    const key = unescapeExtraKey(lower.slice(impersonateUserExtraHeaderPrefix.length));
    for (const value of valuesOf(headers, name, distinct)) {
      requests.push(ref('UserExtra', value, { apiVersion: `${authenticationGroup}/v1`, fieldPath: key }));
    }
  }

  const requestedUid = valuesOf(headers, impersonateUidHeader, distinct)[0] ?? '';
  const hasUid = requestedUid.length > 0;
  if (hasUid) requests.push(ref('UID', requestedUid, { apiVersion: `${authenticationGroup}/v1` }));

  if ((groups.length > 0 || hasUserExtra || hasUid) && !hasUser) {
    throw new ImpersonationHeaderError(`requested ${formatImpersonationRequests(requests)} without impersonating a user`);
  }
  return requests;
}

/** The `impersonate` attributes of one request (actingAsAttributes). */
export function impersonateAttributes(requestor: UserInfo, r: ImpersonationRequest): Attributes {
  const [group, version] = r.apiVersion === '' ? ['', ''] : (r.apiVersion.split('/') as [string, string]);
  const base: Attributes = {
    user: requestor,
    verb: 'impersonate',
    isResourceRequest: true,
    path: '',
    namespace: r.namespace,
    apiGroup: group,
    apiVersion: version,
    resource: '',
    subresource: '',
    name: r.name,
  };
  switch (r.kind) {
    case 'ServiceAccount':
      return { ...base, resource: 'serviceaccounts' };
    case 'User':
      return { ...base, resource: 'users' };
    case 'Group':
      return { ...base, resource: 'groups' };
    case 'UserExtra':
      return { ...base, resource: 'userextras', subresource: r.fieldPath };
    case 'UID':
      return { ...base, resource: 'uids' };
  }
}

/** The identity the request runs as once every check passed. */
export function impersonatedUser(requests: readonly ImpersonationRequest[], groupsSpecified: boolean): UserInfo {
  let username = '';
  let groups: string[] = [];
  const extra: Record<string, string[]> = {};
  let uid = '';
  for (const r of requests) {
    switch (r.kind) {
      case 'ServiceAccount':
        username = serviceAccountUserName(r.namespace, r.name);
        // a service account's groups are a fixed mapping, used when no group was asked for
        if (!groupsSpecified) groups = serviceAccountGroups(r.namespace);
        break;
      case 'User':
        username = r.name;
        break;
      case 'Group':
        groups.push(r.name);
        break;
      case 'UserExtra':
        (extra[r.fieldPath] ??= []).push(r.name);
        break;
      case 'UID':
        uid = r.name;
        break;
    }
  }
  if (username !== anonymousUser) {
    if (!groups.includes(allAuthenticatedGroup) && !groups.includes(allUnauthenticatedGroup)) groups.push(allAuthenticatedGroup);
  } else if (!groups.includes(allUnauthenticatedGroup)) {
    groups.push(allUnauthenticatedGroup);
  }
  return { name: username, ...(uid === '' ? {} : { uid }), groups, extra };
}

export interface ImpersonationCheck {
  attributes: string;
  decision: Decision;
  reason: string;
  authorizer?: string;
}

export type ImpersonationOutcome =
  /** No Impersonate-* header: the request goes on as the authenticated user. */
  | { kind: 'none' }
  | { kind: 'impersonated'; user: UserInfo; checks: ImpersonationCheck[] }
  /** A check was refused: 403. */
  | { kind: 'forbidden'; error: StatusError; checks: ImpersonationCheck[] }
  /** Malformed headers: upstream's plain-text 500, `message` without the `Internal Server Error: "<uri>": ` prefix. */
  | { kind: 'invalid'; message: string };

/** Whether any Impersonate-* header is present (the common case, none, costs one pass over the names). */
export function hasImpersonationHeaders(headers: HeaderValues): boolean {
  for (const name in headers) if (name.length > 12 && name.toLowerCase().startsWith('impersonate-')) return true;
  return false;
}

/** WithImpersonation's decision for one request. */
export async function impersonate(headers: HeaderValues, requestor: UserInfo, authorizer: Authorizer, distinct = false): Promise<ImpersonationOutcome> {
  let requests: ImpersonationRequest[];
  try {
    requests = buildImpersonationRequests(headers, distinct);
  } catch (err) {
    if (err instanceof ImpersonationHeaderError) return { kind: 'invalid', message: err.message };
    throw err;
  }
  if (requests.length === 0) return { kind: 'none' };
  const checks: ImpersonationCheck[] = [];
  for (const r of requests) {
    const attributes = impersonateAttributes(requestor, r);
    const result = await authorizer.authorize(attributes);
    checks.push({ attributes: describeAttributes(attributes), decision: result.decision, reason: result.reason, ...(result.authorizer ? { authorizer: result.authorizer } : {}) });
    if (result.decision !== 'Allow') return { kind: 'forbidden', error: forbiddenError(attributes, result.reason), checks };
  }
  const groupsSpecified = valuesOf(headers, impersonateGroupHeader, distinct).length > 0;
  return { kind: 'impersonated', user: impersonatedUser(requests, groupsSpecified), checks };
}

/** responsewriters.InternalError's body: `Internal Server Error: "<uri>": <err>`, `&<>` escaped. */
export function internalErrorText(requestURI: string, message: string): string {
  const text = `Internal Server Error: ${goQuote(requestURI)}: ${message}`;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
