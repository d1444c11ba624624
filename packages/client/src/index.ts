// @tlsboot/client: client-go for tlsboot. One deliberate public surface; see README.md.
export * from './errors.js';
export * from './kubeconfig.js';
export * from './kubeconfig-file.js';
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
