/**
 * discovery.k8s.io/v1 EndpointSlice (k8s.io/api/discovery/v1/types.go), what kube-proxy watches.
 * (The API group is named "discovery"; API discovery documents are in discovery.ts.) Types only.
 */
import type { ObjectReference } from './core-v1.js';
import type { KubeObject } from './meta.js';

export interface Endpoint {
  addresses: string[];
  conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
  hostname?: string;
  targetRef?: ObjectReference;
  nodeName?: string;
  zone?: string;
}

export interface EndpointPort {
  name?: string;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  port?: number;
  appProtocol?: string;
}

export interface EndpointSlice extends KubeObject {
  addressType: 'IPv4' | 'IPv6' | 'FQDN';
  endpoints: Endpoint[];
  ports?: EndpointPort[];
}
