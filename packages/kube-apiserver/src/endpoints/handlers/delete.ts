/**
 * DELETE of one object and of a collection (handlers/delete.go). The body may be DeleteOptions
 * with preconditions (uid, resourceVersion → 409 Conflict when they do not hold). The answer is
 * the deleted object for kinds whose registry returns it (namespaces, pods, services,
 * serviceaccounts: ResourceInfo.deleteReturnsObject), otherwise the generic store's Success
 * Status `{status: Success, details: {name, group, kind: <resource>, uid}}` (store.go
 * finalizeDelete), both 200. DELETE of a collection answers with the list of deleted objects.
 */
import { newBadRequest, statusSuccess } from '@tlsboot/api';
import { deleteNamespace } from '../../registry/core/namespace-delete.js';
import type { Preconditions } from '../../storage/index.js';
import { parseBody } from './decode.js';
import { parseDryRun } from './dry-run.js';
import { parseListOptions } from './list-options.js';
import type { ApiResponse, RequestScope } from './scope.js';
import { objectResponse, requestNamespace } from './scope.js';

/** The preconditions of a DeleteOptions body (and of the `?…` query form, which carries none). */
export function deletePreconditions(body: Buffer): Preconditions {
  if (body.length === 0) return {};
  const opts = parseBody(body, 'json', 'DeleteOptions');
  const kind = opts['kind'];
  if (kind !== undefined && kind !== 'DeleteOptions') throw newBadRequest(`${String(kind)} in version "v1" cannot be handled as a DeleteOptions`);
  const pre = (opts['preconditions'] ?? {}) as Record<string, unknown>;
  const out: Preconditions = {};
  if (typeof pre['uid'] === 'string') out.uid = pre['uid'];
  if (typeof pre['resourceVersion'] === 'string') out.resourceVersion = pre['resourceVersion'];
  return out;
}

export async function deleteResource(scope: RequestScope): Promise<ApiResponse> {
  const store = scope.store!;
  const namespace = requestNamespace(scope);
  const name = scope.info.name;
  const dryRun = parseDryRun(scope.query, 'DeleteOptions');
  const preconditions = deletePreconditions(scope.body);
  await scope.admission.admit({ operation: 'DELETE', resource: scope.resource, subresource: '', namespace, name, user: scope.user });
  const isNamespace = scope.resource.group === '' && scope.resource.resource === 'namespaces';
  const result =
    isNamespace && !dryRun ? await deleteNamespace(scope.registry, name, preconditions, scope.clock.now()) : await store.delete(namespace, name, preconditions, { dryRun });
  if (scope.resource.deleteReturnsObject || !result.deleted) return objectResponse(200, result.object);
  const details = { name: result.object.metadata.name ?? name, group: scope.resource.group, kind: scope.resource.resource, uid: result.object.metadata.uid ?? '' };
  return objectResponse(200, statusSuccess(details) as unknown as Record<string, unknown>, false);
}

export async function deleteCollection(scope: RequestScope): Promise<ApiResponse> {
  if (parseDryRun(scope.query, 'DeleteOptions')) {
    // a dry-run deletecollection deletes nothing and answers with what it would delete
    const o = parseListOptions(scope.resource, scope.query);
    const list = await scope.store!.list(requestNamespace(scope), { predicate: o.predicate });
    return objectResponse(200, { ...list, metadata: {} });
  }
  const o = parseListOptions(scope.resource, scope.query);
  const list = await scope.store!.deleteCollection(requestNamespace(scope), { predicate: o.predicate });
  return objectResponse(200, list);
}
