/**
 * The `kube-public/cluster-info` ConfigMap that kubeadm writes for bootstrap-token discovery:
 * kubernetes/kubernetes cmd/kubeadm/app/phases/bootstraptoken/clusterinfo/clusterinfo.go
 * (CreateBootstrapConfigMapIfNotExists). Its `kubeconfig` key holds a kubeconfig with exactly one
 * cluster, named "", copied from admin.conf (server URL and CA data), and no users or contexts.
 * The bootstrapsigner signs that text; a joining node recomputes the signature over it.
 */
import { configMapClusterInfo, kubeConfigKey } from './bootstrap-token/constants.js';
import type { ConfigMap } from './core-v1.js';
import { namespacePublic } from './well-known.js';

/** A URL go-yaml writes as a plain scalar; anything else is double-quoted. */
const plainUrl = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[A-Za-z0-9._~%\-[\]:/]+$/;

function yamlString(value: string): string {
  return plainUrl.test(value) ? value : JSON.stringify(value);
}

/**
 * The kubeconfig text as clientcmd.Write serializes `Config{Clusters: {"": cluster}}`
 * (sigs.k8s.io/yaml: keys sorted, nil lists as `null`, empty strings as `""`).
 */
export function clusterInfoKubeconfig(serverUrl: string, caPem: string): string {
  return [
    'apiVersion: v1',
    'clusters:',
    '- cluster:',
    `    certificate-authority-data: ${Buffer.from(caPem, 'utf8').toString('base64')}`,
    `    server: ${yamlString(serverUrl)}`,
    '  name: ""',
    'contexts: null',
    'current-context: ""',
    'kind: Config',
    'preferences: {}',
    'users: null',
    '',
  ].join('\n');
}

/** The ConfigMap kubeadm creates (or updates) in kube-public: `data.kubeconfig` only, unsigned. */
export function clusterInfoConfigMap(serverUrl: string, caPem: string): ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: configMapClusterInfo, namespace: namespacePublic },
    data: { [kubeConfigKey]: clusterInfoKubeconfig(serverUrl, caPem) },
  };
}
