/**
 * From an access review's spec to the authorizer's attributes (k/k
 * pkg/registry/authorization/util/helpers.go, v1.32): ResourceAttributesFrom (an empty version
 * means every version, `*`), NonResourceAttributesFrom, AuthorizationAttributesFrom (the subject
 * named by user, groups, uid and extra — groups exactly as given, no `system:authenticated` added),
 * and BuildEvaluationError. Selectors (AuthorizeWithSelectors, beta and on in v1.32) reach the
 * authorizers as the raw selector strings Attributes carries; requirements given as a list are
 * written in selector syntax first, dropping the ones that do not convert, as upstream drops
 * them (requirements are ANDed, so dropping one only broadens the check).
 */
import { escapeFieldSelectorValue, labelRequirementString, newLabelRequirement, parseFieldSelector, parseLabelSelector } from '@tlsboot/api';
import type { LabelSelectorOperator, NonResourceAttributes, ResourceAttributes, SelectorAttributes, SelectorRequirement, SubjectAccessReviewSpec } from '@tlsboot/api';
import type { UserInfo } from '../../authentication/interfaces.js';
import type { Attributes } from '../../authorization/interfaces.js';

/** What became of a selector: the string the authorizers see, and whether some of it was dropped. */
interface SelectorOutcome {
  selector?: string;
  /** undefined: parsed cleanly; 'partial': some requirements kept; 'ignored': none kept. */
  problem?: 'partial' | 'ignored';
}

/**
 * What fieldSelectorAsSelector and labelSelectorAsSelector share: a raw selector is kept when it
 * parses; requirements, when given, replace it, each written as one term or dropped when `term`
 * throws.
 */
function selectorOf(s: SelectorAttributes | undefined, parse: (raw: string) => unknown, term: (r: SelectorRequirement) => string): SelectorOutcome {
  if (s === undefined) return {};
  let out: SelectorOutcome = {};
  const raw = s.rawSelector ?? '';
  if (raw !== '') {
    try {
      parse(raw);
      out = { selector: raw };
    } catch {
      out = { problem: 'ignored' };
    }
  }
  const reqs = s.requirements ?? [];
  if (reqs.length > 0) {
    const terms: string[] = [];
    let errors = 0;
    for (const r of reqs) {
      try {
        terms.push(term(r));
      } catch {
        errors++;
      }
    }
    out = { ...(terms.length > 0 ? { selector: terms.join(',') } : {}), ...(errors > 0 ? { problem: terms.length > 0 ? 'partial' : 'ignored' } : {}) };
  }
  return out;
}

/** fieldSelectorAsSelector: one value only; In → `=`, NotIn → `!=`; Exists/DoesNotExist unsupported. */
function fieldSelectorTerm(r: SelectorRequirement): string {
  const values = r.values ?? [];
  if (values.length !== 1 || (r.operator !== 'In' && r.operator !== 'NotIn')) throw new Error(`unsupported field selector requirement ${JSON.stringify(r)}`);
  return `${r.key ?? ''}${r.operator === 'In' ? '=' : '!='}${escapeFieldSelectorValue(values[0]!)}`;
}

const labelOperators: Readonly<Record<string, LabelSelectorOperator>> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

function labelSelectorTerm(r: SelectorRequirement): string {
  const op = labelOperators[r.operator ?? ''];
  if (op === undefined) throw new Error(`${JSON.stringify(r.operator ?? '')} is not a valid label selector operator`);
  return labelRequirementString(newLabelRequirement(r.key ?? '', op, r.values ?? []));
}

const fieldSelectorOf = (s: SelectorAttributes | undefined): SelectorOutcome => selectorOf(s, parseFieldSelector, fieldSelectorTerm);
const labelSelectorOf = (s: SelectorAttributes | undefined): SelectorOutcome => selectorOf(s, parseLabelSelector, labelSelectorTerm);

/** Attributes plus what BuildEvaluationError needs to know about the selectors. */
export interface ReviewAttributes {
  attributes: Attributes;
  fieldSelectorProblem?: 'partial' | 'ignored';
  labelSelectorProblem?: 'partial' | 'ignored';
}

/** ResourceAttributesFrom. */
export function resourceAttributesFrom(user: UserInfo, a: ResourceAttributes): ReviewAttributes {
  const field = fieldSelectorOf(a.fieldSelector);
  const label = labelSelectorOf(a.labelSelector);
  const attributes: Attributes = {
    user,
    verb: a.verb ?? '',
    isResourceRequest: true,
    path: '',
    namespace: a.namespace ?? '',
    apiGroup: a.group ?? '',
    apiVersion: (a.version ?? '') === '' ? '*' : a.version!,
    resource: a.resource ?? '',
    subresource: a.subresource ?? '',
    name: a.name ?? '',
    ...(field.selector === undefined ? {} : { fieldSelector: field.selector }),
    ...(label.selector === undefined ? {} : { labelSelector: label.selector }),
  };
  return { attributes, ...(field.problem ? { fieldSelectorProblem: field.problem } : {}), ...(label.problem ? { labelSelectorProblem: label.problem } : {}) };
}

/** NonResourceAttributesFrom. */
export function nonResourceAttributesFrom(user: UserInfo, a: NonResourceAttributes): ReviewAttributes {
  return {
    attributes: { user, verb: a.verb ?? '', isResourceRequest: false, path: a.path ?? '', namespace: '', apiGroup: '', apiVersion: '', resource: '', subresource: '', name: '' },
  };
}

/** The attributes of a self review (the caller) or a subject review (the spec's subject). */
export function reviewAttributesFor(user: UserInfo, spec: Pick<SubjectAccessReviewSpec, 'resourceAttributes' | 'nonResourceAttributes'>): ReviewAttributes {
  return spec.resourceAttributes !== undefined ? resourceAttributesFrom(user, spec.resourceAttributes) : nonResourceAttributesFrom(user, spec.nonResourceAttributes ?? {});
}

/** The user a SubjectAccessReview asks about (user.DefaultInfo from the spec). */
export function subjectOf(spec: SubjectAccessReviewSpec): UserInfo {
  return {
    name: spec.user ?? '',
    groups: [...(spec.groups ?? [])],
    ...(spec.uid ? { uid: spec.uid } : {}),
    ...(spec.extra ? { extra: structuredClone(spec.extra) } : {}),
  };
}

/** AuthorizationAttributesFrom. */
export function authorizationAttributesFrom(spec: SubjectAccessReviewSpec): ReviewAttributes {
  return reviewAttributesFor(subjectOf(spec), spec);
}

/** BuildEvaluationError: the authorizer's error, then what was dropped from the selectors, joined by "; ". */
export function buildEvaluationError(evaluationError: string | undefined, r: ReviewAttributes): string {
  const errors: string[] = [];
  if (evaluationError) errors.push(evaluationError);
  if (r.fieldSelectorProblem) errors.push(`spec.resourceAttributes.fieldSelector ${r.fieldSelectorProblem === 'partial' ? 'partially ignored' : 'ignored'} due to parse error`);
  if (r.labelSelectorProblem) errors.push(`spec.resourceAttributes.labelSelector ${r.labelSelectorProblem === 'partial' ? 'partially ignored' : 'ignored'} due to parse error`);
  return errors.join('; ');
}
