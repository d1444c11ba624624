// Validation of RBAC objects, as kubernetes/kubernetes pkg/apis/rbac/validation/validation.go
// (v1.32): names are path segments; a rule needs verbs, and either non-resource URLs (cluster
// roles only, never mixed with resources) or api groups and resources; a RoleBinding may
// reference a Role or a ClusterRole, a ClusterRoleBinding only a ClusterRole; roleRef never
// changes; subjects are ServiceAccount (namespace required in ClusterRoleBindings), User or Group.
import {
  FieldError,
  fieldErrorTypeText,
  fieldInvalid,
  fieldNotSupported,
  fieldRequired,
  goQuote,
  labelSelectorFromLabelSelectorObject,
  nameIsDNSSubdomain,
  newFieldPath,
  rbacGroup,
  validateObjectMeta,
  validateObjectMetaUpdate,
  validatePathSegmentName,
} from '@tlsboot/api';
import type { FieldErrorType, FieldPath, KubeObject, LabelSelectorObject } from '@tlsboot/api';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** A field error whose bad value prints as Go's `%#v` (field.Invalid of a struct or a slice). */
class GoSyntaxFieldError extends FieldError {
  constructor(type: FieldErrorType, field: string, readonly goSyntax: string, detail: string) {
    super(type, field, goSyntax, detail);
  }

  override errorBody(): string {
    return `${fieldErrorTypeText[this.type]}: ${this.goSyntax}${this.detail.length > 0 ? `: ${this.detail}` : ''}`;
  }
}

/** `%#v` of a []string: `[]string{"a", "b"}`. */
const goStringSlice = (values: readonly string[]): string => `[]string{${values.map(goQuote).join(', ')}}`;

/** `%#v` of an internal rbac.RoleRef. */
const goRoleRef = (r: Obj): string => `rbac.RoleRef{APIGroup:${goQuote(str(r['apiGroup']))}, Kind:${goQuote(str(r['kind']))}, Name:${goQuote(str(r['name']))}}`;

/** ValidateRBACName: path.IsValidPathSegmentName. */
export const validateRBACName = validatePathSegmentName;

export function validatePolicyRule(rule: unknown, isNamespaced: boolean, path: FieldPath): FieldError[] {
  const r = obj(rule);
  const verbs = strings(r['verbs']);
  const urls = strings(r['nonResourceURLs']);
  const groups = strings(r['apiGroups']);
  const resources = strings(r['resources']);
  const names = strings(r['resourceNames']);
  const errs: FieldError[] = [];
  if (verbs.length === 0) errs.push(fieldRequired(path.child('verbs'), 'verbs must contain at least one value'));
  if (urls.length > 0) {
    const at = path.child('nonResourceURLs').toString();
    if (isNamespaced) errs.push(new GoSyntaxFieldError('FieldValueInvalid', at, goStringSlice(urls), 'namespaced rules cannot apply to non-resource URLs'));
    if (groups.length > 0 || resources.length > 0 || names.length > 0) {
      errs.push(new GoSyntaxFieldError('FieldValueInvalid', at, goStringSlice(urls), 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errs;
  }
  if (groups.length === 0) errs.push(fieldRequired(path.child('apiGroups'), 'resource rules must supply at least one api group'));
  if (resources.length === 0) errs.push(fieldRequired(path.child('resources'), 'resource rules must supply at least one resource'));
  return errs;
}

function validateRules(o: KubeObject, isNamespaced: boolean): FieldError[] {
  const rules = Array.isArray(o['rules']) ? (o['rules'] as unknown[]) : [];
  return rules.flatMap((rule, i) => validatePolicyRule(rule, isNamespaced, newFieldPath('rules').index(i)));
}

export function validateRole(role: KubeObject): FieldError[] {
  return [...validateObjectMeta(role.metadata ?? {}, true, validateRBACName, newFieldPath('metadata')), ...validateRules(role, true)];
}

export function validateRoleUpdate(role: KubeObject, old: KubeObject): FieldError[] {
  return [...validateRole(role), ...validateObjectMetaUpdate(role.metadata ?? {}, old.metadata ?? {}, newFieldPath('metadata'))];
}

/**
 * ValidateClusterRole. An aggregationRule needs at least one selector, and each must convert to
 * a label selector (metav1 ValidateLabelSelector's finer checks are not ported).
 */
export function validateClusterRole(role: KubeObject): FieldError[] {
  const errs = [...validateObjectMeta(role.metadata ?? {}, false, validateRBACName, newFieldPath('metadata')), ...validateRules(role, false)];
  const rule = role['aggregationRule'];
  if (rule !== undefined && rule !== null) {
    const selectors = Array.isArray(obj(rule)['clusterRoleSelectors']) ? (obj(rule)['clusterRoleSelectors'] as unknown[]) : [];
    const path = newFieldPath('aggregationRule', 'clusterRoleSelectors');
    if (selectors.length === 0) errs.push(fieldRequired(path, 'at least one clusterRoleSelector required if aggregationRule is non-nil'));
    selectors.forEach((s, i) => {
      try {
        labelSelectorFromLabelSelectorObject(obj(s) as LabelSelectorObject);
      } catch {
        errs.push(fieldInvalid(path.index(i), null, 'invalid label selector.'));
      }
    });
  }
  return errs;
}

export function validateClusterRoleUpdate(role: KubeObject, old: KubeObject): FieldError[] {
  return [...validateClusterRole(role), ...validateObjectMetaUpdate(role.metadata ?? {}, old.metadata ?? {}, newFieldPath('metadata'))];
}

/** ValidateRoleBindingSubject. */
export function validateRoleBindingSubject(subject: unknown, isNamespaced: boolean, path: FieldPath): FieldError[] {
  const s = obj(subject);
  const name = str(s['name']);
  const kind = str(s['kind']);
  const apiGroup = str(s['apiGroup']);
  const errs: FieldError[] = [];
  if (name === '') errs.push(fieldRequired(path.child('name')));
  switch (kind) {
    case 'ServiceAccount':
      if (name !== '') for (const m of nameIsDNSSubdomain(name, false)) errs.push(fieldInvalid(path.child('name'), name, m));
      if (apiGroup !== '') errs.push(fieldNotSupported(path.child('apiGroup'), apiGroup, ['']));
      if (!isNamespaced && str(s['namespace']) === '') errs.push(fieldRequired(path.child('namespace')));
      break;
    case 'User':
    case 'Group':
      if (apiGroup !== rbacGroup) errs.push(fieldNotSupported(path.child('apiGroup'), apiGroup, [rbacGroup]));
      break;
    default:
      errs.push(fieldNotSupported(path.child('kind'), kind, ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

function validateBinding(binding: KubeObject, isNamespaced: boolean): FieldError[] {
  const errs = validateObjectMeta(binding.metadata ?? {}, isNamespaced, validateRBACName, newFieldPath('metadata'));
  const ref = obj(binding['roleRef']);
  const apiGroup = str(ref['apiGroup']);
  const kind = str(ref['kind']);
  const name = str(ref['name']);
  if (apiGroup !== rbacGroup) errs.push(fieldNotSupported(newFieldPath('roleRef', 'apiGroup'), apiGroup, [rbacGroup]));
  const kinds = isNamespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(kind)) errs.push(fieldNotSupported(newFieldPath('roleRef', 'kind'), kind, kinds));
  if (name === '') errs.push(fieldRequired(newFieldPath('roleRef', 'name')));
  else for (const m of validateRBACName(name, false)) errs.push(fieldInvalid(newFieldPath('roleRef', 'name'), name, m));
  const subjects = Array.isArray(binding['subjects']) ? (binding['subjects'] as unknown[]) : [];
  subjects.forEach((s, i) => errs.push(...validateRoleBindingSubject(s, isNamespaced, newFieldPath('subjects').index(i))));
  return errs;
}

/** `roleRef: Invalid value: rbac.RoleRef{…}: cannot change roleRef`. */
function validateRoleRefUnchanged(binding: KubeObject, old: KubeObject): FieldError[] {
  const a = obj(binding['roleRef']);
  const b = obj(old['roleRef']);
  const same = ['apiGroup', 'kind', 'name'].every((k) => str(a[k]) === str(b[k]));
  return same ? [] : [new GoSyntaxFieldError('FieldValueInvalid', 'roleRef', goRoleRef(a), 'cannot change roleRef')];
}

export function validateRoleBinding(binding: KubeObject): FieldError[] {
  return validateBinding(binding, true);
}

export function validateRoleBindingUpdate(binding: KubeObject, old: KubeObject): FieldError[] {
  return [...validateRoleBinding(binding), ...validateObjectMetaUpdate(binding.metadata ?? {}, old.metadata ?? {}, newFieldPath('metadata')), ...validateRoleRefUnchanged(binding, old)];
}

export function validateClusterRoleBinding(binding: KubeObject): FieldError[] {
  return validateBinding(binding, false);
}

export function validateClusterRoleBindingUpdate(binding: KubeObject, old: KubeObject): FieldError[] {
  return [...validateClusterRoleBinding(binding), ...validateObjectMetaUpdate(binding.metadata ?? {}, old.metadata ?? {}, newFieldPath('metadata')), ...validateRoleRefUnchanged(binding, old)];
}
