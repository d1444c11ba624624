/**
 * Building blocks strategies are made of: metadata validation with the kind's name rule, the
 * status/spec split that resources with a status subresource share (the main endpoint keeps the
 * old status, the status endpoint keeps everything but the status), and a default strategy for
 * kinds with no rules of their own beyond ObjectMeta.
 */
import { newFieldPath, validateObjectMeta, validateObjectMetaUpdate, validatePathSegmentName } from '@tlsboot/api';
import type { FieldError, KubeObject, ValidateNameFunc } from '@tlsboot/api';
import type { RESTStrategy } from './strategy.js';
import { deepCopy } from './strategy.js';

export interface StrategyOptions {
  namespaced: boolean;
  nameValidation?: ValidateNameFunc;
  /** The object has a status the main endpoint may not set (PrepareForCreate clears it, PrepareForUpdate keeps the old one). */
  hasStatus?: boolean;
  /** Extra create validation beyond ObjectMeta. */
  validateSpec?: (obj: KubeObject) => FieldError[];
  /** Extra update validation beyond ObjectMeta. */
  validateSpecUpdate?: (obj: KubeObject, old: KubeObject) => FieldError[];
  prepareForCreate?: RESTStrategy['prepareForCreate'];
  prepareForUpdate?: RESTStrategy['prepareForUpdate'];
  allowCreateOnUpdate?: boolean;
}

export function validateMeta(obj: KubeObject, namespaced: boolean, nameFn: ValidateNameFunc): FieldError[] {
  return validateObjectMeta(obj.metadata ?? {}, namespaced, nameFn, newFieldPath('metadata'));
}

export function validateMetaUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  return validateObjectMetaUpdate(obj.metadata ?? {}, old.metadata ?? {}, newFieldPath('metadata'));
}

/** A strategy from the options: ObjectMeta rules plus whatever the kind adds. */
export function defineStrategy(o: StrategyOptions): RESTStrategy {
  const nameValidation = o.nameValidation ?? validatePathSegmentName;
  return {
    nameValidation,
    allowCreateOnUpdate: o.allowCreateOnUpdate ?? false,
    allowUnconditionalUpdate: true,
    prepareForCreate(obj, ctx) {
      if (o.hasStatus) delete obj['status'];
      o.prepareForCreate?.(obj, ctx);
    },
    prepareForUpdate(obj, old, ctx) {
      if (o.hasStatus) {
        if (old['status'] === undefined) delete obj['status'];
        else obj['status'] = deepCopy(old['status']);
      }
      o.prepareForUpdate?.(obj, old, ctx);
    },
    validate: (obj) => [...validateMeta(obj, o.namespaced, nameValidation), ...(o.validateSpec?.(obj) ?? [])],
    validateUpdate: (obj, old) => [...validateMetaUpdate(obj, old), ...(o.validateSpecUpdate?.(obj, old) ?? [])],
  };
}

/**
 * The strategy of a subresource that replaces one part of the object (status, or the CSR
 * approval conditions): everything else comes from the stored object. `take` copies the part
 * from the request's object onto the stored copy.
 */
export function partUpdateStrategy(main: RESTStrategy, take: (incoming: KubeObject, result: KubeObject) => void): RESTStrategy {
  return {
    ...main,
    allowCreateOnUpdate: false,
    prepareForCreate() {},
    prepareForUpdate(obj, old) {
      const incoming = deepCopy(obj);
      for (const k of Object.keys(obj)) delete obj[k];
      Object.assign(obj, deepCopy(old));
      // metadata.resourceVersion of the request still decides optimistic concurrency
      obj.metadata = { ...obj.metadata, resourceVersion: incoming.metadata?.resourceVersion ?? old.metadata.resourceVersion };
      take(incoming, obj);
    },
    validate: () => [],
    validateUpdate: (obj, old) => main.validateUpdate(obj, old),
  };
}

/** Takes `status` whole (the `/status` subresource of most kinds). */
export const takeStatus = (incoming: KubeObject, result: KubeObject): void => {
  if (incoming['status'] === undefined) delete result['status'];
  else result['status'] = deepCopy(incoming['status']);
};
