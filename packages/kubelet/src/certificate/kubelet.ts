// NewKubeletClientCertificateManager from pkg/kubelet/certificate/kubelet.go (v1.32), with the
// clientsetFn of cmd/kubelet/app/server.go buildClientCertificateManager: the `kubelet-client`
// file store in --cert-dir, template CN=system:node:<name> O=system:nodes without SANs, signer
// kubernetes.io/kube-apiserver-client-kubelet, DefaultKubeletClientGetUsages.
import type { RestClient } from '@tlsboot/client';
import type { KeySpec } from '@tlsboot/pki';
import type { Clock, Random } from '@tlsboot/util';
import { errorMessage } from '@tlsboot/util';
import type { TraceEmitter } from '../trace.js';
import { kubeAPIServerClientKubeletSignerName } from './bootstrap/bootstrap.js';
import { CertificateManager } from './certificate-manager.js';
import { FileStore } from './certificate-store.js';
import type { CertificatePair } from './certificate-store.js';
import { kubeletClientUsages } from './rotation.js';

export interface KubeletClientCertificateManagerOptions {
  certDir: string;
  nodeName: string;
  /** Embedded cert/key data of the kubeconfig (kubeadm's bootstrap pair), if any. */
  bootstrapCertPem?: string;
  bootstrapKeyPem?: string;
  /** The kubeconfig's client-certificate / client-key files, which the store reads as a fallback. */
  certFile?: string;
  keyFile?: string;
  clientFn: (current: CertificatePair | undefined) => Promise<RestClient>;
  clock: Clock;
  random: Random;
  trace: TraceEmitter;
  onRotated?: (pair: CertificatePair) => void;
  /** Key type of new keys; default ECDSA P-256 (upstream's only one). */
  keySpec?: KeySpec;
}

export async function newKubeletClientCertificateManager(o: KubeletClientCertificateManagerOptions): Promise<CertificateManager> {
  const store = await FileStore.open({
    prefix: 'kubelet-client',
    certDir: o.certDir,
    ...(o.certFile ? { certFile: o.certFile } : {}),
    ...(o.keyFile ? { keyFile: o.keyFile } : {}),
    clock: o.clock,
    trace: o.trace,
  });
  const template = { commonName: `system:node:${o.nodeName}`, organizations: ['system:nodes'] };
  return CertificateManager.create({
    signerName: kubeAPIServerClientKubeletSignerName,
    template: () => template,
    getUsages: kubeletClientUsages,
    store,
    clientFn: o.clientFn,
    clock: o.clock,
    random: o.random,
    trace: o.trace,
    ...(o.bootstrapCertPem !== undefined && o.bootstrapKeyPem !== undefined ? { bootstrapCertPem: o.bootstrapCertPem, bootstrapKeyPem: o.bootstrapKeyPem } : {}),
    ...(o.onRotated ? { onRotated: o.onRotated } : {}),
    ...(o.keySpec ? { keySpec: o.keySpec } : {}),
  }).catch((err: unknown) => {
    throw new Error(`failed to initialize client certificate manager: ${errorMessage(err)}`, { cause: err });
  });
}
