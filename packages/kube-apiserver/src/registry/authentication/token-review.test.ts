// TokenReview (k/k pkg/registry/authentication/tokenreview/storage.go and storage_test.go): the
// token run through the server's token authenticators as a bearer token, audiences as
// authenticator.WrapAudienceAgnosticToken and the audience check of storage.go, the 400 for an
// empty token; then over HTTPS against a live apiserver, with a service-account token from
// TokenRequest.
import { errorToAPIStatus } from '@tlsboot/api';
import type { KubeObject } from '@tlsboot/api';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { AuthenticationResult, TokenAuthenticator } from '../../authentication/interfaces.js';
import { startTestServer } from '../../server/testing.js';
import { reviewToken, tokenReview } from './token-review.js';
import type { AudienceAwareTokenAuthenticator, TokenReviewDependencies } from './token-review.js';

const staticTokens = (tokens: Record<string, string>): TokenAuthenticator => ({
  name: 'static',
  authenticateToken: async (token): Promise<AuthenticationResult> =>
    tokens[token] !== undefined ? { kind: 'authenticated', user: { name: tokens[token]!, uid: 'u-1', groups: ['team'], extra: { k: ['v'] } }, authenticator: 'static' } : { kind: 'not-mine', reason: 'unknown token' },
});
const failing = (error: string): TokenAuthenticator => ({ name: 'failing', authenticateToken: async () => ({ kind: 'error', error, authenticator: 'failing' }) });
/** Like a service-account authenticator: the token is for `aud`, checked against the requested audiences. */
const audienceAware = (token: string, aud: string[]): AudienceAwareTokenAuthenticator => ({
  name: 'aware',
  authenticateToken: async () => ({ kind: 'not-mine' }),
  authenticateTokenForAudiences: async (t, requested) => {
    if (t !== token) return { result: { kind: 'not-mine' }, audiences: [] };
    const matched = aud.filter((a) => (requested ?? ['api']).includes(a));
    if (matched.length === 0) return { result: { kind: 'error', error: `token audiences ${JSON.stringify(aud)} is invalid for the target audiences ${JSON.stringify(requested)}`, authenticator: 'aware' }, audiences: [] };
    return { result: { kind: 'authenticated', user: { name: 'system:serviceaccount:ns:sa', groups: ['system:serviceaccounts', 'system:serviceaccounts:ns'] }, authenticator: 'aware' }, audiences: matched };
  },
});

const deps = (o: Partial<TokenReviewDependencies> = {}): TokenReviewDependencies => ({ tokenAuthenticators: [staticTokens({ good: 'tok-user' })], apiAudiences: ['api'], anonymousAuth: true, ...o });
const review = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', metadata: {}, spec });
const statusOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (err: unknown) => errorToAPIStatus(err),
  );

test('storage.go: an accepted token: the user with system:authenticated, the API audiences, the spec echoed', async () => {
  const r = await tokenReview(review({ token: 'good' }), deps());
  assert.is(
    JSON.stringify(r),
    '{"kind":"TokenReview","apiVersion":"authentication.k8s.io/v1","metadata":{"creationTimestamp":null},"spec":{"token":"good"},"status":{"authenticated":true,"user":{"username":"tok-user","uid":"u-1","groups":["team","system:authenticated"],"extra":{"k":["v"]}},"audiences":["api"]}}',
  );
  // no audiences anywhere: none asked, none reported (storage.go leaves the context without audiences)
  assert.equal((await tokenReview(review({ token: 'good' }), deps({ apiAudiences: [] })))['status'], { authenticated: true, user: { username: 'tok-user', uid: 'u-1', groups: ['team', 'system:authenticated'], extra: { k: ['v'] } } });
});

test('storage.go: a refused token: user {} and the bearer authenticator\'s error', async () => {
  assert.equal((await tokenReview(review({ token: 'bad' }), deps()))['status'], { user: {}, error: 'invalid bearer token' });
  const errors = await tokenReview(review({ token: 'bad' }), deps({ tokenAuthenticators: [failing('token expired'), staticTokens({}), failing('signature invalid'), failing('token expired')] }));
  assert.equal(errors['status'], { user: {}, error: '[token expired, signature invalid]' });
  // the first success wins over earlier errors (union.New)
  const recovered = await tokenReview(review({ token: 'good' }), deps({ tokenAuthenticators: [failing('not a JWT'), staticTokens({ good: 'tok-user' })] }));
  assert.is((recovered['status'] as { authenticated: boolean }).authenticated, true);
});

test('WrapAudienceAgnosticToken: other audiences than the API ones refuse an audience-agnostic token', async () => {
  assert.equal((await tokenReview(review({ token: 'good', audiences: ['vault'] }), deps()))['status'], { user: {}, error: 'invalid bearer token' });
  const both = await tokenReview(review({ token: 'good', audiences: ['vault', 'api'] }), deps());
  assert.equal((both['status'] as { audiences: string[] }).audiences, ['api']);
  assert.equal(both['spec'], { token: 'good', audiences: ['vault', 'api'] });
});

test('audience-aware authenticators answer for the requested audiences themselves', async () => {
  const d = deps({ tokenAuthenticators: [audienceAware('jwt', ['vault', 'api'])] });
  assert.equal(((await tokenReview(review({ token: 'jwt', audiences: ['vault'] }), d))['status'] as { audiences: string[] }).audiences, ['vault']);
  assert.equal(((await tokenReview(review({ token: 'jwt' }), d))['status'] as { audiences: string[] }).audiences, ['api']);
  assert.equal((await tokenReview(review({ token: 'jwt', audiences: ['other'] }), d))['status'], { user: {}, error: 'token audiences ["vault","api"] is invalid for the target audiences ["other"]' });
});

test('storage.go: a success for none of the requested audiences is 500 "error validating audiences"', async () => {
  const liar: AudienceAwareTokenAuthenticator = { ...audienceAware('jwt', []), authenticateTokenForAudiences: async () => ({ result: { kind: 'authenticated', user: { name: 'x', groups: [] }, authenticator: 'liar' }, audiences: ['elsewhere'] }) };
  const status = await statusOf(tokenReview(review({ token: 'jwt' }), deps({ tokenAuthenticators: [liar] })));
  assert.equal([status?.code, status?.message], [500, 'Internal error occurred: error validating audiences']);
});

test('storage.go: an empty token is 400; a token the Authorization header cannot carry is anonymous', async () => {
  const status = await statusOf(tokenReview(review({}), deps()));
  assert.equal([status?.code, status?.reason, status?.message], [400, 'BadRequest', 'token is required for TokenReview in authentication']);
  // "Bearer  x": bearertoken finds an empty token, the chain falls through to anonymous
  assert.equal(await reviewToken(' x', undefined, deps()), { authenticated: true, user: { name: 'system:anonymous', groups: ['system:unauthenticated'] } });
  assert.equal(await reviewToken(' x', undefined, deps({ anonymousAuth: false })), { authenticated: false });
  // … which has no audiences, so with API audiences it is the 500
  assert.is((await statusOf(tokenReview(review({ token: ' x' }), deps())))?.code, 500);
  // bearertoken splits on spaces: only the first word is the token
  assert.equal((await reviewToken('good trailing', undefined, deps())).user?.name, 'tok-user');
});

test('over HTTPS: a service-account token from TokenRequest, a static token, and who may ask', async () => {
  const t = await startTestServer({ tokenAuthenticators: [staticTokens({ 'static-token': 'static-user' })] });
  try {
    const post = (token: string, identity?: null) => t.request('POST', '/apis/authentication.k8s.io/v1/tokenreviews', { body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } }, ...(identity === null ? { identity } : {}) });
    const r = await post('static-token');
    assert.is(r.status, 201);
    assert.equal(r.json.status.user, { username: 'static-user', uid: 'u-1', groups: ['team', 'system:authenticated'], extra: { k: ['v'] } });
    assert.equal(r.json.status.audiences, t.server.apiAudiences);
    assert.equal((await post('nope')).json.status, { user: {}, error: 'invalid bearer token' });
    const empty = await post('');
    assert.equal([empty.status, empty.json.message], [400, 'token is required for TokenReview in authentication']);
    // anonymous may not review tokens
    assert.is((await post('static-token', null)).status, 403);

    assert.is((await t.request('POST', '/api/v1/namespaces/default/serviceaccounts', { body: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builder' } } })).status, 201);
    const tr = await t.request('POST', '/api/v1/namespaces/default/serviceaccounts/builder/token', { body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: {} } });
    assert.is(tr.status, 201);
    const sa = await post(tr.json.status.token);
    assert.is(sa.json.status.authenticated, true);
    assert.is(sa.json.status.user.username, 'system:serviceaccount:default:builder');
    assert.equal(sa.json.status.user.groups, ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated']);
  } finally {
    await t.close();
  }
});

test.run();
