/**
 * @tlsboot/kube-apiserver — the simulated kube-apiserver: real HTTPS and mTLS, authentication,
 * authorization, admission, the generic registry over the storage layer, discovery, OpenAPI and
 * tables. Named exports only; see README.md.
 */
export * from './storage/index.js';

export { startApiServer } from './server/start-api-server.js';
export type { ApiServer, ApiServerOptions, ClientCertificatePem, Provided, ServerContext } from './server/start-api-server.js';
export { createClusterCA } from './server/certificates.js';
export type { ClientCertificateRequest } from './server/certificates.js';
export { defaultMaxRequestBodyBytes } from './server/http-server.js';
export { versionInfo } from './server/version.js';
export type { VersionInfo } from './server/version.js';

export { MemoryTraceSink, discardTrace } from './trace.js';
export type {
  CSRCertificateEvent,
  CSRConditionsEvent,
  CSRCreatedEvent,
  RequestAuthenticatedEvent,
  RequestImpersonatedEvent,
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
export {
  bootstrapTokenAuthenticator,
  bootstrapTokenAuthenticatorName,
  bootstrapTokenAuthenticators,
  constantTimeEqual,
} from './authentication/token/bootstrap.js';
export type { BootstrapTokenAuthenticatorOptions, BootstrapTokenContext } from './authentication/token/bootstrap.js';

export type { Attributes, AuthorizationResult, Authorizer, Decision } from './authorization/interfaces.js';
export { unionAuthorizer, unionRulesFor } from './authorization/union.js';
export { privilegedGroupsAuthorizer } from './authorization/privileged-groups.js';
export { alwaysAllowAuthorizer, alwaysDenyAuthorizer } from './authorization/always.js';
export { forbiddenMessage } from './authorization/forbidden.js';

// RBAC (--authorization-mode=…,RBAC): the authorizer, its rule matching and resolver, the informer it reads
export { rbacAuthorizer, sharedRBACInformer } from './authorization/rbac/config.js';
export { RBACInformer } from './authorization/rbac/informer.js';
export type { RBACResource } from './authorization/rbac/informer.js';
export { allowedReason, authorizeRBAC, denialLogMessage, newRBACAuthorizer, rbacRulesFor, ruleAllows, rulesAllow } from './authorization/rbac/rbac.js';
export type { RBACAuthorizationResult } from './authorization/rbac/rbac.js';
export {
  apiGroupMatches,
  compactString,
  nonResourceURLMatches,
  nonResourceURLPatternMatches,
  resourceMatches,
  resourceNameMatches,
  verbMatches,
} from './authorization/rbac/evaluation-helpers.js';
export { DefaultRuleResolver, appliesTo, confirmNoEscalation, describeRuleSource } from './registry/rbac/validation/rule.js';
export type { RBACObjects, RuleSource, RuleVisitor } from './registry/rbac/validation/rule.js';
export { newTestRuleResolver, staticRBACObjects } from './registry/rbac/validation/static-roles.js';
export type { StaticRoleLists } from './registry/rbac/validation/static-roles.js';
export { breakdownRule, covers } from './registry/rbac/validation/policy-comparator.js';
export {
  validateClusterRole,
  validateClusterRoleBinding,
  validatePolicyRule,
  validateRole,
  validateRoleBinding,
} from './registry/rbac/rbac-validation.js';

export { AdmissionChain } from './admission/interfaces.js';
export type { AdmissionAttributes, AdmissionPlugin, Operation } from './admission/interfaces.js';
export { namespaceLifecycle } from './admission/namespace-lifecycle.js';

export { parseRequestInfo } from './endpoints/request/request-info.js';
export type { RequestInfo } from './endpoints/request/request-info.js';
export { ResourceRegistry } from './registry/registry.js';
export { Store } from './registry/generic/store.js';
export type { RESTStrategy, StrategyContext } from './registry/rest/strategy.js';

// review APIs (TokenReview, the access reviews) and impersonation
export { tokenReview, reviewToken } from './registry/authentication/token-review.js';
export type { AudienceAwareTokenAuthenticator, TokenReviewDependencies, TokenReviewOutcome } from './registry/authentication/token-review.js';
export { subjectAccessReview } from './registry/authorization/subject-access-review.js';
export { localSubjectAccessReview } from './registry/authorization/local-subject-access-review.js';
export { selfSubjectAccessReview } from './registry/authorization/self-subject-access-review.js';
export { selfSubjectRulesReview } from './registry/authorization/self-subject-rules-review.js';
export type { NonResourceRule, ResourceRule, RuleResolver, RuleResolvingAuthorizer, RulesForResult } from './authorization/interfaces.js';
export { impersonate, buildImpersonationRequests } from './server/impersonation.js';
export type { ImpersonationOutcome, ImpersonationRequest } from './server/impersonation.js';

// the Node authorizer (--authorization-mode=Node) and the NodeRestriction admission plugin
export { nodeIdentity } from './auth/nodeidentifier.js';
export type { NodeIdentity, NodeIdentityUser } from './auth/nodeidentifier.js';
export { nodeAuthorizer } from './authorization/node/new-node-authorizer.js';
export type { NodeAuthorizer, NodeAuthorizerOptions } from './authorization/node/new-node-authorizer.js';
export { NodeAuthorizerDecider, defaultNodeAuthorizerFeatures } from './authorization/node/node-authorizer.js';
export type { NodeAuthorizerFeatures } from './authorization/node/node-authorizer.js';
export type { Graph as NodeAuthorizerGraph, VertexType as NodeAuthorizerVertexType } from './authorization/node/graph.js';
export { nodeRestriction, defaultNodeRestrictionFeatures } from './admission/noderestriction/admission.js';
export { nodeRestrictionAdmission, nodeRestrictionGetters } from './admission/noderestriction/getters.js';
export type { NodeRestrictionFeatures, NodeRestrictionGetters, NodeRestrictionOptions } from './admission/noderestriction/admission.js';

// the default RBAC policy of v1.32 (plugin/pkg/auth/authorizer/rbac/bootstrappolicy) and the kubeadm preset
export { ensureBootstrapPolicy } from './authorization/rbac/bootstrappolicy/ensure-policy.js';
export type { EnsureBootstrapPolicyOptions, EnsureBootstrapPolicyResult } from './authorization/rbac/bootstrappolicy/ensure-policy.js';
export { bootstrapPolicy, bootstrapPolicyPresets, upstreamPolicyData, kubeadmPolicyData } from './authorization/rbac/bootstrappolicy/bootstrap-policy.js';
export type { BootstrapPolicyPreset, PolicyData } from './authorization/rbac/bootstrappolicy/bootstrap-policy.js';
export { aggregateClusterRoles } from './authorization/rbac/bootstrappolicy/aggregation.js';
export { nodeRules } from './authorization/rbac/bootstrappolicy/node-rules.js';

// service-account tokens (pkg/serviceaccount): JWTs, the authenticator, TokenRequest
export { serviceAccountTokenAuthenticator, serviceAccountTokenAuthenticatorName, defaultServiceAccountIssuer } from './serviceaccount/authenticator.js';
export type { ServiceAccountAuthenticationResult, ServiceAccountTokenAuthenticator, ServiceAccountTokenAuthenticatorOptions } from './serviceaccount/authenticator.js';
export { jwtTokenGenerator, jwtTokenAuthenticator, defaultLeewayMs } from './serviceaccount/jwt.js';
export type { JWTResult, JWTTokenAuthenticator, PublicClaims, TokenGenerator, Validator as ServiceAccountTokenValidator } from './serviceaccount/jwt.js';
export { keyIDFromPublicKey } from './serviceaccount/jws.js';
export { boundClaims, boundTokenValidator, expirationExtensionSeconds, warnOnlyBoundTokenExpirationSeconds } from './serviceaccount/claims.js';
export type { BoundClaimsInput, BoundPrivateClaims } from './serviceaccount/claims.js';
export { legacyClaims, legacyIssuer, legacyServiceAccountToken, legacyTokenValidator } from './serviceaccount/legacy.js';
export { registryTokenGetter, legacyTokenInvalidSinceLabelKey, legacyTokenLastUsedLabelKey } from './serviceaccount/token-getter.js';
export type { ServiceAccountTokenGetter } from './serviceaccount/token-getter.js';
export { credentialIDForJTI, serviceAccountUserInfo, splitServiceAccountUsername } from './serviceaccount/service-account-info.js';
export type { ServiceAccountInfo } from './serviceaccount/service-account-info.js';
export { serviceAccountTokenHandler } from './registry/core/serviceaccount-token.js';
export type { ServiceAccountTokenOptions } from './registry/core/serviceaccount-token.js';

export {
  authorizationModes,
  admissionPluginNames,
  defaultAdmissionPlugins,
  defaultAuthorizationModes,
  validateAuthorizationModes,
} from './server/authorization-modes.js';
export type { AdmissionPluginName, AuthorizationMode, PolicyPreset } from './server/authorization-modes.js';

// the CSR API: strategies and validation (pkg/registry/certificates, pkg/apis/certificates/validation),
// the certificate admission plugins (plugin/pkg/admission/certificates) and ParseCSR with the signature check
export {
  certificateSigningRequestApprovalStrategy,
  certificateSigningRequestStatusStrategy,
  certificateSigningRequestStrategy,
} from './registry/certificates/certificate-signing-request.js';
export {
  getValidationOptions,
  validateCertificate,
  validateCertificateSigningRequestApprovalUpdate,
  validateCertificateSigningRequestCreate,
  validateCertificateSigningRequestStatusUpdate,
  validateCertificateSigningRequestUpdate,
} from './registry/certificates/validation.js';
export { parseCSR, validateCSRRequest } from './registry/certificates/parse-csr.js';
export type { ParsedCSR } from './registry/certificates/parse-csr.js';
export { certificateApproval, certificateApprovalPluginName } from './admission/certificates/approval/admission.js';
export { certificateSigning, certificateSigningPluginName } from './admission/certificates/signing/admission.js';
export { certificateSubjectRestriction, certificateSubjectRestrictionPluginName } from './admission/certificates/subjectrestriction/admission.js';
export { isAuthorizedForSignerName } from './admission/certificates/util.js';
export {
  connectionInfoFor,
  defaultKubeletPort,
  getPreferredNodeAddress,
  kubeadmPreferredAddressTypes,
  kubeletClientCommonName,
  kubeletClientOrganization,
  newKubeletClient,
  upstreamPreferredAddressTypes,
} from './server/kubelet-client.js';
export type { ConnectionInfo, KubeletClient, KubeletClientConfig, KubeletRequest } from './server/kubelet-client.js';
export { decodePodLogOptions, kubeletLogQuery, podLogHandler, validateContainer, validatePodLogOptions } from './registry/core/pod-log.js';
export type { PodLogDependencies, PodLogOptions } from './registry/core/pod-log.js';
export { isGlobalUnicast, nodeProxyHandler, proxySubpath, splitSchemeNamePort } from './registry/core/node-proxy.js';
export type { NodeProxyDependencies } from './registry/core/node-proxy.js';
export { checkHttpResponse } from './registry/rest/http-response-checker.js';

// the kube-apiserver command line (cmd/kube-apiserver/app/options): flags → ApiServerOptions
export { parseKubeApiServerFlags, kubeApiServerOptionsFromFlags, checkKubeApiServerFlags, admissionPluginsFromFlags } from './options/options.js';
export type { KubeApiServerFlagFiles } from './options/options.js';
export { parseKubeApiServerFlagValues, kubeApiServerFlagNames } from './options/flags.js';
export type { KubeApiServerFlags } from './options/flags.js';
export { validateKubeApiServerFlags, upstreamAdmissionPlugins, upstreamAuthorizationModes } from './options/validation.js';
export { unsupportedKubeApiServerFlags } from './options/unsupported-flags.js';
export type { KubeApiServerFlagsErrorCode } from './options/flag-values.js';
