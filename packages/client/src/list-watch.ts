// The two calls a reflector makes: k8s.io/client-go/tools/cache/listwatch.go
// (NewFilteredListWatchFromClient) and the pager it lists with, tools/pager/pager.go
// (ListPager.List: pages of `limit`, following `continue`, dropping resourceVersion on
// continuation; an Expired continuation falls back to one full list).
import type { KubeList, KubeObject, WatchEvent } from '@tlsboot/api';
import { isResourceExpired } from '@tlsboot/api';
import type { ListOptions, RestClient } from './rest-client.js';
import { watch } from './watch.js';
import type { WatchOptions } from './watch.js';

export interface ListWatch<T extends KubeObject = KubeObject> {
  list(options: ListOptions, signal?: AbortSignal): Promise<KubeList<T>>;
  watch(options: WatchOptions, signal?: AbortSignal): AsyncIterable<WatchEvent<T>>;
}

export interface Selectors {
  labelSelector?: string;
  fieldSelector?: string;
}

/** List and watch one collection path (as resourcePath builds it), narrowed by selectors. */
export function listWatchFor<T extends KubeObject = KubeObject>(client: RestClient, path: string, selectors: Selectors = {}): ListWatch<T> {
  const narrow = <O extends object>(o: O): O => ({ ...o, ...definedSelectors(selectors) });
  return {
    list: (options, signal) => client.list<KubeList<T>>(path, narrow(options), signal ? { signal } : {}),
    watch: (options, signal) => watch<T>(client, path, narrow(options), signal),
  };
}

function definedSelectors(s: Selectors): Selectors {
  const out: Selectors = {};
  if (s.labelSelector) out.labelSelector = s.labelSelector;
  if (s.fieldSelector) out.fieldSelector = s.fieldSelector;
  return out;
}

/** The pager's default page size, also what kubectl get sends. */
export const defaultPageSize = 500;

export interface PagedList<T extends KubeObject> {
  list: KubeList<T>;
  /** Whether the server split the answer into pages (the reflector then keeps paging). */
  paginated: boolean;
}

/**
 * ListPager.List with FullListIfExpired: pages of `pageSize` (0: one unpaged request), items
 * concatenated, the last page's resourceVersion kept.
 */
export async function listAllPages<T extends KubeObject>(
  lw: ListWatch<T>,
  options: ListOptions,
  pageSize: number,
  signal?: AbortSignal,
): Promise<PagedList<T>> {
  const requested = { ...options };
  let current: ListOptions = { ...options };
  if (!current.limit && pageSize > 0) current.limit = pageSize;
  let merged: KubeList<T> | undefined;
  let paginated = false;
  for (;;) {
    let page: KubeList<T>;
    try {
      page = await lw.list(current, signal);
    } catch (err) {
      if (!isResourceExpired(err) || !current.continue) throw err;
      // The list expired while we paged: one full list at the requested version.
      const full: ListOptions = { ...requested };
      delete full.limit;
      delete full.continue;
      return { list: await lw.list(full, signal), paginated };
    }
    const token = page.metadata?.continue ?? '';
    if (token === '' && merged === undefined) return { list: page, paginated };
    if (merged === undefined) merged = { ...page, items: [...(page.items ?? [])] };
    else merged.items.push(...(page.items ?? []));
    merged.metadata = { ...merged.metadata, resourceVersion: page.metadata?.resourceVersion ?? '' };
    delete merged.metadata.continue;
    if (token === '') return { list: merged, paginated };
    current = { ...current, continue: token };
    delete current.resourceVersion;
    delete current.resourceVersionMatch;
    paginated = true;
  }
}
