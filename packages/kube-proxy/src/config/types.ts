// kubeproxy.config.k8s.io/v1alpha1 KubeProxyConfiguration, the part tlsboot reads:
// kubernetes/kubernetes staging/src/k8s.io/kube-proxy/config/v1alpha1/types.go and
// staging/src/k8s.io/component-base/config/v1alpha1/types.go (ClientConnectionConfiguration).
// Durations are milliseconds here (metav1.Duration in the file, Go syntax: "15m0s").

export const kubeProxyConfigApiVersion = 'kubeproxy.config.k8s.io/v1alpha1';
export const kubeProxyConfigKind = 'KubeProxyConfiguration';

/** componentbaseconfig ClientConnectionConfiguration. */
export interface ClientConnectionConfiguration {
  /** Path of the kubeconfig; empty means the in-cluster service-account config. */
  kubeconfig: string;
  acceptContentTypes: string;
  contentType: string;
  qps: number;
  burst: number;
}

export interface KubeProxyIPTablesConfiguration {
  masqueradeBit: number;
  masqueradeAll: boolean;
  syncPeriodMs: number;
  minSyncPeriodMs: number;
}

/** The proxy modes of a Linux kube-proxy v1.32 (nftables is beta, on by default). */
export type ProxyMode = '' | 'iptables' | 'ipvs' | 'nftables';

export interface KubeProxyConfiguration {
  apiVersion: typeof kubeProxyConfigApiVersion;
  kind: typeof kubeProxyConfigKind;
  clientConnection: ClientConnectionConfiguration;
  /** The node name kube-proxy uses instead of the host name (its Node object, field selector). */
  hostnameOverride: string;
  /** As written; "" means the best available, iptables on Linux. */
  mode: string;
  bindAddress: string;
  healthzBindAddress: string;
  metricsBindAddress: string;
  clusterCIDR: string;
  oomScoreAdj: number;
  /** Informer resync period. */
  configSyncPeriodMs: number;
  iptables: KubeProxyIPTablesConfiguration;
  featureGates: Record<string, boolean>;
}
