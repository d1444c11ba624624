/** GET of one object (handlers/get.go GetResource): `resourceVersion` is "not older than". */
import type { ApiResponse, RequestScope } from './scope.js';
import { objectResponse, requestNamespace } from './scope.js';

export async function getResource(scope: RequestScope): Promise<ApiResponse> {
  const rv = scope.query.get('resourceVersion') ?? '';
  const obj = await scope.store!.get(requestNamespace(scope), scope.info.name, rv === '' ? undefined : rv);
  return objectResponse(200, obj);
}
