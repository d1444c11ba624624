// SetDefaults_KubeProxyConfiguration: kubernetes/kubernetes pkg/proxy/apis/config/v1alpha1/defaults.go
// and component-base config/v1alpha1/defaults.go (RecommendedDefaultClientConnectionConfiguration).
import { Hour, Minute, Second } from '@tlsboot/util';
import type { KubeProxyConfiguration } from './types.js';
import { kubeProxyConfigApiVersion, kubeProxyConfigKind } from './types.js';

/** A configuration with every default applied (what an empty file means). */
export function defaultKubeProxyConfiguration(): KubeProxyConfiguration {
  return {
    apiVersion: kubeProxyConfigApiVersion,
    kind: kubeProxyConfigKind,
    clientConnection: {
      kubeconfig: '',
      acceptContentTypes: '',
      // components talk protobuf by default; tlsboot's client speaks JSON (accepted as well)
      contentType: 'application/vnd.kubernetes.protobuf',
      qps: 5,
      burst: 10,
    },
    hostnameOverride: '',
    mode: '',
    bindAddress: '0.0.0.0',
    healthzBindAddress: '0.0.0.0:10256',
    metricsBindAddress: '127.0.0.1:10249',
    clusterCIDR: '',
    oomScoreAdj: -999,
    configSyncPeriodMs: 15 * Minute,
    iptables: { masqueradeBit: 14, masqueradeAll: false, syncPeriodMs: 30 * Second, minSyncPeriodMs: 1 * Second },
    featureGates: {},
  };
}

// conntrack defaults (maxPerCore 32768, min 131072, tcpEstablishedTimeout 24h, tcpCloseWaitTimeout 1h)
// are not modelled: the simulated proxier keeps no conntrack table.
export const conntrackTcpEstablishedTimeoutMs = 24 * Hour;
