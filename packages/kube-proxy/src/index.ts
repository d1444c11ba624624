/**
 * @tlsboot/kube-proxy — The simulated kube-proxy: certificate or service-account identity, list/watch of services and endpointslices, a simulated table of forwarding rules. The one public entry of the package; see README.md.
 */
export {};
