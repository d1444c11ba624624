/**
 * `--authorization-mode`, `--enable-admission-plugins` and `--enable-bootstrap-token-auth` turned
 * into the authorizer chain, the admission plugins and the token authenticators, as
 * pkg/kubeapiserver/authorizer/config.go (New: one authorizer per mode, in the order given),
 * pkg/kubeapiserver/options/admission.go and pkg/kubeapiserver/authenticator/config.go do.
 *
 * Upstream kube-apiserver's own flag defaults are `AlwaysAllow` and no bootstrap tokens; every
 * kubeadm cluster runs `--authorization-mode=Node,RBAC --enable-admission-plugins=NodeRestriction
 * --enable-bootstrap-token-auth=true`, and those are the defaults here (see ApiServerOptions).
 * The default policy is reconciled by startApiServer whatever the modes, as the rbac/bootstrap-roles
 * post-start hook does whenever the rbac API is served (pkg/registry/rbac/rest/storage_rbac.go).
 */
import { rbacGroup } from '@tlsboot/api';
import { bootstrapTokenAuthenticators } from '../authentication/token/bootstrap.js';
import type { TokenAuthenticator } from '../authentication/interfaces.js';
import type { AdmissionPlugin } from '../admission/interfaces.js';
import { nodeRestrictionAdmission } from '../admission/noderestriction/getters.js';
import { certificateApproval } from '../admission/certificates/approval/admission.js';
import { certificateSigning } from '../admission/certificates/signing/admission.js';
import { certificateSubjectRestriction } from '../admission/certificates/subjectrestriction/admission.js';
import { alwaysAllowAuthorizer, alwaysDenyAuthorizer } from '../authorization/always.js';
import type { Authorizer } from '../authorization/interfaces.js';
import { nodeAuthorizer } from '../authorization/node/new-node-authorizer.js';
import { ensureBootstrapPolicy } from '../authorization/rbac/bootstrappolicy/ensure-policy.js';
import type { BootstrapPolicyPreset } from '../authorization/rbac/bootstrappolicy/bootstrap-policy.js';
import { rbacAuthorizer } from '../authorization/rbac/config.js';
import type { ServerContext } from './start-api-server.js';

/** The `--authorization-mode` values (Webhook is not simulated). */
export const authorizationModes = ['Node', 'RBAC', 'AlwaysAllow', 'AlwaysDeny'] as const;
export type AuthorizationMode = (typeof authorizationModes)[number];

/** kubeadm's `--authorization-mode=Node,RBAC`. */
export const defaultAuthorizationModes: readonly AuthorizationMode[] = ['Node', 'RBAC'];

/**
 * The admission plugins of `--enable-admission-plugins` simulated here besides NamespaceLifecycle,
 * in upstream's run order (AllOrderedPlugins in pkg/kubeapiserver/options/plugins.go): whatever
 * order they are enabled in, they run in this one.
 */
export const admissionPluginNames = ['NodeRestriction', 'CertificateApproval', 'CertificateSigning', 'CertificateSubjectRestriction'] as const;
export type AdmissionPluginName = (typeof admissionPluginNames)[number];

/**
 * What runs by default: kubeadm's `--enable-admission-plugins=NodeRestriction` plus the
 * certificate plugins upstream enables by default (DefaultOffAdmissionPlugins leaves them on).
 * Unlike the real flag, a list given here replaces this one rather than adding to it.
 */
export const defaultAdmissionPlugins: readonly AdmissionPluginName[] = ['NodeRestriction', 'CertificateApproval', 'CertificateSigning', 'CertificateSubjectRestriction'];

/** Which authorizers to build. */
export interface AuthorizationConfig {
  modes: readonly AuthorizationMode[];
}

/**
 * The default RBAC policy reconciled at start: `upstream` (the bare v1.32 defaults), `kubeadm`
 * (plus what `kubeadm init` creates) or `none` (nothing: a server whose bootstrap-roles hook has
 * not run, for tests of the reconciliation itself).
 */
export type PolicyPreset = BootstrapPolicyPreset | 'none';

/** The rbac/bootstrap-roles post-start hook: reconcile the preset's objects when the rbac API is served. */
export async function reconcileDefaultPolicy(policy: PolicyPreset, context: ServerContext): Promise<void> {
  const served = context.registry.table.some((i) => i.group === rbacGroup && i.resource === 'clusterroles' && i.etcdPrefix !== undefined);
  if (policy !== 'none' && served) await ensureBootstrapPolicy(context.registry, { preset: policy });
}

/** A clear refusal of a mode list upstream refuses too (unknown or repeated modes). */
export function validateAuthorizationModes(modes: readonly string[]): AuthorizationMode[] {
  if (modes.length === 0) throw new Error('at least one authorization-mode must be passed');
  const seen = new Set<string>();
  for (const m of modes) {
    if (!(authorizationModes as readonly string[]).includes(m)) throw new Error(`authorization-mode ${JSON.stringify(m)} is not a valid mode`);
    if (seen.has(m)) throw new Error(`authorization-mode ${JSON.stringify(m)} has mode specified more than once`);
    seen.add(m);
  }
  return modes as AuthorizationMode[];
}

export async function buildAuthorizers(config: AuthorizationConfig, context: ServerContext): Promise<Authorizer[]> {
  const modes = validateAuthorizationModes(config.modes);
  const built: Authorizer[] = [];
  for (const mode of modes) {
    switch (mode) {
      case 'Node':
        built.push(await nodeAuthorizer(context));
        break;
      case 'RBAC':
        built.push(await rbacAuthorizer(context));
        break;
      case 'AlwaysAllow':
        built.push(alwaysAllowAuthorizer());
        break;
      case 'AlwaysDeny':
        built.push(alwaysDenyAuthorizer());
        break;
    }
  }
  return built;
}

/**
 * The plugins named, in upstream's order. CertificateApproval and CertificateSigning ask
 * `authorizer` (the server's whole chain, system:masters included, as upstream's
 * WantsAuthorizer initializer gives it).
 */
export function buildAdmissionPlugins(names: readonly AdmissionPluginName[], context: ServerContext, authorizer: Authorizer): AdmissionPlugin[] {
  const ordered = admissionPluginNames.filter((n) => names.includes(n));
  return ordered.map((name) => {
    switch (name) {
      case 'NodeRestriction':
        return nodeRestrictionAdmission(context);
      case 'CertificateApproval':
        return certificateApproval(authorizer);
      case 'CertificateSigning':
        return certificateSigning(authorizer);
      case 'CertificateSubjectRestriction':
        return certificateSubjectRestriction();
    }
  });
}

/** `--enable-bootstrap-token-auth`: the bootstrap-token authenticator after the service-account one. */
export function buildBootstrapTokenAuthenticators(enabled: boolean, context: ServerContext): TokenAuthenticator[] {
  return enabled ? bootstrapTokenAuthenticators(context) : [];
}
