/**
 * k8s.io/apiserver/pkg/authorization/union (union.go): the first Allow or Deny decides; NoOpinion
 * goes on; when everyone has no opinion the result is NoOpinion with the non-empty reasons joined
 * by "\n" (the request is then forbidden).
 *
 * The union is also the chain's RuleResolver (union.NewRuleResolvers, as
 * pkg/kubeapiserver/authorizer/reload.go builds it from the authorizers that resolve rules: Node,
 * RBAC, AlwaysAllow, AlwaysDeny, Webhook — never the system:masters one): every resolver's rules
 * are concatenated in chain order, `incomplete` if any says so, errors aggregated.
 */
import type { UserInfo } from '../authentication/interfaces.js';
import type { Attributes, AuthorizationResult, Authorizer, NonResourceRule, ResourceRule, RuleResolver, RuleResolvingAuthorizer, RulesForResult } from './interfaces.js';

/** utilerrors.NewAggregate(errs).Error(): one message alone, several as `[a, b]` (repeats once). */
function aggregate(errors: readonly string[]): string | undefined {
  const unique = [...new Set(errors)];
  if (unique.length === 0) return undefined;
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}

/** unionAuthzRulesHandler.RulesFor over the authorizers that implement RuleResolver. */
export async function unionRulesFor(authorizers: readonly RuleResolvingAuthorizer[], user: UserInfo, namespace: string): Promise<RulesForResult> {
  const resourceRules: ResourceRule[] = [];
  const nonResourceRules: NonResourceRule[] = [];
  const errors: string[] = [];
  let incomplete = false;
  for (const a of authorizers) {
    if (a.rulesFor === undefined) continue;
    const r = await a.rulesFor(user, namespace);
    if (r.incomplete) incomplete = true;
    if (r.evaluationError !== undefined && r.evaluationError !== '') errors.push(r.evaluationError);
    resourceRules.push(...r.resourceRules);
    nonResourceRules.push(...r.nonResourceRules);
  }
  const evaluationError = aggregate(errors);
  return { resourceRules, nonResourceRules, incomplete, ...(evaluationError === undefined ? {} : { evaluationError }) };
}

export function unionAuthorizer(authorizers: readonly RuleResolvingAuthorizer[]): Authorizer & RuleResolver {
  return {
    name: 'union',
    rulesFor: (user: UserInfo, namespace: string) => unionRulesFor(authorizers, user, namespace),
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
