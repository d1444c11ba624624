// The service-account alternative kubeadm uses: kube-proxy runs as a DaemonSet under the
// ServiceAccount kube-system/kube-proxy (ClusterRoleBinding kubeadm:node-proxier →
// system:node-proxier), and its kubeconfig.conf (ConfigMap kube-proxy) reads the projected
// token and CA from the pod: kubernetes/kubernetes cmd/kubeadm/app/phases/addons/proxy/manifests.go
// (KubeProxyConfigMap19). client-go re-reads tokenFile, so a rotated token is picked up.
import type { Kubeconfig } from '@tlsboot/client';

/** Where the kubelet mounts a pod's service-account credentials. */
export const serviceAccountMountPath = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface ServiceAccountKubeconfigOptions {
  /** The control-plane endpoint, `https://host:6443`. */
  server: string;
  /** Default `${serviceAccountMountPath}/token`. */
  tokenFile?: string;
  /** Default `${serviceAccountMountPath}/ca.crt`. */
  caFile?: string;
}

/** kubeadm's kubeconfig.conf for kube-proxy: cluster, context and user all named `default`. */
export function serviceAccountKubeconfig(o: ServiceAccountKubeconfigOptions): Kubeconfig {
  return {
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: [{ name: 'default', cluster: { server: o.server, 'certificate-authority': o.caFile ?? `${serviceAccountMountPath}/ca.crt` } }],
    users: [{ name: 'default', user: { tokenFile: o.tokenFile ?? `${serviceAccountMountPath}/token` } }],
    contexts: [{ name: 'default', context: { cluster: 'default', user: 'default', namespace: 'default' } }],
    'current-context': 'default',
  };
}
