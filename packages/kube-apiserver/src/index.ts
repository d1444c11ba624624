/**
 * @tlsboot/kube-apiserver — the simulated kube-apiserver: real HTTPS and mTLS, authentication,
 * authorization, admission, the generic registry over the storage layer, discovery, OpenAPI and
 * tables. Named exports only; see README.md.
 */
export * from './storage/index.js';

export { startApiServer } from './server/start-api-server.js';
export type { ApiServer, ApiServerOptions, ClientCertificatePem, Provided, ServerContext } from './server/start-api-server.js';
export type { ClientCertificateRequest } from './server/certificates.js';
export { defaultMaxRequestBodyBytes } from './server/http-server.js';
export { versionInfo } from './server/version.js';
export type { VersionInfo } from './server/version.js';

export { MemoryTraceSink, discardTrace } from './trace.js';
export type {
  RequestAuthenticatedEvent,
  RequestAuthorizedEvent,
  RequestReceivedEvent,
  ResponseEvent,
  TraceEvent,
  TraceSink,
} from './trace.js';

export type { AuthenticationRequest, AuthenticationResult, Authenticator, TokenAuthenticator, UserInfo } from './authentication/interfaces.js';
export { x509Authenticator, certificateIdentifier } from './authentication/x509.js';
export { anonymousAuthenticator } from './authentication/anonymous.js';
export { bearerTokenAuthenticator, bearerTokenOf, invalidBearerTokenMessage } from './authentication/bearer-token.js';
export { unionAuthenticator, failOnErrorUnion } from './authentication/union.js';
export { authenticatedGroupAdder, withAuthenticatedGroup } from './authentication/group-adder.js';
export { newAuthenticator } from './authentication/config.js';
export type { AuthenticationConfig } from './authentication/config.js';

export type { Attributes, AuthorizationResult, Authorizer, Decision } from './authorization/interfaces.js';
export { unionAuthorizer } from './authorization/union.js';
export { privilegedGroupsAuthorizer } from './authorization/privileged-groups.js';
export { alwaysAllowAuthorizer, alwaysDenyAuthorizer } from './authorization/always.js';
export { defaultPolicyAuthorizer } from './authorization/default-policy.js';
export { forbiddenMessage } from './authorization/forbidden.js';

export { AdmissionChain } from './admission/interfaces.js';
export type { AdmissionAttributes, AdmissionPlugin, Operation } from './admission/interfaces.js';
export { namespaceLifecycle } from './admission/namespace-lifecycle.js';

export { parseRequestInfo } from './endpoints/request/request-info.js';
export type { RequestInfo } from './endpoints/request/request-info.js';
export { ResourceRegistry } from './registry/registry.js';
export { Store } from './registry/generic/store.js';
export type { RESTStrategy, StrategyContext } from './registry/rest/strategy.js';
