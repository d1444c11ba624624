/**
 * The bootstrap-token constants of k8s.io/cluster-bootstrap/token/api/types.go (and the kubeadm
 * defaults of cmd/kubeadm/app/apis/bootstraptoken/v1/defaults.go). The user prefix, the default
 * group, kubeadm's node-token group and the Secret type live in well-known.ts and are re-used here.
 */
import { Hour } from '@tlsboot/util';
import { kubeadmDefaultNodeTokenGroup } from '../well-known.js';

/** BootstrapTokenSecretPrefix: token Secrets are named `bootstrap-token-<token-id>`. */
export const bootstrapTokenSecretPrefix = 'bootstrap-token-';

/** BootstrapTokenIDKey: the public 6-character id. Required. */
export const bootstrapTokenIdKey = 'token-id';
/** BootstrapTokenSecretKey: the private 16-character secret. Required. */
export const bootstrapTokenSecretKey = 'token-secret';
/** BootstrapTokenExpirationKey: absolute time in RFC 3339; unparseable means expired. Optional. */
export const bootstrapTokenExpirationKey = 'expiration';
/** BootstrapTokenDescriptionKey: free text. Optional. */
export const bootstrapTokenDescriptionKey = 'description';
/** BootstrapTokenExtraGroupsKey: comma-separated groups added to `system:bootstrappers`. */
export const bootstrapTokenExtraGroupsKey = 'auth-extra-groups';
/** BootstrapTokenUsagePrefix: `usage-bootstrap-<usage>` = "true" grants a usage. */
export const bootstrapTokenUsagePrefix = 'usage-bootstrap-';
/** BootstrapTokenUsageSigningKey: the bootstrapsigner signs cluster-info with this token when exactly "true". */
export const bootstrapTokenUsageSigningKey = 'usage-bootstrap-signing';
/** BootstrapTokenUsageAuthentication: the token is a bearer token when exactly "true". */
export const bootstrapTokenUsageAuthenticationKey = 'usage-bootstrap-authentication';

/** ConfigMapClusterInfo, in kube-public. */
export const configMapClusterInfo = 'cluster-info';
/** KubeConfigKey of the cluster-info ConfigMap. */
export const kubeConfigKey = 'kubeconfig';
/** JWSSignatureKeyPrefix: `jws-kubeconfig-<token-id>` keys of cluster-info. */
export const jwsSignatureKeyPrefix = 'jws-kubeconfig-';

/** BootstrapGroupPattern, as upstream spells it (Go's `\A…\z`); it appears in messages. */
export const bootstrapGroupPattern = String.raw`\Asystem:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]\z`;
/** BootstrapTokenPattern, as upstream spells it. */
export const bootstrapTokenPattern = String.raw`\A([a-z0-9]{6})\.([a-z0-9]{16})\z`;
/** BootstrapTokenIDPattern, as upstream spells it. */
export const bootstrapTokenIdPattern = String.raw`\A([a-z0-9]{6})\z`;

/**
 * The same patterns for JavaScript: `^…$` without the `m` flag matches as Go's `\A…\z` (a JS `$`
 * does not match before a trailing newline).
 */
export const bootstrapGroupRegExp = /^system:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]$/;
export const bootstrapTokenRegExp = /^([a-z0-9]{6})\.([a-z0-9]{16})$/;
export const bootstrapTokenIdRegExp = /^([a-z0-9]{6})$/;

/** BootstrapTokenIDBytes. */
export const bootstrapTokenIdBytes = 6;
/** BootstrapTokenSecretBytes. */
export const bootstrapTokenSecretBytes = 16;

/** KnownTokenUsages, in upstream's order (messages list them this way). */
export const knownTokenUsages: readonly string[] = ['signing', 'authentication'];

/** kubeadm's DefaultTokenDuration: 24 hours. */
export const defaultTokenDurationMs = 24 * Hour;
/** kubeadm's DefaultTokenUsages (= KnownTokenUsages). */
export const defaultTokenUsages: readonly string[] = knownTokenUsages;
/** kubeadm's DefaultTokenGroups. */
export const defaultTokenGroups: readonly string[] = [kubeadmDefaultNodeTokenGroup];
