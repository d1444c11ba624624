/**
 * NodeRestriction wired to a server: its listers (podsGetter, nodesGetter in
 * plugin/pkg/admission/noderestriction/admission.go, informer caches upstream) read the
 * server's registry here.
 */
import type { KubeObject } from '@tlsboot/api';
import type { AdmissionPlugin } from '../interfaces.js';
import { nodeRestriction } from './admission.js';
import type { NodeRestrictionFeatures, NodeRestrictionGetters } from './admission.js';

/** Getters over the server's registry (what the informer listers give upstream). */
export function nodeRestrictionGetters(registry: { store(group: string, resource: string): { get(namespace: string, name: string): Promise<KubeObject> } }): NodeRestrictionGetters {
  const get = async (resource: string, namespace: string, name: string): Promise<KubeObject | undefined> => {
    try {
      return await registry.store('', resource).get(namespace, name);
    } catch (err) {
      if ((err as { reason?: string }).reason === 'NotFound') return undefined;
      throw err;
    }
  };
  return { pod: (namespace, name) => get('pods', namespace, name), node: (name) => get('nodes', '', name) };
}

/** `nodeRestrictionAdmission(ctx)`: the plugin wired to the server's registry (an `admissionPlugins` factory entry). */
export function nodeRestrictionAdmission(ctx: { registry: Parameters<typeof nodeRestrictionGetters>[0] }, features?: Partial<NodeRestrictionFeatures>): AdmissionPlugin {
  return nodeRestriction({ getters: nodeRestrictionGetters(ctx.registry), ...(features ? { features } : {}) });
}
