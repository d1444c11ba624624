// The kube-apiserver command line for the flags tlsboot simulates, by their real names and
// pflag types (pkg/kubeapiserver/options/authentication.go, authorization.go, admission.go via
// k8s.io/apiserver/pkg/server/options/admission.go, k8s.io/apiserver/pkg/server/options/
// serving.go and authentication.go, pkg/controlplane/apiserver/options/options.go for
// --service-account-signing-key-file, cmd/kube-apiserver/app/options/options.go for --kubelet-*).
// Tokenised with node:util parseArgs and pflag's conventions, as the kube-controller-manager and
// kubelet flags are: `--flag=value` or `--flag value`, booleans `--flag` or `--flag=<ParseBool>`,
// string slices comma-separated and appended when repeated, string arrays one value per use.
// The cobra command takes no positional arguments (cmd/kube-apiserver/app/server.go).
import { parseArgs } from 'node:util';
import { fail, parseBoolFlag, parseDurationFlag, parseIntFlag, parseIPFlag, quote, stringSlice } from './flag-values.js';
import { unsupportedFlagMessage, unsupportedKubeApiServerFlags } from './unsupported-flags.js';

/** The simulated flags as given: a field is absent when its flag was not on the command line. */
export interface KubeApiServerFlags {
  /** --authorization-mode (StringSlice). */
  authorizationMode?: string[];
  /** --anonymous-auth. */
  anonymousAuth?: boolean;
  /** --enable-bootstrap-token-auth. */
  enableBootstrapTokenAuth?: boolean;
  /** --enable-admission-plugins / --disable-admission-plugins (StringSlice). */
  enableAdmissionPlugins?: string[];
  disableAdmissionPlugins?: string[];
  /** --client-ca-file. */
  clientCAFile?: string;
  /** --kubelet-client-certificate / --kubelet-client-key / --kubelet-certificate-authority. */
  kubeletClientCertificate?: string;
  kubeletClientKey?: string;
  kubeletCertificateAuthority?: string;
  /** --kubelet-preferred-address-types (StringSlice). */
  kubeletPreferredAddressTypes?: string[];
  /** --service-account-issuer (StringArray: one issuer per use). */
  serviceAccountIssuer?: string[];
  /** --api-audiences (StringSlice). */
  apiAudiences?: string[];
  /** --service-account-max-token-expiration, in ms. */
  serviceAccountMaxTokenExpirationMs?: number;
  /** --service-account-key-file (StringArray). */
  serviceAccountKeyFile?: string[];
  /** --service-account-signing-key-file. */
  serviceAccountSigningKeyFile?: string;
  /** --secure-port. */
  securePort?: number;
  /** --bind-address (the IP as given). */
  bindAddress?: string;
}

type Kind = 'bool' | 'string' | 'stringSlice' | 'stringArray' | 'int' | 'duration' | 'ip';

const flagTable = {
  'authorization-mode': ['authorizationMode', 'stringSlice'],
  'anonymous-auth': ['anonymousAuth', 'bool'],
  'enable-bootstrap-token-auth': ['enableBootstrapTokenAuth', 'bool'],
  'enable-admission-plugins': ['enableAdmissionPlugins', 'stringSlice'],
  'disable-admission-plugins': ['disableAdmissionPlugins', 'stringSlice'],
  'client-ca-file': ['clientCAFile', 'string'],
  'kubelet-client-certificate': ['kubeletClientCertificate', 'string'],
  'kubelet-client-key': ['kubeletClientKey', 'string'],
  'kubelet-certificate-authority': ['kubeletCertificateAuthority', 'string'],
  'kubelet-preferred-address-types': ['kubeletPreferredAddressTypes', 'stringSlice'],
  'service-account-issuer': ['serviceAccountIssuer', 'stringArray'],
  'api-audiences': ['apiAudiences', 'stringSlice'],
  'service-account-max-token-expiration': ['serviceAccountMaxTokenExpirationMs', 'duration'],
  'service-account-key-file': ['serviceAccountKeyFile', 'stringArray'],
  'service-account-signing-key-file': ['serviceAccountSigningKeyFile', 'string'],
  'secure-port': ['securePort', 'int'],
  'bind-address': ['bindAddress', 'ip'],
} as const satisfies Record<string, readonly [keyof KubeApiServerFlags, Kind]>;

type FlagName = keyof typeof flagTable;

/** The flag names this model simulates (for help and scenario validation). */
export const kubeApiServerFlagNames: readonly string[] = Object.keys(flagTable).sort();

function isFlag(name: string): name is FlagName {
  return Object.hasOwn(flagTable, name);
}

/** parseArgs' errors in pflag's words, with the sentence for real flags tlsboot does not simulate. */
function tokenizeError(err: unknown): never {
  const code = (err as { code?: string }).code;
  const flag = /'(-[^' ]+)/.exec((err as Error).message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const name = flag.replace(/^--?/, '');
    if (unsupportedKubeApiServerFlags.has(name)) fail(unsupportedFlagMessage(name));
    if (!flag.startsWith('--')) fail(`unknown shorthand flag: '${name.charAt(0)}' in ${flag}`);
    fail(`unknown flag: ${flag}`);
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') fail(`flag needs an argument: ${flag}`);
  throw err;
}

/**
 * Parses the command line into the flags given, checking each value's syntax (pflag's errors);
 * the cross-flag rules are validateKubeApiServerFlags'. Throws KUBE_APISERVER_FLAGS_INVALID.
 */
export function parseKubeApiServerFlagValues(argv: readonly string[]): KubeApiServerFlags {
  // a bare boolean (`--anonymous-auth`) means true (pflag's NoOptDefVal); everything else takes a value
  const args = argv.map((a) => {
    const m = /^--([^=]+)$/.exec(a);
    return m && isFlag(m[1]!) && flagTable[m[1]!][1] === 'bool' ? `${a}=true` : a;
  });
  let tokens: ReturnType<typeof parseArgs>['tokens'];
  try {
    tokens = parseArgs({
      args,
      options: Object.fromEntries(Object.keys(flagTable).map((f) => [f, { type: 'string' as const, multiple: true as const }])),
      strict: true,
      allowPositionals: true,
      tokens: true,
    }).tokens;
  } catch (err) {
    tokenizeError(err);
  }
  const flags: KubeApiServerFlags = {};
  const lists: Partial<Record<FlagName, string[]>> = {};
  const positionals: string[] = [];
  for (const token of tokens ?? []) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option' || !isFlag(token.name)) continue;
    const name = token.name;
    const value = token.value ?? '';
    const [key, kind] = flagTable[name];
    const set = (v: KubeApiServerFlags[typeof key]): void => {
      (flags as Record<string, unknown>)[key] = v;
    };
    switch (kind) {
      case 'bool':
        set(parseBoolFlag(name, value));
        break;
      case 'int':
        set(parseIntFlag(name, value));
        break;
      case 'duration':
        set(parseDurationFlag(name, value));
        break;
      case 'ip':
        set(parseIPFlag(name, value));
        break;
      case 'string':
        set(value);
        break;
      case 'stringSlice':
      case 'stringArray':
        (lists[name] ??= []).push(value);
        set(kind === 'stringSlice' ? stringSlice(lists[name]) : [...lists[name]]);
        break;
    }
  }
  if (positionals.length > 0) fail(`"kube-apiserver" does not take any arguments, got [${positionals.map(quote).join(' ')}]`);
  return flags;
}
