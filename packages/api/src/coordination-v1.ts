/** coordination.k8s.io/v1 Lease (k8s.io/api/coordination/v1/types.go): node heartbeats in kube-node-lease. Types only. */
import type { KubeObject } from './meta.js';

export interface Lease extends KubeObject {
  spec?: {
    holderIdentity?: string;
    leaseDurationSeconds?: number;
    /** MicroTime: RFC 3339 with microseconds, `2024-01-02T03:04:05.000000Z`. */
    acquireTime?: string;
    renewTime?: string;
    leaseTransitions?: number;
  };
}
