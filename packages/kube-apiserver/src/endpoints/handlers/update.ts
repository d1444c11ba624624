/**
 * PUT (handlers/update.go UpdateResource) of an object or a subresource: the body's name must be
 * the URL's (rest.go checkName), its namespace the URL's; the Store compares resourceVersions
 * (409 on a stale one) and the endpoint's strategy decides which parts are taken. 200, or 201
 * when a kind that allows create-on-update was created.
 */
import { newBadRequest } from '@tlsboot/api';
import type { KubeObject } from '@tlsboot/api';
import type { RESTStrategy } from '../../registry/rest/strategy.js';
import { decodeRequestObject, ensureNamespace } from './create.js';
import { parseDryRun } from './dry-run.js';
import type { ApiResponse, RequestScope } from './scope.js';
import { objectResponse, requestNamespace } from './scope.js';

/** checkName in rest.go. */
export function checkName(obj: KubeObject, name: string, namespace: string): void {
  const objName = obj.metadata.name ?? '';
  if (objName !== name) throw newBadRequest(`the name of the object (${objName}) does not match the name on the URL (${name})`);
  const objNs = obj.metadata.namespace ?? '';
  if (namespace !== '' && objNs !== '' && objNs !== namespace) {
    throw newBadRequest(`the namespace of the object (${objNs}) does not match the namespace on the URL (${namespace})`);
  }
}

export async function updateResource(scope: RequestScope, strategy: RESTStrategy | undefined): Promise<ApiResponse> {
  const dryRun = parseDryRun(scope.query, 'UpdateOptions');
  const obj = decodeRequestObject(scope);
  const namespace = requestNamespace(scope);
  checkName(obj, scope.info.name, namespace);
  ensureNamespace(obj, namespace);
  const base = { resource: scope.resource, subresource: scope.info.subresource, namespace, name: scope.info.name, user: scope.user };
  await scope.admission.admit({ ...base, operation: 'UPDATE', object: obj });
  const result = await scope.store!.update(namespace, scope.info.name, () => obj, scope.user, {
    ...(strategy ? { strategy } : {}),
    dryRun,
    validate: (o, old) => scope.admission.validate({ ...base, operation: old ? 'UPDATE' : 'CREATE', object: o, ...(old ? { oldObject: old } : {}) }),
  });
  return objectResponse(result.created ? 201 : 200, result.object);
}
