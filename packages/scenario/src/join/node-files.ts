// Where a joined node keeps its files: DIR/nodes/<node>/, standing in for the node's own
// /etc/kubernetes and /var/lib/kubelet (kubeadm: cmd/kubeadm/app/constants/constants.go
// KubeletBootstrapKubeConfigFileName, KubeletKubeConfigFileName; the kubelet's --cert-dir
// default /var/lib/kubelet/pki).
import { join } from 'node:path';

/** File names under `DIR/nodes/<node>/`. */
export const nodeFiles = {
  /** kubeadm's /etc/kubernetes/bootstrap-kubelet.conf. */
  bootstrapKubeconfig: 'bootstrap-kubelet.conf',
  /** kubeadm's /etc/kubernetes/kubelet.conf, written by the kubelet once it holds a certificate. */
  kubeconfig: 'kubelet.conf',
  /** The kubelet's --cert-dir (/var/lib/kubelet/pki). */
  certDir: 'pki',
  /** kube-proxy's cfssl-made files and kubeconfig (the article's layout). */
  kubeProxyDir: 'kube-proxy',
} as const;

/** The files of kube-proxy's certificate identity, under `DIR/nodes/<node>/kube-proxy/` (the article's names). */
export const kubeProxyFiles = {
  csrJson: 'kube-proxy-csr.json',
  certificate: 'kube-proxy.pem',
  key: 'kube-proxy-key.pem',
  kubeconfig: 'kube-proxy.kubeconfig',
} as const;

/** `DIR/nodes/<node>`. */
export function nodeDir(workdir: string, node: string): string {
  return join(workdir, 'nodes', node);
}
