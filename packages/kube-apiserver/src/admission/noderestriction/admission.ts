/**
 * The NodeRestriction admission plugin (kubernetes/kubernetes:
 * plugin/pkg/admission/noderestriction/admission.go, v1.32): what a node identity may write.
 * Requests of anyone else pass untouched. A node may:
 *
 * - create and delete only mirror pods bound to itself (owned by its Node, naming no secret,
 *   configmap, service account, PVC or cluster trust bundle), update the status of and evict
 *   only pods bound to itself;
 * - create and modify only its own Node, without a configSource, without changing its taints,
 *   and without setting labels outside the kubelet's set (kubelet-labels.ts);
 * - update only the status (capacity, conditions) of PVCs;
 * - request tokens only for service accounts bound to pods on itself;
 * - touch only its own lease (in kube-node-lease), CSINode and ResourceSlices;
 * - create kubelet CSRs (kubelet-serving, kube-apiserver-client-kubelet) only with
 *   CN=system:node:<itself> (v1.31+, unless AllowInsecureKubeletCertificateSigningRequests).
 *
 * Refusals are admission.NewForbidden errors with upstream's messages; a pod or node that the
 * check must look up and that does not exist is the lister's 404 (`pod "x" not found`).
 *
 * Phase: upstream runs this as a mutating plugin that sees the old object of every update. Here
 * `admit` does all the checks, looking the old Node or Pod up itself when the PUT handler did
 * not pass it; PVC status (no getter: PVCs are not served) is checked in `validate`.
 */
import { goQuote, namespaceNodeLease, newNotFound } from '@tlsboot/api';
import type { KubeObject, StatusError } from '@tlsboot/api';
import { nodeIdentity } from '../../auth/nodeidentifier.js';
import { isMirrorPod, mirrorPodAnnotationKey, podConfigMapNames, podSecretNames, resourceClaimStatusesEqual } from '../../authorization/node/pod-references.js';
import type { PodView } from '../../authorization/node/pod-references.js';
import type { AdmissionAttributes, AdmissionPlugin } from '../interfaces.js';
import { forbiddenLabels, modifiedLabels } from './kubelet-labels.js';
import { admissionForbidden } from './new-forbidden.js';
import { csrCommonName, nodeCSRSigners } from './node-csr.js';
import { differingPaths, semanticEqual } from './semantic-equal.js';

/** The informer listers upstream reads (podsGetter, nodesGetter): undefined when not found. */
export interface NodeRestrictionGetters {
  pod(namespace: string, name: string): Promise<KubeObject | undefined>;
  node(name: string): Promise<KubeObject | undefined>;
}

export interface NodeRestrictionFeatures {
  /** AllowInsecureKubeletCertificateSigningRequests (deprecated, off): skip the CSR CN rule. */
  allowInsecureKubeletCertificateSigningRequests: boolean;
  /** RecoverVolumeExpansionFailure (beta, on in v1.32): PVC status may also change allocatedResources*. */
  recoverVolumeExpansionFailure: boolean;
}

export const defaultNodeRestrictionFeatures: NodeRestrictionFeatures = Object.freeze({
  allowInsecureKubeletCertificateSigningRequests: false,
  recoverVolumeExpansionFailure: true,
});

export interface NodeRestrictionOptions {
  /** Required for pod deletes, evictions, mirror pod creates and token requests (as upstream's ValidateInitialization). */
  getters?: NodeRestrictionGetters;
  features?: Partial<NodeRestrictionFeatures>;
}

type Check = Promise<void> | void;

/** A denial, thrown as admission.NewForbidden. */
class Deny {
  constructor(readonly message: string) {}
}

/** %T of a missing object in Go. */
const unexpectedNil = 'unexpected type <nil>';

const spec = (o: KubeObject | undefined): Record<string, any> => ((o as { spec?: Record<string, any> } | undefined)?.spec ?? {});

export function nodeRestriction(options: NodeRestrictionOptions = {}): AdmissionPlugin {
  const features = { ...defaultNodeRestrictionFeatures, ...options.features };
  const getters = (): NodeRestrictionGetters => {
    if (options.getters === undefined) throw new Error('NodeRestriction requires a pod getter');
    return options.getters;
  };

  /** podsGetter.Pods(ns).Get: the lister's NotFound is returned as is. */
  async function existingPod(namespace: string, name: string): Promise<PodView> {
    const pod = await getters().pod(namespace, name);
    if (pod === undefined) throw newNotFound({ group: '', resource: 'pod' }, name);
    return pod as unknown as PodView;
  }

  async function admitPod(node: string, a: AdmissionAttributes): Promise<void> {
    if (a.operation === 'CREATE') return admitPodCreate(node, a);
    if (a.operation === 'DELETE') {
      const pod = await existingPod(a.namespace, a.name);
      if ((pod.spec?.nodeName ?? '') !== node) throw new Deny(`node ${goQuote(node)} can only delete pods with spec.nodeName set to itself`);
      return;
    }
    throw new Deny(`unexpected operation ${goQuote(a.operation)}, node ${goQuote(node)} can only create and delete mirror pods`);
  }

  async function admitPodCreate(node: string, a: AdmissionAttributes): Promise<void> {
    if (a.object === undefined) throw new Deny(unexpectedNil);
    const pod = a.object as unknown as PodView;
    const q = goQuote(node);
    if (!isMirrorPod(pod)) throw new Deny(`pod does not have ${goQuote(mirrorPodAnnotationKey)} annotation, node ${q} can only create mirror pods`);
    if ((pod.spec?.nodeName ?? '') !== node) throw new Deny(`node ${q} can only create pods with spec.nodeName set to itself`);
    const owners = a.object.metadata.ownerReferences ?? [];
    if (owners.length > 1) throw new Deny(`node ${q} can only create pods with a single owner reference set to itself`);
    if (owners.length === 0) throw new Deny(`node ${q} can only create pods with an owner reference set to itself`);
    const owner = owners[0]!;
    if (owner.apiVersion !== 'v1' || owner.kind !== 'Node' || owner.name !== node) throw new Deny(`node ${q} can only create pods with an owner reference set to itself`);
    if (owner.controller !== true) throw new Deny(`node ${q} can only create pods with a controller owner reference set to itself`);
    if (owner.blockOwnerDeletion === true) throw new Deny(`node ${q} must not set blockOwnerDeletion on an owner reference`);
    let nodeObj: KubeObject | undefined;
    try {
      nodeObj = await getters().node(node);
    } catch (err) {
      throw new Deny(`error looking up node ${node} to verify uid: ${(err as Error).message}`);
    }
    if (nodeObj === undefined) throw newNotFound({ group: '', resource: 'node' }, node);
    if (owner.uid !== (nodeObj.metadata.uid ?? '')) throw new Deny(`node ${node} UID mismatch: expected ${owner.uid} got ${nodeObj.metadata.uid ?? ''}`);
    if ((pod.spec?.serviceAccountName ?? '') !== '') throw new Deny(`node ${q} can not create pods that reference a service account`);
    if (podSecretNames(pod).length > 0) throw new Deny(`node ${q} can not create pods that reference secrets`);
    if (podConfigMapNames(pod).length > 0) throw new Deny(`node ${q} can not create pods that reference configmaps`);
    const volumes = (pod.spec?.volumes ?? []) as { projected?: { sources?: { clusterTrustBundle?: unknown }[] }; persistentVolumeClaim?: unknown }[];
    if (volumes.some((v) => (v.projected?.sources ?? []).some((s) => s.clusterTrustBundle != null))) throw new Deny(`node ${q} can not create pods that reference clustertrustbundles`);
    if (volumes.some((v) => v.persistentVolumeClaim != null)) throw new Deny(`node ${q} can not create pods that reference persistentvolumeclaims`);
  }

  async function admitPodStatus(node: string, a: AdmissionAttributes): Promise<void> {
    if (a.operation !== 'UPDATE') throw new Deny(`unexpected operation ${goQuote(a.operation)}`);
    const old = (a.oldObject as unknown as PodView | undefined) ?? (await getters().pod(a.namespace, a.name) as unknown as PodView | undefined);
    if (old === undefined) return; // the update itself will be 404
    const q = goQuote(node);
    if ((old.spec?.nodeName ?? '') !== node) throw new Deny(`node ${q} can only update pod status for pods with spec.nodeName set to itself`);
    if (a.object === undefined) throw new Deny(unexpectedNil);
    const pod = a.object as unknown as PodView;
    if (!semanticEqual(old.metadata.labels ?? {}, pod.metadata.labels ?? {})) throw new Deny(`node ${q} cannot update labels through pod status`);
    if (!resourceClaimStatusesEqual(old.status, pod.status)) throw new Deny(`node ${q} cannot update resource claim statues`);
  }

  async function admitPodEviction(node: string, a: AdmissionAttributes): Promise<void> {
    if (a.operation !== 'CREATE') throw new Deny(`unexpected operation ${a.operation}`);
    if (a.object === undefined) throw new Deny(unexpectedNil);
    // the pod name from the URL, if set, rather than from the submitted Eviction
    const podName = a.name !== '' ? a.name : (a.object.metadata.name ?? '');
    if (podName === '') throw new Deny('could not determine pod from request data');
    const pod = await existingPod(a.namespace, podName);
    if ((pod.spec?.nodeName ?? '') !== node) throw new Deny(`node ${node} can only evict pods with spec.nodeName set to itself`);
  }

  function admitPVCStatus(node: string, a: AdmissionAttributes): void {
    if (a.operation !== 'UPDATE') throw new Deny(`unexpected operation ${goQuote(a.operation)}`);
    if (a.oldObject === undefined || a.object === undefined) throw new Deny(unexpectedNil);
    const comparable = (o: KubeObject): Record<string, any> => {
      const c = structuredClone(o) as Record<string, any>;
      delete c['metadata'].resourceVersion;
      delete c['metadata'].managedFields;
      const status = (c['status'] ??= {});
      delete status.capacity;
      delete status.conditions;
      if (features.recoverVolumeExpansionFailure) {
        delete status.allocatedResourceStatuses;
        delete status.allocatedResources;
      }
      return c;
    };
    const [before, after] = [comparable(a.oldObject), comparable(a.object)];
    if (!semanticEqual(before, after)) {
      throw new Deny(`node ${goQuote(node)} is not allowed to update fields other than status.quantity and status.conditions: ${differingPaths(before, after).join(', ')}`);
    }
  }

  async function admitNode(node: string, a: AdmissionAttributes): Promise<void> {
    const q = goQuote(node);
    if (a.name !== node) throw new Deny(`node ${q} is not allowed to modify node ${goQuote(a.name)}`);
    if (a.operation === 'CREATE') {
      if (a.object === undefined) throw new Deny(unexpectedNil);
      // scoping node access to what Node.spec lists would let a configSource widen its view
      if (spec(a.object)['configSource'] != null) throw new Deny(`node ${q} is not allowed to create pods with a non-nil configSource`);
      const forbidden = forbiddenLabels(modifiedLabels(a.object.metadata.labels, undefined));
      if (forbidden.length > 0) throw new Deny(`node ${q} is not allowed to set the following labels: ${forbidden.join(', ')}`);
    }
    if (a.operation === 'UPDATE') {
      if (a.object === undefined) throw new Deny(unexpectedNil);
      const old = a.oldObject ?? (await getters().node(a.name));
      if (old === undefined) return; // the update itself will be 404
      const configSource = spec(a.object)['configSource'];
      const oldConfigSource = spec(old)['configSource'];
      if (configSource != null && (oldConfigSource == null || !semanticEqual(configSource, oldConfigSource))) {
        throw new Deny(`node ${q} is not allowed to update configSource to a new non-nil configSource`);
      }
      if (!semanticEqual(spec(a.object)['taints'], spec(old)['taints'])) throw new Deny(`node ${q} is not allowed to modify taints`);
      const forbidden = forbiddenLabels(modifiedLabels(a.object.metadata.labels, old.metadata.labels));
      if (forbidden.length > 0) throw new Deny(`is not allowed to modify labels: ${forbidden.join(', ')}`);
    }
  }

  async function admitServiceAccount(node: string, a: AdmissionAttributes): Promise<void> {
    if (a.operation !== 'CREATE' || a.subresource !== 'token') return;
    if (a.object === undefined) throw new Deny(unexpectedNil);
    // a node's token requests must be bound to a pod scheduled on the node
    const ref = spec(a.object)['boundObjectRef'] as { apiVersion?: string; kind?: string; name?: string; uid?: string } | undefined | null;
    if (ref == null || ref.apiVersion !== 'v1' || ref.kind !== 'Pod' || (ref.name ?? '') === '') throw new Deny('node requested token not bound to a pod');
    if ((ref.uid ?? '') === '') throw new Deny('node requested token with a pod binding without a uid');
    const pod = await existingPod(a.namespace, ref.name!);
    if (ref.uid !== (pod.metadata.uid ?? '')) {
      throw new Deny(`the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`);
    }
    if ((pod.spec?.nodeName ?? '') !== node) throw new Deny('node requested token bound to a pod scheduled on a different node');
  }

  function admitLease(node: string, a: AdmissionAttributes): void {
    if (a.namespace !== namespaceNodeLease) throw new Deny(`can only access leases in the ${goQuote(namespaceNodeLease)} system namespace`);
    const name = a.operation === 'CREATE' ? (a.object?.metadata.name ?? '') : a.name;
    if (a.operation === 'CREATE' && a.object === undefined) throw new Deny(unexpectedNil);
    if (name !== node) throw new Deny('can only access node lease with the same name as the requesting node');
  }

  function admitCSINode(node: string, a: AdmissionAttributes): void {
    if (a.operation === 'CREATE' && a.object === undefined) throw new Deny('unable to access the object name');
    const name = a.operation === 'CREATE' ? (a.object?.metadata.name ?? '') : a.name;
    if (name !== node) throw new Deny('can only access CSINode with the same name as the requesting node');
  }

  function admitResourceSlice(node: string, a: AdmissionAttributes): void {
    if (a.operation === 'CREATE') {
      if (a.object === undefined) throw new Deny(unexpectedNil);
      if ((spec(a.object)['nodeName'] ?? '') !== node) throw new Deny('can only create ResourceSlice with the same NodeName as the requesting node');
    } else if (a.operation === 'DELETE') {
      if (a.oldObject === undefined) throw new Deny(unexpectedNil);
      if ((spec(a.oldObject)['nodeName'] ?? '') !== node) throw new Deny('can only delete ResourceSlice with the same NodeName as the requesting node');
    }
  }

  function admitCSR(node: string, a: AdmissionAttributes): void {
    if (a.operation !== 'CREATE') return;
    if (a.object === undefined) throw new Deny(unexpectedNil);
    const signerName = spec(a.object)['signerName'] as string | undefined;
    if (signerName === undefined || !nodeCSRSigners.includes(signerName)) return;
    const parsed = csrCommonName(String(spec(a.object)['request'] ?? ''));
    if (!parsed.ok) throw new Deny(`unable to parse csr: ${parsed.error}`);
    if (parsed.commonName !== `system:node:${node}`) throw new Deny(`can only create a node CSR with CN=system:node:${node}`);
  }

  function dispatch(node: string, a: AdmissionAttributes): Check {
    switch (`${a.resource.group}/${a.resource.resource}`) {
      case '/pods':
        if (a.subresource === '') return admitPod(node, a);
        if (a.subresource === 'status') return admitPodStatus(node, a);
        if (a.subresource === 'eviction') return admitPodEviction(node, a);
        throw new Deny(`unexpected pod subresource ${goQuote(a.subresource)}, only 'status' and 'eviction' are allowed`);
      case '/nodes':
        return admitNode(node, a);
      case '/persistentvolumeclaims':
        if (a.subresource !== 'status') throw new Deny('may only update PVC status');
        return; // checked in validate, which sees the stored claim
      case '/serviceaccounts':
        return admitServiceAccount(node, a);
      case 'coordination.k8s.io/leases':
        return admitLease(node, a);
      case 'storage.k8s.io/csinodes':
        return admitCSINode(node, a);
      case 'resource.k8s.io/resourceslices':
        return admitResourceSlice(node, a);
      case 'certificates.k8s.io/certificatesigningrequests':
        if (features.allowInsecureKubeletCertificateSigningRequests) return;
        return admitCSR(node, a);
      default:
        return;
    }
  }

  /** The node's name when the plugin applies (Create, Update, Delete by a node), else undefined. */
  function applies(a: AdmissionAttributes): string | undefined {
    if (a.operation === 'CONNECT') return undefined;
    const { name, isNode } = nodeIdentity(a.user);
    if (!isNode) return undefined;
    if (name === '') throw admissionForbidden(a, `could not determine node from user ${goQuote(a.user.name)}`);
    return name;
  }

  async function run(a: AdmissionAttributes, check: (node: string) => Check): Promise<void> {
    const node = applies(a);
    if (node === undefined) return;
    try {
      await check(node);
    } catch (err) {
      if (err instanceof Deny) throw admissionForbidden(a, err.message);
      throw err as StatusError;
    }
  }

  return {
    name: 'NodeRestriction',
    admit: (a) => run(a, (node) => dispatch(node, a)),
    validate: (a) =>
      run(a, (node) => {
        if (a.resource.group === '' && a.resource.resource === 'persistentvolumeclaims' && a.subresource === 'status') admitPVCStatus(node, a);
      }),
  };
}
