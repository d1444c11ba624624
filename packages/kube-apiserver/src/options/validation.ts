// The cross-flag rules of kube-apiserver v1.32 for the simulated flags, in upstream's order
// (pkg/controlplane/apiserver/options/validation.go CompletedOptions.Validate: secure serving,
// authentication, authorization, admission), each with upstream's wording:
// k8s.io/apiserver/pkg/server/options/serving.go (SecureServingOptions.Validate),
// pkg/kubeapiserver/options/authentication.go (ServiceAccountAuthenticationOptions.Validate),
// pkg/kubeapiserver/options/authorization.go (BuiltInAuthorizationOptions.Validate),
// k8s.io/apiserver/pkg/server/options/admission.go (AdmissionOptions.Validate) over the plugin
// names of pkg/kubeapiserver/options/plugins.go (AllOrderedPlugins). What tlsboot adds — modes
// and plugins it does not simulate, a bind address other than 127.0.0.1 — says so in its own words.
import { admissionPluginNames, authorizationModes } from '../server/authorization-modes.js';
import type { KubeApiServerFlags } from './flags.js';
import { quote } from './flag-values.js';

/** authzmodes.AuthorizationModeChoices (pkg/kubeapiserver/authorizer/modes/modes.go). */
export const upstreamAuthorizationModes: readonly string[] = ['AlwaysAllow', 'AlwaysDeny', 'ABAC', 'Webhook', 'RBAC', 'Node'];

/** AllOrderedPlugins of v1.32: every admission plugin name the real binary knows. */
export const upstreamAdmissionPlugins: readonly string[] = [
  'AlwaysAdmit',
  'NamespaceAutoProvision',
  'NamespaceLifecycle',
  'NamespaceExists',
  'LimitPodHardAntiAffinityTopology',
  'LimitRanger',
  'ServiceAccount',
  'NodeRestriction',
  'TaintNodesByCondition',
  'AlwaysPullImages',
  'ImagePolicyWebhook',
  'PodSecurity',
  'PodNodeSelector',
  'Priority',
  'DefaultTolerationSeconds',
  'PodTolerationRestriction',
  'EventRateLimit',
  'ExtendedResourceToleration',
  'DefaultStorageClass',
  'StorageObjectInUseProtection',
  'OwnerReferencesPermissionEnforcement',
  'PersistentVolumeClaimResize',
  'RuntimeClass',
  'CertificateApproval',
  'CertificateSigning',
  'ClusterTrustBundleAttest',
  'CertificateSubjectRestriction',
  'DefaultIngressClass',
  'DenyServiceExternalIPs',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionWebhook',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionWebhook',
  'ResourceQuota',
  'AlwaysDeny',
];

/** The one address tlsboot listens on. */
export const loopbackBindAddress = '127.0.0.1';

const maxTokenExpirationMs = { low: 3600 * 1000, high: 2 ** 32 * 1000 };

/**
 * The check of --service-account-max-token-expiration that upstream makes while completing the
 * options (completeServiceAccountOptions), before Validate runs: alone, and first.
 */
export function completeKubeApiServerFlags(f: KubeApiServerFlags): string | undefined {
  const max = f.serviceAccountMaxTokenExpirationMs;
  if (max !== undefined && max !== 0 && (max < maxTokenExpirationMs.low || max > maxTokenExpirationMs.high)) {
    return 'the service-account-max-token-expiration must be between 1 hour and 2^32 seconds';
  }
  return undefined;
}

/** CompletedOptions.Validate for the simulated flags: one message per problem. */
export function validateKubeApiServerFlags(f: KubeApiServerFlags): string[] {
  return [...validateSecureServing(f), ...validateServiceAccounts(f), ...validateAuthorization(f), ...validateAdmission(f), ...validateKubeletClient(f)];
}

function validateSecureServing(f: KubeApiServerFlags): string[] {
  const errs: string[] = [];
  // kube-apiserver's secure serving is Required: 0 cannot turn it off
  if (f.securePort !== undefined && (f.securePort < 1 || f.securePort > 65535)) {
    errs.push(`--secure-port ${f.securePort} must be between 1 and 65535, inclusive. It cannot be turned off with 0`);
  }
  if (f.bindAddress !== undefined && f.bindAddress !== loopbackBindAddress) {
    errs.push(`--bind-address=${f.bindAddress}: tlsboot serves every component on ${loopbackBindAddress} only; leave the flag out or set --bind-address=${loopbackBindAddress}`);
  }
  return errs;
}

function validateServiceAccounts(f: KubeApiServerFlags): string[] {
  const errs: string[] = [];
  const seen = new Set<string>();
  for (const issuer of f.serviceAccountIssuer ?? []) {
    if (issuer === '') {
      errs.push('service-account-issuer should not be an empty string');
      continue;
    }
    if (seen.has(issuer)) {
      errs.push(`service-account-issuer ${quote(issuer)} is already specified`);
      continue;
    }
    seen.add(issuer);
  }
  return errs;
}

function validateAuthorization(f: KubeApiServerFlags): string[] {
  const modes = f.authorizationMode;
  if (modes === undefined) return [];
  const errs: string[] = [];
  if (modes.length === 0) errs.push('at least one authorization-mode must be passed');
  const simulated = authorizationModes as readonly string[];
  for (const mode of modes) {
    if (!upstreamAuthorizationModes.includes(mode)) errs.push(`authorization-mode ${quote(mode)} is not a valid mode`);
    else if (!simulated.includes(mode)) {
      errs.push(`authorization-mode ${quote(mode)} is a real kube-apiserver mode that tlsboot does not simulate (simulated: ${simulated.join(', ')})`);
    }
  }
  if (new Set(modes).size !== modes.length) errs.push(`authorization-mode [${modes.map(quote).join(' ')}] has mode specified more than once`);
  return errs;
}

function validateAdmission(f: KubeApiServerFlags): string[] {
  const errs: string[] = [];
  const enable = f.enableAdmissionPlugins ?? [];
  const disable = f.disableAdmissionPlugins ?? [];
  for (const name of enable) if (!upstreamAdmissionPlugins.includes(name)) errs.push(`enable-admission-plugins plugin ${quote(name)} is unknown`);
  for (const name of disable) if (!upstreamAdmissionPlugins.includes(name)) errs.push(`disable-admission-plugins plugin ${quote(name)} is unknown`);
  const overlap = [...new Set(enable)].filter((n) => disable.includes(n)).sort();
  if (overlap.length > 0) errs.push(`[${overlap.join(' ')}] in enable-admission-plugins and disable-admission-plugins overlapped`);
  const simulated = ['NamespaceLifecycle', ...admissionPluginNames] as readonly string[];
  for (const name of enable) {
    if (upstreamAdmissionPlugins.includes(name) && !simulated.includes(name)) {
      errs.push(`admission plugin ${quote(name)} is a real kube-apiserver plugin that tlsboot does not simulate (simulated: ${simulated.join(', ')})`);
    }
  }
  if (disable.includes('NamespaceLifecycle')) errs.push('tlsboot always runs the NamespaceLifecycle admission plugin: it cannot be disabled');
  return errs;
}

/** tlsboot's own rule: the apiserver's kubelet client identity is a pair (upstream fails later, loading the TLS pair). */
function validateKubeletClient(f: KubeApiServerFlags): string[] {
  if ((f.kubeletClientCertificate === undefined) === (f.kubeletClientKey === undefined)) return [];
  return ['--kubelet-client-certificate and --kubelet-client-key must be given together'];
}
