/**
 * Validation of the access reviews (k/k pkg/apis/authorization/validation/validation.go, v1.32):
 * exactly one of resourceAttributes / nonResourceAttributes, a user or a group for the
 * (Local)SubjectAccessReview, metadata empty (a LocalSubjectAccessReview may carry its
 * namespace, which the resource attributes must repeat), and the selector attributes
 * (AuthorizeWithSelectors). Bad values print as Go's field.Invalid does: strings quoted, a nil
 * pointer as "null", a struct as `%#v` of the internal type.
 */
import { FieldError, fieldInvalid, fieldRequired, fieldForbidden, goQuote, newFieldPath, validateLabelName } from '@tlsboot/api';
import type { FieldPath, NonResourceAttributes, ObjectMeta, ResourceAttributes, SelectorAttributes, SubjectAccessReviewSpec } from '@tlsboot/api';

/** field.Invalid with a struct value, already in Go's `%#v` form: printed as is, never quoted. */
class GoSyntaxInvalid extends FieldError {
  override errorBody(): string {
    return `Invalid value: ${String(this.badValue)}${this.detail.length > 0 ? `: ${this.detail}` : ''}`;
  }
}

function invalidGo(path: FieldPath, text: string, detail: string): FieldError {
  return new GoSyntaxInvalid('FieldValueInvalid', path.toString(), text, detail);
}

/** `%#v` of *authorization.NonResourceAttributes (nil prints "null" through field.Invalid). */
function nonResourceValue(path: FieldPath, a: NonResourceAttributes | undefined, detail: string): FieldError {
  if (a === undefined) return fieldInvalid(path, 'null', detail);
  return invalidGo(path, `authorization.NonResourceAttributes{Path:${goQuote(a.path ?? '')}, Verb:${goQuote(a.verb ?? '')}}`, detail);
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function goTime(v: unknown): string {
  if (typeof v !== 'string' || v === '') return 'time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC)';
  const d = new Date(v);
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  // metav1.Time decodes into the local zone
  return `time.Date(${d.getUTCFullYear()}, time.${months[d.getUTCMonth()]}, ${d.getUTCDate()}, ${d.getUTCHours()}, ${d.getUTCMinutes()}, ${d.getUTCSeconds()}, 0, time.Local)`;
}

function goStringMap(v: unknown): string {
  if (typeof v !== 'object' || v === null) return 'map[string]string(nil)';
  const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `map[string]string{${entries.map(([k, e]) => `${goQuote(k)}:${goQuote(str(e))}`).join(', ')}}`;
}

function goStringSlice(v: unknown): string {
  if (!Array.isArray(v)) return '[]string(nil)';
  return `[]string{${v.map((e) => goQuote(str(e))).join(', ')}}`;
}

/** `%#v` of a v1.ObjectMeta (what `metadata: Invalid value: …: must be empty` prints). */
export function goObjectMeta(meta: ObjectMeta): string {
  const m = meta as Record<string, unknown>;
  const int = (v: unknown): string => (typeof v === 'number' ? String(v) : '0');
  const owners = Array.isArray(m['ownerReferences'])
    ? `[]v1.OwnerReference{${(m['ownerReferences'] as Record<string, unknown>[])
        .map((o) => `v1.OwnerReference{APIVersion:${goQuote(str(o['apiVersion']))}, Kind:${goQuote(str(o['kind']))}, Name:${goQuote(str(o['name']))}, UID:${goQuote(str(o['uid']))}, Controller:(*bool)(nil), BlockOwnerDeletion:(*bool)(nil)}`)
        .join(', ')}}`
    : '[]v1.OwnerReference(nil)';
  const fields = [
    `Name:${goQuote(str(m['name']))}`,
    `GenerateName:${goQuote(str(m['generateName']))}`,
    `Namespace:${goQuote(str(m['namespace']))}`,
    `SelfLink:${goQuote(str(m['selfLink']))}`,
    `UID:${goQuote(str(m['uid']))}`,
    `ResourceVersion:${goQuote(str(m['resourceVersion']))}`,
    `Generation:${int(m['generation'])}`,
    `CreationTimestamp:${goTime(m['creationTimestamp'])}`,
    `DeletionTimestamp:${m['deletionTimestamp'] ? goTime(m['deletionTimestamp']) : '<nil>'}`,
    `DeletionGracePeriodSeconds:${typeof m['deletionGracePeriodSeconds'] === 'number' ? '(*int64)(0xc000000000)' : '(*int64)(nil)'}`,
    `Labels:${goStringMap(m['labels'])}`,
    `Annotations:${goStringMap(m['annotations'])}`,
    `OwnerReferences:${owners}`,
    `Finalizers:${goStringSlice(m['finalizers'])}`,
    `ManagedFields:${Array.isArray(m['managedFields']) ? '[]v1.ManagedFieldsEntry{…}' : '[]v1.ManagedFieldsEntry(nil)'}`,
  ];
  return `v1.ObjectMeta{${fields.join(', ')}}`;
}

const nonEmpty = (v: unknown): boolean => {
  if (v === undefined || v === null || v === '' || v === 0) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
};

/** apiequality.Semantic.DeepEqual(metav1.ObjectMeta{}, meta) with managedFields (and `except`) cleared. */
export function isEmptyObjectMeta(meta: ObjectMeta, except: readonly string[] = []): boolean {
  return Object.entries(meta).every(([k, v]) => k === 'managedFields' || except.includes(k) || !nonEmpty(v));
}

function validateSelectorAttributes(s: SelectorAttributes | undefined, path: FieldPath, kind: 'field' | 'label'): FieldError[] {
  if (s === undefined) return [];
  const errs: FieldError[] = [];
  const raw = s.rawSelector ?? '';
  const reqs = s.requirements ?? [];
  if (raw.length > 0 && reqs.length > 0) errs.push(fieldInvalid(path.child('rawSelector'), raw, 'may not specified at the same time as requirements'));
  if (raw.length === 0 && reqs.length === 0) errs.push(fieldRequired(path.child('requirements'), `when ${path.toString()} is specified, requirements or rawSelector is required`));
  // AllowUnknownOperatorInRequirement: an operator this server does not know is not an error
  reqs.forEach((r, i) => {
    const p = path.child('requirements').index(i);
    const values = r.values ?? [];
    if (kind === 'field' && (r.key ?? '') === '') errs.push(fieldRequired(p.child('key'), 'must be specified'));
    if ((r.operator === 'In' || r.operator === 'NotIn') && values.length === 0) errs.push(fieldRequired(p.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
    if ((r.operator === 'Exists' || r.operator === 'DoesNotExist') && values.length > 0) {
      errs.push(fieldForbidden(p.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    }
    if (kind === 'label') errs.push(...validateLabelName(r.key ?? '', p.child('key')));
  });
  return errs;
}

function validateResourceAttributes(a: ResourceAttributes | undefined, path: FieldPath): FieldError[] {
  if (a === undefined) return [];
  return [...validateSelectorAttributes(a.fieldSelector, path.child('fieldSelector'), 'field'), ...validateSelectorAttributes(a.labelSelector, path.child('labelSelector'), 'label')];
}

function validateAttributesChoice(spec: { resourceAttributes?: ResourceAttributes; nonResourceAttributes?: NonResourceAttributes }, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.resourceAttributes !== undefined && spec.nonResourceAttributes !== undefined) {
    errs.push(nonResourceValue(path.child('nonResourceAttributes'), spec.nonResourceAttributes, 'cannot be specified in combination with resourceAttributes'));
  }
  if (spec.resourceAttributes === undefined && spec.nonResourceAttributes === undefined) {
    errs.push(nonResourceValue(path.child('resourceAttributes'), spec.nonResourceAttributes, 'exactly one of nonResourceAttributes or resourceAttributes must be specified'));
  }
  return errs;
}

/** ValidateSubjectAccessReviewSpec. */
export function validateSubjectAccessReviewSpec(spec: SubjectAccessReviewSpec, path: FieldPath): FieldError[] {
  const errs = validateAttributesChoice(spec, path);
  if ((spec.user ?? '') === '' && (spec.groups ?? []).length === 0) errs.push(fieldInvalid(path.child('user'), spec.user ?? '', 'at least one of user or group must be specified'));
  errs.push(...validateResourceAttributes(spec.resourceAttributes, newFieldPath('spec', 'resourceAttributes')));
  return errs;
}

/** ValidateSubjectAccessReview. */
export function validateSubjectAccessReview(meta: ObjectMeta, spec: SubjectAccessReviewSpec): FieldError[] {
  const errs = validateSubjectAccessReviewSpec(spec, newFieldPath('spec'));
  if (!isEmptyObjectMeta(meta)) errs.push(invalidGo(newFieldPath('metadata'), goObjectMeta(meta), 'must be empty'));
  return errs;
}

/** ValidateSelfSubjectAccessReview (no user or group: the caller is the subject). */
export function validateSelfSubjectAccessReview(meta: ObjectMeta, spec: Pick<SubjectAccessReviewSpec, 'resourceAttributes' | 'nonResourceAttributes'>): FieldError[] {
  const errs = validateAttributesChoice(spec, newFieldPath('spec'));
  errs.push(...validateResourceAttributes(spec.resourceAttributes, newFieldPath('spec', 'resourceAttributes')));
  if (!isEmptyObjectMeta(meta)) errs.push(invalidGo(newFieldPath('metadata'), goObjectMeta(meta), 'must be empty'));
  return errs;
}

/** ValidateLocalSubjectAccessReview: metadata may hold the namespace, which the attributes repeat; no non-resource attributes. */
export function validateLocalSubjectAccessReview(meta: ObjectMeta, spec: SubjectAccessReviewSpec): FieldError[] {
  const errs = validateSubjectAccessReviewSpec(spec, newFieldPath('spec'));
  if (!isEmptyObjectMeta(meta, ['namespace'])) errs.push(invalidGo(newFieldPath('metadata'), goObjectMeta(meta), 'must be empty except for namespace'));
  const namespace = meta.namespace ?? '';
  if (spec.resourceAttributes !== undefined && (spec.resourceAttributes.namespace ?? '') !== namespace) {
    errs.push(fieldInvalid(newFieldPath('spec.resourceAttributes.namespace'), spec.resourceAttributes.namespace ?? '', 'must match metadata.namespace'));
  }
  if (spec.nonResourceAttributes !== undefined) errs.push(nonResourceValue(newFieldPath('spec.nonResourceAttributes'), spec.nonResourceAttributes, 'disallowed on this kind of request'));
  return errs;
}
