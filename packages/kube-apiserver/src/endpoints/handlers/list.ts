/**
 * LIST and WATCH of a collection (handlers/get.go ListResource, handlers/watch.go): selectors,
 * resourceVersion semantics and paging go to the Store; a watch runs until `timeoutSeconds` or,
 * without one, a random 30–60 minutes (minRequestTimeout 1800 s × [1, 2)), as upstream.
 */
import type { WatchEvent } from '../../storage/index.js';
import { parseListOptions } from './list-options.js';
import type { ApiResponse, RequestScope } from './scope.js';
import { objectResponse, requestNamespace } from './scope.js';

/** --min-request-timeout default. */
export const minRequestTimeoutSeconds = 1800;

export interface ListDependencies {
  /** [0, 1), for the watch timeout's jitter. */
  random(): number;
}

export async function listResource(scope: RequestScope, deps: ListDependencies, forceWatch = false): Promise<ApiResponse> {
  const store = scope.store!;
  const o = parseListOptions(scope.resource, scope.query, forceWatch);
  const namespace = requestNamespace(scope);
  if (!o.watch) {
    const list = await store.list(namespace, {
      predicate: o.predicate,
      resourceVersion: o.resourceVersion,
      resourceVersionMatch: o.resourceVersionMatch,
      limit: o.limit,
      continue: o.continue,
    });
    return objectResponse(200, list);
  }
  const timeoutSeconds = o.timeoutSeconds !== undefined && o.timeoutSeconds > 0 ? o.timeoutSeconds : minRequestTimeoutSeconds * (deps.random() + 1);
  const deadlineMs = scope.clock.nowMs() + timeoutSeconds * 1000;
  const watcher = await store.watch(namespace, {
    predicate: o.predicate,
    resourceVersion: o.resourceVersion,
    allowBookmarks: o.allowWatchBookmarks,
    ...(o.sendInitialEvents === undefined ? {} : { sendInitialEvents: o.sendInitialEvents }),
    deadlineMs,
  });
  return {
    kind: 'watch',
    watcher,
    deadlineMs,
    typed: (e: WatchEvent): WatchEvent => (e.type === 'ERROR' ? e : { type: e.type, object: store.typed(e.object as never) as never }),
  };
}
