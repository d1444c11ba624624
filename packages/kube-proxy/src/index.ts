/**
 * @tlsboot/kube-proxy — The simulated kube-proxy: certificate or service-account identity, list/watch of services and endpointslices, a simulated table of forwarding rules. The one public entry of the package; see README.md.
 */
export * from './config/types.js';
export { defaultKubeProxyConfiguration } from './config/defaults.js';
export { validateKubeProxyConfiguration } from './config/validation.js';
export { parseKubeProxyConfiguration, KubeProxyConfigError } from './config/load.js';
export type { LoadedKubeProxyConfiguration, KubeProxyConfigErrorCode } from './config/load.js';
export {
  kubeProxyUser,
  kubeProxyCsrJson,
  kubeProxyCaConfigJson,
  gencertKubeProxy,
  kubeProxyKubeconfigSteps,
  kubeProxyKubeconfig,
} from './identity/certificate-identity.js';
export type { KubeProxyCertificateOptions, KubeProxyKubeconfigOptions } from './identity/certificate-identity.js';
export { serviceAccountKubeconfig, serviceAccountMountPath } from './identity/service-account-identity.js';
export type { ServiceAccountKubeconfigOptions } from './identity/service-account-identity.js';
export { buildRulesTable, diffRulesTables } from './proxier/rules-table.js';
export type { ProxyRule, RulesTable, RuleChange } from './proxier/rules-table.js';
export { startKubeProxy, kubeProxyNodeName, proxyLabelSelector } from './proxier/start-kube-proxy.js';
export type { StartKubeProxyOptions, KubeProxy } from './proxier/start-kube-proxy.js';
export type { KubeProxyTraceEvent, KubeProxyTraceSink } from './proxier/trace.js';
