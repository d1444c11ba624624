/**
 * @tlsboot/kubelet — The simulated kubelet: TLS bootstrap, client and serving certificate managers, node registration and lease, the kubelet HTTPS server — a separate component that talks to the apiserver only over mTLS. The one public entry of the package; see README.md.
 */
export {};
