// kube-controller-manager's flags that tlsboot models, by their real names:
// cmd/kube-controller-manager/app/options/options.go (KubeControllerManagerOptions: Validate),
// staging/src/k8s.io/controller-manager/options/generic.go (--controllers, its Validate and
// ApplyTo with aliases), app/options/csrsigningcontroller.go (--cluster-signing-*),
// app/options/serviceaccountcontroller.go (--root-ca-file, --service-account-private-key-file).
// Options come from an argv-like list (parseKubeControllerManagerFlags) or an object
// (kubeControllerManagerOptions); both end in the same validation.
import { TlsbootError, formatDuration, Hour, parseDuration } from '@tlsboot/util';
import { allControllerNames, controllerAliases } from '../names.js';

export type KcmOptionsErrorCode = 'KCM_FLAGS_INVALID';

/** One signer's CA pair (csrsigningconfig.CSRSigningConfiguration). */
export interface SignerFiles {
  certFile?: string;
  keyFile?: string;
}

export interface KubeControllerManagerOptions {
  /** --kubeconfig: the component's own kubeconfig (identity system:kube-controller-manager). */
  kubeconfig?: string;
  /**
   * --controllers after ApplyTo: aliases replaced by canonical names, `-` kept. Default `["*"]`.
   * The first entry naming a controller decides; otherwise `*` turns on the enabled-by-default ones.
   */
  controllers: string[];
  /** --use-service-account-credentials: one ServiceAccount identity per controller. Upstream default false; kubeadm sets true. */
  useServiceAccountCredentials: boolean;
  /** --cluster-signing-cert-file / --cluster-signing-key-file: the CA shared by every signer. */
  clusterSigningCertFile?: string;
  clusterSigningKeyFile?: string;
  /** --cluster-signing-<signer>-{cert,key}-file. */
  kubeletServingSigner: SignerFiles;
  kubeletClientSigner: SignerFiles;
  kubeAPIServerClientSigner: SignerFiles;
  legacyUnknownSigner: SignerFiles;
  /** --cluster-signing-duration in ms; default 8760h (one year). */
  clusterSigningDurationMs: number;
  /** --root-ca-file. */
  rootCAFile?: string;
  /** --service-account-private-key-file. */
  serviceAccountPrivateKeyFile?: string;
}

/** The input of kubeControllerManagerOptions: everything optional, durations as Go strings or ms. */
export type KubeControllerManagerOptionsInput = Partial<Omit<KubeControllerManagerOptions, 'clusterSigningDurationMs'>> & {
  /** Go duration (`8760h`) or milliseconds. */
  clusterSigningDuration?: string | number;
};

/** RecommendedDefaultCSRSigningControllerConfiguration: 365 days. */
export const defaultClusterSigningDurationMs = 8760 * Hour;

/** The flags kubeadm's static Pod passes that matter here (cmd/kubeadm/app/phases/controlplane/manifests.go). */
export const kubeadmControllerManagerFlags: readonly string[] = ['--use-service-account-credentials=true', '--controllers=*,bootstrapsigner,tokencleaner'];

/** Options with every default, validated. Throws KCM_FLAGS_INVALID naming the flags at fault. */
export function kubeControllerManagerOptions(input: KubeControllerManagerOptionsInput = {}): KubeControllerManagerOptions {
  const errors: string[] = [];
  let durationMs = defaultClusterSigningDurationMs;
  if (typeof input.clusterSigningDuration === 'number') durationMs = input.clusterSigningDuration;
  else if (typeof input.clusterSigningDuration === 'string') {
    try {
      durationMs = parseGoDurationFlag(input.clusterSigningDuration, 'cluster-signing-duration');
    } catch (err) {
      errors.push((err as Error).message);
    }
  }
  const raw: KubeControllerManagerOptions = {
    controllers: [...(input.controllers ?? ['*'])],
    useServiceAccountCredentials: input.useServiceAccountCredentials ?? false,
    kubeletServingSigner: { ...input.kubeletServingSigner },
    kubeletClientSigner: { ...input.kubeletClientSigner },
    kubeAPIServerClientSigner: { ...input.kubeAPIServerClientSigner },
    legacyUnknownSigner: { ...input.legacyUnknownSigner },
    clusterSigningDurationMs: durationMs,
  };
  for (const key of ['kubeconfig', 'clusterSigningCertFile', 'clusterSigningKeyFile', 'rootCAFile', 'serviceAccountPrivateKeyFile'] as const) {
    const v = input[key];
    if (v !== undefined && v !== '') raw[key] = v;
  }
  errors.push(...validateKubeControllerManagerOptions(raw));
  if (errors.length > 0) throw new TlsbootError<KcmOptionsErrorCode>('KCM_FLAGS_INVALID', aggregate(errors));
  return { ...raw, controllers: canonicalControllers(raw.controllers) };
}

/** KubeControllerManagerOptions.Validate, for the flags modelled here; one message per problem. */
export function validateKubeControllerManagerOptions(o: KubeControllerManagerOptions): string[] {
  return [...validateControllers(o.controllers), ...validateCSRSigning(o)];
}

/** GenericControllerManagerConfigurationOptions.Validate: every name (after `-` and aliases) must be known. */
export function validateControllers(controllers: readonly string[]): string[] {
  const known = new Set(allControllerNames);
  const errs: string[] = [];
  for (const initialName of controllers) {
    if (initialName === '*') continue;
    const withoutPrefix = initialName.startsWith('-') ? initialName.slice(1) : initialName;
    const name = controllerAliases.get(withoutPrefix) ?? withoutPrefix;
    if (!known.has(name)) errs.push(`${JSON.stringify(withoutPrefix)} is not in the list of known controllers`);
  }
  return errs;
}

/** GenericControllerManagerConfigurationOptions.ApplyTo: aliases → canonical names, keeping a leading `-`. */
export function canonicalControllers(controllers: readonly string[]): string[] {
  return controllers.map((initialName) => {
    const disable = initialName.startsWith('-');
    const withoutPrefix = disable ? initialName.slice(1) : initialName;
    const name = controllerAliases.get(withoutPrefix) ?? withoutPrefix;
    return disable ? `-${name}` : name;
  });
}

/**
 * CSRSigningControllerOptions.Validate. The labels are upstream's, including its slips: the
 * kubelet-client pair is reported as "cluster-signing-kube-apiserver-client" and the
 * kube-apiserver-client pair as "cluster-signing-kube-apiserver".
 */
export function validateCSRSigning(o: KubeControllerManagerOptions): string[] {
  const errs: string[] = [];
  const pairs: Array<[string, SignerFiles]> = [
    ['cluster-signing-kubelet-serving', o.kubeletServingSigner],
    ['cluster-signing-kube-apiserver-client', o.kubeletClientSigner],
    ['cluster-signing-kube-apiserver', o.kubeAPIServerClientSigner],
    ['cluster-signing-legacy-unknown', o.legacyUnknownSigner],
  ];
  for (const [label, files] of pairs) {
    const err = csrSigningFilesValid(files);
    if (err) errs.push(`${JSON.stringify(label)}: ${err}`);
  }
  const single = !!o.clusterSigningCertFile || !!o.clusterSigningKeyFile;
  const anySpecific = pairs.some(([, f]) => !!f.certFile || !!f.keyFile);
  if (single && anySpecific) errs.push('cannot specify --cluster-signing-{cert,key}-file and other --cluster-signing-*-file flags at the same time');
  return errs;
}

/** Both or neither. */
function csrSigningFilesValid(f: SignerFiles): string | undefined {
  if (!f.certFile && f.keyFile) return 'cannot specify key without cert';
  if (f.certFile && !f.keyFile) return 'cannot specify cert without key';
  return undefined;
}

/**
 * app.IsControllerEnabled (k8s.io/controller-manager/app/helper.go): the first entry naming the
 * controller decides (`name` on, `-name` off); else `*` turns on everything not disabled by default.
 */
export function isControllerEnabled(name: string, disabledByDefault: ReadonlySet<string>, controllers: readonly string[]): boolean {
  let hasStar = false;
  for (const c of controllers) {
    if (c === name) return true;
    if (c === `-${name}`) return false;
    if (c === '*') hasStar = true;
  }
  return hasStar && !disabledByDefault.has(name);
}

/** pflag's Duration: Go's time.ParseDuration, the error naming the flag as pflag does. */
function parseGoDurationFlag(value: string, flag: string): number {
  try {
    return parseDuration(value);
  } catch {
    throw new Error(`invalid argument ${JSON.stringify(value)} for "--${flag}" flag: time: invalid duration ${JSON.stringify(value)}`);
  }
}

/** utilerrors.NewAggregate(errs).Error(): one message alone, several as `[a, b]`. */
export function aggregate(errors: readonly string[]): string {
  return errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`;
}

/** How a duration flag prints (for help and traces). */
export function formatClusterSigningDuration(ms: number): string {
  return formatDuration(ms);
}
