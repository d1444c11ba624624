/**
 * metav1.ListOptions from the query string, as the list and watch handlers decode and check them
 * (handlers/get.go ListResource, apimachinery meta/internalversion/validation ValidateListOptions):
 * selectors that do not parse or name unsupported fields are 400, option combinations that are
 * not allowed are 422 on `ListOptions.meta.k8s.io ""`.
 */
import {
  convertFieldSelector,
  fieldForbidden,
  fieldNotSupported,
  newBadRequest,
  newFieldPath,
  newInvalid,
  parseFieldSelector,
  parseLabelSelector,
  selectableFields,
} from '@tlsboot/api';
import type { FieldError, KubeObject, ResourceInfo } from '@tlsboot/api';
import type { Predicate, ResourceVersionMatch } from '../../storage/index.js';
import { isWatchParam } from '../request/request-info.js';

export interface ListOptions {
  watch: boolean;
  labelSelector: string;
  fieldSelector: string;
  predicate: Predicate | undefined;
  resourceVersion: string;
  resourceVersionMatch: ResourceVersionMatch | undefined;
  limit: number | undefined;
  continue: string | undefined;
  timeoutSeconds: number | undefined;
  allowWatchBookmarks: boolean;
  sendInitialEvents: boolean | undefined;
}

function parseBool(name: string, v: string | null): boolean | undefined {
  if (v === null) return undefined;
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False', ''].includes(v)) return false;
  throw newBadRequest(`strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax`);
}

function parseInt64(v: string | null): number | undefined {
  if (v === null || v === '') return undefined;
  if (!/^[+-]?\d+$/.test(v)) throw newBadRequest(`strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  return Number(v);
}

/** The predicate of a label and a (converted) field selector, over the stored object. */
function predicateOf(info: ResourceInfo, labelSelector: string, fieldSelector: string): Predicate | undefined {
  let labels;
  let fields;
  try {
    labels = labelSelector === '' ? undefined : parseLabelSelector(labelSelector);
    fields = fieldSelector === '' ? undefined : parseFieldSelector(fieldSelector);
  } catch (err) {
    throw newBadRequest((err as Error).message);
  }
  if (fields !== undefined) {
    try {
      fields = convertFieldSelector(info, fields);
    } catch (err) {
      throw newBadRequest((err as Error).message);
    }
  }
  if ((labels === undefined || labels.empty()) && (fields === undefined || fields.empty())) return undefined;
  const l = labels;
  const f = fields;
  return (obj) => {
    const o = obj as unknown as KubeObject;
    if (l !== undefined && !l.matches(o.metadata.labels ?? {})) return false;
    return f === undefined || f.matches(selectableFields(info, o));
  };
}

function validate(o: ListOptions): FieldError[] {
  const errs: FieldError[] = [];
  const match = o.resourceVersionMatch;
  const rvm = newFieldPath('resourceVersionMatch');
  if (o.watch) {
    if (o.sendInitialEvents !== undefined && match !== 'NotOlderThan') {
      errs.push(fieldForbidden(rvm, 'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan'));
    }
    if (match !== undefined) {
      if (o.sendInitialEvents === undefined) errs.push(fieldForbidden(rvm, 'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided'));
      if (match !== 'NotOlderThan') errs.push(fieldNotSupported(rvm, match, ['NotOlderThan']));
      if (o.continue) errs.push(fieldForbidden(rvm, 'resourceVersionMatch is forbidden when continue is provided'));
    }
    return errs;
  }
  if (match !== undefined) {
    if (o.resourceVersion === '') errs.push(fieldForbidden(rvm, 'resourceVersionMatch is forbidden unless resourceVersion is provided'));
    if (o.continue) errs.push(fieldForbidden(rvm, 'resourceVersionMatch is forbidden when continue is provided'));
    if (match !== 'Exact' && match !== 'NotOlderThan') errs.push(fieldNotSupported(rvm, match, ['Exact', 'NotOlderThan', '']));
    if (match === 'Exact' && o.resourceVersion === '0') errs.push(fieldForbidden(rvm, 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"'));
  }
  if (o.sendInitialEvents !== undefined) errs.push(fieldForbidden(newFieldPath('sendInitialEvents'), 'sendInitialEvents is forbidden for list'));
  return errs;
}

/** Decodes and validates the list options of a LIST or WATCH of `info`. `forceWatch` for the legacy /watch/ paths. */
export function parseListOptions(info: ResourceInfo, query: URLSearchParams, forceWatch = false): ListOptions {
  const match = query.get('resourceVersionMatch');
  const o: ListOptions = {
    watch: forceWatch || isWatchParam(query.getAll('watch')),
    labelSelector: query.get('labelSelector') ?? '',
    fieldSelector: query.get('fieldSelector') ?? '',
    predicate: undefined,
    resourceVersion: query.get('resourceVersion') ?? '',
    resourceVersionMatch: match === null || match === '' ? undefined : (match as ResourceVersionMatch),
    limit: parseInt64(query.get('limit')),
    continue: query.get('continue') || undefined,
    timeoutSeconds: parseInt64(query.get('timeoutSeconds')),
    allowWatchBookmarks: parseBool('allowWatchBookmarks', query.get('allowWatchBookmarks')) ?? false,
    sendInitialEvents: parseBool('sendInitialEvents', query.get('sendInitialEvents')),
  };
  o.predicate = predicateOf(info, o.labelSelector, o.fieldSelector);
  const errs = validate(o);
  if (errs.length > 0) throw newInvalid({ group: 'meta.k8s.io', kind: 'ListOptions' }, '', errs);
  return o;
}

/** Adds `metadata.name=<name>` to the field selector (a legacy /watch/…/<name> path). */
export function withNameSelector(query: URLSearchParams, name: string): URLSearchParams {
  const q = new URLSearchParams(query);
  const current = q.get('fieldSelector');
  q.set('fieldSelector', current ? `${current},metadata.name=${name}` : `metadata.name=${name}`);
  return q;
}
