// plugin/pkg/admission/noderestriction/admission_test.go, ported: Test_nodePlugin_Admit (the
// pod, node, service-account, lease, CSINode and CSR cases; the v1.33+ token-audience cases are
// left out), Test_nodePlugin_Admit_OwnerReference, Test_getModifiedLabels, TestAdmitPVCStatus and
// TestAdmitResourceSlice, as unit calls of the plugin. Upstream checks that the error contains a
// substring; so do these, and some check the whole 403 text.
import { createCertificateRequest, generateKeyPair } from '@tlsboot/pki';
import { isStatusError, lookupResource } from '@tlsboot/api';
import type { KubeObject, ResourceInfo } from '@tlsboot/api';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { AdmissionAttributes, Operation } from '../interfaces.js';
import { nodeRestriction } from './admission.js';
import type { NodeRestrictionFeatures, NodeRestrictionGetters } from './admission.js';
import { forbiddenLabels, kubeletLabelNamespaces, kubeletLabels, modifiedLabels } from './kubelet-labels.js';

const mynode = { name: 'system:node:mynode', groups: ['system:nodes'] };
const bob = { name: 'bob', groups: [] as string[] };

/** The served resource, or a stand-in for one tlsboot does not serve (PVCs, CSINodes, slices). */
const res = (group: string, resource: string): ResourceInfo => lookupResource(group, 'v1', resource) ?? ({ group, version: 'v1', resource } as ResourceInfo);
const podResource = res('', 'pods');
const nodeResource = res('', 'nodes');

function makeTestPod(namespace: string, name: string, node: string, mirror: boolean): KubeObject {
  const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { namespace, name, uid: 'pod-uid' }, spec: { nodeName: node } } as KubeObject;
  if (mirror) {
    pod.metadata.annotations = { 'kubernetes.io/config.mirror': 'true' };
    pod.metadata.ownerReferences = [{ apiVersion: 'v1', kind: 'Node', name: node, uid: `${node}-uid`, controller: true }];
  }
  return pod;
}
const eviction = (name: string): KubeObject => ({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: 'ns' } }) as KubeObject;

const pods = {
  mymirror: makeTestPod('ns', 'mymirrorpod', 'mynode', true),
  othermirror: makeTestPod('ns', 'othermirrorpod', 'othernode', true),
  unboundmirror: makeTestPod('ns', 'unboundmirrorpod', '', true),
  my: makeTestPod('ns', 'mypod', 'mynode', false),
  other: makeTestPod('ns', 'otherpod', 'othernode', false),
  unbound: makeTestPod('ns', 'unboundpod', '', false),
};

function getters(existingPods: KubeObject[], nodes: KubeObject[] = [{ apiVersion: 'v1', kind: 'Node', metadata: { name: 'mynode', uid: 'mynode-uid' } } as KubeObject]): NodeRestrictionGetters {
  return {
    pod: async (ns, name) => existingPods.find((p) => p.metadata.namespace === ns && p.metadata.name === name),
    node: async (name) => nodes.find((n) => n.metadata.name === name),
  };
}
const existingPods = getters(Object.values(pods));
const noExistingPods = getters([]);

/** admission.NewAttributesRecord(obj, old, kind, ns, name, resource, subresource, op, options, dryRun, user). */
function record(object: KubeObject | undefined, oldObject: KubeObject | undefined, namespace: string, name: string, resource: ResourceInfo, subresource: string, operation: Operation, user = mynode): AdmissionAttributes {
  return { operation, resource, subresource, namespace, name, user, ...(object ? { object } : {}), ...(oldObject ? { oldObject } : {}) };
}

/** Admit as upstream's admitTestCase.run: '' means allowed, else the error must contain `err`. */
async function run(a: AdmissionAttributes, err: string, g: NodeRestrictionGetters = existingPods, features?: Partial<NodeRestrictionFeatures>): Promise<void> {
  const plugin = nodeRestriction({ getters: g, ...(features ? { features } : {}) });
  let got: unknown;
  try {
    await plugin.admit!(a);
    await plugin.validate!(a);
  } catch (e) {
    got = e;
  }
  if (err === '') {
    assert.is(got, undefined, `unexpected error: ${(got as Error | undefined)?.message}`);
    return;
  }
  assert.ok(got !== undefined, `expected an error containing ${err}`);
  assert.ok(isStatusError(got), `not a Status error: ${String(got)}`);
  assert.ok(got.status.message!.includes(err), `${got.status.message} does not contain ${err}`);
}

interface Case {
  name: string;
  attributes: AdmissionAttributes;
  err: string;
  getters?: NodeRestrictionGetters;
}

const unexpected = 'forbidden: unexpected operation';
const setToItself = 'spec.nodeName set to itself';

/** The nine operations upstream tries for each pod (create/update/delete of the pod, its status, its eviction) plus an unnamed eviction. */
function podCases(label: string, pod: KubeObject, want: { create: string; delete: string; statusUpdate: string; evict: string }): Case[] {
  const ns = pod.metadata.namespace!;
  const name = pod.metadata.name!;
  const ev = eviction(name);
  return [
    { name: `${label}: create`, attributes: record(pod, undefined, ns, name, podResource, '', 'CREATE'), err: want.create, getters: noExistingPods },
    { name: `${label}: update`, attributes: record(pod, pod, ns, name, podResource, '', 'UPDATE'), err: unexpected },
    { name: `${label}: delete`, attributes: record(undefined, undefined, ns, name, podResource, '', 'DELETE'), err: want.delete },
    { name: `${label}: create of status`, attributes: record(pod, undefined, ns, name, podResource, 'status', 'CREATE'), err: unexpected, getters: noExistingPods },
    { name: `${label}: update of status`, attributes: record(pod, pod, ns, name, podResource, 'status', 'UPDATE'), err: want.statusUpdate },
    { name: `${label}: delete of status`, attributes: record(undefined, undefined, ns, name, podResource, 'status', 'DELETE'), err: unexpected },
    { name: `${label}: create of eviction`, attributes: record(ev, undefined, ns, name, podResource, 'eviction', 'CREATE'), err: want.evict },
    { name: `${label}: update of eviction`, attributes: record(ev, undefined, ns, name, podResource, 'eviction', 'UPDATE'), err: unexpected },
    { name: `${label}: delete of eviction`, attributes: record(ev, undefined, ns, name, podResource, 'eviction', 'DELETE'), err: unexpected },
    { name: `${label}: create of unnamed eviction`, attributes: record(eviction(''), undefined, ns, name, podResource, 'eviction', 'CREATE'), err: want.evict },
  ];
}

const sapod = makeTestPod('ns', 'mysapod', 'mynode', true);
(sapod as any).spec.serviceAccountName = 'foo';
const secretpod = makeTestPod('ns', 'mysecretpod', 'mynode', true);
(secretpod as any).spec.volumes = [{ name: 'v', secret: { secretName: 'foo' } }];
const configmappod = makeTestPod('ns', 'myconfigmappod', 'mynode', true);
(configmappod as any).spec.volumes = [{ name: 'v', configMap: { name: 'foo' } }];
const ctbpod = makeTestPod('ns', 'myctbpod', 'mynode', true);
(ctbpod as any).spec.volumes = [{ name: 'v', projected: { sources: [{ clusterTrustBundle: { name: 'foo', path: 'p' } }] } }];
const pvcpod = makeTestPod('ns', 'mypvcpod', 'mynode', true);
(pvcpod as any).spec.volumes = [{ name: 'v', persistentVolumeClaim: { claimName: 'foo' } }];

const nodeObj = (name: string, spec: object = {}, labels?: Record<string, string>): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Node', metadata: { name, uid: `${name}-uid`, ...(labels ? { labels } : {}) }, spec }) as KubeObject;
const mynodeObj = nodeObj('mynode');
const configA = { configSource: { configMap: { name: 'foo', namespace: 'bar', uid: 'fooUID', kubeletConfigKey: 'kubelet' } } };
const configB = { configSource: { configMap: { name: 'qux', namespace: 'bar', uid: 'quxUID', kubeletConfigKey: 'kubelet' } } };
const mynodeObjConfigA = nodeObj('mynode', configA);
const mynodeObjConfigB = nodeObj('mynode', configB);
const mynodeObjTaintA = nodeObj('mynode', { taints: [{ key: 'mykey', value: 'A' }] });
const mynodeObjTaintB = nodeObj('mynode', { taints: [{ key: 'mykey', value: 'B' }] });
const othernodeObj = nodeObj('othernode');

/** setAllowedUpdateLabels: non-kube labels, every kubelet label and label namespace. */
function allowedLabels(value = 'value'): Record<string, string> {
  const l: Record<string, string> = {
    foo: value,
    'example.com/foo': value,
    'kubernetes.io/hostname': value,
    'failure-domain.beta.kubernetes.io/zone': value,
    'failure-domain.beta.kubernetes.io/region': value,
    'topology.kubernetes.io/zone': value,
    'topology.kubernetes.io/region': value,
    'beta.kubernetes.io/instance-type': value,
    'node.kubernetes.io/instance-type': value,
    'beta.kubernetes.io/os': value,
    'beta.kubernetes.io/arch': value,
    'kubernetes.io/os': value,
    'kubernetes.io/arch': value,
    'kubelet.kubernetes.io/foo': value,
    'foo.kubelet.kubernetes.io/foo': value,
    'node.kubernetes.io/foo': value,
    'foo.node.kubernetes.io/foo': value,
  };
  for (const key of kubeletLabels) l[key] = value;
  for (const ns of kubeletLabelNamespaces) {
    l[`${ns}/foo`] = value;
    l[`foo.${ns}/foo`] = value;
  }
  return l;
}
/** setForbiddenCreateLabels / setForbiddenUpdateLabels (the same four labels). */
const forbiddenSet = (value = 'value'): Record<string, string> => ({
  'node-restriction.kubernetes.io/foo': value,
  'foo.node-restriction.kubernetes.io/foo': value,
  'other.kubernetes.io/foo': value,
  'other.k8s.io/foo': value,
});
const withLabels = (labels: Record<string, string>, base: KubeObject = mynodeObj): KubeObject => ({ ...base, metadata: { ...base.metadata, labels } });
const forbiddenList = 'foo.node-restriction.kubernetes.io/foo, node-restriction.kubernetes.io/foo, other.k8s.io/foo, other.kubernetes.io/foo';

const tokenRequest = (podname: string, poduid: string): KubeObject =>
  ({
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'TokenRequest',
    metadata: {},
    spec: { audiences: ['foo'], ...(podname !== '' ? { boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: podname, uid: poduid } } : {}) },
  }) as KubeObject;
const svcacct = res('', 'serviceaccounts');

const leaseRes = res('coordination.k8s.io', 'leases');
const lease = (name: string, namespace: string): KubeObject =>
  ({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name, namespace }, spec: { holderIdentity: 'mynode', leaseDurationSeconds: 40 } }) as KubeObject;
const csiNodeRes = res('storage.k8s.io', 'csinodes');
const csiNode = (name: string): KubeObject => ({ apiVersion: 'storage.k8s.io/v1', kind: 'CSINode', metadata: { name }, spec: { drivers: [] } }) as KubeObject;

const cases: Case[] = [
  ...podCases('mirror pod bound to self', pods.mymirror, { create: '', delete: '', statusUpdate: '', evict: '' }),
  ...podCases('mirror pod bound to another', pods.othermirror, { create: setToItself, delete: setToItself, statusUpdate: setToItself, evict: setToItself }),
  ...podCases('mirror pod unbound', pods.unboundmirror, { create: setToItself, delete: setToItself, statusUpdate: setToItself, evict: setToItself }),
  ...podCases('normal pod bound to self', pods.my, { create: 'can only create mirror pods', delete: '', statusUpdate: '', evict: '' }),
  ...podCases('normal pod bound to another', pods.other, { create: 'can only create mirror pods', delete: setToItself, statusUpdate: setToItself, evict: setToItself }),
  ...podCases('normal pod unbound', pods.unbound, { create: 'can only create mirror pods', delete: setToItself, statusUpdate: setToItself, evict: setToItself }),
  // Missing pod
  { name: 'forbid delete of unknown pod', attributes: record(undefined, undefined, 'ns', 'unboundpod', podResource, '', 'DELETE'), err: 'not found', getters: noExistingPods },
  { name: 'forbid create of eviction for unknown pod', attributes: record(eviction('mypod'), undefined, 'ns', 'mypod', podResource, 'eviction', 'CREATE'), err: 'not found', getters: noExistingPods },
  { name: 'forbid update of eviction for unknown pod', attributes: record(eviction('mypod'), undefined, 'ns', 'mypod', podResource, 'eviction', 'UPDATE'), err: unexpected, getters: noExistingPods },
  { name: 'forbid create of unnamed eviction for unknown pod', attributes: record(eviction(''), undefined, 'ns', 'mypod', podResource, 'eviction', 'CREATE'), err: 'not found', getters: noExistingPods },
  // Eviction for unnamed pod: the Eviction's name is the pod's
  { name: 'allow create of eviction for unnamed pod', attributes: record(eviction('mypod'), undefined, 'ns', '', podResource, 'eviction', 'CREATE'), err: '' },
  { name: 'forbid update of eviction for unnamed pod', attributes: record(eviction('mypod'), undefined, 'ns', '', podResource, 'eviction', 'UPDATE'), err: unexpected },
  { name: 'forbid create of unnamed eviction for unnamed pod', attributes: record(eviction(''), undefined, 'ns', '', podResource, 'eviction', 'CREATE'), err: 'could not determine pod from request data' },
  // Resource pods
  { name: 'forbid create of pod referencing service account', attributes: record(sapod, undefined, 'ns', 'mysapod', podResource, '', 'CREATE'), err: 'reference a service account', getters: noExistingPods },
  { name: 'forbid create of pod referencing secret', attributes: record(secretpod, undefined, 'ns', 'mysecretpod', podResource, '', 'CREATE'), err: 'reference secrets', getters: noExistingPods },
  { name: 'forbid create of pod referencing configmap', attributes: record(configmappod, undefined, 'ns', 'myconfigmappod', podResource, '', 'CREATE'), err: 'reference configmaps', getters: noExistingPods },
  { name: 'forbid create of pod referencing clustertrustbundle', attributes: record(ctbpod, undefined, 'ns', 'myctbpod', podResource, '', 'CREATE'), err: 'reference clustertrustbundles', getters: noExistingPods },
  { name: 'forbid create of pod referencing persistentvolumeclaim', attributes: record(pvcpod, undefined, 'ns', 'mypvcpod', podResource, '', 'CREATE'), err: 'reference persistentvolumeclaims', getters: noExistingPods },
  // My node object
  { name: 'allow create of my node', attributes: record(mynodeObj, undefined, '', 'mynode', nodeResource, '', 'CREATE'), err: '' },
  { name: 'allow create of my node with taints', attributes: record(mynodeObjTaintA, undefined, '', 'mynode', nodeResource, '', 'CREATE'), err: '' },
  { name: 'allow create of my node with labels', attributes: record(withLabels(allowedLabels()), undefined, '', 'mynode', nodeResource, '', 'CREATE'), err: '' },
  {
    name: 'forbid create of my node with forbidden labels',
    attributes: record(withLabels(forbiddenSet()), undefined, '', 'mynode', nodeResource, '', 'CREATE'),
    err: `is not allowed to set the following labels: ${forbiddenList}`,
  },
  { name: 'allow update of my node', attributes: record(mynodeObj, mynodeObj, '', 'mynode', nodeResource, '', 'UPDATE'), err: '' },
  { name: 'allow delete of my node', attributes: record(undefined, undefined, '', 'mynode', nodeResource, '', 'DELETE'), err: '' },
  { name: 'allow update of my node status', attributes: record(mynodeObj, mynodeObj, '', 'mynode', nodeResource, 'status', 'UPDATE'), err: '' },
  { name: 'forbid create of my node with non-nil configSource', attributes: record(mynodeObjConfigA, undefined, '', 'mynode', nodeResource, '', 'CREATE'), err: 'is not allowed to create pods with a non-nil configSource' },
  {
    name: 'forbid update of my node: nil configSource to new non-nil configSource',
    attributes: record(mynodeObjConfigA, mynodeObj, '', 'mynode', nodeResource, '', 'UPDATE'),
    err: 'update configSource to a new non-nil configSource',
  },
  {
    name: 'forbid update of my node: non-nil configSource to new non-nil configSource',
    attributes: record(mynodeObjConfigB, mynodeObjConfigA, '', 'mynode', nodeResource, '', 'UPDATE'),
    err: 'update configSource to a new non-nil configSource',
  },
  { name: 'allow update of my node: non-nil configSource unchanged', attributes: record(mynodeObjConfigA, mynodeObjConfigA, '', 'mynode', nodeResource, '', 'UPDATE'), err: '' },
  { name: 'allow update of my node: non-nil configSource to nil configSource', attributes: record(mynodeObj, mynodeObjConfigA, '', 'mynode', nodeResource, '', 'UPDATE'), err: '' },
  { name: 'allow update of my node: no change to taints', attributes: record(mynodeObjTaintA, mynodeObjTaintA, '', 'mynode', nodeResource, '', 'UPDATE'), err: '' },
  { name: 'allow update of my node: add allowed labels', attributes: record(withLabels(allowedLabels()), mynodeObj, '', 'mynode', nodeResource, '', 'UPDATE'), err: '' },
  { name: 'allow update of my node: remove allowed labels', attributes: record(mynodeObj, withLabels(allowedLabels()), '', 'mynode', nodeResource, '', 'UPDATE'), err: '' },
  { name: 'allow update of my node: modify allowed labels', attributes: record(withLabels(allowedLabels('b')), withLabels(allowedLabels('a')), '', 'mynode', nodeResource, '', 'UPDATE'), err: '' },
  {
    name: 'allow update of my node: no change to labels',
    attributes: record(withLabels({ ...allowedLabels(), ...forbiddenSet() }), withLabels({ ...allowedLabels(), ...forbiddenSet() }), '', 'mynode', nodeResource, '', 'UPDATE'),
    err: '',
  },
  {
    name: 'allow update of my node: add allowed labels while forbidden labels exist unmodified',
    attributes: record(withLabels({ ...allowedLabels(), ...forbiddenSet() }), withLabels(forbiddenSet()), '', 'mynode', nodeResource, '', 'UPDATE'),
    err: '',
  },
  {
    name: 'allow update of my node: remove allowed labels while forbidden labels exist unmodified',
    attributes: record(withLabels(forbiddenSet()), withLabels({ ...allowedLabels(), ...forbiddenSet() }), '', 'mynode', nodeResource, '', 'UPDATE'),
    err: '',
  },
  { name: 'forbid update of my node: add taints', attributes: record(mynodeObjTaintA, mynodeObj, '', 'mynode', nodeResource, '', 'UPDATE'), err: 'is not allowed to modify taints' },
  { name: 'forbid update of my node: remove taints', attributes: record(mynodeObj, mynodeObjTaintA, '', 'mynode', nodeResource, '', 'UPDATE'), err: 'is not allowed to modify taints' },
  { name: 'forbid update of my node: change taints', attributes: record(mynodeObjTaintA, mynodeObjTaintB, '', 'mynode', nodeResource, '', 'UPDATE'), err: 'is not allowed to modify taints' },
  { name: 'forbid update of my node: add labels', attributes: record(withLabels(forbiddenSet()), mynodeObj, '', 'mynode', nodeResource, '', 'UPDATE'), err: `is not allowed to modify labels: ${forbiddenList}` },
  { name: 'forbid update of my node: remove labels', attributes: record(mynodeObj, withLabels(forbiddenSet()), '', 'mynode', nodeResource, '', 'UPDATE'), err: `is not allowed to modify labels: ${forbiddenList}` },
  {
    name: 'forbid update of my node: change labels',
    attributes: record(withLabels(forbiddenSet('new')), withLabels(forbiddenSet('old')), '', 'mynode', nodeResource, '', 'UPDATE'),
    err: `is not allowed to modify labels: ${forbiddenList}`,
  },
  // Other node object
  { name: 'forbid create of other node', attributes: record(othernodeObj, undefined, '', 'othernode', nodeResource, '', 'CREATE'), err: 'is not allowed to modify node' },
  { name: 'forbid create of other node pulling name from object', attributes: record(othernodeObj, undefined, '', '', nodeResource, '', 'CREATE'), err: 'is not allowed to modify node' },
  { name: 'forbid update of other node', attributes: record(othernodeObj, othernodeObj, '', 'othernode', nodeResource, '', 'UPDATE'), err: 'is not allowed to modify node' },
  { name: 'forbid delete of other node', attributes: record(undefined, undefined, '', 'othernode', nodeResource, '', 'DELETE'), err: 'is not allowed to modify node' },
  { name: 'forbid update of other node status', attributes: record(othernodeObj, othernodeObj, '', 'othernode', nodeResource, 'status', 'UPDATE'), err: 'is not allowed to modify node' },
  // Service accounts
  { name: 'forbid create of unbound token', attributes: record(tokenRequest('', ''), undefined, 'ns', 'mysa', svcacct, 'token', 'CREATE'), err: 'not bound to a pod', getters: noExistingPods },
  { name: 'forbid create of token bound to nonexistant pod', attributes: record(tokenRequest('nopod', 'someuid'), undefined, 'ns', 'mysa', svcacct, 'token', 'CREATE'), err: 'not found', getters: noExistingPods },
  { name: 'forbid create of token bound to pod without uid', attributes: record(tokenRequest('mypod', ''), undefined, 'ns', 'mysa', svcacct, 'token', 'CREATE'), err: 'pod binding without a uid' },
  { name: 'forbid create of token bound to pod scheduled on another node', attributes: record(tokenRequest('otherpod', 'pod-uid'), undefined, 'ns', 'mysa', svcacct, 'token', 'CREATE'), err: 'pod scheduled on a different node' },
  { name: 'allow create of token bound to pod scheduled this node', attributes: record(tokenRequest('mypod', 'pod-uid'), undefined, 'ns', 'mysa', svcacct, 'token', 'CREATE'), err: '' },
  // Unrelated objects
  { name: 'allow create of unrelated object', attributes: record({ apiVersion: 'v1', kind: 'ConfigMap', metadata: {} } as KubeObject, undefined, 'myns', 'mycm', res('', 'configmaps'), '', 'CREATE'), err: '' },
  { name: 'allow update of unrelated object', attributes: record({ metadata: {} } as KubeObject, { metadata: {} } as KubeObject, 'myns', 'mycm', res('', 'configmaps'), '', 'UPDATE'), err: '' },
  { name: 'allow delete of unrelated object', attributes: record(undefined, undefined, 'myns', 'mycm', res('', 'configmaps'), '', 'DELETE'), err: '' },
  // Unrelated user
  { name: 'allow unrelated user creating a normal pod unbound', attributes: record(pods.unbound, undefined, 'ns', 'unboundpod', podResource, '', 'CREATE', bob), err: '', getters: noExistingPods },
  { name: 'allow unrelated user update of normal pod unbound', attributes: record(pods.unbound, pods.unbound, 'ns', 'unboundpod', podResource, '', 'UPDATE', bob), err: '' },
  { name: 'allow unrelated user delete of normal pod unbound', attributes: record(undefined, undefined, 'ns', 'unboundpod', podResource, '', 'DELETE', bob), err: '' },
  { name: 'allow unrelated user create of normal pod status unbound', attributes: record(pods.unbound, undefined, 'ns', 'unboundpod', podResource, 'status', 'CREATE', bob), err: '', getters: noExistingPods },
  { name: 'allow unrelated user update of normal pod status unbound', attributes: record(pods.unbound, pods.unbound, 'ns', 'unboundpod', podResource, 'status', 'UPDATE', bob), err: '' },
  { name: 'allow unrelated user delete of normal pod status unbound', attributes: record(undefined, undefined, 'ns', 'unboundpod', podResource, 'status', 'DELETE', bob), err: '' },
  // Node leases
  { name: 'disallowed create lease in namespace other than kube-node-lease', attributes: record(lease('mynode', 'foo'), undefined, 'foo', 'mynode', leaseRes, '', 'CREATE'), err: 'forbidden: ' },
  { name: 'disallowed update lease in namespace other than kube-node-lease', attributes: record(lease('mynode', 'foo'), lease('mynode', 'foo'), 'foo', 'mynode', leaseRes, '', 'UPDATE'), err: 'forbidden: ' },
  { name: 'disallowed delete lease in namespace other than kube-node-lease', attributes: record(undefined, undefined, 'foo', 'mynode', leaseRes, '', 'DELETE'), err: 'forbidden: ' },
  { name: "disallowed create another node's lease", attributes: record(lease('foo', 'kube-node-lease'), undefined, 'kube-node-lease', 'foo', leaseRes, '', 'CREATE'), err: 'forbidden: ' },
  { name: "disallowed update another node's lease", attributes: record(lease('foo', 'kube-node-lease'), lease('foo', 'kube-node-lease'), 'kube-node-lease', 'foo', leaseRes, '', 'UPDATE'), err: 'forbidden: ' },
  { name: "disallowed delete another node's lease", attributes: record(undefined, undefined, 'kube-node-lease', 'foo', leaseRes, '', 'DELETE'), err: 'forbidden: ' },
  { name: 'allowed create node lease', attributes: record(lease('mynode', 'kube-node-lease'), undefined, 'kube-node-lease', 'mynode', leaseRes, '', 'CREATE'), err: '' },
  { name: 'allowed update node lease', attributes: record(lease('mynode', 'kube-node-lease'), lease('mynode', 'kube-node-lease'), 'kube-node-lease', 'mynode', leaseRes, '', 'UPDATE'), err: '' },
  { name: 'allowed delete node lease', attributes: record(undefined, undefined, 'kube-node-lease', 'mynode', leaseRes, '', 'DELETE'), err: '' },
  // CSINode
  { name: "disallowed create another node's CSINode", attributes: record(csiNode('foo'), undefined, '', 'foo', csiNodeRes, '', 'CREATE'), err: 'forbidden: ' },
  { name: "disallowed update another node's CSINode", attributes: record(csiNode('foo'), csiNode('foo'), '', 'foo', csiNodeRes, '', 'UPDATE'), err: 'forbidden: ' },
  { name: "disallowed delete another node's CSINode", attributes: record(undefined, undefined, '', 'foo', csiNodeRes, '', 'DELETE'), err: 'forbidden: ' },
  { name: 'allowed create node CSINode', attributes: record(csiNode('mynode'), undefined, '', 'mynode', csiNodeRes, '', 'CREATE'), err: '' },
  { name: 'allowed update node CSINode', attributes: record(csiNode('mynode'), csiNode('mynode'), '', 'mynode', csiNodeRes, '', 'UPDATE'), err: '' },
  { name: 'allowed delete node CSINode', attributes: record(undefined, undefined, '', 'mynode', csiNodeRes, '', 'DELETE'), err: '' },
];

for (const c of cases) {
  test(`admission_test.go Test_nodePlugin_Admit: ${c.name}`, () => run(c.attributes, c.err, c.getters ?? existingPods));
}

// ---- CSRs (v1.31+) ----

const csrRes = res('certificates.k8s.io', 'certificatesigningrequests');
const keys = await generateKeyPair();

/** createCSRAttributes(cn, signer, validCsr, key, user): a CSR object as the JSON body carries it. */
async function csrAttributes(cn: string, signerName: string, valid: boolean, user = mynode, meta: KubeObject['metadata'] = {}): Promise<AdmissionAttributes> {
  const pem = valid ? (await createCertificateRequest({ keys, subject: { commonName: cn } })).pem : '-----BEGIN CERTIFICATE REQUEST-----\n-----END CERTIFICATE REQUEST-----';
  const obj = { apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: meta, spec: { request: Buffer.from(pem).toString('base64'), signerName } } as KubeObject;
  return record(obj, undefined, '', meta.name ?? '', csrRes, '', 'CREATE', user);
}

test('admission_test.go Test_nodePlugin_Admit: allowed CSR create correct node serving', async () => run(await csrAttributes('system:node:mynode', 'kubernetes.io/kubelet-serving', true), ''));
test('admission_test.go Test_nodePlugin_Admit: allowed CSR create correct node client', async () => run(await csrAttributes('system:node:mynode', 'kubernetes.io/kube-apiserver-client-kubelet', true), ''));
test('admission_test.go Test_nodePlugin_Admit: allowed CSR create non-node CSR', async () => run(await csrAttributes('some-other-identity', 'kubernetes.io/kube-apiserver-client', true), ''));
test('admission_test.go Test_nodePlugin_Admit: deny CSR create incorrect node', async () =>
  run(await csrAttributes('system:node:othernode', 'kubernetes.io/kubelet-serving', true), 'forbidden: can only create a node CSR with CN=system:node:mynode'));
test('admission_test.go Test_nodePlugin_Admit: allow CSR create incorrect node with feature gate disabled (AllowInsecureKubeletCertificateSigningRequests)', async () =>
  run(await csrAttributes('system:node:othernode', 'kubernetes.io/kubelet-serving', true), '', existingPods, { allowInsecureKubeletCertificateSigningRequests: true }));
test('admission_test.go Test_nodePlugin_Admit: deny CSR create invalid', async () =>
  run(await csrAttributes('system:node:mynode', 'kubernetes.io/kubelet-serving', false), 'unable to parse csr: asn1: syntax error: sequence truncated'));

test('admission.go admitCSR: the whole 403, named after generateName (admission.NewForbidden), and a request that is not a CSR PEM', async () => {
  const plugin = nodeRestriction({ getters: existingPods });
  try {
    await plugin.admit!(await csrAttributes('system:node:othernode', 'kubernetes.io/kube-apiserver-client-kubelet', true, mynode, { generateName: 'csr-' }));
    assert.unreachable();
  } catch (e) {
    assert.ok(isStatusError(e));
    assert.is(e.status.code, 403);
    assert.is(e.status.reason, 'Forbidden');
    assert.is(e.status.message, 'certificatesigningrequests.certificates.k8s.io "csr-" is forbidden: can only create a node CSR with CN=system:node:mynode');
    assert.equal(e.status.details, { name: 'csr-', group: 'certificates.k8s.io', kind: 'certificatesigningrequests' });
  }
  const notPem = record(
    { apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: { name: 'x' }, spec: { request: Buffer.from('hello').toString('base64'), signerName: 'kubernetes.io/kubelet-serving' } } as KubeObject,
    undefined, '', 'x', csrRes, '', 'CREATE',
  );
  await run(notPem, 'certificatesigningrequests.certificates.k8s.io "x" is forbidden: unable to parse csr: PEM block type must be CERTIFICATE REQUEST');
  // not a node: nothing is checked
  await run(await csrAttributes('system:node:othernode', 'kubernetes.io/kubelet-serving', true, bob), '');
  // updates (approval, status) are not the plugin's business
  await run({ ...(await csrAttributes('system:node:othernode', 'kubernetes.io/kubelet-serving', true)), operation: 'UPDATE', name: 'x' }, '');
});

// ---- Test_nodePlugin_Admit_OwnerReference ----

const validOwner = { apiVersion: 'v1', kind: 'Node', name: 'mynode', uid: 'mynode-uid', controller: true };
const ownerCases: { name: string; owners: object[]; nodes?: KubeObject[]; err: string }[] = [
  { name: 'no owner', owners: [], err: 'pods "test" is forbidden: node "mynode" can only create pods with an owner reference set to itself' },
  { name: 'valid owner', owners: [validOwner], err: '' },
  { name: 'duplicate owner', owners: [validOwner, validOwner], err: 'can only create pods with a single owner reference set to itself' },
  { name: 'invalid name', owners: [{ ...validOwner, name: 'other' }], err: 'can only create pods with an owner reference set to itself' },
  { name: 'invalid UID', owners: [validOwner], nodes: [{ apiVersion: 'v1', kind: 'Node', metadata: { name: 'mynode', uid: 'mynode-unexpected-uid' } } as KubeObject], err: 'UID mismatch' },
  { name: 'node not found', owners: [validOwner], nodes: [], err: 'not found' },
  { name: 'invalid API version', owners: [{ ...validOwner, apiVersion: 'v2' }], err: 'can only create pods with an owner reference set to itself' },
  { name: 'invalid kind', owners: [{ ...validOwner, kind: 'Pod' }], err: 'can only create pods with an owner reference set to itself' },
  { name: 'nil controller', owners: [{ ...validOwner, controller: undefined }], err: 'can only create pods with a controller owner reference set to itself' },
  { name: 'false controller', owners: [{ ...validOwner, controller: false }], err: 'can only create pods with a controller owner reference set to itself' },
  { name: 'invalid blockOwnerDeletion', owners: [{ ...validOwner, blockOwnerDeletion: true }], err: 'must not set blockOwnerDeletion on an owner reference' },
];
for (const c of ownerCases) {
  test(`admission_test.go Test_nodePlugin_Admit_OwnerReference: ${c.name}`, () => {
    const pod = makeTestPod('ns', 'test', 'mynode', true);
    pod.metadata.ownerReferences = c.owners as never;
    return run(record(pod, undefined, 'ns', 'test', podResource, '', 'CREATE'), c.err, c.nodes ? getters([], c.nodes) : noExistingPods);
  });
}

test('admission.go: the node lister NotFound is `node "mynode" not found` (404), the pod lister one `pod "x" not found`', async () => {
  const plugin = nodeRestriction({ getters: getters([], []) });
  const pod = makeTestPod('ns', 'test', 'mynode', true);
  for (const [a, code, message] of [
    [record(pod, undefined, 'ns', 'test', podResource, '', 'CREATE'), 404, 'node "mynode" not found'],
    [record(undefined, undefined, 'ns', 'gone', podResource, '', 'DELETE'), 404, 'pod "gone" not found'],
  ] as const) {
    try {
      await plugin.admit!(a);
      assert.unreachable();
    } catch (e) {
      assert.ok(isStatusError(e));
      assert.is(e.status.code, code);
      assert.is(e.status.message, message);
    }
  }
});

test('admission.go: a node user without a name, and the exact texts of the node and mirror-pod refusals', async () => {
  const anonymousNode = { name: 'system:node:', groups: ['system:nodes'] };
  await run(record(mynodeObj, undefined, '', 'mynode', nodeResource, '', 'CREATE', anonymousNode), 'nodes "mynode" is forbidden: could not determine node from user "system:node:"');
  await run(record(othernodeObj, othernodeObj, '', 'othernode', nodeResource, '', 'UPDATE'), 'nodes "othernode" is forbidden: node "mynode" is not allowed to modify node "othernode"');
  await run(record(pods.my, undefined, 'ns', 'mypod', podResource, '', 'CREATE'), 'pods "mypod" is forbidden: pod does not have "kubernetes.io/config.mirror" annotation, node "mynode" can only create mirror pods');
  await run(record(pods.my, pods.my, 'ns', 'mypod', podResource, '', 'UPDATE'), 'pods "mypod" is forbidden: unexpected operation "UPDATE", node "mynode" can only create and delete mirror pods');
  await run(record(pods.my, undefined, 'ns', 'mypod', podResource, 'log', 'CREATE'), `pods "mypod" is forbidden: unexpected pod subresource "log", only 'status' and 'eviction' are allowed`);
  await run(record(eviction('otherpod'), undefined, 'ns', 'otherpod', podResource, 'eviction', 'CREATE'), 'pods "otherpod" is forbidden: node mynode can only evict pods with spec.nodeName set to itself');
  await run(record(withLabels({ 'node-role.kubernetes.io/control-plane': '' }), mynodeObj, '', 'mynode', nodeResource, '', 'UPDATE'), 'nodes "mynode" is forbidden: is not allowed to modify labels: node-role.kubernetes.io/control-plane');
});

test('admission.go admitPodStatus: labels cannot change through status', async () => {
  const relabeled = { ...pods.my, metadata: { ...pods.my.metadata, labels: { a: 'b' } } };
  await run(record(relabeled, pods.my, 'ns', 'mypod', podResource, 'status', 'UPDATE'), 'node "mynode" cannot update labels through pod status');
});

test('admission.go: an update without the old object (tlsboot\'s PUT admit) reads the stored Node or Pod', async () => {
  const plugin = nodeRestriction({ getters: getters([pods.my], [mynodeObjTaintA]) });
  try {
    await plugin.admit!(record(mynodeObj, undefined, '', 'mynode', nodeResource, '', 'UPDATE'));
    assert.unreachable();
  } catch (e) {
    assert.ok(isStatusError(e));
    assert.is(e.status.message, 'nodes "mynode" is forbidden: node "mynode" is not allowed to modify taints');
  }
  const relabeled = { ...pods.my, metadata: { ...pods.my.metadata, labels: { a: 'b' } } };
  try {
    await plugin.admit!(record(relabeled, undefined, 'ns', 'mypod', podResource, 'status', 'UPDATE'));
    assert.unreachable();
  } catch (e) {
    assert.ok(isStatusError(e));
    assert.is(e.status.message, 'pods "mypod" is forbidden: node "mynode" cannot update labels through pod status');
  }
});

// ---- Test_getModifiedLabels ----

const labelCases: [string, Record<string, string> | undefined, Record<string, string> | undefined, string[]][] = [
  ['empty', undefined, undefined, []],
  ['no change', { x: '1', y: '2', z: '3' }, { x: '1', y: '2', z: '3' }, []],
  ['added', {}, { a: '0' }, ['a']],
  ['removed', { z: '3' }, {}, ['z']],
  ['changed', { z: '3' }, { z: '4' }, ['z']],
  ['added empty', {}, { a: '' }, ['a']],
  ['removed empty', { z: '' }, {}, ['z']],
  ['changed to empty', { z: '3' }, { z: '' }, ['z']],
  ['changed from empty', { z: '' }, { z: '3' }, ['z']],
  ['added, removed, and changed', { a: '1', b: '2' }, { a: '2', c: '3' }, ['a', 'b', 'c']],
];
for (const [name, a, b, want] of labelCases) {
  test(`admission_test.go Test_getModifiedLabels: ${name}`, () => {
    assert.equal([...modifiedLabels(a, b)].sort(), want);
  });
}

test('admission.go getForbiddenLabels: kubelet labels and non-kubernetes labels pass; node-restriction and other k8s labels do not', () => {
  assert.equal(forbiddenLabels(new Set(Object.keys(allowedLabels()))), []);
  assert.equal(forbiddenLabels(new Set([...Object.keys(forbiddenSet()), 'node-role.kubernetes.io/worker', 'example.com/x'])), [
    'foo.node-restriction.kubernetes.io/foo',
    'node-restriction.kubernetes.io/foo',
    'node-role.kubernetes.io/worker',
    'other.k8s.io/foo',
    'other.kubernetes.io/foo',
  ]);
});

// ---- TestAdmitPVCStatus ----

const pvcRes = res('', 'persistentvolumeclaims');
function makeTestPVC(condition: string, allocated: string, resizeStatus?: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {},
    spec: { volumeName: 'volume1', resources: { requests: { storage: '10G' } } },
    status: {
      capacity: { storage: allocated },
      phase: 'Bound',
      allocatedResources: { storage: allocated },
      ...(resizeStatus ? { allocatedResourceStatuses: { storage: resizeStatus } } : {}),
      ...(condition ? { conditions: [{ type: condition, status: 'True' }] } : {}),
    },
  } as KubeObject;
}
const pvcCases: { name: string; subresource: string; newObj: KubeObject; oldObj: KubeObject; recovery: boolean; err: string }[] = [
  { name: 'should not allow full pvc update from nodes', subresource: '', oldObj: makeTestPVC('Resizing', '10G'), newObj: makeTestPVC('', '10G'), recovery: false, err: 'is forbidden: may only update PVC status' },
  { name: 'should allow capacity and condition updates, if expansion is enabled', subresource: 'status', oldObj: makeTestPVC('Resizing', '10G'), newObj: makeTestPVC('FileSystemResizePending', '10G'), recovery: false, err: '' },
  { name: 'should not allow updates to allocatedResources with just expansion enabled', subresource: 'status', oldObj: makeTestPVC('Resizing', '10G'), newObj: makeTestPVC('FileSystemResizePending', '15G'), recovery: false, err: 'is not allowed to update fields other than' },
  { name: 'should allow updates to allocatedResources with expansion and recovery enabled', subresource: 'status', oldObj: makeTestPVC('Resizing', '10G'), newObj: makeTestPVC('FileSystemResizePending', '15G'), recovery: true, err: '' },
  { name: 'should allow updates to resizeStatus with expansion and recovery enabled', subresource: 'status', oldObj: makeTestPVC('Resizing', '10G'), newObj: makeTestPVC('Resizing', '10G', 'NodeResizeInfeasible'), recovery: true, err: '' },
];
for (const c of pvcCases) {
  test(`admission_test.go TestAdmitPVCStatus: ${c.name}`, () =>
    run(record(c.newObj, c.oldObj, 'default', 'foo', pvcRes, c.subresource, 'UPDATE'), c.err, noExistingPods, { recoverVolumeExpansionFailure: c.recovery }));
}

// ---- TestAdmitResourceSlice ----

const sliceRes = res('resource.k8s.io', 'resourceslices');
const slice = (nodeName: string): KubeObject => ({ apiVersion: 'resource.k8s.io/v1beta1', kind: 'ResourceSlice', metadata: { name: 'something' }, spec: { nodeName } }) as KubeObject;
const createErr = 'can only create ResourceSlice with the same NodeName as the requesting node';
const deleteErr = 'can only delete ResourceSlice with the same NodeName as the requesting node';
const sliceCases: [string, Operation, KubeObject | undefined, KubeObject | undefined, string][] = [
  ['create allowed', 'CREATE', slice('mynode'), undefined, ''],
  ['create disallowed', 'CREATE', slice('mynode-other'), undefined, createErr],
  ['create disallowed, no node name', 'CREATE', slice(''), undefined, createErr],
  ['update allowed, same node', 'UPDATE', slice('mynode'), undefined, ''],
  ['update allowed, other node', 'UPDATE', slice('mynode-other'), undefined, ''],
  ['update allowed, no node', 'UPDATE', slice(''), undefined, ''],
  ['delete allowed', 'DELETE', undefined, slice('mynode'), ''],
  ['delete disallowed', 'DELETE', undefined, slice('mynode-other'), deleteErr],
  ['delete disallowed, no node name', 'DELETE', undefined, slice(''), deleteErr],
];
for (const [name, op, obj, old, err] of sliceCases) {
  test(`admission_test.go TestAdmitResourceSlice: ${name}`, () => run(record(obj, old, '', 'foo', sliceRes, '', op), err));
}

test.run();
