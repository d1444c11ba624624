/** authorizerfactory.NewAlwaysAllowAuthorizer / NewAlwaysDenyAuthorizer (`--authorization-mode=AlwaysAllow|AlwaysDeny`). */
import type { AuthorizationResult, Authorizer } from './interfaces.js';

export function alwaysAllowAuthorizer(): Authorizer {
  return { name: 'AlwaysAllow', authorize: (): AuthorizationResult => ({ decision: 'Allow', reason: '' }) };
}

export function alwaysDenyAuthorizer(): Authorizer {
  return { name: 'AlwaysDeny', authorize: (): AuthorizationResult => ({ decision: 'NoOpinion', reason: 'Everything is forbidden.' }) };
}
