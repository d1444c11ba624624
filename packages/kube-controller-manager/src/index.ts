/**
 * @tlsboot/kube-controller-manager — the simulated kube-controller-manager (cmd/kube-controller-manager):
 * a separate component with its own client certificate and kubeconfig that reaches the apiserver
 * only over mTLS through @tlsboot/client. The one public entry of the package; see README.md.
 */
export { startControllerManager } from './controller-manager.js';
export type { ControllerManager, StartControllerManagerOptions, KcmStartErrorCode } from './controller-manager.js';
export { controllerDescriptors } from './controllers.js';
export type { ControllerContext, ControllerDescriptor, RunningController } from './controller-context.js';
export {
  knownControllers,
  allControllerNames,
  controllerAliases,
  disabledByDefaultControllers,
  csrApprovingControllerName,
  csrSigningControllerName,
  csrCleanerControllerName,
  bootstrapSignerControllerName,
  tokenCleanerControllerName,
} from './names.js';
export {
  kubeControllerManagerOptions,
  validateKubeControllerManagerOptions,
  validateControllers,
  canonicalControllers,
  validateCSRSigning,
  isControllerEnabled,
  defaultClusterSigningDurationMs,
  kubeadmControllerManagerFlags,
} from './options/options.js';
export type { KubeControllerManagerOptions, KubeControllerManagerOptionsInput, SignerFiles, KcmOptionsErrorCode } from './options/options.js';
export { parseKubeControllerManagerFlags, kubeControllerManagerFlagNames } from './options/flags.js';
export { SharedInformerFactory } from './informers.js';
export type { SharedInformerFactoryOptions } from './informers.js';
export {
  simpleClientBuilder,
  dynamicClientBuilder,
  getOrCreateServiceAccount,
  TokenSourceRestClient,
  controllerTokenExpirationSeconds,
  controllerTokenLeewayPercent,
} from './client-builder.js';
export type { ControllerClientBuilder, DynamicClientBuilderOptions, TokenSource } from './client-builder.js';
export { noTrace, traceEmitter } from './trace.js';
export type { TraceSink, KcmTraceEvent, KcmTraceEventInput } from './trace.js';
export { certificateControllerServiceAccount, csrApprovingControllerDescriptor, csrCleanerControllerDescriptor } from './certificates.js';
export {
  CertificateController,
  newCertificateController,
  certificateControllerRateLimiter,
  IgnorableError,
  isIgnorableError,
} from './controller/certificates/certificate-controller.js';
export type { CertificateControllerOptions, CertificateSigningRequestHandler } from './controller/certificates/certificate-controller.js';
export { getCertApprovalCondition, isCertificateRequestApproved, hasTrueCondition, parseCSR } from './controller/certificates/certificate-controller-utils.js';
export { SarApprover, newSarApprover, recognizers, restSarApproverClient, appendApprovalCondition, autoApprovedReason } from './controller/certificates/approver/sarapprove.js';
export type { CSRRecognizer, SarApproverClient, SarApproverOptions } from './controller/certificates/approver/sarapprove.js';
export { CSRCleanerController } from './controller/certificates/cleaner/cleaner.js';
export type { CSRCleanerOptions } from './controller/certificates/cleaner/cleaner.js';
export {
  cleanupDecision,
  isOlderThan,
  isExpired,
  pollingIntervalMs as csrCleanerPollingIntervalMs,
  approvedExpirationMs,
  deniedExpirationMs,
  pendingExpirationMs,
  failedExpirationMs,
} from './controller/certificates/cleaner/cleanup-rules.js';
export type { CleanupDecision, CleanupRule } from './controller/certificates/cleaner/cleanup-rules.js';
export { Signer, signingBackdateMs, signerValidationFailureReason } from './controller/certificates/signer/signer.js';
export type { SignerOptions, SignerEvent } from './controller/certificates/signer/signer.js';
export { csrSigningSignerNames, signerCheckFor, signingDurationMs, minimumSigningDurationMs } from './controller/certificates/signer/signer-rules.js';
export type { SignerCheck, SignerVerdict } from './controller/certificates/signer/signer-rules.js';
export { newCAProvider, staticCAProvider } from './controller/certificates/signer/ca-provider.js';
export type { CAProvider, ReadTextFile } from './controller/certificates/signer/ca-provider.js';
export { planCSRSigning, noSigningFilesReason } from './controller/certificates/signer/signer-files.js';
export type { CSRSigningPlan, SignerPlan } from './controller/certificates/signer/signer-files.js';
export {
  csrSigningControllerDescriptor,
  csrSigningServiceAccount,
  csrSigningWorkers,
  newAPISigner,
  startCSRSigningController,
} from './controller/certificates/signer/csr-signing-controller.js';
export { BootstrapSigner } from './controller/bootstrap/bootstrapsigner.js';
export type { BootstrapSignerOptions } from './controller/bootstrap/bootstrapsigner.js';
export { TokenCleaner, decideTokenSecret } from './controller/bootstrap/tokencleaner.js';
export type { TokenCleanerOptions, TokenCleanerDecision } from './controller/bootstrap/tokencleaner.js';
export { signConfigMap, signingTokens } from './controller/bootstrap/sign-config-map.js';
export type { SignConfigMapResult } from './controller/bootstrap/sign-config-map.js';
export { validateSecretForSigning } from './controller/bootstrap/util.js';
export type { SigningTokenVerdict } from './controller/bootstrap/util.js';
export {
  bootstrapSignerControllerDescriptor,
  tokenCleanerControllerDescriptor,
  bootstrapSignerServiceAccount,
  tokenCleanerServiceAccount,
  startBootstrapSignerController,
  startTokenCleanerController,
} from './controller/bootstrap/bootstrap-controllers.js';
