/**
 * Object and list metadata as k8s.io/apimachinery/pkg/apis/meta/v1 types.go serializes them,
 * watch events as pkg/apis/meta/v1/watch.go, and the group/version/kind/resource names of
 * pkg/runtime/schema/group_version.go. Field names are the JSON names; every field Go marks
 * `omitempty` is optional here.
 */
import { ApiError } from './errors.js';
import type { Status } from './status.js';

/** TypeMeta: absent on the items of a typed list, present on objects sent alone. */
export interface TypeMeta {
  apiVersion?: string;
  kind?: string;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** A server-side-apply bookkeeping entry; stored and returned, never interpreted by tlsboot. */
export interface ManagedFieldsEntry {
  manager?: string;
  operation?: 'Apply' | 'Update';
  apiVersion?: string;
  time?: string;
  fieldsType?: string;
  fieldsV1?: unknown;
  subresource?: string;
}

/** metav1.ObjectMeta. Timestamps are RFC 3339 strings with second precision (`2024-01-02T03:04:05Z`). */
export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  selfLink?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  /** `null` in JSON when unset: metav1.Time marshals its zero value as null, never omitted. */
  creationTimestamp?: string | null;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: ManagedFieldsEntry[];
}

/** metav1.ListMeta; also the (always empty) `metadata` of a Status. */
export interface ListMeta {
  selfLink?: string;
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}

/**
 * Any Kubernetes object: TypeMeta, ObjectMeta and whatever else its kind carries. Typed
 * objects of this package (CertificateSigningRequest, Secret, …) are KubeObjects.
 */
export interface KubeObject extends TypeMeta {
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** A list as served by LIST: `{kind: "<Kind>List", apiVersion, metadata: ListMeta, items}`. */
export interface KubeList<T extends KubeObject = KubeObject> {
  apiVersion: string;
  kind: string;
  metadata: ListMeta;
  items: T[];
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/**
 * One line of a watch stream (metav1.WatchEvent). ERROR carries a Status, e.g. 410 Expired for a
 * resourceVersion that is too old; the others carry the full object, kind and apiVersion set.
 */
export type WatchEvent<T extends KubeObject = KubeObject> =
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK'; object: T }
  | { type: 'ERROR'; object: Status };

export interface GroupVersion {
  group: string;
  version: string;
}
export interface GroupKind {
  group: string;
  kind: string;
}
export interface GroupResource {
  group: string;
  resource: string;
}
export interface GroupVersionKind extends GroupVersion {
  kind: string;
}
export interface GroupVersionResource extends GroupVersion {
  resource: string;
}

/** schema.GroupResource.String(): `resource` for the core group, `resource.group` otherwise. */
export function groupResourceString(gr: GroupResource): string {
  return gr.group === '' ? gr.resource : `${gr.resource}.${gr.group}`;
}

/** schema.GroupKind.String(): `Kind` for the core group, `Kind.group` otherwise. */
export function groupKindString(gk: GroupKind): string {
  return gk.group === '' ? gk.kind : `${gk.kind}.${gk.group}`;
}

/** schema.GroupVersion.String(), the apiVersion of an object: `v1`, `certificates.k8s.io/v1`. */
export function groupVersionString(gv: GroupVersion): string {
  if (gv.group === '') return gv.version;
  return `${gv.group}/${gv.version}`;
}

/** schema.GroupVersionKind.String(): `certificates.k8s.io/v1, Kind=CertificateSigningRequest`. */
export function groupVersionKindString(gvk: GroupVersionKind): string {
  return `${gvk.group}/${gvk.version}, Kind=${gvk.kind}`;
}

/** schema.GroupVersionResource.String(): `/v1, Resource=secrets`. */
export function groupVersionResourceString(gvr: GroupVersionResource): string {
  return `${gvr.group}/${gvr.version}, Resource=${gvr.resource}`;
}

/**
 * schema.ParseGroupVersion: `v1` is the core group, `group/version` a named one, `` and `/` the
 * empty GroupVersion; more than one slash is GROUP_VERSION_INVALID
 * (`unexpected GroupVersion string: a/b/c`).
 */
export function parseGroupVersion(apiVersion: string): GroupVersion {
  if (apiVersion === '' || apiVersion === '/') return { group: '', version: '' };
  const parts = apiVersion.split('/');
  if (parts.length === 1) return { group: '', version: apiVersion };
  if (parts.length === 2) return { group: parts[0]!, version: parts[1]! };
  throw new ApiError('GROUP_VERSION_INVALID', `unexpected GroupVersion string: ${apiVersion}`);
}

/** schema.FromAPIVersionAndKind: an unparsable apiVersion gives a GVK with only the kind. */
export function groupVersionKindOf(apiVersion: string, kind: string): GroupVersionKind {
  try {
    return { ...parseGroupVersion(apiVersion), kind };
  } catch {
    return { group: '', version: '', kind };
  }
}
