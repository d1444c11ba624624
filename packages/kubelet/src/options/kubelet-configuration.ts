// The part of KubeletConfiguration (kubelet.config.k8s.io/v1beta1) the simulation reads, with the
// defaults of pkg/kubelet/apis/config/v1beta1/defaults.go (SetDefaults_KubeletConfiguration) and
// the checks of pkg/kubelet/apis/config/validation/validation.go and cmd/kubelet/app/server.go
// (BuildAuth / BuildAuthz), with upstream wording; each error names the field.
import { parseDuration } from '@tlsboot/util';

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
  /** How often the kubelet computes its node status (Go duration). */
  nodeStatusUpdateFrequency: string;
  /** How often it posts the status when nothing changed (Go duration). */
  nodeStatusReportFrequency: string;
  /** The node Lease's duration; the kubelet renews it every quarter of it. */
  nodeLeaseDurationSeconds: number;
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
  nodeStatusUpdateFrequency?: string;
  nodeStatusReportFrequency?: string;
  nodeLeaseDurationSeconds?: number;
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
    // "For backward compatibility, NodeStatusReportFrequency's default value is set to
    // NodeStatusUpdateFrequency if NodeStatusUpdateFrequency is set explicitly." A zero value is unset, as in Go.
    nodeStatusReportFrequency: unlessZero(input.nodeStatusReportFrequency) ?? unlessZero(input.nodeStatusUpdateFrequency) ?? '5m0s',
    nodeStatusUpdateFrequency: unlessZero(input.nodeStatusUpdateFrequency) ?? '10s',
    nodeLeaseDurationSeconds: input.nodeLeaseDurationSeconds || 40,
  };
}

/** The validation errors of a defaulted configuration; empty when it is valid. */
export function validateKubeletConfiguration(c: KubeletConfiguration): string[] {
  const errs: string[] = [];
  if (!Number.isInteger(c.port) || c.port < 1 || c.port > 65535) {
    errs.push(`invalid configuration: port (--port) ${c.port} must be between 1 and 65535, inclusive`);
  }
  if (!(c.nodeLeaseDurationSeconds > 0)) {
    errs.push('invalid configuration: nodeLeaseDurationSeconds must be greater than 0');
  }
  for (const field of ['nodeStatusUpdateFrequency', 'nodeStatusReportFrequency'] as const) {
    const problem = durationProblem(c[field], field);
    if (problem) errs.push(`invalid configuration: ${problem}`);
  }
  if (c.authorization.mode !== 'AlwaysAllow' && c.authorization.mode !== 'Webhook') {
    // cmd/kubelet/app/auth.go BuildAuthz
    errs.push(`authorization.mode: unknown authorization mode ${c.authorization.mode}`);
  }
  return errs;
}

/** A Go duration unless it is zero (Go's zero value: not set); text that does not parse is kept for validation to name. */
function unlessZero(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    return parseDuration(text) === 0 ? undefined : text;
  } catch {
    return text;
  }
}

/** A positive Go duration, or what is wrong with it (upstream rejects the file at decoding). */
function durationProblem(text: string, field: string): string | undefined {
  try {
    return parseDuration(text, field) > 0 ? undefined : `${field} ${JSON.stringify(text)} must be > 0`;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** A validated configuration's Go duration field in milliseconds. */
export function configDurationMs(c: KubeletConfiguration, field: 'nodeStatusUpdateFrequency' | 'nodeStatusReportFrequency'): number {
  return parseDuration(c[field], field);
}
