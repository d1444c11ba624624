/**
 * The Node authorizer's graph (kubernetes/kubernetes: plugin/pkg/auth/authorizer/node/graph.go):
 * vertices for API objects, edges pointing toward the Kubernetes nodes that may read them.
 *
 *   node <- pod <- secret, configmap, pvc, serviceAccount, resourceclaim
 *   pod  <- pvc <- pv <- secret
 *   node <- volumeattachment, resourceslice
 *
 * Edges whose far end is known carry their destination node ("destination edges"); a path search
 * never follows a destination edge to another node. Removing a vertex also removes neighbours
 * left with no other edge, as upstream's deleteVertexLocked does, so a secret no pod uses any
 * more disappears with the last pod. Upstream's destination-edge index is a speed-up over the
 * same search and is not modelled; the answers are the same. Pure and synchronous.
 */
import { isMirrorPod, podClaimNames, podConfigMapNames, podResourceClaimNames, podSecretNames } from './pod-references.js';
import type { PodView } from './pod-references.js';
import { persistentVolumeSecretNames } from './persistent-volume-references.js';
import type { PersistentVolumeView } from './persistent-volume-references.js';

/** vertexTypes in graph.go: also the words of the path-search errors. */
export type VertexType =
  | 'configmap'
  | 'resourceslice'
  | 'node'
  | 'pod'
  | 'pvc'
  | 'pv'
  | 'resourceclaim'
  | 'secret'
  | 'volumeattachment'
  | 'serviceAccount';

export interface Vertex {
  readonly id: number;
  readonly type: VertexType;
  readonly namespace: string;
  readonly name: string;
}

interface Edge {
  readonly from: number;
  readonly to: number;
  /** The node vertex at the end of every path through this edge (destinationEdge); absent for plain edges. */
  readonly destination?: number;
}

/** The answer of hasPathFrom: upstream returns (false, err) with these texts (logged at V(2)). */
export type PathResult = { found: true } | { found: false; error: string };

const vertexKey = (type: VertexType, namespace: string, name: string): string => `${type}\u0000${namespace}\u0000${name}`;

export class Graph {
  #nextId = 0;
  readonly #vertices = new Map<string, Vertex>();
  readonly #byId = new Map<number, Vertex>();
  /** from → to → edge, and to → from → edge (gonum's simple.DirectedGraph from/to maps). */
  readonly #out = new Map<number, Map<number, Edge>>();
  readonly #in = new Map<number, Map<number, Edge>>();

  getVertex(type: VertexType, namespace: string, name: string): Vertex | undefined {
    return this.#vertices.get(vertexKey(type, namespace, name));
  }

  /** Number of vertices, for tests and the trace. */
  get size(): number {
    return this.#vertices.size;
  }

  #getOrCreate(type: VertexType, namespace: string, name: string): Vertex {
    const existing = this.getVertex(type, namespace, name);
    if (existing !== undefined) return existing;
    const v: Vertex = { id: this.#nextId++, type, namespace, name };
    this.#vertices.set(vertexKey(type, namespace, name), v);
    this.#byId.set(v.id, v);
    this.#out.set(v.id, new Map());
    this.#in.set(v.id, new Map());
    return v;
  }

  #degree(id: number): number {
    return (this.#out.get(id)?.size ?? 0) + (this.#in.get(id)?.size ?? 0);
  }

  #setEdge(from: Vertex, to: Vertex, destination?: Vertex): void {
    const e: Edge = destination === undefined ? { from: from.id, to: to.id } : { from: from.id, to: to.id, destination: destination.id };
    this.#out.get(from.id)!.set(to.id, e);
    this.#in.get(to.id)!.set(from.id, e);
  }

  #removeVertex(v: Vertex): void {
    for (const to of this.#out.get(v.id)?.keys() ?? []) this.#in.get(to)?.delete(v.id);
    for (const from of this.#in.get(v.id)?.keys() ?? []) this.#out.get(from)?.delete(v.id);
    this.#out.delete(v.id);
    this.#in.delete(v.id);
    this.#byId.delete(v.id);
    this.#vertices.delete(vertexKey(v.type, v.namespace, v.name));
  }

  /** deleteVertexLocked: the vertex, and every neighbour whose only edge was to or from it. */
  #deleteVertex(type: VertexType, namespace: string, name: string): void {
    const v = this.getVertex(type, namespace, name);
    if (v === undefined) return;
    const orphans: number[] = [];
    for (const id of this.#out.get(v.id)!.keys()) if (this.#degree(id) === 1) orphans.push(id);
    for (const id of this.#in.get(v.id)!.keys()) if (this.#degree(id) === 1) orphans.push(id);
    this.#removeVertex(v);
    for (const id of orphans) {
      const n = this.#byId.get(id);
      if (n !== undefined) this.#removeVertex(n);
    }
  }

  /**
   * AddPod (spec.nodeName must be set): pod → node, and secret, configmap, pvc, service account
   * and resource claim → pod, all with the node as destination. A mirror pod gets only pod → node
   * (defense in depth: a node must not grant itself access by creating a pod).
   */
  addPod(pod: PodView): void {
    const ns = pod.metadata.namespace ?? '';
    const name = pod.metadata.name ?? '';
    this.#deleteVertex('pod', ns, name);
    const podV = this.#getOrCreate('pod', ns, name);
    const nodeV = this.#getOrCreate('node', '', pod.spec?.nodeName ?? '');
    this.#setEdge(podV, nodeV, nodeV);
    if (isMirrorPod(pod)) return;
    const link = (type: VertexType, refName: string): void => this.#setEdge(this.#getOrCreate(type, ns, refName), podV, nodeV);
    const sa = pod.spec?.serviceAccountName ?? '';
    if (sa !== '') link('serviceAccount', sa);
    for (const s of podSecretNames(pod)) link('secret', s);
    for (const c of podConfigMapNames(pod)) link('configmap', c);
    for (const c of podClaimNames(pod)) link('pvc', c);
    for (const c of podResourceClaimNames(pod)) link('resourceclaim', c);
  }

  deletePod(name: string, namespace: string): void {
    this.#deleteVertex('pod', namespace, name);
  }

  /**
   * AddPV: pv → pvc of its claimRef and kubelet-visible secret → pv, as plain edges (the far end
   * of pvc → pod → node is not known here). A PV without a claim has no edges.
   */
  addPV(pv: PersistentVolumeView): void {
    const name = pv.metadata.name ?? '';
    this.#deleteVertex('pv', '', name);
    const claim = pv.spec?.claimRef;
    if (claim === undefined) return;
    const pvV = this.#getOrCreate('pv', '', name);
    this.#setEdge(pvV, this.#getOrCreate('pvc', claim.namespace ?? '', claim.name ?? ''));
    for (const s of persistentVolumeSecretNames(pv)) {
      if (s.kubeletVisible) this.#setEdge(this.#getOrCreate('secret', s.namespace, s.name), pvV);
    }
  }

  deletePV(name: string): void {
    this.#deleteVertex('pv', '', name);
  }

  /** AddVolumeAttachment: volumeattachment → node when it names one. */
  addVolumeAttachment(attachmentName: string, nodeName: string): void {
    this.#addNodeBound('volumeattachment', attachmentName, nodeName);
  }

  deleteVolumeAttachment(name: string): void {
    this.#deleteVertex('volumeattachment', '', name);
  }

  /** AddResourceSlice: resourceslice → node when it names one. */
  addResourceSlice(sliceName: string, nodeName: string): void {
    this.#addNodeBound('resourceslice', sliceName, nodeName);
  }

  deleteResourceSlice(name: string): void {
    this.#deleteVertex('resourceslice', '', name);
  }

  #addNodeBound(type: VertexType, name: string, nodeName: string): void {
    this.#deleteVertex(type, '', name);
    if (nodeName === '') return;
    const v = this.#getOrCreate(type, '', name);
    const nodeV = this.#getOrCreate('node', '', nodeName);
    this.#setEdge(v, nodeV, nodeV);
  }

  /**
   * hasPathFrom (node_authorizer.go): is there a directed path from the object to the node? A
   * depth-first walk along outgoing edges that does not follow destination edges leading to
   * other nodes.
   */
  hasPathFrom(nodeName: string, type: VertexType, namespace: string, name: string): PathResult {
    const nodeV = this.getVertex('node', '', nodeName);
    if (nodeV === undefined) return { found: false, error: `unknown node '${nodeName}' cannot get ${type} ${namespace}/${name}` };
    const start = this.getVertex(type, namespace, name);
    if (start === undefined) return { found: false, error: `node '${nodeName}' cannot get unknown ${type} ${namespace}/${name}` };
    const visited = new Set<number>([start.id]);
    const stack = [start.id];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (id === nodeV.id) return { found: true };
      for (const e of this.#out.get(id)?.values() ?? []) {
        if (e.destination !== undefined) {
          if (e.destination !== nodeV.id) continue;
          return { found: true };
        }
        if (!visited.has(e.to)) {
          visited.add(e.to);
          stack.push(e.to);
        }
      }
    }
    return { found: false, error: `node '${nodeName}' cannot get ${type} ${namespace}/${name}, no relationship to this object was found in the node authorizer graph` };
  }
}
