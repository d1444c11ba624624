/**
 * Every stored resource's Store, built from the api package's resource table (the generic
 * registries kube-apiserver installs per group in pkg/controlplane and pkg/registry).
 */
import { resources } from '@tlsboot/api';
import type { ResourceInfo } from '@tlsboot/api';
import { Store } from './generic/store.js';
import type { StoreDependencies } from './generic/store.js';
import { strategyFor } from './strategies.js';

const keyOf = (group: string, resource: string): string => `${group}/${resource}`;

export class ResourceRegistry {
  readonly #stores = new Map<string, Store>();

  constructor(
    readonly deps: StoreDependencies,
    readonly table: readonly ResourceInfo[] = resources,
  ) {
    for (const info of table) {
      if (info.etcdPrefix !== undefined) this.#stores.set(keyOf(info.group, info.resource), new Store(info, strategyFor(info), deps));
    }
  }

  /** The Store of a stored resource; undefined for create-only reviews. */
  storeFor(info: ResourceInfo): Store | undefined {
    return this.#stores.get(keyOf(info.group, info.resource));
  }

  /** The Store of `group/resource` (v1); throws when there is none (a programming error). */
  store(group: string, resource: string): Store {
    const s = this.#stores.get(keyOf(group, resource));
    if (s === undefined) throw new Error(`no store for ${keyOf(group, resource)}`);
    return s;
  }

  /** Every Store of a namespaced resource, once per stored prefix (core and events.k8s.io events share one). */
  namespacedStores(): Store[] {
    const seen = new Set<string>();
    return [...this.#stores.values()].filter((s) => {
      if (!s.info.namespaced || seen.has(s.info.etcdPrefix!)) return false;
      seen.add(s.info.etcdPrefix!);
      return true;
    });
  }
}
