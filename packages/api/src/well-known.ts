/**
 * Well-known names of Kubernetes identities, namespaces, signers, usages and API groups, with
 * the upstream constant each stands for.
 */

// ---- users and groups: k8s.io/apiserver/pkg/authentication/user/user.go ----

/** user.SystemPrivilegedGroup: members are allowed everything, before any authorizer is asked. */
export const systemPrivilegedGroup = 'system:masters';
/** user.NodesGroup. */
export const nodesGroup = 'system:nodes';
/** user.MonitoringGroup. */
export const monitoringGroup = 'system:monitoring';
/** user.AllUnauthenticated: the group of the anonymous user. */
export const allUnauthenticatedGroup = 'system:unauthenticated';
/** user.AllAuthenticated: appended to every authenticated user's groups. */
export const allAuthenticatedGroup = 'system:authenticated';
/** user.Anonymous. */
export const anonymousUser = 'system:anonymous';
/** user.APIServerUser. */
export const apiServerUser = 'system:apiserver';
/** user.KubeProxy. */
export const kubeProxyUser = 'system:kube-proxy';
/** user.KubeControllerManager. */
export const kubeControllerManagerUser = 'system:kube-controller-manager';
/** user.KubeScheduler. */
export const kubeSchedulerUser = 'system:kube-scheduler';

/** The node authorizer's user prefix (k8s.io/kubernetes pkg/auth/nodeidentifier): `system:node:<name>`. */
export const nodeUserNamePrefix = 'system:node:';

/** `system:node:<nodeName>`, the user a kubelet's client certificate names as CN. */
export function nodeUserName(nodeName: string): string {
  return nodeUserNamePrefix + nodeName;
}

/**
 * nodeidentifier.NodeIdentity: the node name of a node user (name `system:node:<name>` and in
 * group system:nodes), or undefined when the user is not a node. A node user with an empty name
 * gives `''` (the node authorizer answers `unknown node for user "system:node:"`).
 */
export function nodeNameOf(user: { name: string; groups?: readonly string[] }): string | undefined {
  if (!user.name.startsWith(nodeUserNamePrefix)) return undefined;
  if (!(user.groups ?? []).includes(nodesGroup)) return undefined;
  return user.name.slice(nodeUserNamePrefix.length);
}

// ---- bootstrap tokens: k8s.io/cluster-bootstrap/token/api/types.go ----

/** BootstrapDefaultGroup: every bootstrap-token user is in it. */
export const bootstrapDefaultGroup = 'system:bootstrappers';
/** BootstrapUserPrefix: `system:bootstrap:<token-id>`. */
export const bootstrapUserPrefix = 'system:bootstrap:';
/** The extra group kubeadm gives its node-join tokens. */
export const kubeadmDefaultNodeTokenGroup = 'system:bootstrappers:kubeadm:default-node-token';

// ---- service accounts: k8s.io/apiserver/pkg/authentication/serviceaccount/util.go ----

/** AllServiceAccountsGroup. */
export const allServiceAccountsGroup = 'system:serviceaccounts';
/** ServiceAccountGroupPrefix: `system:serviceaccounts:<namespace>`. */
export const serviceAccountGroupPrefix = 'system:serviceaccounts:';
/** ServiceAccountUsernamePrefix: `system:serviceaccount:<namespace>:<name>`. */
export const serviceAccountUsernamePrefix = 'system:serviceaccount:';

/** MakeUsername. */
export function serviceAccountUserName(namespace: string, name: string): string {
  return `${serviceAccountUsernamePrefix}${namespace}:${name}`;
}

/** MakeGroupNames: the two groups of every service account of a namespace. */
export function serviceAccountGroups(namespace: string): string[] {
  return [allServiceAccountsGroup, serviceAccountGroupPrefix + namespace];
}

/** The x509 authenticator's extra key for the certificate's SHA-256 (`X509SHA256=<hex>`). */
export const credentialIdExtraKey = 'authentication.kubernetes.io/credential-id';

// ---- namespaces: k8s.io/api/core/v1 (NamespaceDefault, NamespaceSystem, …) ----

export const namespaceDefault = 'default';
export const namespaceSystem = 'kube-system';
export const namespacePublic = 'kube-public';
export const namespaceNodeLease = 'kube-node-lease';
/** The namespaces the apiserver creates at start (system namespaces controller and bootstrap). */
export const systemNamespaces: readonly string[] = [namespaceDefault, namespaceSystem, namespacePublic, namespaceNodeLease];
/** The label the apiserver sets on every namespace to its name (NamespaceDefaultLabelName, GA 1.22). */
export const namespaceNameLabel = 'kubernetes.io/metadata.name';

// ---- signers and CSRs: k8s.io/api/certificates/v1/types.go ----

/** Client certificates for anyone; approved by hand; system:masters refused at admission. */
export const kubeAPIServerClientSignerName = 'kubernetes.io/kube-apiserver-client';
/** Kubelet client certificates (`system:node:<name>`, O=system:nodes); auto-approved by csrapproving. */
export const kubeAPIServerClientKubeletSignerName = 'kubernetes.io/kube-apiserver-client-kubelet';
/** Kubelet serving certificates; never auto-approved by the built-in approver. */
export const kubeletServingSignerName = 'kubernetes.io/kubelet-serving';
/** The v1beta1 default; refused on create through certificates.k8s.io/v1. */
export const legacyUnknownSignerName = 'kubernetes.io/legacy-unknown';
export const builtInSignerNames: readonly string[] = [
  kubeAPIServerClientSignerName,
  kubeAPIServerClientKubeletSignerName,
  kubeletServingSignerName,
  legacyUnknownSignerName,
];

/** RequestConditionType values. */
export type CertificateSigningRequestConditionType = 'Approved' | 'Denied' | 'Failed';
export const certificateApproved: CertificateSigningRequestConditionType = 'Approved';
export const certificateDenied: CertificateSigningRequestConditionType = 'Denied';
export const certificateFailed: CertificateSigningRequestConditionType = 'Failed';

/** KeyUsage values of a CSR's spec.usages, sorted as the validation's supported-values list. */
export const keyUsages = [
  'any',
  'cert sign',
  'client auth',
  'code signing',
  'content commitment',
  'crl sign',
  'data encipherment',
  'decipher only',
  'digital signature',
  'email protection',
  'encipher only',
  'ipsec end system',
  'ipsec tunnel',
  'ipsec user',
  'key agreement',
  'key encipherment',
  'microsoft sgc',
  'netscape sgc',
  'ocsp signing',
  's/mime',
  'server auth',
  'signing',
  'timestamping',
] as const;
export type KeyUsage = (typeof keyUsages)[number];

// ---- secrets: k8s.io/api/core/v1 SecretType ----

export const secretTypeOpaque = 'Opaque';
export const secretTypeServiceAccountToken = 'kubernetes.io/service-account-token';
export const secretTypeTLS = 'kubernetes.io/tls';
/** k8s.io/cluster-bootstrap/token/api SecretTypeBootstrapToken. */
export const secretTypeBootstrapToken = 'bootstrap.kubernetes.io/token';

// ---- RBAC bootstrap policy markers: plugin/pkg/auth/authorizer/rbac/bootstrappolicy ----

/** Label on every default RBAC object, with value `rbac-defaults`. */
export const bootstrappingLabel = 'kubernetes.io/bootstrapping';
/** Annotation on every default RBAC object, with value `true`: the apiserver reconciles it at start. */
export const autoUpdateAnnotation = 'rbac.authorization.kubernetes.io/autoupdate';

// ---- API groups ----

export const coreGroup = '';
export const authenticationGroup = 'authentication.k8s.io';
export const authorizationGroup = 'authorization.k8s.io';
export const certificatesGroup = 'certificates.k8s.io';
export const coordinationGroup = 'coordination.k8s.io';
export const discoveryGroup = 'discovery.k8s.io';
export const eventsGroup = 'events.k8s.io';
export const rbacGroup = 'rbac.authorization.k8s.io';
/** The group of aggregated discovery documents (APIGroupDiscoveryList). */
export const apiDiscoveryGroup = 'apidiscovery.k8s.io';
/** The group of Table and PartialObjectMetadata responses. */
export const metaGroup = 'meta.k8s.io';
