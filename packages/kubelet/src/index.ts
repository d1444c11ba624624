/**
 * @tlsboot/kubelet — The simulated kubelet: TLS bootstrap, client and serving certificate managers, node registration and lease, the kubelet HTTPS server — a separate component that talks to the apiserver only over mTLS. The one public entry of the package; see README.md.
 */
export { startKubelet } from './kubelet.js';
export type { StartKubeletOptions, Kubelet } from './kubelet.js';
export type { KubeletContext, KubeletModule, KubeletModuleHandle } from './kubelet-context.js';
export { defaultKubeletModules } from './modules.js';
export { kubeletServer } from './options/options.js';
export type { KubeletServer } from './options/options.js';
export { parseKubeletFlags, defaultKubeletFlags, kubeletFlagNames, defaultCertDir } from './options/flags.js';
export type { KubeletFlags, KubeletOptionsErrorCode } from './options/flags.js';
export { defaultKubeletConfiguration, validateKubeletConfiguration } from './options/kubelet-configuration.js';
export type { KubeletConfiguration, KubeletConfigurationInput, KubeletAuthorizationMode } from './options/kubelet-configuration.js';
export { noTrace, traceEmitter } from './trace.js';
export type { TraceSink, KubeletTraceEvent, KubeletTraceEventInput, TraceEmitter } from './trace.js';
export { FileStore, loadFile, loadPairPem, pairTimestamp } from './certificate/certificate-store.js';
export type { CertificatePair, CertificateStoreErrorCode } from './certificate/certificate-store.js';
export { CertificateManager } from './certificate/certificate-manager.js';
export type { CertificateManagerOptions } from './certificate/certificate-manager.js';
export {
  nextRotationDeadline,
  jitteryDuration,
  certSatisfiesTemplate,
  rotationBackoff,
  rotationPollIntervalMs,
  certificateWaitTimeoutMs,
  kubeletClientUsages,
  kubeletServingUsages,
} from './certificate/rotation.js';
export type { CertificateTemplate, RotationDeadline } from './certificate/rotation.js';
export { digestedName } from './certificate/bootstrap/digested-name.js';
export {
  loadClientCert,
  loadClientConfig,
  isClientConfigStillValid,
  writeKubeconfigFromBootstrapping,
  tmpPrivateKeyFile,
  kubeAPIServerClientKubeletSignerName,
} from './certificate/bootstrap/bootstrap.js';
export { newKubeletClientCertificateManager } from './certificate/kubelet.js';
export { updateTransport, noCertificateExitAfterMs, transportCheckPeriodMs } from './certificate/transport.js';
export { pkiCertificateRequestCrypto } from './certificate/x509-crypto.js';
// node registration and status, node lease, serving certificate, kubelet HTTPS server (helper M2)
export { initialNode } from './nodestatus/initial-node.js';
export type { InitialNodeInput } from './nodestatus/initial-node.js';
export { nodeAddresses } from './nodestatus/node-addresses.js';
export { setNodeStatus, shouldReportNodeStatus, nodeStatusReportFrequencyMs, nodeStatusUpdateFrequencyMs } from './nodestatus/node-status.js';
export { registerWithAPIServer } from './nodestatus/register.js';
export { NodeStatusSyncer } from './nodestatus/node-status-syncer.js';
export type { NodeStatusSyncerOptions } from './nodestatus/node-status-syncer.js';
export { newLease, formatMicroTime, nodeLeaseNamespace, defaultNodeLeaseDurationSeconds } from './nodelease/lease.js';
export { NodeLeaseController } from './nodelease/controller.js';
export type { NodeLeaseControllerOptions } from './nodelease/controller.js';
export { servingCertificateTemplate, addressesToHostnamesAndIPs } from './certificate/serving/serving-template.js';
export { kubeletServerPairPrefix } from './certificate/serving/kubelet-server-certificate-manager.js';
export { generateSelfSignedCertKey, loadOrGenerateSelfSigned } from './certificate/serving/self-signed.js';
export { nodeRequestAttributes, isSubpath, forbiddenBody, unauthorizedBody } from './server/auth.js';
export type { KubeletRequestAttributes } from './server/auth.js';
export { startKubeletServer } from './server/kubelet-server.js';
export type { KubeletHttpsServer, KubeletServerOptions, KubeletServerEvent } from './server/kubelet-server.js';
export { newKubeletServerCertificateManager, kubeletServingTemplate } from './certificate/serving/kubelet-server-certificate-manager.js';
export type { KubeletServerCertificateManagerOptions } from './certificate/serving/kubelet-server-certificate-manager.js';
export { kubeletNodeModules, kubeletNodeState } from './server/node-modules.js';
export type { KubeletNodeModulesOptions, KubeletNodeState } from './server/node-modules.js';
