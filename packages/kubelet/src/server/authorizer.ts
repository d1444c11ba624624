// The kubelet API's authorizer: k8s.io/apiserver/plugin/pkg/authorizer/webhook (v1.32) as
// cmd/kubelet/app/auth.go builds it for authorization.mode=Webhook — a SubjectAccessReview posted
// with the kubelet's own credentials. allowed → Allow; otherwise Deny when denied, else NoOpinion
// (both answer 403); a failed call is an error (500). Differs: the 5 min / 30 s caches are not kept.
import type { SubjectAccessReview } from '@tlsboot/api';
import type { RestClient } from '@tlsboot/client';
import type { KubeletRequestAttributes } from './auth.js';

export type KubeletDecision = { decision: 'Allow' | 'Deny' | 'NoOpinion'; reason: string } | { decision: 'Error'; error: string };

export function subjectAccessReviewFor(a: KubeletRequestAttributes): SubjectAccessReview {
  return {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SubjectAccessReview',
    metadata: {},
    spec: {
      resourceAttributes: { verb: a.verb, group: a.apiGroup, version: a.apiVersion, resource: a.resource, subresource: a.subresource, name: a.name },
      user: a.user.name,
      groups: a.user.groups,
      ...(a.user.uid ? { uid: a.user.uid } : {}),
      ...(a.user.extra ? { extra: a.user.extra } : {}),
    },
  };
}

export function newWebhookAuthorizer(client: () => RestClient): (a: KubeletRequestAttributes) => Promise<KubeletDecision> {
  return async (a) => {
    try {
      const answer = await client().create<SubjectAccessReview>('/apis/authorization.k8s.io/v1/subjectaccessreviews', subjectAccessReviewFor(a));
      const s = answer.status;
      if (s?.allowed) return { decision: 'Allow', reason: s.reason ?? '' };
      return { decision: s?.denied ? 'Deny' : 'NoOpinion', reason: s?.reason ?? '' };
    } catch (err) {
      return { decision: 'Error', error: (err as Error).message };
    }
  };
}
