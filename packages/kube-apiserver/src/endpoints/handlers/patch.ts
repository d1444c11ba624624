/**
 * PATCH (handlers/patch.go PatchResource): the patch is applied to the object as stored inside
 * the Store's guaranteed update, so it works on the latest state; a resourceVersion in the patch
 * still asks for optimistic concurrency. A missing object is 404.
 */
import type { KubeObject } from '@tlsboot/api';
import { newNotFound } from '@tlsboot/api';
import type { RESTStrategy } from '../../registry/rest/strategy.js';
import { headerOf } from './create.js';
import { parseDryRun } from './dry-run.js';
import { negotiatePatchType } from './negotiation.js';
import { applyPatch } from './patch-apply.js';
import type { ApiResponse, RequestScope } from './scope.js';
import { objectResponse, requestNamespace } from './scope.js';
import { checkName } from './update.js';

export async function patchResource(scope: RequestScope, strategy: RESTStrategy | undefined): Promise<ApiResponse> {
  const dryRun = parseDryRun(scope.query, 'PatchOptions');
  const type = negotiatePatchType(headerOf(scope.headers['content-type']));
  const store = scope.store!;
  const namespace = requestNamespace(scope);
  const name = scope.info.name;
  const base = { resource: scope.resource, subresource: scope.info.subresource, namespace, name, user: scope.user };
  const result = await store.update(
    namespace,
    name,
    async (existing) => {
      if (existing === undefined) throw newNotFound(store.gr, name);
      const patched = applyPatch(type, existing, scope.body) as KubeObject;
      if (typeof patched.metadata !== 'object' || patched.metadata === null) patched.metadata = {};
      checkName(patched, name, namespace);
      await scope.admission.admit({ ...base, operation: 'UPDATE', object: patched, oldObject: existing });
      return patched;
    },
    scope.user,
    {
      ...(strategy ? { strategy } : {}),
      dryRun,
      validate: (o, old) => scope.admission.validate({ ...base, operation: 'UPDATE', object: o, ...(old ? { oldObject: old } : {}) }),
    },
  );
  return objectResponse(200, result.object);
}
