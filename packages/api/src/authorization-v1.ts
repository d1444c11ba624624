/** authorization.k8s.io/v1 kinds as k8s.io/api/authorization/v1/types.go serializes them. Types only. */
import type { KubeObject } from './meta.js';

/**
 * A requirement of FieldSelectorAttributes / LabelSelectorAttributes (metav1.FieldSelectorRequirement,
 * metav1.LabelSelectorRequirement) as a review body carries it: any field may be absent.
 */
export interface SelectorRequirement {
  key?: string;
  operator?: string;
  values?: string[];
}

/** FieldSelectorAttributes / LabelSelectorAttributes (AuthorizeWithSelectors, beta in v1.32): a raw selector or requirements. */
export interface SelectorAttributes {
  rawSelector?: string;
  requirements?: SelectorRequirement[];
}

export interface ResourceAttributes {
  namespace?: string;
  verb?: string;
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  name?: string;
  fieldSelector?: SelectorAttributes;
  labelSelector?: SelectorAttributes;
}

export interface NonResourceAttributes {
  path?: string;
  verb?: string;
}

export interface SubjectAccessReviewStatus {
  allowed: boolean;
  denied?: boolean;
  reason?: string;
  evaluationError?: string;
}

export interface SubjectAccessReviewSpec {
  resourceAttributes?: ResourceAttributes;
  nonResourceAttributes?: NonResourceAttributes;
  user?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
  uid?: string;
}

export interface SubjectAccessReview extends KubeObject {
  spec: SubjectAccessReviewSpec;
  status?: SubjectAccessReviewStatus;
}

/** What `kubectl auth can-i` posts. */
export interface SelfSubjectAccessReview extends KubeObject {
  spec: { resourceAttributes?: ResourceAttributes; nonResourceAttributes?: NonResourceAttributes };
  status?: SubjectAccessReviewStatus;
}

export interface ResourceRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
}

export interface NonResourceRule {
  verbs: string[];
  nonResourceURLs?: string[];
}

/** What `kubectl auth can-i --list` posts. */
export interface SelfSubjectRulesReview extends KubeObject {
  spec: { namespace?: string };
  status?: { resourceRules: ResourceRule[]; nonResourceRules: NonResourceRule[]; incomplete: boolean; evaluationError?: string };
}
