/**
 * SelfSubjectRulesReview (k/k pkg/registry/authorization/selfsubjectrulesreview/rest.go, v1.32):
 * "what may I do in this namespace" — every rule resolver of the authorizer chain (the union's
 * rulesFor: RBAC, Node, AlwaysAllow …; never the system:masters authorizer) asked for the
 * caller's rules, what `kubectl auth can-i --list` prints. spec.namespace is required (400 `no
 * namespace on request`). The answer is a new object: an empty spec, and the rules,
 * `incomplete` and the evaluation error.
 */
import { newBadRequest } from '@tlsboot/api';
import type { KubeObject } from '@tlsboot/api';
import type { UserInfo } from '../../authentication/interfaces.js';
import type { RuleResolvingAuthorizer } from '../../authorization/interfaces.js';
import { decodeReviewSpec, reviewResponse } from './review-object.js';
import { selfSubjectRulesReviewSpecType, subjectRulesReviewStatusType } from './review-types.js';

export async function selfSubjectRulesReview(review: KubeObject, user: UserInfo, resolver: RuleResolvingAuthorizer): Promise<KubeObject> {
  const spec = decodeReviewSpec<{ namespace?: string }>(review, 'SelfSubjectRulesReview', selfSubjectRulesReviewSpecType);
  const namespace = spec.namespace ?? '';
  if (namespace === '') throw newBadRequest('no namespace on request');
  const rules = resolver.rulesFor === undefined ? { resourceRules: [], nonResourceRules: [], incomplete: false } : await resolver.rulesFor(user, namespace);
  const status = {
    resourceRules: rules.resourceRules,
    nonResourceRules: rules.nonResourceRules,
    incomplete: rules.incomplete,
    evaluationError: rules.evaluationError ?? '',
  };
  return reviewResponse('SelfSubjectRulesReview', 'authorization.k8s.io/v1', {}, { spec: {}, specType: selfSubjectRulesReviewSpecType, status, statusType: subjectRulesReviewStatusType });
}
