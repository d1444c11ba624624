/**
 * @tlsboot/kube-controller-manager — the simulated kube-controller-manager (cmd/kube-controller-manager):
 * a separate component with its own client certificate and kubeconfig that reaches the apiserver
 * only over mTLS through @tlsboot/client. The one public entry of the package; see README.md.
 */
export {};
