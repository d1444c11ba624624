// @tlsboot/client: client-go for tlsboot. One deliberate public surface; see README.md.
export * from './errors.js';
export * from './kubeconfig.js';
export * from './kubeconfig-file.js';
export { setCluster, setCredentials, setContext, useContext } from './kubeconfig-commands.js';
export type { SetClusterOptions, SetCredentialsOptions, SetContextOptions } from './kubeconfig-commands.js';
export * from './resolve-context.js';
export * from './resource-path.js';
export { newGenericServerResponse, errorFromResponse } from './response-errors.js';
export type { RequestTarget } from './response-errors.js';
export type { VerifyServer, TlsIdentity } from './tls-connector.js';
export * from './rest-client.js';
export * from './client-config.js';
export * from './watch.js';
export * from './list-watch.js';
export { ExponentialBackoffManager } from './backoff-manager.js';
export type { BackoffManagerOptions } from './backoff-manager.js';
export * from './reflector.js';
export * from './informer.js';
export * from './typed.js';
export { Queue } from './workqueue/queue.js';
export type { QueueOptions } from './workqueue/queue.js';
export { DelayingQueue } from './workqueue/delaying-queue.js';
export type { DelayingQueueOptions } from './workqueue/delaying-queue.js';
export { RateLimitingQueue } from './workqueue/rate-limiting-queue.js';
export type { RateLimitingQueueOptions } from './workqueue/rate-limiting-queue.js';
export {
  exponentialFailureRateLimiter,
  bucketRateLimiter,
  itemFastSlowRateLimiter,
  maxOfRateLimiter,
  withMaxWaitRateLimiter,
  defaultControllerRateLimiter,
} from './workqueue/default-rate-limiters.js';
export type { RateLimiter } from './workqueue/default-rate-limiters.js';
export { requestCertificate } from './csr/request-certificate.js';
export type { RequestCertificateOptions, CertificateSigningRequestRef } from './csr/request-certificate.js';
export { waitForCertificate } from './csr/wait-for-certificate.js';
export type { WaitForCertificateOptions } from './csr/wait-for-certificate.js';
export {
  newCertificateSigningRequest,
  durationToExpirationSeconds,
  createsThroughV1,
  nameFieldSelector,
} from './csr/certificate-signing-request.js';
export type { CertificateSigningRequestInput } from './csr/certificate-signing-request.js';
export { certificateWaitDecision } from './csr/wait-condition.js';
export type { WaitDecision, WaitEventType } from './csr/wait-condition.js';
export { ensureCompatible } from './csr/ensure-compatible.js';
export type { CertificateRequestCrypto, EnsureCompatibleInput } from './csr/ensure-compatible.js';
export type { SubjectAttribute } from './csr/pkix-name.js';
export { CsrError } from './csr/errors.js';
export type { CsrErrorCode } from './csr/errors.js';
