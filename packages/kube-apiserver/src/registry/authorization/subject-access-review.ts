/**
 * SubjectAccessReview (k/k pkg/registry/authorization/subjectaccessreview/rest.go, v1.32): "may
 * this user do this" — the authorizer chain asked about the subject the spec names (user, groups,
 * uid, extra; exactly those groups, nothing added), what a webhook-authorizing component or
 * `kubectl auth can-i --as` on another server asks. 422 for an invalid spec (no user or group,
 * not exactly one kind of attributes, metadata not empty); 201 with the spec echoed and
 * status allowed / denied / reason / evaluationError.
 */
import { authorizationGroup } from '@tlsboot/api';
import type { KubeObject, SubjectAccessReviewSpec, SubjectAccessReviewStatus } from '@tlsboot/api';
import type { Authorizer } from '../../authorization/interfaces.js';
import { authorizationAttributesFrom, buildEvaluationError } from './review-attributes.js';
import type { ReviewAttributes } from './review-attributes.js';
import { decodeReviewSpec, invalidReview, reviewResponse } from './review-object.js';
import { subjectAccessReviewSpecType, subjectAccessReviewStatusType } from './review-types.js';
import { validateSubjectAccessReview } from './validation.js';

/** The status every access review fills from the authorizer's answer. */
export async function accessReviewStatus(authorizer: Authorizer, r: ReviewAttributes): Promise<SubjectAccessReviewStatus> {
  const result = await authorizer.authorize(r.attributes);
  return { allowed: result.decision === 'Allow', denied: result.decision === 'Deny', reason: result.reason, evaluationError: buildEvaluationError(undefined, r) };
}

export async function subjectAccessReview(review: KubeObject, authorizer: Authorizer): Promise<KubeObject> {
  const spec = decodeReviewSpec<SubjectAccessReviewSpec>(review, 'SubjectAccessReview', subjectAccessReviewSpecType);
  const errs = validateSubjectAccessReview(review.metadata ?? {}, spec);
  if (errs.length > 0) throw invalidReview(authorizationGroup, errs);
  const status = await accessReviewStatus(authorizer, authorizationAttributesFrom(spec));
  return reviewResponse('SubjectAccessReview', 'authorization.k8s.io/v1', review.metadata ?? {}, { spec, specType: subjectAccessReviewSpecType, status, statusType: subjectAccessReviewStatusType });
}
