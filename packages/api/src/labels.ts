/**
 * Label selectors as k8s.io/apimachinery/pkg/labels/selector.go builds and matches them
 * (Requirement, internalSelector; the string syntax is in label-selector-parse.ts),
 * metav1.LabelSelector conversion as pkg/apis/meta/v1/helpers.go LabelSelectorAsSelector, and
 * label validation as pkg/apis/meta/v1/validation ValidateLabels.
 */
import { ApiError } from './errors.js';
import { goQuote } from './go-format.js';
import { FieldError, childOf, fieldErrorListToAggregate, fieldInvalid, fieldNotSupported, fieldPathString } from './field-errors.js';
import type { FieldPath } from './field-errors.js';
import { isQualifiedName, isValidLabelValue } from './validation.js';

/** selection.Operator values. */
export type LabelSelectorOperator = '!' | '=' | '==' | 'in' | '!=' | 'notin' | 'exists' | 'gt' | 'lt';

const unaryOperators: readonly LabelSelectorOperator[] = ['exists', '!'];
export const binaryOperators: readonly LabelSelectorOperator[] = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];
const validRequirementOperators: readonly string[] = [...binaryOperators, ...unaryOperators];

export type Labels = Readonly<Record<string, string>>;

/** One `key op values` term; the selector is their AND. */
export interface LabelRequirement {
  readonly key: string;
  readonly operator: LabelSelectorOperator;
  readonly values: readonly string[];
}

/** strconv.ParseInt(s, 10, 64). */
function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n >= -(2n ** 63n) && n < 2n ** 63n ? n : undefined;
}

/** validateLabelKey: the key as a qualified name, at `path` (`<nil>` when there is none). Shared with the parser. */
export function validateLabelKey(key: string, path: FieldPath | undefined): FieldError | undefined {
  const errs = isQualifiedName(key);
  return errs.length === 0 ? undefined : fieldInvalidAt(path, key, errs.join('; '));
}

/** field.Invalid on a possibly nil path: a nil path prints as `<nil>`, as upstream's parser shows. */
function fieldInvalidAt(path: FieldPath | undefined, value: unknown, detail: string): FieldError {
  return new FieldError('FieldValueInvalid', fieldPathString(path), value, detail);
}

/**
 * labels.NewRequirement: checks the key (a qualified name), the number of values for the
 * operator, integers for gt/lt, and each value (a label value). Errors are reported at
 * `<path>.key`, `<path>.values`, `<path>.values[i][key]`, aggregated into one
 * LABEL_SELECTOR_INVALID message.
 */
export function newLabelRequirement(key: string, operator: LabelSelectorOperator, values: readonly string[], path?: FieldPath): LabelRequirement {
  const errs: FieldError[] = [];
  const keyErr = validateLabelKey(key, childOf(path, 'key'));
  if (keyErr) errs.push(keyErr);
  const valuePath = childOf(path, 'values');
  switch (operator) {
    case 'in':
    case 'notin':
      if (values.length === 0) errs.push(fieldInvalid(valuePath, values, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1) errs.push(fieldInvalid(valuePath, values, 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (values.length !== 0) errs.push(fieldInvalid(valuePath, values, 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (values.length !== 1) errs.push(fieldInvalid(valuePath, values, "for 'Gt', 'Lt' operators, exactly one value is required"));
      values.forEach((v, i) => {
        if (parseInt64(v) === undefined) errs.push(fieldInvalid(valuePath.index(i), v, "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
    default:
      errs.push(fieldNotSupported(childOf(path, 'operator'), operator, validRequirementOperators));
  }
  values.forEach((v, i) => {
    const msgs = isValidLabelValue(v);
    if (msgs.length > 0) errs.push(fieldInvalid(valuePath.index(i).key(key), v, msgs.join('; ')));
  });
  const agg = fieldErrorListToAggregate(errs);
  if (agg !== undefined) throw new ApiError('LABEL_SELECTOR_INVALID', agg.message);
  return { key, operator, values: [...values] };
}

/** Requirement.Matches. */
export function labelRequirementMatches(r: LabelRequirement, labels: Labels): boolean {
  const has = Object.hasOwn(labels, r.key);
  const value = has ? labels[r.key]! : '';
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has && r.values.includes(value);
    case 'notin':
    case '!=':
      return !has || !r.values.includes(value);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || r.values.length !== 1) return false;
      const actual = parseInt64(value);
      const bound = parseInt64(r.values[0]!);
      if (actual === undefined || bound === undefined) return false;
      return r.operator === 'gt' ? actual > bound : actual < bound;
    }
  }
}

/** Requirement.String(): `!key`, `key=v`, `key in (a,b)` (values sorted), `key>3`. */
export function labelRequirementString(r: LabelRequirement): string {
  const ops: Record<LabelSelectorOperator, string> = { '=': '=', '==': '==', '!=': '!=', in: ' in ', notin: ' notin ', gt: '>', lt: '<', exists: '', '!': '' };
  if (r.operator === 'exists') return r.key;
  if (r.operator === '!') return `!${r.key}`;
  const vals = r.values.length === 1 ? r.values[0]! : [...r.values].sort().join(',');
  return r.operator === 'in' || r.operator === 'notin' ? `${r.key}${ops[r.operator]}(${vals})` : `${r.key}${ops[r.operator]}${vals}`;
}

/**
 * labels.Selector: the AND of its requirements, sorted by key. `nothing` is labels.Nothing()
 * (what a nil metav1.LabelSelector converts to): it matches no object.
 */
export class LabelSelector {
  private constructor(
    readonly requirements: readonly LabelRequirement[],
    private readonly nothing: boolean,
  ) {}

  static fromRequirements(requirements: readonly LabelRequirement[]): LabelSelector {
    return new LabelSelector([...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)), false);
  }

  /** labels.Everything(). */
  static everything(): LabelSelector {
    return new LabelSelector([], false);
  }

  /** labels.Nothing(). */
  static nothing(): LabelSelector {
    return new LabelSelector([], true);
  }

  matches(labels: Labels | undefined): boolean {
    if (this.nothing) return false;
    const l = labels ?? {};
    return this.requirements.every((r) => labelRequirementMatches(r, l));
  }

  /** True when the selector does not restrict anything (Nothing is not empty). */
  empty(): boolean {
    return !this.nothing && this.requirements.length === 0;
  }

  /** RequiresExactMatch: the one value `label` must have (=, == or a one-value in), if any. */
  requiresExactMatch(label: string): string | undefined {
    const r = this.requirements.find((x) => x.key === label);
    if (r && (r.operator === '=' || r.operator === '==' || r.operator === 'in') && r.values.length === 1) return r.values[0];
    return undefined;
  }

  /** Add: a new selector with more requirements, re-sorted. */
  add(...requirements: LabelRequirement[]): LabelSelector {
    return LabelSelector.fromRequirements([...this.requirements, ...requirements]);
  }

  toString(): string {
    return this.requirements.map(labelRequirementString).join(',');
  }
}

/** labels.SelectorFromSet: `k1=v1,k2=v2`, not validated; an empty set selects everything. */
export function labelSelectorFromSet(set: Labels | undefined): LabelSelector {
  const reqs = Object.entries(set ?? {}).map(([key, value]): LabelRequirement => ({ key, operator: '=', values: [value] }));
  return LabelSelector.fromRequirements(reqs);
}

// ---- metav1.LabelSelector ----

export type LabelSelectorRequirementOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

/** metav1.LabelSelectorRequirement. */
export interface LabelSelectorRequirement {
  key: string;
  operator: LabelSelectorRequirementOperator | (string & {});
  values?: string[];
}

/** metav1.LabelSelector, the selector object inside specs. */
export interface LabelSelectorObject {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/**
 * LabelSelectorAsSelector: null/undefined selects nothing, an empty object everything;
 * matchLabels become `=` requirements, matchExpressions In/NotIn/Exists/DoesNotExist; an
 * unknown operator is `"X" is not a valid label selector operator`.
 */
export function labelSelectorFromLabelSelectorObject(obj: LabelSelectorObject | null | undefined): LabelSelector {
  if (obj === null || obj === undefined) return LabelSelector.nothing();
  const matchLabels = Object.entries(obj.matchLabels ?? {});
  const exprs = obj.matchExpressions ?? [];
  if (matchLabels.length + exprs.length === 0) return LabelSelector.everything();
  const reqs: LabelRequirement[] = matchLabels.map(([k, v]) => newLabelRequirement(k, '=', [v]));
  const ops: Record<string, LabelSelectorOperator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };
  for (const e of exprs) {
    const op = Object.hasOwn(ops, e.operator) ? ops[e.operator] : undefined;
    if (op === undefined) fail(`${goQuote(e.operator)} is not a valid label selector operator`);
    reqs.push(newLabelRequirement(e.key, op, e.values ?? []));
  }
  return LabelSelector.fromRequirements(reqs);
}

// ---- label validation (metav1 validation) ----

/** ValidateLabelName: the key as a qualified name, one error per problem, at `path`. */
export function validateLabelName(name: string, path: FieldPath): FieldError[] {
  return isQualifiedName(name).map((m) => fieldInvalid(path, name, m));
}

/**
 * ValidateLabels: every key a qualified name, every value a label value; errors are reported at
 * `path` itself (`metadata.labels`), not per key, as upstream.
 */
export function validateLabels(labels: Labels | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    errs.push(...validateLabelName(k, path));
    for (const m of isValidLabelValue(v)) errs.push(fieldInvalid(path, v, m));
  }
  return errs;
}

function fail(message: string): never {
  throw new ApiError('LABEL_SELECTOR_INVALID', message);
}
