// The impersonation filter as a pure decision: the table of k8s.io/apiserver/pkg/endpoints/
// filters/impersonation_test.go (TestImpersonationFilter, v1.32 cases) with its
// impersonateAuthorizer, plus the header parsing (buildImpersonationRequests) and the 403 texts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { UserInfo } from '../authentication/interfaces.js';
import type { Attributes, AuthorizationResult, Authorizer } from '../authorization/interfaces.js';
import { buildImpersonationRequests, formatImpersonationRequests, impersonate, internalErrorText, unescapeExtraKey } from './impersonation.js';

/** impersonation_test.go's impersonateAuthorizer ("tester" errors: here a NoOpinion). */
const impersonateAuthorizer: Authorizer = {
  name: 'test',
  authorize(a: Attributes): AuthorizationResult {
    const u = a.user;
    const g = (i: number) => u.groups[i];
    const allow: AuthorizationResult = { decision: 'Allow', reason: '' };
    if (u.name === 'system:admin') return allow;
    if (u.name === 'tester') return { decision: 'NoOpinion', reason: '' };
    if (u.name === 'deny-me') return { decision: 'NoOpinion', reason: 'denied' };
    const imp = a.verb === 'impersonate';
    if (g(0) === 'wheel' && imp && a.resource === 'users') return allow;
    if (g(0) === 'sa-impersonater' && imp && a.resource === 'serviceaccounts') return allow;
    if (g(0) === 'regular-impersonater' && imp && a.resource === 'users') return allow;
    if (g(1) === 'group-impersonater' && imp && a.resource === 'groups') return allow;
    if (g(1) === 'extra-setter-scopes' && imp && a.resource === 'userextras' && a.subresource === 'scopes') return allow;
    if (g(1) === 'escaped-scopes' || g(1) === 'almost-escaped-scopes') return allow;
    if (g(1) === 'extra-setter-particular-scopes' && imp && a.resource === 'userextras' && a.subresource === 'scopes' && a.name === 'scope-a' && a.apiGroup === 'authentication.k8s.io') return allow;
    if (g(1) === 'extra-setter-project' && imp && a.resource === 'userextras' && a.subresource === 'project' && a.apiGroup === 'authentication.k8s.io') return allow;
    if (g(0) === 'everything-impersonater' && imp) {
      if (a.resource === 'users' && a.apiGroup === '') return allow;
      if (a.resource === 'uids' && a.name === 'some-uid' && a.apiGroup === 'authentication.k8s.io') return allow;
      if (a.resource === 'groups' && a.apiGroup === '') return allow;
      if (a.resource === 'userextras' && a.subresource === 'scopes' && a.apiGroup === 'authentication.k8s.io') return allow;
    }
    return { decision: 'NoOpinion', reason: 'deny by default' };
  },
};

interface Case {
  name: string;
  user: UserInfo;
  impersonationUser?: string;
  impersonationGroups?: string[];
  impersonationUserExtras?: Record<string, string[]>;
  impersonationUid?: string;
  /** undefined: the request goes on as `user`. */
  expectedUser?: UserInfo;
  expectedCode: 200 | 403 | 500;
}

const u = (name: string, ...groups: string[]): UserInfo => ({ name, groups });
const as = (name: string, groups: string[], extra: Record<string, string[]> = {}, uid?: string): UserInfo => ({ name, ...(uid ? { uid } : {}), groups, extra });

const cases: Case[] = [
  { name: 'not-impersonating', user: u('tester'), expectedCode: 200 },
  { name: 'impersonating-error', user: u('tester'), impersonationUser: 'anyone', expectedCode: 403 },
  { name: 'impersonating-group-without-user', user: u('tester'), impersonationGroups: ['some-group'], expectedCode: 500 },
  { name: 'impersonating-extra-without-user', user: u('tester'), impersonationUserExtras: { scopes: ['scope-a'] }, expectedCode: 500 },
  { name: 'impersonating-uid-without-user', user: u('tester'), impersonationUid: 'some-uid', expectedCode: 500 },
  { name: 'disallowed-group', user: u('dev', 'wheel'), impersonationUser: 'system:admin', impersonationGroups: ['some-group'], expectedCode: 403 },
  { name: 'allowed-group', user: u('dev', 'wheel', 'group-impersonater'), impersonationUser: 'system:admin', impersonationGroups: ['some-group'], expectedUser: as('system:admin', ['some-group', 'system:authenticated']), expectedCode: 200 },
  { name: 'disallowed-userextra-1', user: u('dev', 'wheel'), impersonationUser: 'system:admin', impersonationGroups: ['some-group'], impersonationUserExtras: { scopes: ['scope-a'] }, expectedCode: 403 },
  { name: 'disallowed-userextra-2', user: u('dev', 'wheel', 'extra-setter-project'), impersonationUser: 'system:admin', impersonationGroups: ['some-group'], impersonationUserExtras: { scopes: ['scope-a'] }, expectedCode: 403 },
  { name: 'disallowed-userextra-3', user: u('dev', 'wheel', 'extra-setter-particular-scopes'), impersonationUser: 'system:admin', impersonationGroups: ['some-group'], impersonationUserExtras: { scopes: ['scope-a', 'scope-b'] }, expectedCode: 403 },
  { name: 'allowed-userextras', user: u('dev', 'wheel', 'extra-setter-scopes'), impersonationUser: 'system:admin', impersonationUserExtras: { scopes: ['scope-a', 'scope-b'] }, expectedUser: as('system:admin', ['system:authenticated'], { scopes: ['scope-a', 'scope-b'] }), expectedCode: 200 },
  {
    name: 'percent-escaped-userextras',
    user: u('dev', 'wheel', 'escaped-scopes'),
    impersonationUser: 'system:admin',
    impersonationUserExtras: { 'example.com%2fescaped%e1%9b%84scopes': ['scope-a', 'scope-b'] },
    expectedUser: as('system:admin', ['system:authenticated'], { 'example.com/escapedᛄscopes': ['scope-a', 'scope-b'] }),
    expectedCode: 200,
  },
  {
    name: 'almost-percent-escaped-userextras',
    user: u('dev', 'wheel', 'almost-escaped-scopes'),
    impersonationUser: 'system:admin',
    impersonationUserExtras: { 'almost%zzpercent%xxencoded': ['scope-a', 'scope-b'] },
    expectedUser: as('system:admin', ['system:authenticated'], { 'almost%zzpercent%xxencoded': ['scope-a', 'scope-b'] }),
    expectedCode: 200,
  },
  { name: 'allowed-users-impersonation', user: u('dev', 'regular-impersonater'), impersonationUser: 'tester', expectedUser: as('tester', ['system:authenticated']), expectedCode: 200 },
  { name: 'disallowed-impersonating', user: u('dev', 'sa-impersonater'), impersonationUser: 'tester', expectedCode: 403 },
  {
    name: 'allowed-sa-impersonating',
    user: u('dev', 'sa-impersonater'),
    impersonationUser: 'system:serviceaccount:foo:default',
    expectedUser: as('system:serviceaccount:foo:default', ['system:serviceaccounts', 'system:serviceaccounts:foo', 'system:authenticated']),
    expectedCode: 200,
  },
  { name: 'anonymous-username-prevents-adding-authenticated-group', user: u('system:admin'), impersonationUser: 'system:anonymous', expectedUser: as('system:anonymous', ['system:unauthenticated']), expectedCode: 200 },
  { name: 'unauthenticated-group-prevents-adding-authenticated-group', user: u('system:admin'), impersonationUser: 'unknown', impersonationGroups: ['system:unauthenticated'], expectedUser: as('unknown', ['system:unauthenticated']), expectedCode: 200 },
  { name: 'unauthenticated-group-prevents-double-adding-authenticated-group', user: u('system:admin'), impersonationUser: 'unknown', impersonationGroups: ['system:authenticated'], expectedUser: as('unknown', ['system:authenticated']), expectedCode: 200 },
  {
    name: 'specified-authenticated-group-prevents-double-adding-authenticated-group',
    user: u('dev', 'wheel', 'group-impersonater'),
    impersonationUser: 'system:admin',
    impersonationGroups: ['some-group', 'system:authenticated'],
    expectedUser: as('system:admin', ['some-group', 'system:authenticated']),
    expectedCode: 200,
  },
  { name: 'anonymous-user-prevents-double-adding-unauthenticated-group', user: u('system:admin'), impersonationUser: 'system:anonymous', impersonationGroups: ['system:unauthenticated'], expectedUser: as('system:anonymous', ['system:unauthenticated']), expectedCode: 200 },
  { name: 'allowed-user-impersonation-with-uid', user: u('dev', 'everything-impersonater'), impersonationUser: 'tester', impersonationUid: 'some-uid', expectedUser: as('tester', ['system:authenticated'], {}, 'some-uid'), expectedCode: 200 },
  { name: 'disallowed-user-impersonation-with-uid', user: u('dev', 'everything-impersonater'), impersonationUser: 'tester', impersonationUid: 'disallowed-uid', expectedCode: 403 },
  {
    name: 'allowed-impersonation-with-all-headers',
    user: u('dev', 'everything-impersonater'),
    impersonationUser: 'tester',
    impersonationUid: 'some-uid',
    impersonationGroups: ['system:authenticated'],
    impersonationUserExtras: { scopes: ['scope-a', 'scope-b'] },
    expectedUser: as('tester', ['system:authenticated'], { scopes: ['scope-a', 'scope-b'] }, 'some-uid'),
    expectedCode: 200,
  },
];

/** The headers as Node gives them with headersDistinct: lower-case names, one value per line. */
function headersOf(c: Case): Record<string, string[]> {
  const h: Record<string, string[]> = {};
  if (c.impersonationUser) h['impersonate-user'] = [c.impersonationUser];
  if (c.impersonationGroups) h['impersonate-group'] = [...c.impersonationGroups];
  for (const [k, v] of Object.entries(c.impersonationUserExtras ?? {})) h[`impersonate-extra-${k.toLowerCase()}`] = [...v];
  if (c.impersonationUid) h['impersonate-uid'] = [c.impersonationUid];
  return h;
}

for (const c of cases) {
  test(`impersonation_test.go TestImpersonationFilter: ${c.name}`, async () => {
    const outcome = await impersonate(headersOf(c), c.user, impersonateAuthorizer, true);
    const code = outcome.kind === 'invalid' ? 500 : outcome.kind === 'forbidden' ? 403 : 200;
    assert.is(code, c.expectedCode);
    if (c.expectedUser === undefined) assert.ok(outcome.kind !== 'impersonated');
    else assert.equal(outcome.kind === 'impersonated' ? outcome.user : undefined, c.expectedUser);
  });
}

test('repeated headers joined by Node (", ") are split back into one value per line', async () => {
  const outcome = await impersonate({ 'impersonate-user': 'system:admin', 'impersonate-group': 'a, b' }, u('system:admin'), impersonateAuthorizer);
  assert.equal(outcome.kind === 'impersonated' ? outcome.user.groups : undefined, ['a', 'b', 'system:authenticated']);
});

test('the order of the checks and the requests: user, groups, extras, uid', () => {
  const requests = buildImpersonationRequests({ 'impersonate-uid': ['u1'], 'impersonate-extra-scopes': ['s'], 'impersonate-group': ['g1', 'g2'], 'impersonate-user': ['system:serviceaccount:ns:sa'] }, true);
  assert.equal(
    requests.map((r) => `${r.kind}:${r.namespace}/${r.name}`),
    ['ServiceAccount:ns/sa', 'Group:/g1', 'Group:/g2', 'UserExtra:/s', 'UID:/u1'],
  );
  // SplitUsername needs exactly namespace and name
  assert.is(buildImpersonationRequests({ 'impersonate-user': ['system:serviceaccount:ns:a:b'] }, true)[0]!.kind, 'User');
});

test('groups, extras or a uid without a user: the Go %v of the requests, in the 500 text of responsewriters.InternalError', () => {
  const err = (() => {
    try {
      buildImpersonationRequests({ 'impersonate-group': ['some-group'], 'impersonate-extra-scopes': ['scope-a'], 'impersonate-uid': ['some-uid'] }, true);
      return '';
    } catch (e) {
      return (e as Error).message;
    }
  })();
  assert.is(err, 'requested [{Group  some-group    } {UserExtra  scope-a  authentication.k8s.io/v1  scopes} {UID  some-uid  authentication.k8s.io/v1  }] without impersonating a user');
  assert.is(formatImpersonationRequests([]), '[]');
  assert.is(internalErrorText('/api/v1/pods?x=<y>', err), `Internal Server Error: "/api/v1/pods?x=&lt;y&gt;": ${err}`);
});

test('403 texts: the forbidden message of the impersonate attributes, with the reason', async () => {
  const msg = async (headers: Record<string, string[]>, user = u('dev', 'nothing')) => {
    const o = await impersonate(headers, user, impersonateAuthorizer, true);
    return o.kind === 'forbidden' ? o.error.status.message : o.kind;
  };
  assert.is(await msg({ 'impersonate-user': ['bob'] }), 'users "bob" is forbidden: User "dev" cannot impersonate resource "users" in API group "" at the cluster scope: deny by default');
  assert.is(
    await msg({ 'impersonate-user': ['system:serviceaccount:foo:default'] }),
    'serviceaccounts "default" is forbidden: User "dev" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "foo": deny by default',
  );
  assert.is(await msg({ 'impersonate-user': ['system:admin'], 'impersonate-group': ['g'] }, u('dev', 'wheel')), 'groups "g" is forbidden: User "dev" cannot impersonate resource "groups" in API group "" at the cluster scope: deny by default');
  assert.is(
    await msg({ 'impersonate-user': ['system:admin'], 'impersonate-extra-scopes': ['scope-b'] }, u('dev', 'wheel', 'extra-setter-particular-scopes')),
    'userextras.authentication.k8s.io "scope-b" is forbidden: User "dev" cannot impersonate resource "userextras/scopes" in API group "authentication.k8s.io" at the cluster scope: deny by default',
  );
  assert.is(
    await msg({ 'impersonate-user': ['tester'], 'impersonate-uid': ['disallowed-uid'] }, u('dev', 'everything-impersonater')),
    'uids.authentication.k8s.io "disallowed-uid" is forbidden: User "dev" cannot impersonate resource "uids" in API group "authentication.k8s.io" at the cluster scope: deny by default',
  );
  assert.is(await msg({ 'impersonate-user': ['x'] }, u('tester')), 'users "x" is forbidden: User "tester" cannot impersonate resource "users" in API group "" at the cluster scope');
});

test('url.PathUnescape of extra keys', () => {
  assert.is(unescapeExtraKey('example.com%2fescaped%e1%9b%84scopes'), 'example.com/escapedᛄscopes');
  assert.is(unescapeExtraKey('a+b'), 'a+b');
  assert.is(unescapeExtraKey('bad%2'), 'bad%2');
});

test.run();
