/**
 * Secrets (k/k pkg/registry/core/secret/strategy.go, pkg/apis/core/validation ValidateSecret):
 * `stringData` is merged into `data` (base64) and dropped, as the v1 → internal conversion does;
 * `type` defaults to Opaque and is immutable; data keys are config-map keys; at most 1 MiB of
 * data; the tls and service-account-token types require their keys.
 */
import { fieldForbidden, fieldInvalid, fieldRequired, fieldTooLong, isConfigMapKey, nameIsDNSSubdomain, newFieldPath, fieldImmutableErrorMessage } from '@tlsboot/api';
import type { FieldError, KubeObject } from '@tlsboot/api';
import { defineStrategy } from '../rest/generic-strategy.js';
import type { RESTStrategy } from '../rest/strategy.js';

/** core.MaxSecretSize. */
export const maxSecretSize = 1024 * 1024;

type StringMap = Record<string, string>;
const mapOf = (v: unknown): StringMap => (typeof v === 'object' && v !== null ? (v as StringMap) : {});

/** What `stringData` becomes: keys and values merged over `data`, base64-encoded. */
function mergeStringData(obj: KubeObject): void {
  const stringData = mapOf(obj['stringData']);
  if (obj['stringData'] !== undefined) {
    const data = { ...mapOf(obj['data']) };
    for (const [k, v] of Object.entries(stringData)) data[k] = Buffer.from(String(v), 'utf8').toString('base64');
    if (Object.keys(data).length > 0) obj['data'] = data;
    delete obj['stringData'];
  }
  if (obj['type'] === undefined || obj['type'] === '') obj['type'] = 'Opaque';
}

const base64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The JSON decoder's check of `data` values ([]byte fields are base64 in JSON): Go's
 * `illegal base64 data at input byte N`, or undefined when every value decodes.
 */
export function secretDecodeProblem(obj: KubeObject): string | undefined {
  for (const v of Object.values(mapOf(obj['data']))) {
    if (typeof v !== 'string') return 'json: cannot unmarshal into Go struct field Secret.data of type []uint8';
    const bad = [...v].findIndex((c) => !/[A-Za-z0-9+/=]/.test(c));
    if (bad >= 0) return `illegal base64 data at input byte ${bad}`;
    if (!base64.test(v) || v.length % 4 !== 0) return `illegal base64 data at input byte ${v.length - (v.length % 4 || 4)}`;
  }
  return undefined;
}

function validateSecretData(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const dataPath = newFieldPath('data');
  let total = 0;
  const data = mapOf(obj['data']);
  for (const [key, value] of Object.entries(data)) {
    for (const m of isConfigMapKey(key)) errs.push(fieldInvalid(dataPath.key(key), key, m));
    total += Buffer.from(String(value), 'base64').length;
  }
  if (total > maxSecretSize) errs.push(fieldTooLong(dataPath, maxSecretSize));
  switch (obj['type']) {
    case 'kubernetes.io/service-account-token':
      if (!obj.metadata.annotations?.['kubernetes.io/service-account.name']) {
        errs.push(fieldRequired(newFieldPath('metadata', 'annotations').key('kubernetes.io/service-account.name')));
      }
      break;
    case 'kubernetes.io/tls':
      if (!Object.hasOwn(data, 'tls.crt')) errs.push(fieldRequired(dataPath.key('tls.crt')));
      if (!Object.hasOwn(data, 'tls.key')) errs.push(fieldRequired(dataPath.key('tls.key')));
      break;
  }
  return errs;
}

export const secretStrategy: RESTStrategy = defineStrategy({
  namespaced: true,
  nameValidation: nameIsDNSSubdomain,
  prepareForCreate: mergeStringData,
  prepareForUpdate: mergeStringData,
  validateSpec: validateSecretData,
  validateSpecUpdate(obj, old) {
    const errs = validateSecretData(obj);
    if (obj['type'] !== old['type']) errs.push(fieldInvalid(newFieldPath('type'), obj['type'] ?? '', fieldImmutableErrorMessage));
    if (old['immutable'] === true) {
      if (obj['immutable'] !== true) errs.push(fieldForbidden(newFieldPath('immutable'), 'field is immutable when `immutable` is set'));
      if (JSON.stringify(obj['data'] ?? {}) !== JSON.stringify(old['data'] ?? {})) {
        errs.push(fieldForbidden(newFieldPath('data'), 'field is immutable when `immutable` is set'));
      }
    }
    return errs;
  },
});
