/**
 * SelfSubjectReview (k/k pkg/registry/authentication/selfsubjectreview/rest.go): "who am I" —
 * the authenticated user as the apiserver sees it, what `kubectl auth whoami` prints. Nothing is
 * stored; the answer is 201 with metadata.creationTimestamp set to now.
 */
import type { KubeObject } from '@tlsboot/api';
import type { UserInfo } from '../../authentication/interfaces.js';
import { formatTimestamp } from '../generic/system-fields.js';

export function selfSubjectReview(user: UserInfo, now: Date): KubeObject {
  const userInfo: Record<string, unknown> = { username: user.name };
  if (user.uid) userInfo['uid'] = user.uid;
  if (user.groups.length > 0) userInfo['groups'] = [...user.groups];
  if (user.extra && Object.keys(user.extra).length > 0) userInfo['extra'] = structuredClone(user.extra);
  return {
    kind: 'SelfSubjectReview',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { creationTimestamp: formatTimestamp(now) },
    status: { userInfo },
  };
}
