/**
 * LocalSubjectAccessReview (k/k pkg/registry/authorization/localsubjectaccessreview/rest.go,
 * v1.32): a SubjectAccessReview posted to a namespace (`POST
 * /apis/authorization.k8s.io/v1/namespaces/<ns>/localsubjectaccessreviews`), so namespace-scoped
 * RBAC can grant it. The object's namespace is the URL's (the create handler fills it in, a
 * different one is 400); the resource attributes must name the same namespace (422
 * `spec.resourceAttributes.namespace: Invalid value: "x": must match metadata.namespace`), and
 * non-resource attributes are refused.
 */
import { authorizationGroup, newBadRequest } from '@tlsboot/api';
import type { KubeObject, SubjectAccessReviewSpec } from '@tlsboot/api';
import type { Authorizer } from '../../authorization/interfaces.js';
import { authorizationAttributesFrom } from './review-attributes.js';
import { decodeReviewSpec, invalidReview, reviewResponse } from './review-object.js';
import { subjectAccessReviewSpecType, subjectAccessReviewStatusType } from './review-types.js';
import { accessReviewStatus } from './subject-access-review.js';
import { validateLocalSubjectAccessReview } from './validation.js';

/** `review` already carries the request's namespace in metadata (EnsureObjectNamespaceMatchesRequestNamespace). */
export async function localSubjectAccessReview(review: KubeObject, requestNamespace: string, authorizer: Authorizer): Promise<KubeObject> {
  const spec = decodeReviewSpec<SubjectAccessReviewSpec>(review, 'LocalSubjectAccessReview', subjectAccessReviewSpecType);
  const meta = review.metadata ?? {};
  const errs = validateLocalSubjectAccessReview(meta, spec);
  if (errs.length > 0) throw invalidReview(authorizationGroup, errs);
  if (requestNamespace === '') throw newBadRequest(`namespace is required on this type: ${requestNamespace}`);
  if (requestNamespace !== (meta.namespace ?? '')) throw newBadRequest(`spec.resourceAttributes.namespace must match namespace: ${requestNamespace}`);
  const status = await accessReviewStatus(authorizer, authorizationAttributesFrom(spec));
  return reviewResponse('LocalSubjectAccessReview', 'authorization.k8s.io/v1', meta, { spec, specType: subjectAccessReviewSpecType, status, statusType: subjectAccessReviewStatusType });
}
