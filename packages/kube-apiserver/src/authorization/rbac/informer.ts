// The RBAC objects the authorizer decides on, kept current by list-then-watch of the four
// rbac.authorization.k8s.io/v1 resources — the shared informers and listers that
// pkg/kubeapiserver/authorizer/config.go hands to rbac.New (RoleGetter, RoleBindingLister,
// ClusterRoleGetter, ClusterRoleBindingLister). A decision reads only this cache, never storage.
//
// Lister semantics: a missing role is NotFound with the singular resource, as client-go listers
// report it (`clusterrole.rbac.authorization.k8s.io "x" not found`); bindings are listed in name
// order (upstream's cache order is unspecified; ours is fixed so traces are stable).
//
// Consistency: `waitFor(resource, resourceVersion)` resolves once the cache has seen that
// revision of the resource; the RBAC write path waits on it before answering, so the request
// after a binding is created already sees it (see registry/rbac/policybased-store.ts).
import { newNotFound, rbacGroup } from '@tlsboot/api';
import type { ClusterRole, ClusterRoleBinding, KubeObject, Role, RoleBinding } from '@tlsboot/api';
import type { ResourceRegistry } from '../../registry/registry.js';
import { parseResourceVersion } from '../../storage/index.js';
import type { Watcher } from '../../storage/index.js';
import type { RBACObjects } from '../../registry/rbac/validation/rule.js';

export const rbacResources = ['clusterroles', 'clusterrolebindings', 'roles', 'rolebindings'] as const;
export type RBACResource = (typeof rbacResources)[number];

const byName = (a: KubeObject, b: KubeObject): number => {
  const x = a.metadata.name ?? '';
  const y = b.metadata.name ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
};

/** One resource's cache: objects by namespace and name, the revision seen, and who waits for one. */
class ResourceCache {
  readonly byNamespace = new Map<string, Map<string, KubeObject>>();
  readonly #sorted = new Map<string, readonly KubeObject[]>();
  resourceVersion = 0;
  readonly #waiters: { rv: number; resolve: () => void }[] = [];
  #closed = false;

  replace(items: readonly KubeObject[], rv: number): void {
    this.byNamespace.clear();
    this.#sorted.clear();
    for (const item of items) this.#put(item);
    this.advance(rv);
  }

  apply(type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: KubeObject): void {
    if (type === 'DELETED') this.#remove(obj);
    else this.#put(obj);
    this.advance(revisionOf(obj));
  }

  get(namespace: string, name: string): KubeObject | undefined {
    return this.byNamespace.get(namespace)?.get(name);
  }

  /** The objects of one namespace ('' for cluster-scoped), in name order. */
  list(namespace: string): readonly KubeObject[] {
    let sorted = this.#sorted.get(namespace);
    if (sorted === undefined) {
      sorted = [...(this.byNamespace.get(namespace)?.values() ?? [])].sort(byName);
      this.#sorted.set(namespace, sorted);
    }
    return sorted;
  }

  advance(rv: number): void {
    if (rv > this.resourceVersion) this.resourceVersion = rv;
    for (let i = this.#waiters.length - 1; i >= 0; i--) {
      const w = this.#waiters[i]!;
      if (w.rv <= this.resourceVersion) {
        this.#waiters.splice(i, 1);
        w.resolve();
      }
    }
  }

  wait(rv: number): Promise<void> {
    if (rv <= this.resourceVersion || this.#closed) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ rv, resolve }));
  }

  /** No more updates will come (the watch stopped or failed): release every waiter, now and later. */
  close(): void {
    this.#closed = true;
    for (const w of this.#waiters.splice(0)) w.resolve();
  }

  #put(obj: KubeObject): void {
    const ns = obj.metadata.namespace ?? '';
    let names = this.byNamespace.get(ns);
    if (names === undefined) this.byNamespace.set(ns, (names = new Map()));
    names.set(obj.metadata.name ?? '', obj);
    this.#sorted.delete(ns);
  }

  #remove(obj: KubeObject): void {
    const ns = obj.metadata.namespace ?? '';
    this.byNamespace.get(ns)?.delete(obj.metadata.name ?? '');
    this.#sorted.delete(ns);
  }
}

function revisionOf(obj: { metadata: { resourceVersion?: string } }): number {
  try {
    return parseResourceVersion(obj.metadata.resourceVersion ?? '');
  } catch {
    return 0;
  }
}

export class RBACInformer implements RBACObjects {
  readonly #registry: ResourceRegistry;
  readonly #caches = new Map<RBACResource, ResourceCache>(rbacResources.map((r) => [r, new ResourceCache()]));
  readonly #watchers = new Set<Watcher>();
  #stopped = false;

  private constructor(registry: ResourceRegistry) {
    this.#registry = registry;
  }

  /** Lists the four resources (resolves once all are in the cache), then watches them. */
  static async start(registry: ResourceRegistry): Promise<RBACInformer> {
    const informer = new RBACInformer(registry);
    const listed = await Promise.all(rbacResources.map((r) => informer.#list(r)));
    rbacResources.forEach((r, i) => void informer.#watch(r, listed[i]!));
    return informer;
  }

  #cache(resource: RBACResource): ResourceCache {
    return this.#caches.get(resource)!;
  }

  async #list(resource: RBACResource): Promise<string> {
    const list = await this.#registry.store(rbacGroup, resource).list('');
    const rv = list.metadata.resourceVersion ?? '0';
    this.#cache(resource).replace(list.items, revisionOf({ metadata: { resourceVersion: rv } }));
    return rv;
  }

  /** The reflector loop: watch from the listed revision; relist when the watch ends early (too slow, expired). */
  async #watch(resource: RBACResource, fromResourceVersion: string): Promise<void> {
    const cache = this.#cache(resource);
    let rv = fromResourceVersion;
    try {
      while (!this.#stopped) {
        const watcher = await this.#registry.store(rbacGroup, resource).watch('', { resourceVersion: rv });
        this.#watchers.add(watcher);
        let expired = false;
        for await (const event of watcher) {
          if (event.type === 'ERROR') {
            expired = true;
            break;
          }
          const obj = event.object as unknown as KubeObject;
          if (event.type === 'BOOKMARK') cache.advance(revisionOf(obj));
          else cache.apply(event.type, obj);
        }
        this.#watchers.delete(watcher);
        if (this.#stopped || (!expired && watcher.closeReason !== 'too-slow')) break;
        rv = await this.#list(resource);
      }
    } catch {
      // storage gone or failing: stop watching this resource; nobody may wait forever
    }
    cache.close();
  }

  /** Resolves once `resource` has been seen at `resourceVersion` (or the informer has stopped). */
  waitFor(resource: RBACResource, resourceVersion: string | number): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    const rv = typeof resourceVersion === 'number' ? resourceVersion : revisionOf({ metadata: { resourceVersion } });
    return this.#cache(resource).wait(rv);
  }

  /** The revision the cache of `resource` reflects. */
  resourceVersion(resource: RBACResource): number {
    return this.#cache(resource).resourceVersion;
  }

  /** Ends the watches (the server's storage closing ends them too). */
  stop(): void {
    this.#stopped = true;
    for (const w of this.#watchers) w.stop();
    for (const c of this.#caches.values()) c.close();
  }

  getRole(namespace: string, name: string): Role {
    const r = this.#cache('roles').get(namespace, name);
    if (r === undefined) throw newNotFound({ group: rbacGroup, resource: 'role' }, name);
    return r as Role;
  }

  listRoleBindings(namespace: string): readonly RoleBinding[] {
    return this.#cache('rolebindings').list(namespace) as readonly RoleBinding[];
  }

  getClusterRole(name: string): ClusterRole {
    const r = this.#cache('clusterroles').get('', name);
    if (r === undefined) throw newNotFound({ group: rbacGroup, resource: 'clusterrole' }, name);
    return r as ClusterRole;
  }

  listClusterRoleBindings(): readonly ClusterRoleBinding[] {
    return this.#cache('clusterrolebindings').list('') as readonly ClusterRoleBinding[];
  }
}
