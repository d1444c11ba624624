/**
 * Questions asked of the resource table: which groups and versions exist (discovery order),
 * which resource a URL, a kind or a typed name means (RESTMapper-like), and where an object
 * lives in kube-apiserver's etcd key layout.
 */
import type { GroupResource, GroupVersionKind } from './meta.js';
import { apiGroupOrder, resources } from './resources.js';
import type { ResourceInfo, SubresourceInfo } from './resources.js';
import { coreGroup } from './well-known.js';

/** The versions served per group (all v1 here), in discovery order, preferred first. */
export function apiGroupVersions(group: string, table: readonly ResourceInfo[] = resources): string[] {
  return [...new Set(table.filter((r) => r.group === group).map((r) => r.version))];
}

/** The named groups (not core) present in `table`, in discovery order. */
export function apiGroupNames(table: readonly ResourceInfo[] = resources): string[] {
  const present = new Set(table.map((r) => r.group));
  const ordered = apiGroupOrder.filter((g) => g !== coreGroup && present.has(g));
  const extra = [...present].filter((g) => g !== coreGroup && !apiGroupOrder.includes(g)).sort();
  return [...ordered, ...extra];
}

/** The resource at /api(s)/<group>/<version>/…/<resource>. */
export function lookupResource(group: string, version: string, resourceName: string, table: readonly ResourceInfo[] = resources): ResourceInfo | undefined {
  return table.find((r) => r.group === group && r.version === version && r.resource === resourceName);
}

/** The resource that serves objects of `gvk` (for `kubectl create -f`: apiVersion + kind → URL). */
export function lookupResourceByKind(gvk: GroupVersionKind, table: readonly ResourceInfo[] = resources): ResourceInfo | undefined {
  return table.find((r) => r.group === gvk.group && r.version === gvk.version && r.kind === gvk.kind);
}

/**
 * What a user may type for a resource (kubectl's RESTMapper): the plural, the singular, a
 * short name or the Kind, case-insensitive, optionally `name.group`. Every match, in table order.
 */
export function resolveResource(typed: string, table: readonly ResourceInfo[] = resources): ResourceInfo[] {
  const lower = typed.toLowerCase();
  return table.filter((r) => {
    const names = [r.resource, r.singularName, r.kind.toLowerCase(), ...r.shortNames];
    if (names.includes(lower)) return true;
    return r.group !== '' && names.some((n) => `${n}.${r.group}` === lower);
  });
}

/** The subresource `name` of `info`, if served. */
export function lookupSubresource(info: ResourceInfo, name: string): SubresourceInfo | undefined {
  return info.subresources.find((s) => s.name === name);
}

/** schema.GroupResource of a resource (what NotFound, Forbidden, … messages name). */
export function groupResourceOf(info: ResourceInfo): GroupResource {
  return { group: info.group, resource: info.resource };
}

/**
 * The etcd key of an object, as kube-apiserver lays them out: `/registry/<prefix>/<ns>/<name>`
 * or `/registry/<prefix>/<name>`; undefined for resources that are not stored.
 */
export function registryKey(info: ResourceInfo, namespace: string, name: string): string | undefined {
  if (info.etcdPrefix === undefined) return undefined;
  return info.namespaced ? `/registry/${info.etcdPrefix}/${namespace}/${name}` : `/registry/${info.etcdPrefix}/${name}`;
}

/**
 * The key prefix a LIST or WATCH reads: `/registry/<prefix>/` for all objects,
 * `/registry/<prefix>/<ns>/` for one namespace of a namespaced resource.
 */
export function registryPrefix(info: ResourceInfo, namespace = ''): string | undefined {
  if (info.etcdPrefix === undefined) return undefined;
  return info.namespaced && namespace !== '' ? `/registry/${info.etcdPrefix}/${namespace}/` : `/registry/${info.etcdPrefix}/`;
}
