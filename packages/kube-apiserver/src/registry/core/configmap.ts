/**
 * ConfigMaps (pkg/apis/core/validation ValidateConfigMap): keys of `data` and `binaryData` are
 * config-map keys, unique across both; at most 1 MiB in total; `immutable` freezes the data.
 */
import { fieldDuplicate, fieldForbidden, fieldInvalid, fieldTooLong, isConfigMapKey, nameIsDNSSubdomain, newFieldPath } from '@tlsboot/api';
import type { FieldError, KubeObject } from '@tlsboot/api';
import { defineStrategy } from '../rest/generic-strategy.js';
import type { RESTStrategy } from '../rest/strategy.js';

/** core.MaxSecretSize, which also bounds config maps. */
const maxConfigMapSize = 1024 * 1024;
const mapOf = (v: unknown): Record<string, string> => (typeof v === 'object' && v !== null ? (v as Record<string, string>) : {});

function validateData(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  const data = mapOf(obj['data']);
  for (const [key, value] of Object.entries(data)) {
    for (const m of isConfigMapKey(key)) errs.push(fieldInvalid(newFieldPath('data').key(key), key, m));
    total += Buffer.byteLength(String(value));
  }
  for (const [key, value] of Object.entries(mapOf(obj['binaryData']))) {
    for (const m of isConfigMapKey(key)) errs.push(fieldInvalid(newFieldPath('binaryData').key(key), key, m));
    if (Object.hasOwn(data, key)) errs.push(fieldDuplicate(newFieldPath('data').key(key), 'duplicate of key present in binaryData'));
    total += Buffer.from(String(value), 'base64').length;
  }
  if (total > maxConfigMapSize) errs.push(fieldTooLong(newFieldPath(''), maxConfigMapSize));
  return errs;
}

export const configMapStrategy: RESTStrategy = defineStrategy({
  namespaced: true,
  nameValidation: nameIsDNSSubdomain,
  validateSpec: validateData,
  validateSpecUpdate(obj, old) {
    const errs = validateData(obj);
    if (old['immutable'] === true) {
      if (obj['immutable'] !== true) errs.push(fieldForbidden(newFieldPath('immutable'), 'field is immutable when `immutable` is set'));
      if (JSON.stringify(obj['data'] ?? {}) !== JSON.stringify(old['data'] ?? {})) errs.push(fieldForbidden(newFieldPath('data'), 'field is immutable when `immutable` is set'));
      if (JSON.stringify(obj['binaryData'] ?? {}) !== JSON.stringify(old['binaryData'] ?? {})) {
        errs.push(fieldForbidden(newFieldPath('binaryData'), 'field is immutable when `immutable` is set'));
      }
    }
    return errs;
  },
});
