/**
 * etcd keys as kube-apiserver writes them: `/registry/<resource prefix>/<namespace>/<name>` for
 * namespaced objects and `/registry/<resource prefix>/<name>` for cluster-scoped ones. The prefix
 * is the resource plural, except for the SpecialDefaultResourcePrefixes compiled into
 * kube-apiserver (kubernetes/kubernetes: pkg/kubeapiserver/default_storage_factory_builder.go —
 * nodes live under `minions`, services under `services/specs`, endpoints under
 * `services/endpoints`, replicationcontrollers under `controllers`, ingresses under `ingress`)
 * and for groups stored with their group name (apiextensions.k8s.io, apiregistration.k8s.io and
 * custom resources: `/registry/<group>/<resource>`). Name and namespace checks and their messages
 * are those of the generic registry's NamespaceKeyFunc / NoNamespaceKeyFunc
 * (staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go) with
 * path.IsValidPathSegmentName (staging/src/k8s.io/apimachinery/pkg/api/validation/path/name.go).
 */
import { StorageBadRequestError } from './errors.js';

/** `--etcd-prefix` default. */
export const registryPrefix = '/registry';

/** GroupResource: `{ group: '', resource: 'nodes' }`. */
export interface GroupResource {
  group?: string;
  resource: string;
}

const specialDefaultResourcePrefixes: Record<string, string> = {
  '/replicationcontrollers': 'controllers',
  '/endpoints': 'services/endpoints',
  '/nodes': 'minions',
  '/services': 'services/specs',
  'extensions/ingresses': 'ingress',
  'networking.k8s.io/ingresses': 'ingress',
};

/** Groups whose resources are stored under `<group>/<resource>` although they end in .k8s.io. */
const groupPrefixedGroups = new Set(['apiextensions.k8s.io', 'apiregistration.k8s.io']);

/** `"nodes"`, `"leases.coordination.k8s.io"` (kubectl's resource.group form) or a GroupResource. */
export type ResourceRef = string | GroupResource;

function toGroupResource(ref: ResourceRef): GroupResource {
  if (typeof ref !== 'string') return ref;
  const dot = ref.indexOf('.');
  return dot < 0 ? { group: '', resource: ref } : { group: ref.slice(dot + 1), resource: ref.slice(0, dot) };
}

/** The resource prefix under /registry, without slashes: `minions`, `secrets`, `example.com/widgets`. */
export function resourcePrefix(ref: ResourceRef): string {
  const { group = '', resource } = toGroupResource(ref);
  if (resource === '') throw new StorageBadRequestError('resource is empty');
  const special = specialDefaultResourcePrefixes[`${group === '' ? '' : group}/${resource}`];
  if (special !== undefined) return special;
  if (groupPrefixedGroups.has(group)) return `${group}/${resource}`;
  // Built-in groups: "" , single words (apps, batch) and *.k8s.io; anything else is a custom resource.
  if (group === '' || !group.includes('.') || group.endsWith('.k8s.io')) return resource;
  return `${group}/${resource}`;
}

/** path.IsValidPathSegmentName. */
function pathSegmentProblems(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  const problems: string[] = [];
  if (name.includes('/')) problems.push("may not contain '/'");
  if (name.includes('%')) problems.push("may not contain '%'");
  return problems;
}

function checkSegment(what: 'Name' | 'Namespace', value: string): void {
  const problems = pathSegmentProblems(value);
  if (problems.length > 0) {
    throw new StorageBadRequestError(`${what} parameter invalid: ${JSON.stringify(value)}: ${problems.join(';')}`);
  }
}

/**
 * The key prefix of a collection, ending in "/": `/registry/secrets/` (all namespaces or a
 * cluster-scoped resource) or `/registry/secrets/default/` (one namespace).
 */
export function prefixFor(resource: ResourceRef, namespace?: string): string {
  const root = `${registryPrefix}/${resourcePrefix(resource)}/`;
  if (namespace === undefined || namespace === '') return root;
  checkSegment('Namespace', namespace);
  return `${root}${namespace}/`;
}

/**
 * The key of one object. `namespace` undefined or "" means cluster-scoped; a namespaced
 * resource without one is the registry's "Namespace parameter required." and is the caller's
 * check, since only it knows the scope.
 */
export function keyFor(resource: ResourceRef, namespace: string | undefined, name: string): string {
  if (name === '') throw new StorageBadRequestError('Name parameter required.');
  checkSegment('Name', name);
  return `${prefixFor(resource, namespace)}${name}`;
}

/**
 * Which resource a key belongs to, as its collection prefix (`/registry/minions/`): the unit the
 * watch cache keeps one history window for. Works on the key alone, from the layout above:
 * `services/…` and group-prefixed resources (a first segment containing a dot) take two
 * segments, everything else one. Keys outside /registry/ use their first segment.
 */
export function resourcePrefixOfKey(key: string): string {
  const segs = key.split('/');
  // segs[0] is "" for a rooted key.
  if (`/${segs[1] ?? ''}` !== registryPrefix) return `/${segs[1] ?? ''}/`;
  const first = segs[2] ?? '';
  const twoSegments = first === 'services' || first.includes('.');
  return twoSegments ? `${registryPrefix}/${first}/${segs[3] ?? ''}/` : `${registryPrefix}/${first}/`;
}
