/**
 * Discovery documents built from the resource table: `/api` (APIVersions), `/apis`
 * (APIGroupList), `/apis/<group>` (APIGroup), `/api/v1` and `/apis/<group>/<version>`
 * (APIResourceList), and the aggregated apidiscovery.k8s.io/v2 APIGroupDiscoveryList that
 * kubectl 1.32 asks for first (reference/k8s-csr-kubelet.md §6.5). Types and field order as
 * k8s.io/apimachinery/pkg/apis/meta/v1/types.go and k8s.io/api/apidiscovery/v2/types.go;
 * resources sorted by path as the apiserver's installer does.
 */
import type { GroupVersionKind } from './meta.js';
import { groupVersionString } from './meta.js';
import { apiGroupNames, apiGroupVersions } from './resource-lookup.js';
import { resources } from './resources.js';
import type { ResourceInfo } from './resources.js';
import { coreGroup } from './well-known.js';

/** The response media type that marks an aggregated discovery body (client-go compares parameters as a set). */
export const aggregatedDiscoveryMediaType = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

export interface ServerAddressByClientCIDR {
  clientCIDR: string;
  serverAddress: string;
}

/** metav1.APIVersions: the body of `GET /api` (no apiVersion; serverAddressByClientCIDRs never omitted). */
export interface APIVersions {
  kind: 'APIVersions';
  versions: string[];
  serverAddressByClientCIDRs: ServerAddressByClientCIDR[];
}

export interface GroupVersionForDiscovery {
  groupVersion: string;
  version: string;
}

/** metav1.APIGroup. Inside an APIGroupList it carries no kind/apiVersion. */
export interface APIGroup {
  kind?: 'APIGroup';
  apiVersion?: 'v1';
  name: string;
  versions: GroupVersionForDiscovery[];
  preferredVersion?: GroupVersionForDiscovery;
  serverAddressByClientCIDRs?: ServerAddressByClientCIDR[];
}

export interface APIGroupList {
  kind: 'APIGroupList';
  apiVersion: 'v1';
  groups: APIGroup[];
}

/** metav1.APIResource: `singularName` is `""` for subresources; group/version only when they differ from the list's. */
export interface APIResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  group?: string;
  version?: string;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  storageVersionHash?: string;
}

export interface APIResourceList {
  kind: 'APIResourceList';
  apiVersion: 'v1';
  groupVersion: string;
  resources: APIResource[];
}

export interface APISubresourceDiscovery {
  subresource: string;
  responseKind?: GroupVersionKind;
  acceptedTypes?: GroupVersionKind[];
  verbs: string[];
}

export interface APIResourceDiscovery {
  resource: string;
  responseKind?: GroupVersionKind;
  scope: 'Cluster' | 'Namespaced';
  singularResource: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  subresources?: APISubresourceDiscovery[];
}

export interface APIVersionDiscovery {
  version: string;
  resources?: APIResourceDiscovery[];
  freshness?: 'Current' | 'Stale';
}

/** apidiscovery/v2 APIGroupDiscovery: metadata is an ObjectMeta, so `creationTimestamp: null` is printed. */
export interface APIGroupDiscovery {
  metadata: { name?: string; creationTimestamp: null };
  versions?: APIVersionDiscovery[];
}

export interface APIGroupDiscoveryList {
  kind: 'APIGroupDiscoveryList';
  apiVersion: 'apidiscovery.k8s.io/v2';
  metadata: Record<string, never>;
  items: APIGroupDiscovery[];
}

const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `GET /api`: `{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[…]}`. */
export function apiVersions(serverAddressByClientCIDRs: ServerAddressByClientCIDR[] = []): APIVersions {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs };
}

function groupDoc(group: string, table: readonly ResourceInfo[]): APIGroup | undefined {
  const versions = apiGroupVersions(group, table).map((v) => ({ groupVersion: groupVersionString({ group, version: v }), version: v }));
  if (versions.length === 0) return undefined;
  return { name: group, versions, preferredVersion: versions[0]! };
}

/** `GET /apis`: every named group, in discovery order, each with its versions and preferred version. */
export function apiGroupList(table: readonly ResourceInfo[] = resources): APIGroupList {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: apiGroupNames(table).map((g) => groupDoc(g, table)!) };
}

/** `GET /apis/<group>`: the APIGroup with kind and apiVersion, or undefined for an unknown group. */
export function apiGroup(group: string, table: readonly ResourceInfo[] = resources): APIGroup | undefined {
  if (group === coreGroup) return undefined;
  const doc = groupDoc(group, table);
  return doc && { kind: 'APIGroup', apiVersion: 'v1', ...doc };
}

/**
 * `GET /api/v1` or `GET /apis/<group>/<version>`: the APIResourceList for `groupVersion`
 * (`v1`, `certificates.k8s.io/v1`), or undefined when nothing is served there.
 */
export function apiResourceList(groupVersion: string, table: readonly ResourceInfo[] = resources): APIResourceList | undefined {
  const inGV = table.filter((r) => groupVersionString(r) === groupVersion);
  if (inGV.length === 0) return undefined;
  const entries: [string, APIResource][] = [];
  for (const r of inGV) {
    const main: APIResource = { name: r.resource, singularName: r.singularName, namespaced: r.namespaced, kind: r.kind, verbs: [...r.verbs] };
    if (r.shortNames.length > 0) main.shortNames = [...r.shortNames];
    if (r.categories.length > 0) main.categories = [...r.categories];
    if (r.storageVersionHash !== undefined) main.storageVersionHash = r.storageVersionHash;
    entries.push([r.resource, main]);
    for (const s of r.subresources) {
      const path = `${r.resource}/${s.name}`;
      // group and version, when they differ from the list's, go before kind as in the Go struct
      const sub: APIResource =
        s.group !== r.group || s.version !== r.version
          ? { name: path, singularName: '', namespaced: r.namespaced, group: s.group, version: s.version, kind: s.kind, verbs: [...s.verbs] }
          : { name: path, singularName: '', namespaced: r.namespaced, kind: s.kind, verbs: [...s.verbs] };
      entries.push([path, sub]);
    }
  }
  entries.sort((a, b) => byPath(a[0], b[0]));
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources: entries.map(([, e]) => e) };
}

function resourceDiscovery(r: ResourceInfo): APIResourceDiscovery {
  const d: APIResourceDiscovery = {
    resource: r.resource,
    responseKind: { group: r.group, version: r.version, kind: r.kind },
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singularName,
    verbs: [...r.verbs],
  };
  if (r.shortNames.length > 0) d.shortNames = [...r.shortNames];
  if (r.categories.length > 0) d.categories = [...r.categories];
  if (r.subresources.length > 0) {
    d.subresources = [...r.subresources]
      .sort((a, b) => byPath(a.name, b.name))
      .map((s) => ({ subresource: s.name, responseKind: { group: s.group, version: s.version, kind: s.kind }, verbs: [...s.verbs] }));
  }
  return d;
}

function groupDiscovery(group: string, table: readonly ResourceInfo[]): APIGroupDiscovery {
  const metadata: APIGroupDiscovery['metadata'] = group === coreGroup ? { creationTimestamp: null } : { name: group, creationTimestamp: null };
  const versions = apiGroupVersions(group, table).map(
    (version): APIVersionDiscovery => ({
      version,
      resources: table
        .filter((r) => r.group === group && r.version === version)
        .sort((a, b) => byPath(a.resource, b.resource))
        .map(resourceDiscovery),
      freshness: 'Current',
    }),
  );
  return { metadata, versions };
}

/**
 * The aggregated discovery document: for `/api` the core group alone (item without a name), for
 * `/apis` every named group in discovery order. Serve it with `aggregatedDiscoveryMediaType`.
 */
export function apiGroupDiscoveryList(path: '/api' | '/apis', table: readonly ResourceInfo[] = resources): APIGroupDiscoveryList {
  const groups = path === '/api' ? (table.some((r) => r.group === coreGroup) ? [coreGroup] : []) : apiGroupNames(table);
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items: groups.map((g) => groupDiscovery(g, table)) };
}
