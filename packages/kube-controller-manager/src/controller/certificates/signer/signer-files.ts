/**
 * Which csrsigning sub-controllers run, with which CA files (kubernetes/kubernetes
 * cmd/kube-controller-manager/app/certificates.go: startCertificateSigningRequestSigningController,
 * anySpecificFilesSet, get{KubeletServing,KubeletClient,KubeAPIServerClient,LegacyUnknown}SignerFiles).
 * Pure: the decision only, from the options.
 */
import { kubeAPIServerClientKubeletSignerName, kubeAPIServerClientSignerName, kubeletServingSignerName, legacyUnknownSignerName } from '@tlsboot/api';
import type { KubeControllerManagerOptions, SignerFiles } from '../../../options/options.js';

export interface SignerPlan {
  signerName: string;
  /** `csrsigning-kubelet-serving` …: the certificate controller's name. */
  controllerName: string;
  /** Both set: this sub-controller runs. Undefined: it is skipped (`skipReason`). */
  files?: { certFile: string; keyFile: string };
  skipReason?: string;
}

export type CSRSigningPlan =
  | { kind: 'skip'; reason: string }
  | { kind: 'error'; message: string }
  | { kind: 'run'; signers: SignerPlan[] };

type SigningOptions = Pick<
  KubeControllerManagerOptions,
  'clusterSigningCertFile' | 'clusterSigningKeyFile' | 'kubeletServingSigner' | 'kubeletClientSigner' | 'kubeAPIServerClientSigner' | 'legacyUnknownSigner'
>;

const set = (s: string | undefined): s is string => s !== undefined && s.length > 0;

function anySpecificFilesSet(o: SigningOptions): boolean {
  return [o.kubeletServingSigner, o.kubeletClientSigner, o.kubeAPIServerClientSigner, o.legacyUnknownSigner].some((f) => set(f.certFile) || set(f.keyFile));
}

/** get…SignerFiles: the signer's own pair when either file of it is set, else the shared pair. */
function signerFiles(specific: SignerFiles, o: SigningOptions): { certFile: string; keyFile: string } {
  if (set(specific.certFile) || set(specific.keyFile)) return { certFile: specific.certFile ?? '', keyFile: specific.keyFile ?? '' };
  return { certFile: o.clusterSigningCertFile ?? '', keyFile: o.clusterSigningKeyFile ?? '' };
}

/** The sub-controllers in upstream's start order. */
const table: ReadonlyArray<[signerName: string, suffix: string, pick: (o: SigningOptions) => SignerFiles]> = [
  [kubeletServingSignerName, 'kubelet-serving', (o) => o.kubeletServingSigner],
  [kubeAPIServerClientKubeletSignerName, 'kubelet-client', (o) => o.kubeletClientSigner],
  [kubeAPIServerClientSignerName, 'kube-apiserver-client', (o) => o.kubeAPIServerClientSigner],
  [legacyUnknownSignerName, 'legacy-unknown', (o) => o.legacyUnknownSigner],
];

export const noSigningFilesReason = 'Skipping CSR signer controller because no csr cert/key was specified';

export function planCSRSigning(o: SigningOptions): CSRSigningPlan {
  const missingSingleSigningFile = !set(o.clusterSigningCertFile) || !set(o.clusterSigningKeyFile);
  const specific = anySpecificFilesSet(o);
  if (missingSingleSigningFile && !specific) return { kind: 'skip', reason: noSigningFilesReason };
  if (!missingSingleSigningFile && specific) return { kind: 'error', message: 'cannot specify default and per controller certs at the same time' };
  return {
    kind: 'run',
    signers: table.map(([signerName, suffix, pick]) => {
      const files = signerFiles(pick(o), o);
      const controllerName = `csrsigning-${suffix}`;
      if (set(files.certFile) || set(files.keyFile)) return { signerName, controllerName, files };
      return { signerName, controllerName, skipReason: `Skipping CSR signer controller because specific files were specified for other signers and not this one (controller ${signerName})` };
    }),
  };
}
