// The part of KubeletConfiguration (kubelet.config.k8s.io/v1beta1) the simulation reads, with the
// defaults of pkg/kubelet/apis/config/v1beta1/defaults.go (SetDefaults_KubeletConfiguration) and
// the checks of pkg/kubelet/apis/config/validation/validation.go and cmd/kubelet/app/server.go
// (BuildAuth / BuildAuthz), with upstream wording; each error names the field.

export type KubeletAuthorizationMode = 'AlwaysAllow' | 'Webhook';

export interface KubeletConfiguration {
  /** Request a client certificate by CSR and rotate it (Path A). Plain bool: no default true (kubeadm sets it). */
  rotateCertificates: boolean;
  /** Request the serving certificate from the apiserver by CSR (kubelet-serving signer). */
  serverTLSBootstrap: boolean;
  authentication: {
    anonymous: { enabled: boolean };
    /** PEM bundle path that client certificates of the kubelet's HTTPS server must chain to; empty = x509 off. */
    x509: { clientCAFile: string };
    /** Bearer tokens checked by TokenReview; cacheTTL as a Go duration string. */
    webhook: { enabled: boolean; cacheTTL: string };
  };
  authorization: {
    mode: KubeletAuthorizationMode;
    webhook: { cacheAuthorizedTTL: string; cacheUnauthorizedTTL: string };
  };
  /** The kubelet HTTPS server's port. */
  port: number;
}

/** A partial configuration, as a KubeletConfiguration file may leave fields out. */
export interface KubeletConfigurationInput {
  rotateCertificates?: boolean;
  serverTLSBootstrap?: boolean;
  authentication?: {
    anonymous?: { enabled?: boolean };
    x509?: { clientCAFile?: string };
    webhook?: { enabled?: boolean; cacheTTL?: string };
  };
  authorization?: { mode?: string; webhook?: { cacheAuthorizedTTL?: string; cacheUnauthorizedTTL?: string } };
  port?: number;
}

/** SetDefaults_KubeletConfiguration for the fields above (the config-file defaults, not the legacy flag ones). */
export function defaultKubeletConfiguration(input: KubeletConfigurationInput = {}): KubeletConfiguration {
  const a = input.authentication ?? {};
  const z = input.authorization ?? {};
  return {
    rotateCertificates: input.rotateCertificates ?? false,
    serverTLSBootstrap: input.serverTLSBootstrap ?? false,
    authentication: {
      anonymous: { enabled: a.anonymous?.enabled ?? false },
      x509: { clientCAFile: a.x509?.clientCAFile ?? '' },
      webhook: { enabled: a.webhook?.enabled ?? true, cacheTTL: a.webhook?.cacheTTL ?? '2m0s' },
    },
    authorization: {
      mode: (z.mode ?? 'Webhook') as KubeletAuthorizationMode,
      webhook: { cacheAuthorizedTTL: z.webhook?.cacheAuthorizedTTL ?? '5m0s', cacheUnauthorizedTTL: z.webhook?.cacheUnauthorizedTTL ?? '30s' },
    },
    port: input.port ?? 10250,
  };
}

/** The validation errors of a defaulted configuration; empty when it is valid. */
export function validateKubeletConfiguration(c: KubeletConfiguration): string[] {
  const errs: string[] = [];
  if (!Number.isInteger(c.port) || c.port < 1 || c.port > 65535) {
    errs.push(`invalid configuration: port (--port) ${c.port} must be between 1 and 65535, inclusive`);
  }
  if (c.authorization.mode !== 'AlwaysAllow' && c.authorization.mode !== 'Webhook') {
    // cmd/kubelet/app/auth.go BuildAuthz
    errs.push(`authorization.mode: unknown authorization mode ${c.authorization.mode}`);
  }
  return errs;
}
