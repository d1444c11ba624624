// The pure part of k8s.io/component-helpers/apimachinery/lease/controller.go (v1.32) as the
// kubelet uses it (pkg/kubelet/kubelet.go: NewController with the node name as holder, namespace
// kube-node-lease, renewInterval = 0.25 × leaseDuration) and pkg/kubelet/util/nodelease.go
// setNodeOwnerFunc (the lease is owned by the Node).
import type { Lease, Node } from '@tlsboot/api';

export const nodeLeaseNamespace = 'kube-node-lease';
/** KubeletConfiguration nodeLeaseDurationSeconds default. */
export const defaultNodeLeaseDurationSeconds = 40;
/** kubelet.go: renewInterval = nodeLeaseDurationSeconds × 0.25 → 10 s. */
export const nodeLeaseRenewIntervalFraction = 0.25;

/** metav1.MicroTime as JSON: RFC 3339 with exactly six fractional digits, UTC. */
export function formatMicroTime(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** newLease: a fresh lease, or `base` with its spec refreshed; the owner reference set when the node is known. */
export function newLease(input: { nodeName: string; node?: Node; now: Date; durationSeconds?: number; base?: Lease }): Lease {
  const lease: Lease = input.base
    ? structuredClone(input.base)
    : { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: input.nodeName, namespace: nodeLeaseNamespace }, spec: {} };
  lease.spec = {
    ...lease.spec,
    holderIdentity: input.nodeName,
    leaseDurationSeconds: input.durationSeconds ?? defaultNodeLeaseDurationSeconds,
    renewTime: formatMicroTime(input.now),
  };
  const uid = input.node?.metadata.uid;
  if (uid && !(lease.metadata.ownerReferences?.length)) {
    lease.metadata.ownerReferences = [{ apiVersion: 'v1', kind: 'Node', name: input.nodeName, uid }];
  }
  return lease;
}
