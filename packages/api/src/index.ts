/**
 * @tlsboot/api — k8s.io/api and k8s.io/apimachinery for tlsboot: object types, Status and
 * StatusError, field errors, label and field selectors, name and metadata validation,
 * well-known names, and the resource table behind discovery. Named exports only.
 */

// errors of this package (StatusError is below)
export { ApiError } from './errors.js';
export type { ApiErrorCode } from './errors.js';

// metav1 object metadata, lists, watch events, schema names
export {
  groupKindString,
  groupResourceString,
  groupVersionKindOf,
  groupVersionKindString,
  groupVersionResourceString,
  groupVersionString,
  parseGroupVersion,
} from './meta.js';
export type {
  GroupKind,
  GroupResource,
  GroupVersion,
  GroupVersionKind,
  GroupVersionResource,
  KubeList,
  KubeObject,
  ListMeta,
  ManagedFieldsEntry,
  ObjectMeta,
  OwnerReference,
  TypeMeta,
  WatchEvent,
  WatchEventType,
} from './meta.js';

// field paths and field errors
export {
  FieldError,
  FieldPath,
  aggregateMessage,
  fieldDuplicate,
  fieldErrorListToAggregate,
  fieldErrorTypeText,
  fieldForbidden,
  fieldInternalError,
  fieldInvalid,
  fieldNotFound,
  fieldNotSupported,
  fieldRequired,
  fieldTooLong,
  fieldTooMany,
  fieldTypeInvalid,
  newFieldPath,
} from './field-errors.js';
export type { FieldErrorType } from './field-errors.js';

// Status and StatusError
export { isStatus, statusForWire, statusSuccess } from './status.js';
export type { CauseType, Status, StatusCause, StatusDetails, StatusReason } from './status.js';
export {
  StatusError,
  errorToAPIStatus,
  isAlreadyExists,
  isBadRequest,
  isConflict,
  isForbidden,
  isGone,
  isInternalError,
  isInvalid,
  isMethodNotSupported,
  isNotAcceptable,
  isNotFound,
  isResourceExpired,
  isServiceUnavailable,
  isStatusError,
  isTimeout,
  isTooManyRequests,
  isUnauthorized,
  isUnsupportedMediaType,
  newAlreadyExists,
  newBadRequest,
  newConflict,
  newForbidden,
  newGenerateNameConflict,
  newGone,
  newInternalError,
  newInvalid,
  newMethodNotSupported,
  newNotAcceptable,
  newNotFound,
  newRequestEntityTooLarge,
  newResourceExpired,
  newServerTimeout,
  newServiceUnavailable,
  newTimeout,
  newTooManyRequests,
  newTooManyRequestsError,
  newUnauthorized,
  newUnsupportedMediaType,
  optimisticLockErrorMessage,
  reasonForError,
  statusErrorFromStatus,
} from './status-errors.js';
export type { StatusErrorCode } from './status-errors.js';

// string validation (util/validation) and names
export {
  isConfigMapKey,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  maxLenError,
  regexError,
} from './validation.js';
export {
  generateName,
  generatedNameRandomLength,
  isValidPathSegmentName,
  isValidPathSegmentPrefix,
  maskTrailingDash,
  maxGeneratedNameLength,
  maxNameLength,
  nameIsDNS1035Label,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  validateNamespaceName,
  validatePathSegmentName,
} from './names.js';
export type { ValidateNameFunc } from './names.js';
export {
  fieldImmutableErrorMessage,
  finalizerDeleteDependents,
  finalizerOrphanDependents,
  isNegativeErrorMessage,
  totalAnnotationSizeLimitBytes,
  validateAnnotations,
  validateFinalizers,
  validateObjectMeta,
  validateObjectMetaUpdate,
  validateOwnerReferences,
} from './object-meta-validation.js';

// label and field selectors
export {
  LabelSelector,
  labelRequirementMatches,
  labelRequirementString,
  labelSelectorFromLabelSelectorObject,
  labelSelectorFromSet,
  newLabelRequirement,
  validateLabelName,
  validateLabels,
} from './labels.js';
export { parseLabelSelector } from './label-selector-parse.js';
export type {
  LabelRequirement,
  LabelSelectorObject,
  LabelSelectorOperator,
  LabelSelectorRequirement,
  LabelSelectorRequirementOperator,
  Labels,
} from './labels.js';
export {
  FieldSelector,
  escapeFieldSelectorValue,
  fieldSelectorFromSet,
  parseFieldSelector,
  unescapeFieldSelectorValue,
} from './fields.js';
export type { FieldRequirement, FieldTransformFunc, Fields } from './fields.js';
export { convertFieldLabel, convertFieldSelector, selectableFields } from './selectable-fields.js';

// well-known names
export {
  allAuthenticatedGroup,
  allServiceAccountsGroup,
  allUnauthenticatedGroup,
  anonymousUser,
  apiDiscoveryGroup,
  apiServerUser,
  authenticationGroup,
  authorizationGroup,
  autoUpdateAnnotation,
  bootstrapDefaultGroup,
  bootstrapUserPrefix,
  bootstrappingLabel,
  builtInSignerNames,
  certificateApproved,
  certificateDenied,
  certificateFailed,
  certificatesGroup,
  coordinationGroup,
  coreGroup,
  credentialIdExtraKey,
  discoveryGroup,
  eventsGroup,
  keyUsages,
  kubeAPIServerClientKubeletSignerName,
  kubeAPIServerClientSignerName,
  kubeControllerManagerUser,
  kubeProxyUser,
  kubeSchedulerUser,
  kubeadmDefaultNodeTokenGroup,
  kubeletServingSignerName,
  legacyUnknownSignerName,
  metaGroup,
  monitoringGroup,
  namespaceDefault,
  namespaceNameLabel,
  namespaceNodeLease,
  namespacePublic,
  namespaceSystem,
  nodeNameOf,
  nodeUserName,
  nodeUserNamePrefix,
  nodesGroup,
  rbacGroup,
  secretTypeBootstrapToken,
  secretTypeOpaque,
  secretTypeServiceAccountToken,
  secretTypeTLS,
  serviceAccountGroupPrefix,
  serviceAccountGroups,
  serviceAccountUserName,
  serviceAccountUsernamePrefix,
  systemNamespaces,
  systemPrivilegedGroup,
} from './well-known.js';
export type { CertificateSigningRequestConditionType, KeyUsage } from './well-known.js';

// the resource table and discovery
export { apiGroupOrder, resources, storageVersionHash } from './resources.js';
export {
  apiGroupNames,
  apiGroupVersions,
  groupResourceOf,
  lookupResource,
  lookupResourceByKind,
  lookupSubresource,
  registryKey,
  registryPrefix,
  resolveResource,
} from './resource-lookup.js';
export type { ResourceInfo, SubresourceInfo, Verb } from './resources.js';
export { aggregatedDiscoveryMediaType, apiGroup, apiGroupDiscoveryList, apiGroupList, apiResourceList, apiVersions } from './discovery.js';
export type {
  APIGroup,
  APIGroupDiscovery,
  APIGroupDiscoveryList,
  APIGroupList,
  APIResource,
  APIResourceDiscovery,
  APIResourceList,
  APISubresourceDiscovery,
  APIVersionDiscovery,
  APIVersions,
  GroupVersionForDiscovery,
  ServerAddressByClientCIDR,
} from './discovery.js';

// typed objects
export type {
  CertificateSigningRequest,
  CertificateSigningRequestCondition,
  CertificateSigningRequestList,
  CertificateSigningRequestSpec,
  CertificateSigningRequestStatus,
} from './certificates-v1.js';
export type {
  ConfigMap,
  Container,
  EndpointAddress,
  Endpoints,
  Event,
  EventList,
  Namespace,
  NamespaceList,
  Node,
  NodeAddress,
  NodeCondition,
  NodeList,
  NodeSystemInfo,
  ObjectReference,
  Pod,
  PodList,
  Secret,
  SecretList,
  Service,
  ServiceAccount,
  ServiceList,
  ServicePort,
  Taint,
} from './core-v1.js';
export type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, RoleRef, Subject } from './rbac-v1.js';
export type { SelfSubjectReview, TokenRequest, TokenReview, UserInfo } from './authentication-v1.js';
export type {
  NonResourceAttributes,
  NonResourceRule,
  ResourceAttributes,
  ResourceRule,
  SelectorAttributes,
  SelectorRequirement,
  SelfSubjectAccessReview,
  SelfSubjectRulesReview,
  SubjectAccessReview,
  SubjectAccessReviewSpec,
  SubjectAccessReviewStatus,
} from './authorization-v1.js';
export type { Lease } from './coordination-v1.js';
export type { Endpoint, EndpointPort, EndpointSlice } from './discovery-v1.js';
export { tableMediaType } from './table.js';
export type { PartialObjectMetadata, Table, TableColumnDefinition, TableRow } from './table.js';
export { goQuote } from './go-format.js';
export { newGenericServerResponse } from './generic-server-response.js';

// bootstrap tokens: k8s.io/cluster-bootstrap (token/api, token/util, util/tokens, util/secrets) and
// the Secret kubeadm writes (cmd/kubeadm/app/apis/bootstraptoken/v1)
export {
  bootstrapGroupPattern,
  bootstrapGroupRegExp,
  bootstrapTokenDescriptionKey,
  bootstrapTokenExpirationKey,
  bootstrapTokenExtraGroupsKey,
  bootstrapTokenIdBytes,
  bootstrapTokenIdKey,
  bootstrapTokenIdPattern,
  bootstrapTokenIdRegExp,
  bootstrapTokenPattern,
  bootstrapTokenRegExp,
  bootstrapTokenSecretBytes,
  bootstrapTokenSecretKey,
  bootstrapTokenSecretPrefix,
  bootstrapTokenUsageAuthenticationKey,
  bootstrapTokenUsagePrefix,
  bootstrapTokenUsageSigningKey,
  configMapClusterInfo,
  defaultTokenDurationMs,
  defaultTokenGroups,
  defaultTokenUsages,
  jwsSignatureKeyPrefix,
  knownTokenUsages,
  kubeConfigKey,
} from './bootstrap-token/constants.js';
export { BootstrapTokenError } from './bootstrap-token/errors.js';
export type { BootstrapTokenErrorCode } from './bootstrap-token/errors.js';
export {
  bootstrapTokenChars,
  bootstrapTokenSecretName,
  generateBootstrapToken,
  generateBootstrapTokenId,
  generateBootstrapTokenSecret,
  isValidBootstrapToken,
  isValidBootstrapTokenId,
  matchBootstrapToken,
  parseBootstrapToken,
  tokenFromIdAndSecret,
} from './bootstrap-token/token-string.js';
export type { BootstrapTokenString } from './bootstrap-token/token-string.js';
export { validateBootstrapGroupName, validateUsages } from './bootstrap-token/validation.js';
export { formatRFC3339, goTimeFromDate, goTimeToDate, isAtOrBefore, millisecondsUntil, parseRFC3339, rfc3339Layout } from './bootstrap-token/rfc3339.js';
export type { GoTime } from './bootstrap-token/rfc3339.js';
export {
  getBootstrapGroups,
  getExpiration,
  getSecretData,
  hasExpired,
  hasNoData,
  parseBootstrapTokenSecretName,
  secretKey,
} from './bootstrap-token/secret-data.js';
export type { BootstrapTokenSecret, Expiration } from './bootstrap-token/secret-data.js';
export {
  bootstrapTokenFromSecret,
  bootstrapTokenStringText,
  bootstrapTokenToSecret,
  encodeTokenSecretData,
  newBootstrapTokenString,
} from './bootstrap-token/kubeadm-token-secret.js';
export type { BootstrapToken } from './bootstrap-token/kubeadm-token-secret.js';
export { computeDetachedSignature, detachedTokenIsValid, jwsProtectedHeader } from './bootstrap-token/jws.js';
export { clusterInfoConfigMap, clusterInfoKubeconfig } from './cluster-info.js';

// certificates.k8s.io rules shared by the apiserver and the controllers (pkg/apis/certificates
// helpers.go, core validation ValidateSignerName, sarapprove recognizers, signer usage checks)
export {
  goStringList,
  isKnownKeyUsage,
  sortedUsages,
  usageAny,
  usageCRLSign,
  usageCertSign,
  usageClientAuth,
  usageCodeSigning,
  usageContentCommitment,
  usageDataEncipherment,
  usageDecipherOnly,
  usageDigitalSignature,
  usageEmailProtection,
  usageEncipherOnly,
  usageIPsecEndSystem,
  usageIPsecTunnel,
  usageIPsecUser,
  usageKeyAgreement,
  usageKeyEncipherment,
  usageMicrosoftSGC,
  usageNetscapeSGC,
  usageOCSPSigning,
  usageSMIME,
  usageServerAuth,
  usageSet,
  usageSetEquals,
  usageSigning,
  usageTimestamping,
} from './certificates/key-usages.js';
export {
  commonNameNotSystemNodeError,
  dnsOrIPSANRequiredError,
  dnsSANNotAllowedError,
  emailSANNotAllowedError,
  ipSANNotAllowedError,
  isKubeletClientCSR,
  isKubeletServingCSR,
  kubeletClientRequiredUsages,
  kubeletClientRequiredUsagesNoRSA,
  kubeletServingRequiredUsages,
  kubeletServingRequiredUsagesNoRSA,
  organizationNotSystemNodesError,
  uriSANNotAllowedError,
  validateKubeletClientCSR,
  validateKubeletServingCSR,
} from './certificates/kubelet-csr.js';
export type { CertificateRequestFields } from './certificates/kubelet-csr.js';
export { validateAPIServerClientUsages } from './certificates/apiserver-client-usages.js';
export { isNodeClientCert, isSelfNodeClientCert } from './certificates/recognizers.js';
export type { RecognizerSpec } from './certificates/recognizers.js';
export { getCertApprovalCondition, hasTrueCondition, isCertificateRequestApproved } from './certificates/conditions.js';
export { isKubernetesSignerName, signerNameWildcard, validateSignerName } from './certificates/signer-name.js';
export { certificateRequestDerFromPem, csrPemTypeError, decodeBytesField, goBase64StdDecode, goPemDecode } from './certificates/pem-decode.js';
export type { GoPemBlock } from './certificates/pem-decode.js';
