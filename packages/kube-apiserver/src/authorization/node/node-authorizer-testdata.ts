// Test support (not exported): generate() and populate() of
// plugin/pkg/auth/authorizer/node/node_authorizer_test.go, ported. Object names say how they are
// connected: secret0-pod0-node0 is a secret used by pod0, which is bound to node0.
import { Graph } from './graph.js';
import { graphSources } from './graph-populator.js';
import type { ObjectView } from './graph-populator.js';

export interface SampleDataOpts {
  nodes: number;
  namespaces: number;
  podsPerNode: number;
  attachmentsPerNode: number;
  sharedConfigMapsPerPod: number;
  uniqueConfigMapsPerPod: number;
  sharedSecretsPerPod: number;
  uniqueSecretsPerPod: number;
  sharedPVCsPerPod: number;
  uniquePVCsPerPod: number;
  uniqueResourceClaimsPerPod: number;
  uniqueResourceClaimTemplatesPerPod: number;
  uniqueResourceClaimTemplatesWithClaimPerPod: number;
  nodeResourceCapacitiesPerNode: number;
}

export interface SampleData {
  pods: ObjectView[];
  pvs: ObjectView[];
  attachments: ObjectView[];
  slices: ObjectView[];
}

/** randomSubset(a, b) with the shared-per-namespace sizes the tests use (0): always the first `a`. */
const firstN = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

export function generatePod(name: string, namespace: string, nodeName: string, svcAccountName: string, o: SampleDataOpts): { pod: ObjectView; pvs: ObjectView[] } {
  const volumes: object[] = [];
  const pvs: ObjectView[] = [];
  const resourceClaims: object[] = [];
  const resourceClaimStatuses: object[] = [];
  for (let i = 0; i < o.uniqueSecretsPerPod; i++) volumes.push({ secret: { secretName: `secret${i}-${name}` } });
  for (const i of firstN(o.sharedSecretsPerPod)) volumes.push({ secret: { secretName: `secret${i}-shared` } });
  for (let i = 0; i < o.uniqueConfigMapsPerPod; i++) volumes.push({ configMap: { name: `configmap${i}-${name}` } });
  for (const i of firstN(o.sharedConfigMapsPerPod)) volumes.push({ configMap: { name: `configmap${i}-shared` } });
  const addPV = (pvName: string, claimName: string): void => {
    pvs.push({ metadata: { name: pvName }, spec: { flexVolume: { secretRef: { name: `secret-${pvName}` } }, claimRef: { name: claimName, namespace } } });
    volumes.push({ persistentVolumeClaim: { claimName } });
  };
  for (let i = 0; i < o.uniquePVCsPerPod; i++) addPV(`pv${i}-${name}-${namespace}`, `pvc${i}-${name}`);
  for (let i = 0; i < o.uniqueResourceClaimsPerPod; i++) resourceClaims.push({ name: `claim${i}`, resourceClaimName: `claim${i}-${name}-${namespace}` });
  for (let i = 0; i < o.uniqueResourceClaimTemplatesPerPod; i++) {
    resourceClaims.push({ name: `claimtemplate${i}`, resourceClaimTemplateName: `claimtemplate${i}-${name}-${namespace}` });
  }
  for (let i = 0; i < o.uniqueResourceClaimTemplatesWithClaimPerPod; i++) {
    const podClaimName = `claimtemplate-with-claim${i}`;
    resourceClaims.push({ name: podClaimName, resourceClaimTemplateName: `claimtemplate${i}-${name}-${namespace}` });
    resourceClaimStatuses.push({ name: podClaimName, resourceClaimName: `generated-claim-${name}-${namespace}-${i}` });
  }
  for (const i of firstN(o.sharedPVCsPerPod)) addPV(`pv${i}-shared-${namespace}`, `pvc${i}-shared`);
  const pod: ObjectView = {
    metadata: { name, namespace },
    spec: { nodeName, serviceAccountName: svcAccountName, volumes, resourceClaims },
    status: { resourceClaimStatuses },
  };
  return { pod, pvs };
}

export function generate(o: SampleDataOpts): SampleData {
  const data: SampleData = { pods: [], pvs: [], attachments: [], slices: [] };
  for (let n = 0; n < o.nodes; n++) {
    const nodeName = `node${n}`;
    for (let p = 0; p < o.podsPerNode; p++) {
      const { pod, pvs } = generatePod(`pod${p}-${nodeName}`, `ns${p % o.namespaces}`, nodeName, `svcacct${p}-${nodeName}`, o);
      data.pods.push(pod);
      data.pvs.push(...pvs);
    }
    for (let a = 0; a < o.attachmentsPerNode; a++) data.attachments.push({ metadata: { name: `attachment${a}-${nodeName}` }, spec: { nodeName } });
    // upstream's loop runs to <= nodeResourceCapacitiesPerNode; v1.32 slices carry spec.nodeName
    for (let p = 0; p <= o.nodeResourceCapacitiesPerNode; p++) data.slices.push({ metadata: { name: `slice${p}-${nodeName}` }, spec: { nodeName } });
  }
  return data;
}

/** populate(): every object through the populator's add handlers. */
export function populate(graph: Graph, data: SampleData): void {
  const source = (resource: string) => graphSources.find((s) => s.resource === resource)!;
  for (const p of data.pods) source('pods').update(graph, undefined, p);
  for (const p of data.pvs) source('persistentvolumes').update(graph, undefined, p);
  for (const a of data.attachments) source('volumeattachments').update(graph, undefined, a);
  for (const s of data.slices) source('resourceslices').update(graph, undefined, s);
}

export function sampleGraph(o: SampleDataOpts): Graph {
  const g = new Graph();
  populate(g, generate(o));
  return g;
}
