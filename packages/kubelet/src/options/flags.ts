// The kubelet command-line flags modelled here, by their real names (cmd/kubelet/app/options/
// options.go KubeletFlags and the deprecated flags that set KubeletConfiguration fields:
// --rotate-certificates → rotateCertificates, --rotate-server-certificates → serverTLSBootstrap),
// parsed with pflag's conventions and wording, as kube-controller-manager's flags.ts does.
import { parseArgs } from 'node:util';
import { TlsbootError } from '@tlsboot/util';

export type KubeletOptionsErrorCode = 'KUBELET_FLAGS_INVALID' | 'KUBELET_CONFIG_INVALID';

/** KubeletFlags: what only the command line says. */
export interface KubeletFlags {
  /** --kubeconfig: where the kubelet's kubeconfig is (written by the bootstrap). */
  kubeconfig: string;
  /** --bootstrap-kubeconfig: the bootstrap token's kubeconfig; empty = no bootstrap. */
  bootstrapKubeconfig: string;
  /** --cert-dir: default /var/lib/kubelet/pki. */
  certDir: string;
  /** --node-ip: comma-separated, at most one per IP family. */
  nodeIP: string;
  /** --hostname-override: the node name instead of the hostname. */
  hostnameOverride: string;
  /** --rotate-certificates / --rotate-server-certificates when given (they override the configuration). */
  rotateCertificates?: boolean;
  rotateServerCertificates?: boolean;
}

export const defaultCertDir = '/var/lib/kubelet/pki';

const stringFlags = { kubeconfig: 'kubeconfig', 'bootstrap-kubeconfig': 'bootstrapKubeconfig', 'cert-dir': 'certDir', 'node-ip': 'nodeIP', 'hostname-override': 'hostnameOverride' } as const;
const boolFlags = { 'rotate-certificates': 'rotateCertificates', 'rotate-server-certificates': 'rotateServerCertificates' } as const;

/** The flag names this model knows. */
export const kubeletFlagNames: readonly string[] = [...Object.keys(stringFlags), ...Object.keys(boolFlags)].sort();

function fail(message: string): never {
  throw new TlsbootError<KubeletOptionsErrorCode>('KUBELET_FLAGS_INVALID', message);
}

function parseBool(flag: string, value: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return fail(`invalid argument ${JSON.stringify(value)} for "--${flag}" flag: strconv.ParseBool: parsing ${JSON.stringify(value)}: invalid syntax`);
}

/** Defaults of KubeletFlags (NewKubeletFlags). */
export function defaultKubeletFlags(input: Partial<KubeletFlags> = {}): KubeletFlags {
  return { kubeconfig: '', bootstrapKubeconfig: '', certDir: defaultCertDir, nodeIP: '', hostnameOverride: '', ...input };
}

/** Parses kubelet flags; unknown flags and positional arguments fail as the real binary fails. */
export function parseKubeletFlags(argv: readonly string[]): KubeletFlags {
  const input: Partial<KubeletFlags> = {};
  const rest: string[] = [];
  for (const arg of argv) {
    const m = /^--([^=]+)(?:=(.*))?$/s.exec(arg);
    const key = m ? boolFlags[m[1] as keyof typeof boolFlags] : undefined;
    if (m && key) input[key] = m[2] === undefined ? true : parseBool(m[1]!, m[2]);
    else rest.push(arg);
  }
  let values: Record<string, string | undefined>;
  try {
    const parsed = parseArgs({ args: rest, options: Object.fromEntries(Object.keys(stringFlags).map((f) => [f, { type: 'string' as const }])), strict: true, allowPositionals: false });
    values = parsed.values as Record<string, string | undefined>;
  } catch (err) {
    const msg = (err as Error).message;
    const unknown = /Unknown option '--?([^']+)'/.exec(msg);
    if (unknown) fail(`unknown flag: --${unknown[1]}`);
    const missing = /Option '--([^ ']+)/.exec(msg);
    if (missing) fail(`flag needs an argument: --${missing[1]}`);
    fail(msg);
  }
  for (const [flag, key] of Object.entries(stringFlags)) {
    const v = values[flag];
    if (v !== undefined) input[key] = v;
  }
  return defaultKubeletFlags(input);
}
