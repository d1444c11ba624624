/**
 * authorizerfactory.NewAlwaysAllowAuthorizer / NewAlwaysDenyAuthorizer (`--authorization-mode=AlwaysAllow|AlwaysDeny`;
 * k8s.io/apiserver/pkg/authorization/authorizerfactory/builtin.go). Both are RuleResolvers:
 * AlwaysAllow lists `*` on every resource and non-resource URL, AlwaysDeny lists nothing.
 */
import type { AuthorizationResult, Authorizer, RuleResolver, RulesForResult } from './interfaces.js';

export function alwaysAllowAuthorizer(): Authorizer & RuleResolver {
  return {
    name: 'AlwaysAllow',
    authorize: (): AuthorizationResult => ({ decision: 'Allow', reason: '' }),
    rulesFor: (): RulesForResult => ({
      resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
      nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
      incomplete: false,
    }),
  };
}

export function alwaysDenyAuthorizer(): Authorizer & RuleResolver {
  return {
    name: 'AlwaysDeny',
    authorize: (): AuthorizationResult => ({ decision: 'NoOpinion', reason: 'Everything is forbidden.' }),
    rulesFor: (): RulesForResult => ({ resourceRules: [], nonResourceRules: [], incomplete: false }),
  };
}
