// `apply` steps and `spec.objects`: create each object as the admin, or replace it when it
// exists (the outcome of `kubectl apply` for objects tlsboot made; no three-way merge).
import type { KubeObject } from '@tlsboot/api';
import { isAlreadyExists } from '@tlsboot/api';
import { resourceClient } from '@tlsboot/client';
import { errorMessage } from '@tlsboot/util';
import type { ObjectSource } from '../../format/types.js';
import { readObjectSource, resourceOf } from '../manifests.js';
import type { RunContext } from '../run-context.js';
import { StepFailure } from '../run-context.js';

export async function applyObjectSource(ctx: RunContext, source: ObjectSource): Promise<KubeObject[]> {
  let objects: KubeObject[];
  try {
    objects = await readObjectSource(source, ctx.scenario.file);
  } catch (err) {
    throw new StepFailure(errorMessage(err), source.source);
  }
  const applied: KubeObject[] = [];
  for (const object of objects) {
    const name = object.metadata?.name ?? '';
    try {
      const info = resourceOf(object.apiVersion, object.kind);
      const namespace = info.namespaced ? object.metadata?.namespace || 'default' : undefined;
      const api = resourceClient<KubeObject>(ctx.admin, info, namespace);
      try {
        applied.push(await api.create(object));
      } catch (err) {
        if (!isAlreadyExists(err)) throw err;
        const current = await api.get(name);
        applied.push(await api.update({ ...object, metadata: { ...object.metadata, resourceVersion: current.metadata?.resourceVersion } } as KubeObject));
      }
    } catch (err) {
      throw new StepFailure(`${object.kind ?? 'object'} ${JSON.stringify(name)}: ${errorMessage(err)}`, source.source);
    }
  }
  await ctx.time.settle();
  return applied;
}
