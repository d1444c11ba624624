// The command line of kube-controller-manager for the flags modelled here, parsed with
// node:util parseArgs and pflag's conventions (`--flag=value` or `--flag value`, booleans as
// `--flag` or `--flag=<strconv.ParseBool>`, string slices comma-separated and appended when
// repeated), with pflag's error wording (spf13/pflag flag.go, bool.go, string_slice.go).
import { parseArgs } from 'node:util';
import { TlsbootError } from '@tlsboot/util';
import { kubeControllerManagerOptions } from './options.js';
import type { KcmOptionsErrorCode, KubeControllerManagerOptions, KubeControllerManagerOptionsInput, SignerFiles } from './options.js';

const signerFlags = {
  'kubelet-serving': 'kubeletServingSigner',
  'kubelet-client': 'kubeletClientSigner',
  'kube-apiserver-client': 'kubeAPIServerClientSigner',
  'legacy-unknown': 'legacyUnknownSigner',
} as const;

const stringFlags = [
  'kubeconfig',
  'controllers',
  'cluster-signing-cert-file',
  'cluster-signing-key-file',
  'cluster-signing-duration',
  'root-ca-file',
  'service-account-private-key-file',
  ...Object.keys(signerFlags).flatMap((s) => [`cluster-signing-${s}-cert-file`, `cluster-signing-${s}-key-file`]),
];
const boolFlags = ['use-service-account-credentials'];

/** The flag names this model knows (for help and scenario validation). */
export const kubeControllerManagerFlagNames: readonly string[] = [...stringFlags, ...boolFlags].sort();

function fail(message: string): never {
  throw new TlsbootError<KcmOptionsErrorCode>('KCM_FLAGS_INVALID', message);
}

/** strconv.ParseBool. */
function parseBool(flag: string, value: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return fail(`invalid argument ${JSON.stringify(value)} for "--${flag}" flag: strconv.ParseBool: parsing ${JSON.stringify(value)}: invalid syntax`);
}

/**
 * Parses kube-controller-manager flags into validated options. Unknown flags, missing values
 * and positional arguments fail as the real binary fails.
 */
export function parseKubeControllerManagerFlags(argv: readonly string[]): KubeControllerManagerOptions {
  const input: KubeControllerManagerOptionsInput = {};
  const rest: string[] = [];
  for (const arg of argv) {
    const m = /^--([^=]+)(?:=(.*))?$/s.exec(arg);
    if (m && boolFlags.includes(m[1]!)) {
      input.useServiceAccountCredentials = m[2] === undefined ? true : parseBool(m[1]!, m[2]);
    } else rest.push(arg);
  }
  let parsed: ReturnType<typeof parseArgs<{ options: Record<string, { type: 'string'; multiple: true }>; strict: true; allowPositionals: true }>>;
  try {
    parsed = parseArgs({
      args: rest,
      options: Object.fromEntries(stringFlags.map((f) => [f, { type: 'string' as const, multiple: true as const }])),
      strict: true,
      allowPositionals: true,
    });
  } catch (err) {
    const code = (err as { code?: string }).code;
    const flag = /'(-[^' ]+)/.exec((err as Error).message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') fail(`unknown flag: ${flag}`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') fail(`flag needs an argument: ${flag}`);
    throw err;
  }
  if (parsed.positionals.length > 0) {
    fail(`kube-controller-manager does not take any arguments, got ${JSON.stringify(parsed.positionals)}`);
  }
  const values = parsed.values as Record<string, string[] | undefined>;
  const last = (flag: string): string | undefined => values[flag]?.at(-1);
  const set = <K extends keyof KubeControllerManagerOptionsInput>(key: K, flag: string): void => {
    const v = last(flag);
    if (v !== undefined) input[key] = v as KubeControllerManagerOptionsInput[K];
  };
  set('kubeconfig', 'kubeconfig');
  set('clusterSigningCertFile', 'cluster-signing-cert-file');
  set('clusterSigningKeyFile', 'cluster-signing-key-file');
  set('clusterSigningDuration', 'cluster-signing-duration');
  set('rootCAFile', 'root-ca-file');
  set('serviceAccountPrivateKeyFile', 'service-account-private-key-file');
  if (values['controllers']) input.controllers = values['controllers'].flatMap((v) => (v === '' ? [] : v.split(',')));
  for (const [signer, key] of Object.entries(signerFlags)) {
    const files: SignerFiles = {};
    const cert = last(`cluster-signing-${signer}-cert-file`);
    const k = last(`cluster-signing-${signer}-key-file`);
    if (cert !== undefined) files.certFile = cert;
    if (k !== undefined) files.keyFile = k;
    input[key] = files;
  }
  return kubeControllerManagerOptions(input);
}
