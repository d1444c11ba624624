/**
 * The authorization.k8s.io/v1 review specs and statuses as Go structs (k8s.io/api/authorization/v1
 * types.go, v1.32), for go-json.ts: field order, JSON names and omitempty exactly as there. The
 * decoded values have the TypeScript types of @tlsboot/api (ResourceAttributes, SubjectAccessReviewSpec …).
 */
import { field, goBool, goString, goStrings } from './go-json.js';
import type { GoType } from './go-json.js';

const requirement = (name: string): GoType => ({
  kind: 'struct',
  name,
  fields: [field('key', goString, false), field('operator', goString, false), field('values', goStrings)],
});

/** FieldSelectorAttributes / LabelSelectorAttributes (AuthorizeWithSelectors, beta in v1.32). */
const selectorAttributes = (name: string, requirementName: string): GoType & { kind: 'struct' } => ({
  kind: 'struct',
  name,
  fields: [field('rawSelector', goString), field('requirements', { kind: 'slice', elem: requirement(requirementName) })],
});

export const resourceAttributesType: GoType & { kind: 'struct' } = {
  kind: 'struct',
  name: 'v1.ResourceAttributes',
  fields: [
    field('namespace', goString),
    field('verb', goString),
    field('group', goString),
    field('version', goString),
    field('resource', goString),
    field('subresource', goString),
    field('name', goString),
    field('fieldSelector', { kind: 'pointer', elem: selectorAttributes('v1.FieldSelectorAttributes', 'v1.FieldSelectorRequirement') }),
    field('labelSelector', { kind: 'pointer', elem: selectorAttributes('v1.LabelSelectorAttributes', 'v1.LabelSelectorRequirement') }),
  ],
};

export const nonResourceAttributesType: GoType & { kind: 'struct' } = {
  kind: 'struct',
  name: 'v1.NonResourceAttributes',
  fields: [field('path', goString), field('verb', goString)],
};

export const subjectAccessReviewSpecType: GoType = {
  kind: 'struct',
  name: 'v1.SubjectAccessReviewSpec',
  fields: [
    field('resourceAttributes', { kind: 'pointer', elem: resourceAttributesType }),
    field('nonResourceAttributes', { kind: 'pointer', elem: nonResourceAttributesType }),
    field('user', goString),
    field('groups', goStrings),
    field('extra', { kind: 'map', name: 'map[string]v1.ExtraValue', elem: { kind: 'slice', elem: goString, name: 'v1.ExtraValue' } }),
    field('uid', goString),
  ],
};

export const selfSubjectAccessReviewSpecType: GoType = {
  kind: 'struct',
  name: 'v1.SelfSubjectAccessReviewSpec',
  fields: [field('resourceAttributes', { kind: 'pointer', elem: resourceAttributesType }), field('nonResourceAttributes', { kind: 'pointer', elem: nonResourceAttributesType })],
};

export const selfSubjectRulesReviewSpecType: GoType = { kind: 'struct', name: 'v1.SelfSubjectRulesReviewSpec', fields: [field('namespace', goString)] };

export const subjectAccessReviewStatusType: GoType = {
  kind: 'struct',
  name: 'v1.SubjectAccessReviewStatus',
  fields: [field('allowed', goBool, false), field('denied', goBool), field('reason', goString), field('evaluationError', goString)],
};

export const subjectRulesReviewStatusType: GoType = {
  kind: 'struct',
  name: 'v1.SubjectRulesReviewStatus',
  fields: [
    field('resourceRules', { kind: 'slice', elem: { kind: 'struct', name: 'v1.ResourceRule', fields: [field('verbs', goStrings, false), field('apiGroups', goStrings), field('resources', goStrings), field('resourceNames', goStrings)] } }, false),
    field('nonResourceRules', { kind: 'slice', elem: { kind: 'struct', name: 'v1.NonResourceRule', fields: [field('verbs', goStrings, false), field('nonResourceURLs', goStrings)] } }, false),
    field('incomplete', goBool, false),
    field('evaluationError', goString),
  ],
};
