/**
 * SelfSubjectAccessReview (k/k pkg/registry/authorization/selfsubjectaccessreview/rest.go): "may I
 * do this" — the authorizer chain asked with the caller's own identity, what `kubectl auth can-i`
 * sends. Exactly one of spec.resourceAttributes and spec.nonResourceAttributes (422 otherwise).
 */
import { fieldInvalid, newFieldPath, newInvalid } from '@tlsboot/api';
import type { KubeObject } from '@tlsboot/api';
import type { UserInfo } from '../../authentication/interfaces.js';
import type { Attributes, Authorizer } from '../../authorization/interfaces.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (typeof v === 'object' && v !== null ? (v as Obj) : undefined);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The authorizer attributes a SelfSubjectAccessReview spec describes, for `user`. */
export function accessReviewAttributes(review: KubeObject, user: UserInfo): Attributes {
  const spec = obj(review['spec']) ?? {};
  const res = obj(spec['resourceAttributes']);
  const nonRes = obj(spec['nonResourceAttributes']);
  if ((res === undefined) === (nonRes === undefined)) {
    throw newInvalid({ group: 'authorization.k8s.io', kind: 'SelfSubjectAccessReview' }, '', [
      fieldInvalid(newFieldPath('spec', 'resourceAttributes'), res ?? null, 'exactly one of nonResourceAttributes or resourceAttributes must be specified'),
    ]);
  }
  if (nonRes !== undefined) {
    return { user, verb: str(nonRes['verb']), isResourceRequest: false, path: str(nonRes['path']), namespace: '', apiGroup: '', apiVersion: '', resource: '', subresource: '', name: '' };
  }
  return {
    user,
    verb: str(res!['verb']),
    isResourceRequest: true,
    path: '',
    namespace: str(res!['namespace']),
    apiGroup: str(res!['group']),
    apiVersion: str(res!['version']),
    resource: str(res!['resource']),
    subresource: str(res!['subresource']),
    name: str(res!['name']),
  };
}

export async function selfSubjectAccessReview(review: KubeObject, user: UserInfo, authorizer: Authorizer): Promise<KubeObject> {
  const result = await authorizer.authorize(accessReviewAttributes(review, user));
  const status: Obj = { allowed: result.decision === 'Allow' };
  if (result.decision === 'Deny') status['denied'] = true;
  if (result.reason !== '') status['reason'] = result.reason;
  return { ...review, kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: { ...review.metadata, creationTimestamp: null }, status };
}
