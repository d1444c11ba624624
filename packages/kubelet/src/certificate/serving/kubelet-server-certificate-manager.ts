// NewKubeletServerCertificateManager from kubernetes/kubernetes pkg/kubelet/certificate/kubelet.go
// (v1.32) on the shared certificate manager (../certificate-manager.ts, client-go
// util/certificate): store prefix `kubelet-server` in --cert-dir (`kubelet-server-<ts>.pem` +
// `kubelet-server-current.pem`), template CN=system:node:<name> O=system:nodes with SANs from the
// last observed node addresses (none — so no CSR — until an IP is known), signer
// kubernetes.io/kubelet-serving (never auto-approved by the kube-controller-manager),
// DefaultKubeletServingGetUsages. Requests go with the kubelet's current client credentials.
import type { NodeAddress } from '@tlsboot/api';
import { kubeletServingSignerName } from '@tlsboot/api';
import type { RestClient } from '@tlsboot/client';
import type { KeySpec } from '@tlsboot/pki';
import type { Clock, Random } from '@tlsboot/util';
import type { TraceEmitter } from '../../trace.js';
import { CertificateManager } from '../certificate-manager.js';
import { FileStore } from '../certificate-store.js';
import type { CertificatePair } from '../certificate-store.js';
import { kubeletServingUsages } from '../rotation.js';
import type { CertificateTemplate } from '../rotation.js';
import { servingCertificateTemplate } from './serving-template.js';

export const kubeletServerPairPrefix = 'kubelet-server';

export interface KubeletServerCertificateManagerOptions {
  certDir: string;
  nodeName: string;
  /** The kubelet's last observed node status addresses (re-read on every template evaluation). */
  addresses: () => readonly NodeAddress[];
  /** The client to request with (the kubelet's current client credentials). */
  client: () => RestClient;
  clock: Clock;
  random: Random;
  trace: TraceEmitter;
  onRotated?: (pair: CertificatePair) => void;
  /** Key type of new keys; default ECDSA P-256 (upstream's only one). */
  keySpec?: KeySpec;
}

/** The template as the shared manager takes it. */
export function kubeletServingTemplate(nodeName: string, addresses: readonly NodeAddress[]): CertificateTemplate | undefined {
  const t = servingCertificateTemplate(nodeName, addresses);
  if (!t) return undefined;
  return { commonName: t.subject.commonName!, organizations: t.subject.organizations ?? [], dnsNames: t.subjectAltNames.dnsNames, ipAddresses: t.subjectAltNames.ipAddresses };
}

export async function newKubeletServerCertificateManager(o: KubeletServerCertificateManagerOptions): Promise<CertificateManager> {
  const store = await FileStore.open({ prefix: kubeletServerPairPrefix, certDir: o.certDir, clock: o.clock, trace: o.trace });
  return CertificateManager.create({
    name: 'kubelet-serving',
    signerName: kubeletServingSignerName,
    template: () => kubeletServingTemplate(o.nodeName, o.addresses()),
    getUsages: kubeletServingUsages,
    store,
    clientFn: async () => o.client(),
    clock: o.clock,
    random: o.random,
    trace: o.trace,
    ...(o.onRotated ? { onRotated: o.onRotated } : {}),
    ...(o.keySpec ? { keySpec: o.keySpec } : {}),
  });
}
