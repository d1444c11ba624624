/**
 * k8s.io/apiserver/pkg/authorization/union (union.go): the first Allow or Deny decides; NoOpinion
 * goes on; when everyone has no opinion the result is NoOpinion with the non-empty reasons joined
 * by "\n" (the request is then forbidden).
 */
import type { Attributes, AuthorizationResult, Authorizer } from './interfaces.js';

export function unionAuthorizer(authorizers: readonly Authorizer[]): Authorizer {
  return {
    name: 'union',
    async authorize(attributes: Attributes): Promise<AuthorizationResult> {
      const reasons: string[] = [];
      for (const a of authorizers) {
        const result = await a.authorize(attributes);
        if (result.decision !== 'NoOpinion') return { ...result, authorizer: result.authorizer ?? a.name };
        if (result.reason !== '') reasons.push(result.reason);
      }
      return { decision: 'NoOpinion', reason: reasons.join('\n') };
    },
  };
}
