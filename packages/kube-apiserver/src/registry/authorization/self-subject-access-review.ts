/**
 * SelfSubjectAccessReview (k/k pkg/registry/authorization/selfsubjectaccessreview/rest.go,
 * v1.32): "may I do this" — the authorizer chain asked with the caller's own identity (after
 * impersonation: `kubectl auth can-i --as`), what `kubectl auth can-i` sends. Exactly one of
 * spec.resourceAttributes and spec.nonResourceAttributes, metadata empty (422 otherwise); 201
 * with allowed, denied (a Deny, never RBAC's), reason and evaluationError. An empty version
 * asks about every version (`*`).
 */
import { authorizationGroup } from '@tlsboot/api';
import type { KubeObject, SubjectAccessReviewSpec } from '@tlsboot/api';
import type { UserInfo } from '../../authentication/interfaces.js';
import type { Authorizer } from '../../authorization/interfaces.js';
import { reviewAttributesFor } from './review-attributes.js';
import { decodeReviewSpec, invalidReview, reviewResponse } from './review-object.js';
import { selfSubjectAccessReviewSpecType, subjectAccessReviewStatusType } from './review-types.js';
import { accessReviewStatus } from './subject-access-review.js';
import { validateSelfSubjectAccessReview } from './validation.js';

type SelfSpec = Pick<SubjectAccessReviewSpec, 'resourceAttributes' | 'nonResourceAttributes'>;

function validSpec(review: KubeObject): SelfSpec {
  const spec = decodeReviewSpec<SelfSpec>(review, 'SelfSubjectAccessReview', selfSubjectAccessReviewSpecType);
  const errs = validateSelfSubjectAccessReview(review.metadata ?? {}, spec);
  if (errs.length > 0) throw invalidReview(authorizationGroup, errs);
  return spec;
}

export async function selfSubjectAccessReview(review: KubeObject, user: UserInfo, authorizer: Authorizer): Promise<KubeObject> {
  const spec = validSpec(review);
  const status = await accessReviewStatus(authorizer, reviewAttributesFor(user, spec));
  return reviewResponse('SelfSubjectAccessReview', 'authorization.k8s.io/v1', review.metadata ?? {}, {
    spec,
    specType: selfSubjectAccessReviewSpecType,
    status,
    statusType: subjectAccessReviewStatusType,
  });
}
