/**
 * The core v1 kinds tlsboot serves, as k8s.io/api/core/v1/types.go serializes them, reduced to
 * the fields the simulation reads or writes; anything else a client sends is kept as is
 * (KubeObject allows unknown fields). Types only.
 */
import type { KubeList, KubeObject } from './meta.js';

export interface ObjectReference {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

export interface Namespace extends KubeObject {
  spec?: { finalizers?: string[] };
  status?: { phase?: 'Active' | 'Terminating'; conditions?: unknown[] };
}

/** data values are base64; stringData is write-only and merged into data by the apiserver. */
export interface Secret extends KubeObject {
  type?: string;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  immutable?: boolean;
}

export interface ConfigMap extends KubeObject {
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
  immutable?: boolean;
}

export interface ServiceAccount extends KubeObject {
  secrets?: ObjectReference[];
  imagePullSecrets?: { name?: string }[];
  automountServiceAccountToken?: boolean;
}

export interface NodeAddress {
  type: 'Hostname' | 'InternalIP' | 'ExternalIP' | 'InternalDNS' | 'ExternalDNS' | (string & {});
  address: string;
}

export interface NodeCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastHeartbeatTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface Taint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  timeAdded?: string;
}

export interface NodeSystemInfo {
  machineID?: string;
  systemUUID?: string;
  bootID?: string;
  kernelVersion?: string;
  osImage?: string;
  containerRuntimeVersion?: string;
  kubeletVersion?: string;
  kubeProxyVersion?: string;
  operatingSystem?: string;
  architecture?: string;
}

export interface Node extends KubeObject {
  spec?: { podCIDR?: string; podCIDRs?: string[]; providerID?: string; unschedulable?: boolean; taints?: Taint[] };
  status?: {
    capacity?: Record<string, string>;
    allocatable?: Record<string, string>;
    conditions?: NodeCondition[];
    addresses?: NodeAddress[];
    /** Note the upper-case `Port`: DaemonEndpoint's JSON name. */
    daemonEndpoints?: { kubeletEndpoint?: { Port: number } };
    nodeInfo?: NodeSystemInfo;
  };
}

export interface Container {
  name: string;
  image?: string;
  [field: string]: unknown;
}

export interface Pod extends KubeObject {
  spec?: {
    nodeName?: string;
    containers: Container[];
    serviceAccountName?: string;
    hostNetwork?: boolean;
    restartPolicy?: 'Always' | 'OnFailure' | 'Never';
    schedulerName?: string;
    [field: string]: unknown;
  };
  status?: {
    phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
    conditions?: { type: string; status: 'True' | 'False' | 'Unknown'; lastTransitionTime?: string; reason?: string; message?: string }[];
    hostIP?: string;
    podIP?: string;
    podIPs?: { ip: string }[];
    nominatedNodeName?: string;
    startTime?: string;
    [field: string]: unknown;
  };
}

export interface ServicePort {
  name?: string;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  port: number;
  targetPort?: number | string;
  nodePort?: number;
}

export interface Service extends KubeObject {
  spec?: {
    type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
    clusterIP?: string;
    clusterIPs?: string[];
    ports?: ServicePort[];
    selector?: Record<string, string>;
    [field: string]: unknown;
  };
  status?: Record<string, unknown>;
}

export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: ObjectReference;
}

export interface Endpoints extends KubeObject {
  subsets?: { addresses?: EndpointAddress[]; notReadyAddresses?: EndpointAddress[]; ports?: { name?: string; port: number; protocol?: string }[] }[];
}

/** core/v1 Event (events.k8s.io/v1 spells several fields differently: regarding, note, deprecatedSource, …). */
export interface Event extends KubeObject {
  involvedObject: ObjectReference;
  reason?: string;
  message?: string;
  source?: { component?: string; host?: string };
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  count?: number;
  type?: 'Normal' | 'Warning' | (string & {});
  eventTime?: string | null;
  reportingComponent?: string;
  reportingInstance?: string;
  action?: string;
  related?: ObjectReference;
}

export type NamespaceList = KubeList<Namespace>;
export type SecretList = KubeList<Secret>;
export type NodeList = KubeList<Node>;
export type PodList = KubeList<Pod>;
export type ServiceList = KubeList<Service>;
export type EventList = KubeList<Event>;
