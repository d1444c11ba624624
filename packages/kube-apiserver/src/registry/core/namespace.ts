/**
 * Namespaces (k/k pkg/registry/core/namespace/strategy.go): on create the phase is Active and the
 * `kubernetes` finalizer is added; the `kubernetes.io/metadata.name` label always equals the name
 * (defaulting, pkg/apis/core/v1/defaults.go); status is kept on updates of the main resource.
 */
import { nameIsDNSLabel, namespaceNameLabel } from '@tlsboot/api';
import type { KubeObject } from '@tlsboot/api';
import { defineStrategy } from '../rest/generic-strategy.js';
import type { RESTStrategy } from '../rest/strategy.js';
import { objectField } from '../rest/strategy.js';

/** api.FinalizerKubernetes. */
export const finalizerKubernetes = 'kubernetes';

function labelName(obj: KubeObject): void {
  const name = obj.metadata.name;
  if (name) obj.metadata.labels = { ...obj.metadata.labels, [namespaceNameLabel]: name };
}

export const namespaceStrategy: RESTStrategy = defineStrategy({
  namespaced: false,
  nameValidation: nameIsDNSLabel,
  hasStatus: true,
  prepareForCreate(obj) {
    obj['status'] = { phase: 'Active' };
    const spec = objectField(obj, 'spec');
    const finalizers = Array.isArray(spec['finalizers']) ? (spec['finalizers'] as string[]) : [];
    if (!finalizers.includes(finalizerKubernetes)) spec['finalizers'] = [...finalizers, finalizerKubernetes];
    labelName(obj);
  },
  prepareForUpdate(obj, old) {
    // spec.finalizers only change through /finalize
    obj['spec'] = structuredClone(old['spec'] ?? {});
    labelName(obj);
  },
});
