/**
 * The bench's kubelets: N bootstrap-token identities (kube-system/bootstrap-token-<id> Secrets
 * in kubeadm's group `system:bootstrappers:kubeadm:default-node-token`, which kubeadm binds to
 * CSR create and to nodeclient auto-approval), one HTTPS client each, and each one's kubelet
 * client CSR (kubernetes/kubernetes pkg/kubelet/certificate/bootstrap: a P-256 key, CN
 * `system:node:<name>`, O `system:nodes`, signer kubernetes.io/kube-apiserver-client-kubelet,
 * usages digital signature + client auth). Keys and CSRs are made before any timing starts.
 */
import type { CertificateSigningRequest } from '@tlsboot/api';
import { bootstrapTokenToSecret, newBootstrapTokenString } from '@tlsboot/api';
import { certificateSigningRequests, RestClient, secrets } from '@tlsboot/client';
import { createCertificateRequest, generateKeyPair } from '@tlsboot/pki';

export const kubeletClientSignerName = 'kubernetes.io/kube-apiserver-client-kubelet';
const defaultNodeTokenGroup = 'system:bootstrappers:kubeadm:default-node-token';

/** A bootstrap token `<id>.<secret>` for client i: ids `b00000`…, 6 and 16 characters of [a-z0-9]. */
export function benchToken(i: number): string {
  const s = i.toString(36);
  return `b${s.padStart(5, '0')}.${s.padStart(16, '0')}`;
}

/** Creates the tokens' Secrets (as the admin) and one client per token. */
export async function bootstrapClients(admin: RestClient, server: string, caPem: string, n: number, now: Date): Promise<RestClient[]> {
  const ss = secrets(admin, 'kube-system');
  const tokens = Array.from({ length: n }, (_, i) => benchToken(i));
  await inBatches(tokens, 20, (token) =>
    ss.create(bootstrapTokenToSecret({ token: newBootstrapTokenString(token), usages: ['authentication'], groups: [defaultNodeTokenGroup], ttlMs: 24 * 3_600_000 }, now)),
  );
  return tokens.map((token) => new RestClient({ server, ca: caPem, token, component: 'kubelet' }));
}

/**
 * One request per client before timing (a list of one CSR, which system:node-bootstrapper
 * allows), so each client's TLS connection is open: a run then measures the CSR pipeline, not
 * 200 handshakes.
 */
export async function openConnections(clients: readonly RestClient[]): Promise<void> {
  await inBatches(clients, 50, (c) => certificateSigningRequests(c).list({ limit: 1 }));
}

/** A kubelet-client CSR object for node `name` with a fresh P-256 key. */
export async function kubeletClientCSR(name: string): Promise<CertificateSigningRequest> {
  const keys = await generateKeyPair('ecdsa-p256');
  const req = await createCertificateRequest({ keys, subject: { commonName: `system:node:${name}`, organizations: ['system:nodes'] } });
  return {
    apiVersion: 'certificates.k8s.io/v1',
    kind: 'CertificateSigningRequest',
    metadata: { name: `node-csr-${name}` },
    spec: {
      request: Buffer.from(req.pem, 'utf8').toString('base64'),
      signerName: kubeletClientSignerName,
      usages: ['digital signature', 'client auth'],
    },
  };
}

async function inBatches<T>(items: readonly T[], size: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}
