// The RESTStrategy of each RBAC kind (kubernetes/kubernetes pkg/registry/rbac/{role,clusterrole,
// rolebinding,clusterrolebinding}/strategy.go): nothing is cleared or kept on create or update
// (v1 defaulting aside), PUT of a missing object creates it, and ValidateUpdate is
// Validate(new) followed by ValidateXUpdate(new, old) — which validates `new` again, so upstream's
// Status causes list an update's spec errors twice (the message deduplicates them).
import { validatePathSegmentName } from '@tlsboot/api';
import type { FieldError, KubeObject } from '@tlsboot/api';
import type { RESTStrategy } from '../rest/strategy.js';
import { setRBACDefaults } from './defaults.js';
import {
  validateClusterRole,
  validateClusterRoleBinding,
  validateClusterRoleBindingUpdate,
  validateClusterRoleUpdate,
  validateRole,
  validateRoleBinding,
  validateRoleBindingUpdate,
  validateRoleUpdate,
} from './rbac-validation.js';

function rbacStrategy(
  resource: string,
  validate: (obj: KubeObject) => FieldError[],
  validateUpdate: (obj: KubeObject, old: KubeObject) => FieldError[],
): RESTStrategy {
  return {
    nameValidation: validatePathSegmentName,
    allowCreateOnUpdate: true,
    allowUnconditionalUpdate: true,
    // decode-time defaulting, repeated here for objects written without the HTTP path
    prepareForCreate: (obj) => setRBACDefaults(resource, obj),
    prepareForUpdate: (obj) => setRBACDefaults(resource, obj),
    validate,
    validateUpdate: (obj, old) => [...validate(obj), ...validateUpdate(obj, old)],
  };
}

export const roleStrategy = rbacStrategy('roles', validateRole, validateRoleUpdate);
export const clusterRoleStrategy = rbacStrategy('clusterroles', validateClusterRole, validateClusterRoleUpdate);
export const roleBindingStrategy = rbacStrategy('rolebindings', validateRoleBinding, validateRoleBindingUpdate);
export const clusterRoleBindingStrategy = rbacStrategy('clusterrolebindings', validateClusterRoleBinding, validateClusterRoleBindingUpdate);
