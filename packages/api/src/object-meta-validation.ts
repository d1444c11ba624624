/**
 * ObjectMeta validation on create and update as k8s.io/apimachinery/pkg/api/validation/objectmeta.go
 * (ValidateObjectMetaAccessor, ValidateObjectMetaAccessorUpdate) and generic.go do it in v1.32.
 * rest.BeforeCreate runs the create check twice: with the kind's own name rule in the strategy,
 * then with path.ValidatePathSegmentName for every kind. managedFields are not checked.
 */
import {
  fieldForbidden,
  fieldInvalid,
  fieldRequired,
  fieldTooLong,
  newFieldPath,
} from './field-errors.js';
import type { FieldError, FieldPath } from './field-errors.js';
import { goQuote, utf8Length } from './go-format.js';
import { validateLabels } from './labels.js';
import { groupVersionKindOf, groupVersionKindString } from './meta.js';
import type { ObjectMeta, OwnerReference } from './meta.js';
import { validateNamespaceName } from './names.js';
import type { ValidateNameFunc } from './names.js';
import { isQualifiedName } from './validation.js';

/** TotalAnnotationSizeLimitB: keys plus values, 256 KiB. */
export const totalAnnotationSizeLimitBytes = 256 * 1024;
/** IsNegativeErrorMsg. */
export const isNegativeErrorMessage = 'must be greater than or equal to 0';
/** FieldImmutableErrorMsg. */
export const fieldImmutableErrorMessage = 'field is immutable';

/** metav1.FinalizerOrphanDependents and FinalizerDeleteDependents. */
export const finalizerOrphanDependents = 'orphan';
export const finalizerDeleteDependents = 'foregroundDeletion';

/** ValidateAnnotations: keys are qualified names (case-insensitive); all keys and values together at most 256 KiB. */
export function validateAnnotations(annotations: Readonly<Record<string, string>> | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(fieldInvalid(path, k, m));
    total += utf8Length(k) + utf8Length(v);
  }
  if (total > totalAnnotationSizeLimitBytes) errs.push(fieldTooLong(path, totalAnnotationSizeLimitBytes));
  return errs;
}

/** ValidateOwnerReferences: each reference complete, no v1 Event owners, at most one controller. Errors at `path` itself. */
export function validateOwnerReferences(refs: readonly OwnerReference[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const ref of refs ?? []) {
    const gvk = groupVersionKindOf(ref.apiVersion ?? '', ref.kind ?? '');
    if (!gvk.version) errs.push(fieldInvalid(path.child('apiVersion'), ref.apiVersion ?? '', 'version must not be empty'));
    if (!gvk.kind) errs.push(fieldInvalid(path.child('kind'), ref.kind ?? '', 'must not be empty'));
    if (!ref.name) errs.push(fieldInvalid(path.child('name'), ref.name ?? '', 'must not be empty'));
    if (!ref.uid) errs.push(fieldInvalid(path.child('uid'), ref.uid ?? '', 'must not be empty'));
    if (gvk.group === '' && gvk.version === 'v1' && gvk.kind === 'Event') {
      errs.push(fieldInvalid(path, ref, `${groupVersionKindString(gvk)} is disallowed from being an owner`));
    }
    if (ref.controller === true) {
      const current = `${ref.kind}/${ref.name}`;
      if (firstController !== '') {
        errs.push(
          fieldInvalid(path, refs, `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`),
        );
      } else {
        firstController = current;
      }
    }
  }
  return errs;
}

/** ValidateFinalizers: each a qualified name; orphan and foregroundDeletion not both. */
export function validateFinalizers(finalizers: readonly string[] | undefined, path: FieldPath): FieldError[] {
  const list = finalizers ?? [];
  const errs: FieldError[] = [];
  for (const f of list) for (const m of isQualifiedName(f)) errs.push(fieldInvalid(path, f, m));
  if (list.includes(finalizerOrphanDependents) && list.includes(finalizerDeleteDependents)) {
    errs.push(fieldInvalid(path, list, `finalizer ${finalizerOrphanDependents} and ${finalizerDeleteDependents} cannot be both set`));
  }
  return errs;
}

/**
 * ValidateObjectMetaAccessor: generateName and name by `nameFn`, name (or generateName)
 * required, namespace required and a DNS label for namespaced kinds and forbidden otherwise,
 * generation not negative, labels, annotations, owner references, finalizers. Expects name
 * generation to have happened already.
 */
export function validateObjectMeta(meta: ObjectMeta, requiresNamespace: boolean, nameFn: ValidateNameFunc, path: FieldPath = newFieldPath('metadata')): FieldError[] {
  const errs: FieldError[] = [];
  const generateName = meta.generateName ?? '';
  if (generateName !== '') for (const m of nameFn(generateName, true)) errs.push(fieldInvalid(path.child('generateName'), generateName, m));
  const name = meta.name ?? '';
  if (name === '') errs.push(fieldRequired(path.child('name'), 'name or generateName is required'));
  else for (const m of nameFn(name, false)) errs.push(fieldInvalid(path.child('name'), name, m));
  const namespace = meta.namespace ?? '';
  if (requiresNamespace) {
    if (namespace === '') errs.push(fieldRequired(path.child('namespace')));
    else for (const m of validateNamespaceName(namespace, false)) errs.push(fieldInvalid(path.child('namespace'), namespace, m));
  } else if (namespace !== '') {
    errs.push(fieldForbidden(path.child('namespace'), 'not allowed on this type'));
  }
  if ((meta.generation ?? 0) < 0) errs.push(fieldInvalid(path.child('generation'), meta.generation, isNegativeErrorMessage));
  errs.push(...validateLabels(meta.labels, path.child('labels')));
  errs.push(...validateAnnotations(meta.annotations, path.child('annotations')));
  errs.push(...validateOwnerReferences(meta.ownerReferences, path.child('ownerReferences')));
  errs.push(...validateFinalizers(meta.finalizers, path.child('finalizers')));
  return errs;
}

/** Semantic equality of the immutable metadata fields: unset, null and '' are the same zero value. */
function same(a: unknown, b: unknown): boolean {
  const zero = (v: unknown) => v === undefined || v === null || v === '';
  return (zero(a) && zero(b)) || a === b;
}

/** Go's %#v of a []string: `[]string{"a", "b"}`. */
function goStringSlice(list: readonly string[]): string {
  return `[]string{${list.map(goQuote).join(', ')}}`;
}

/**
 * ValidateObjectMetaAccessorUpdate: no new finalizers on an object being deleted, a
 * resourceVersion given, generation not decremented, name/namespace/uid/creationTimestamp/
 * deletionTimestamp/deletionGracePeriodSeconds unchanged (`field is immutable`), then labels,
 * annotations and owner references of the new metadata.
 */
export function validateObjectMetaUpdate(newMeta: ObjectMeta, oldMeta: ObjectMeta, path: FieldPath = newFieldPath('metadata')): FieldError[] {
  const errs: FieldError[] = [];
  if (oldMeta.deletionTimestamp) {
    const old = new Set(oldMeta.finalizers ?? []);
    const extra = [...new Set((newMeta.finalizers ?? []).filter((f) => !old.has(f)))].sort();
    if (extra.length > 0) {
      errs.push(fieldForbidden(path.child('finalizers'), `no new finalizers can be added if the object is being deleted, found new finalizers ${goStringSlice(extra)}`));
    }
  }
  if (!newMeta.resourceVersion) errs.push(fieldInvalid(path.child('resourceVersion'), newMeta.resourceVersion ?? '', 'must be specified for an update'));
  if ((newMeta.generation ?? 0) < (oldMeta.generation ?? 0)) errs.push(fieldInvalid(path.child('generation'), newMeta.generation ?? 0, 'must not be decremented'));
  const immutable: (keyof ObjectMeta)[] = ['name', 'namespace', 'uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds'];
  for (const key of immutable) {
    // Go's zero value shows in the message: "" for the strings, null for times and the grace period.
    const zero = key === 'name' || key === 'namespace' || key === 'uid' ? '' : null;
    if (!same(newMeta[key], oldMeta[key])) errs.push(fieldInvalid(path.child(key), newMeta[key] ?? zero, fieldImmutableErrorMessage));
  }
  errs.push(...validateLabels(newMeta.labels, path.child('labels')));
  errs.push(...validateAnnotations(newMeta.annotations, path.child('annotations')));
  errs.push(...validateOwnerReferences(newMeta.ownerReferences, path.child('ownerReferences')));
  return errs;
}
