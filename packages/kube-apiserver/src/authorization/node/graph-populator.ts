/**
 * How object changes become graph changes (kubernetes/kubernetes:
 * plugin/pkg/auth/authorizer/node/graph_populator.go): one entry per watched resource, with
 * upstream's skip rules (a pod is added once bound to a node and re-added only when its node,
 * uid or resource claim statuses change; a volume attachment only when its node changes).
 * Pure: the informer (graph-informer.ts) feeds it.
 */
import type { Graph } from './graph.js';
import type { PersistentVolumeView } from './persistent-volume-references.js';
import type { PodView } from './pod-references.js';
import { resourceClaimStatusesEqual } from './pod-references.js';

/** Any object as stored (JSON). */
export interface ObjectView {
  metadata: { name?: string; namespace?: string; uid?: string; resourceVersion?: string };
  [k: string]: unknown;
}

export interface GraphSource {
  group: string;
  resource: string;
  /** AddFunc / UpdateFunc: `old` is the previous state, absent on add. */
  update(graph: Graph, old: ObjectView | undefined, obj: ObjectView): void;
  /** DeleteFunc with the last known state. */
  delete(graph: Graph, obj: ObjectView): void;
  /**
   * Which objects can lead to `nodeName`, for a read-through after a miss (undefined: all of
   * them, e.g. PVs, whose path to a node goes through other objects).
   */
  relatedTo?(obj: ObjectView, nodeName: string): boolean;
}

const nodeNameOf = (obj: ObjectView): string => ((obj['spec'] as { nodeName?: string } | undefined)?.nodeName ?? '');

const pods: GraphSource = {
  group: '',
  resource: 'pods',
  update(graph, old, obj) {
    const pod = obj as PodView;
    if (nodeNameOf(obj) === '') return; // not bound yet
    if (old !== undefined) {
      const o = old as PodView;
      if (nodeNameOf(old) === nodeNameOf(obj) && o.metadata.uid === pod.metadata.uid && resourceClaimStatusesEqual(o.status, pod.status)) return;
    }
    graph.addPod(pod);
  },
  delete(graph, obj) {
    if (nodeNameOf(obj) === '') return;
    graph.deletePod(obj.metadata.name ?? '', obj.metadata.namespace ?? '');
  },
  relatedTo: (obj, nodeName) => nodeNameOf(obj) === nodeName,
};

const persistentVolumes: GraphSource = {
  group: '',
  resource: 'persistentvolumes',
  update: (graph, _old, obj) => graph.addPV(obj as PersistentVolumeView),
  delete: (graph, obj) => graph.deletePV(obj.metadata.name ?? ''),
};

const volumeAttachments: GraphSource = {
  group: 'storage.k8s.io',
  resource: 'volumeattachments',
  update(graph, old, obj) {
    if (old !== undefined && nodeNameOf(old) === nodeNameOf(obj)) return;
    graph.addVolumeAttachment(obj.metadata.name ?? '', nodeNameOf(obj));
  },
  delete: (graph, obj) => graph.deleteVolumeAttachment(obj.metadata.name ?? ''),
  relatedTo: (obj, nodeName) => nodeNameOf(obj) === nodeName,
};

const resourceSlices: GraphSource = {
  group: 'resource.k8s.io',
  resource: 'resourceslices',
  update: (graph, _old, obj) => graph.addResourceSlice(obj.metadata.name ?? '', nodeNameOf(obj)),
  delete: (graph, obj) => graph.deleteResourceSlice(obj.metadata.name ?? ''),
  relatedTo: (obj, nodeName) => nodeNameOf(obj) === nodeName,
};

/** AddGraphEventHandlers: what the graph watches, when the server serves it. */
export const graphSources: readonly GraphSource[] = [pods, persistentVolumes, volumeAttachments, resourceSlices];
