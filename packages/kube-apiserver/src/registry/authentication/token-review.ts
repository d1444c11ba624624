/**
 * TokenReview (k/k pkg/registry/authentication/tokenreview/storage.go, v1.32): "who is this
 * token" — spec.token put in a request that carries nothing else (`Authorization: Bearer
 * <token>`) and given to the apiserver's own request authenticator, as a webhook token
 * authenticator or an aggregated apiserver asks. So the answer is what a request with that token
 * would have been: the token authenticators in order (the first success wins, errors are
 * aggregated, nothing accepted is `invalid bearer token`), `system:authenticated` appended, and,
 * for a header that holds no token at all (a token starting with a space), anonymous.
 *
 * Audiences: spec.audiences, or the server's `--api-audiences`, are the audiences the token must
 * be for. Audience-aware authenticators (service-account tokens) check them themselves;
 * the others are wrapped as authenticator.WrapAudienceAgnosticToken does (accepted only when the
 * requested audiences meet the API audiences, and then for that intersection). A success whose
 * audiences miss the requested ones is upstream's 500 `error validating audiences`.
 *
 * An empty token is 400 `token is required for TokenReview in authentication`. The answer echoes
 * the spec (token included) with status authenticated / user / audiences / error.
 */
import { anonymousUser, allUnauthenticatedGroup, newBadRequest, newInternalError } from '@tlsboot/api';
import type { KubeObject } from '@tlsboot/api';
import { bearerTokenOf, invalidBearerTokenMessage } from '../../authentication/bearer-token.js';
import { withAuthenticatedGroup } from '../../authentication/group-adder.js';
import type { AuthenticationResult, TokenAuthenticator, UserInfo } from '../../authentication/interfaces.js';
import { field, goBool, goString, goStrings } from '../authorization/go-json.js';
import type { GoType } from '../authorization/go-json.js';
import { decodeReviewSpec, reviewResponse } from '../authorization/review-object.js';

/**
 * A token authenticator that checks the token's audiences itself (upstream: it reads
 * authenticator.AudiencesFrom(ctx), defaulting to its own implicit audiences when `audiences`
 * is undefined) and says which of them the token is for.
 */
export interface AudienceAwareTokenAuthenticator extends TokenAuthenticator {
  authenticateTokenForAudiences(token: string, audiences: readonly string[] | undefined): Promise<{ result: AuthenticationResult; audiences: string[] }>;
}

function isAudienceAware(t: TokenAuthenticator): t is AudienceAwareTokenAuthenticator {
  return typeof (t as Partial<AudienceAwareTokenAuthenticator>).authenticateTokenForAudiences === 'function';
}

export interface TokenReviewDependencies {
  /** The server's bearer-token authenticators, in chain order. */
  tokenAuthenticators: readonly TokenAuthenticator[];
  /** `--api-audiences` (kube-apiserver defaults them to the service-account issuer). */
  apiAudiences: readonly string[];
  /** `--anonymous-auth`. */
  anonymousAuth: boolean;
}

/** What the request authenticator concluded. */
export interface TokenReviewOutcome {
  authenticated: boolean;
  user?: UserInfo;
  /** The audiences the token was accepted for (undefined: none were asked). */
  audiences?: string[];
  error?: string;
}

/** Audiences.Intersect: the entries of `requested` that `allowed` has, in `requested`'s order. */
export function intersectAudiences(allowed: readonly string[], requested: readonly string[]): string[] {
  return requested.filter((a) => allowed.includes(a));
}

/** utilerrors.NewAggregate(errs).Error(). */
function aggregate(errors: readonly string[]): string {
  const unique = [...new Set(errors)];
  return unique.length === 1 ? unique[0]! : `[${unique.join(', ')}]`;
}

async function authenticateOne(t: TokenAuthenticator, token: string, requested: readonly string[] | undefined, apiAudiences: readonly string[]): Promise<{ result: AuthenticationResult; audiences?: string[] }> {
  if (isAudienceAware(t)) return t.authenticateTokenForAudiences(token, requested);
  if (requested === undefined) return { result: await t.authenticateToken(token) };
  const audiences = intersectAudiences(apiAudiences, requested);
  if (audiences.length === 0) return { result: { kind: 'not-mine' } };
  const result = await t.authenticateToken(token);
  return result.kind === 'authenticated' ? { result, audiences } : { result };
}

/** The request authenticator run on a request carrying only `Authorization: Bearer <token>`. */
export async function reviewToken(token: string, requested: readonly string[] | undefined, deps: TokenReviewDependencies): Promise<TokenReviewOutcome> {
  const bearer = bearerTokenOf(`Bearer ${token}`);
  if (bearer === undefined) {
    // no credential at all: anonymous, when enabled (not audience-scoped)
    return deps.anonymousAuth ? { authenticated: true, user: { name: anonymousUser, groups: [allUnauthenticatedGroup] } } : { authenticated: false };
  }
  const errors: string[] = [];
  for (const t of deps.tokenAuthenticators) {
    const { result, audiences } = await authenticateOne(t, bearer, requested, deps.apiAudiences);
    if (result.kind === 'authenticated') return { authenticated: true, user: withAuthenticatedGroup(result.user), ...(audiences === undefined ? {} : { audiences }) };
    if (result.kind === 'error') errors.push(result.error);
  }
  return { authenticated: false, error: errors.length === 0 ? invalidBearerTokenMessage : aggregate(errors) };
}

const tokenReviewSpecType: GoType = { kind: 'struct', name: 'v1.TokenReviewSpec', fields: [field('token', goString), field('audiences', goStrings)] };

const userInfoType: GoType = {
  kind: 'struct',
  name: 'v1.UserInfo',
  fields: [
    field('username', goString),
    field('uid', goString),
    field('groups', goStrings),
    field('extra', { kind: 'map', name: 'map[string]v1.ExtraValue', elem: { kind: 'slice', elem: goString, name: 'v1.ExtraValue' } }),
  ],
};

const tokenReviewStatusType: GoType = {
  kind: 'struct',
  name: 'v1.TokenReviewStatus',
  fields: [field('authenticated', goBool), field('user', userInfoType, false), field('audiences', goStrings), field('error', goString)],
};

export async function tokenReview(review: KubeObject, deps: TokenReviewDependencies): Promise<KubeObject> {
  const spec = decodeReviewSpec<{ token?: string; audiences?: string[] }>(review, 'TokenReview', tokenReviewSpecType);
  const token = spec.token ?? '';
  if (token === '') throw newBadRequest('token is required for TokenReview in authentication');
  const auds = (spec.audiences ?? []).length > 0 ? spec.audiences! : [...deps.apiAudiences];
  const outcome = await reviewToken(token, auds.length > 0 ? auds : undefined, deps);
  if (auds.length > 0 && outcome.user !== undefined && intersectAudiences(auds, outcome.audiences ?? []).length === 0) {
    throw newInternalError(new Error('error validating audiences'));
  }
  const user = outcome.user;
  const status = {
    authenticated: outcome.authenticated,
    user: user === undefined ? {} : { username: user.name, uid: user.uid ?? '', groups: [...user.groups], extra: user.extra ?? {} },
    audiences: outcome.audiences ?? [],
    error: outcome.error ?? '',
  };
  return reviewResponse('TokenReview', 'authentication.k8s.io/v1', review.metadata ?? {}, { spec, specType: tokenReviewSpecType, status, statusType: tokenReviewStatusType });
}
