// The CA public-key pin of `kubeadm join --discovery-token-ca-cert-hash`, as
// kubernetes/kubernetes cmd/kubeadm/app/util/pubkeypin/pubkeypin.go Hash computes it:
// "sha256:" + lowercase hex of SHA-256 over the certificate's DER SubjectPublicKeyInfo
// (RawSubjectPublicKeyInfo) — not the whole certificate and not the PEM.
import { createHash } from 'node:crypto';
import type { Certificate } from './certificate.js';

/** pubkeypin.formatSHA256: the only format kubeadm knows. */
export const publicKeyPinFormatSha256 = 'sha256';

/** pubkeypin.Hash: `sha256:<hex of SHA-256(SPKI DER)>` of a (CA) certificate. */
export function caCertHash(certificate: Pick<Certificate, 'publicKeySpki'>): string {
  return `${publicKeyPinFormatSha256}:${createHash('sha256').update(certificate.publicKeySpki).digest('hex')}`;
}
