// `delete`: one object by apiVersion, kind, name (and namespace: `default` when left out for a
// namespaced kind, as kubectl's context namespace), deleted as the cluster admin like
// `kubectl delete <kind> <name>`. A missing object fails the step with the apiserver's message
// (`… "x" not found`), as kubectl without --ignore-not-found does.
import type { KubeObject } from '@tlsboot/api';
import { isStatusError } from '@tlsboot/api';
import { resourceClient } from '@tlsboot/client';
import { errorMessage } from '@tlsboot/util';
import type { SourceLocation, StepBody } from '../../format/types.js';
import { resourceOf } from '../manifests.js';
import type { RunContext } from '../run-context.js';
import { StepFailure } from '../run-context.js';
import { kubectlErrorText } from './approve.js';

type DeleteStep = Extract<StepBody, { delete: unknown }>['delete'];

export async function deleteStep(ctx: RunContext, step: DeleteStep, source: SourceLocation): Promise<void> {
  let info;
  try {
    info = resourceOf(step.apiVersion, step.kind);
  } catch (err) {
    throw new StepFailure(errorMessage(err), source);
  }
  const namespace = info.namespaced ? step.namespace || 'default' : undefined;
  try {
    await resourceClient<KubeObject>(ctx.admin, info, namespace).delete(step.name);
  } catch (err) {
    throw new StepFailure(isStatusError(err) ? kubectlErrorText(err) : `delete ${step.kind} ${JSON.stringify(step.name)}: ${errorMessage(err)}`, source);
  }
  await ctx.time.settle();
}
