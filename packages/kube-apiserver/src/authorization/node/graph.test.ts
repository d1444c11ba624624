// plugin/pkg/auth/authorizer/node/graph.go and graph_populator.go: what adding and removing
// objects does to the paths (orphan removal, PV secrets, mirror pods, the populator's skip rules).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Graph } from './graph.js';
import { graphSources } from './graph-populator.js';
import type { ObjectView } from './graph-populator.js';
import { podConfigMapNames, podSecretNames } from './pod-references.js';

const found = (g: Graph, node: string, type: Parameters<Graph['hasPathFrom']>[1], ns: string, name: string) => g.hasPathFrom(node, type, ns, name).found;
const source = (resource: string) => graphSources.find((s) => s.resource === resource)!;

test('graph.go AddPod/DeletePod: the pod, its node edge and the objects only it used disappear together', () => {
  const g = new Graph();
  g.addPod({ metadata: { name: 'p', namespace: 'ns' }, spec: { nodeName: 'n1', serviceAccountName: 'sa', volumes: [{ secret: { secretName: 's' } }, { configMap: { name: 'c' } }] } });
  assert.ok(found(g, 'n1', 'secret', 'ns', 's'));
  assert.ok(found(g, 'n1', 'configmap', 'ns', 'c'));
  assert.ok(found(g, 'n1', 'serviceAccount', 'ns', 'sa'));
  assert.not.ok(found(g, 'n1', 'secret', 'other-ns', 's'), 'references are namespaced');
  g.deletePod('p', 'ns');
  assert.is(g.getVertex('secret', 'ns', 's'), undefined);
  assert.is(g.getVertex('pod', 'ns', 'p'), undefined);
  // the node vertex had only the pod's edge, so it went too (deleteVertexLocked)
  assert.is(g.getVertex('node', '', 'n1'), undefined);
});

test('graph.go hasPathFrom: its error texts (unknown node, unknown object, no path)', () => {
  const g = new Graph();
  assert.equal(g.hasPathFrom('n1', 'secret', 'ns', 's'), { found: false, error: "unknown node 'n1' cannot get secret ns/s" });
  g.addPod({ metadata: { name: 'p', namespace: 'ns' }, spec: { nodeName: 'n1' } });
  g.addPod({ metadata: { name: 'q', namespace: 'ns' }, spec: { nodeName: 'n2', volumes: [{ secret: { secretName: 's' } }] } });
  assert.equal(g.hasPathFrom('n1', 'secret', 'ns', 'x'), { found: false, error: "node 'n1' cannot get unknown secret ns/x" });
  assert.equal(g.hasPathFrom('n1', 'secret', 'ns', 's'), {
    found: false,
    error: "node 'n1' cannot get secret ns/s, no relationship to this object was found in the node authorizer graph",
  });
});

test('graph.go AddPod: a mirror pod gets no edges to the objects it names', () => {
  const g = new Graph();
  g.addPod({
    metadata: { name: 'm', namespace: 'ns', annotations: { 'kubernetes.io/config.mirror': 'x' } },
    spec: { nodeName: 'n1', serviceAccountName: 'sa', volumes: [{ secret: { secretName: 's' } }] },
  });
  assert.ok(found(g, 'n1', 'pod', 'ns', 'm'));
  assert.not.ok(found(g, 'n1', 'secret', 'ns', 's'));
  assert.not.ok(found(g, 'n1', 'serviceAccount', 'ns', 'sa'));
});

test('graph.go AddPV: secret → pv → pvc → pod → node; CSI controller secrets are not kubelet-visible; a PV without claim has no edges', () => {
  const g = new Graph();
  g.addPod({ metadata: { name: 'p', namespace: 'ns' }, spec: { nodeName: 'n1', volumes: [{ persistentVolumeClaim: { claimName: 'claim' } }] } });
  g.addPV({
    metadata: { name: 'pv1' },
    spec: {
      claimRef: { namespace: 'ns', name: 'claim' },
      csi: { nodePublishSecretRef: { namespace: 'sec', name: 'publish' }, controllerPublishSecretRef: { namespace: 'sec', name: 'controller' } },
    },
  });
  assert.ok(found(g, 'n1', 'pv', '', 'pv1'));
  assert.ok(found(g, 'n1', 'pvc', 'ns', 'claim'));
  assert.ok(found(g, 'n1', 'secret', 'sec', 'publish'));
  assert.not.ok(found(g, 'n1', 'secret', 'sec', 'controller'));
  g.addPV({ metadata: { name: 'pv1' }, spec: {} });
  assert.is(g.getVertex('pv', '', 'pv1'), undefined);
  assert.not.ok(found(g, 'n1', 'secret', 'sec', 'publish'));
});

test('graph.go: a PV may be bound before the pod exists; the path appears when the pod does', () => {
  const g = new Graph();
  g.addPV({ metadata: { name: 'pv1' }, spec: { claimRef: { namespace: 'ns', name: 'claim' }, flexVolume: { secretRef: { name: 'flex' } } } });
  g.addPod({ metadata: { name: 'bystander', namespace: 'x' }, spec: { nodeName: 'n1' } });
  assert.not.ok(found(g, 'n1', 'secret', 'ns', 'flex'));
  g.addPod({ metadata: { name: 'p', namespace: 'ns' }, spec: { nodeName: 'n1', volumes: [{ persistentVolumeClaim: { claimName: 'claim' } }] } });
  assert.ok(found(g, 'n1', 'secret', 'ns', 'flex'), 'flexVolume secretRef without namespace uses the claim namespace');
});

test('graph.go: ephemeral volumes grant the pod-volume PVC; templated resource claims only once the claim is recorded', () => {
  const g = new Graph();
  g.addPod({
    metadata: { name: 'p', namespace: 'ns' },
    spec: { nodeName: 'n1', volumes: [{ name: 'scratch', ephemeral: {} }], resourceClaims: [{ name: 'gpu', resourceClaimTemplateName: 't' }] },
  });
  assert.ok(found(g, 'n1', 'pvc', 'ns', 'p-scratch'));
  assert.is(g.getVertex('resourceclaim', 'ns', 't'), undefined);
  g.addPod({
    metadata: { name: 'p', namespace: 'ns' },
    spec: { nodeName: 'n1', resourceClaims: [{ name: 'gpu', resourceClaimTemplateName: 't' }] },
    status: { resourceClaimStatuses: [{ name: 'gpu', resourceClaimName: 'p-gpu-abcde' }] },
  });
  assert.ok(found(g, 'n1', 'resourceclaim', 'ns', 'p-gpu-abcde'));
});

test('graph.go: a destination edge to another node is never followed', () => {
  const g = new Graph();
  g.addPod({ metadata: { name: 'p1', namespace: 'ns' }, spec: { nodeName: 'n1', volumes: [{ secret: { secretName: 's' } }] } });
  g.addPod({ metadata: { name: 'p2', namespace: 'ns' }, spec: { nodeName: 'n2' } });
  assert.ok(found(g, 'n1', 'secret', 'ns', 's'));
  assert.not.ok(found(g, 'n2', 'secret', 'ns', 's'));
  g.addVolumeAttachment('va', 'n2');
  assert.ok(found(g, 'n2', 'volumeattachment', '', 'va'));
  assert.not.ok(found(g, 'n1', 'volumeattachment', '', 'va'));
  g.addVolumeAttachment('va', '');
  assert.is(g.getVertex('volumeattachment', '', 'va'), undefined);
});

test('pod/util.go VisitPodSecretNames / VisitPodConfigmapNames: image pull secrets, env, envFrom, every container list, volume kinds', () => {
  const pod = {
    metadata: { name: 'p', namespace: 'ns' },
    spec: {
      imagePullSecrets: [{ name: 'pull' }, { name: '' }],
      initContainers: [{ envFrom: [{ secretRef: { name: 'init-envfrom' } }] }],
      containers: [{ env: [{ valueFrom: { secretKeyRef: { name: 'env-secret' } } }, { valueFrom: { configMapKeyRef: { name: 'env-cm' } } }] }],
      ephemeralContainers: [{ envFrom: [{ configMapRef: { name: 'eph-cm' } }] }],
      volumes: [
        { azureFile: { secretName: 'azure' } },
        { cephfs: { secretRef: { name: 'ceph' } } },
        { csi: { nodePublishSecretRef: { name: 'csi' } } },
        { projected: { sources: [{ secret: { name: 'proj-secret' } }, { configMap: { name: 'proj-cm' } }] } },
        { configMap: { name: 'vol-cm' } },
      ],
    },
  };
  assert.equal(podSecretNames(pod), ['pull', 'init-envfrom', 'env-secret', 'azure', 'ceph', 'csi', 'proj-secret']);
  assert.equal(podConfigMapNames(pod), ['env-cm', 'eph-cm', 'proj-cm', 'vol-cm']);
});

test('graph_populator.go updatePod: unbound pods are skipped; same node and uid are not re-added; a new uid is', () => {
  const g = new Graph();
  const pods = source('pods');
  const unbound: ObjectView = { metadata: { name: 'p', namespace: 'ns', uid: 'u1' }, spec: { volumes: [{ secret: { secretName: 's' } }] } };
  pods.update(g, undefined, unbound);
  assert.is(g.size, 0);
  const bound: ObjectView = { ...unbound, spec: { nodeName: 'n1', volumes: [{ secret: { secretName: 's' } }] } };
  pods.update(g, unbound, bound);
  assert.ok(found(g, 'n1', 'secret', 'ns', 's'));
  // pod specs are immutable once bound: an update with the same node and uid changes nothing
  const changed: ObjectView = { ...bound, spec: { nodeName: 'n1', volumes: [{ secret: { secretName: 't' } }] } };
  pods.update(g, bound, changed);
  assert.not.ok(found(g, 'n1', 'secret', 'ns', 't'));
  const recreated: ObjectView = { ...changed, metadata: { ...changed.metadata, uid: 'u2' } };
  pods.update(g, changed, recreated);
  assert.ok(found(g, 'n1', 'secret', 'ns', 't'));
  assert.not.ok(found(g, 'n1', 'secret', 'ns', 's'));
  pods.delete(g, recreated);
  assert.is(g.size, 0);
});

test.run();
