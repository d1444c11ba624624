// The pure parts of RequestCertificate / WaitForCertificate in
// k8s.io/client-go/util/certificate/csr/csr.go: the object sent, which API version to create it
// through, and the field selector the wait lists and watches with.
import type { CertificateSigningRequest } from '@tlsboot/api';
import { escapeFieldSelectorValue } from '@tlsboot/api';

export interface CertificateSigningRequestInput {
  /** PEM text of the `CERTIFICATE REQUEST`. */
  csrPem: string;
  /** A fixed name (the kubelet's bootstrap `node-csr-<digest>`); empty or absent → generateName `csr-`. */
  name?: string;
  signerName: string;
  usages: readonly string[];
  /** spec.expirationSeconds; absent asks for nothing (the kubelet asks for nothing). */
  expirationSeconds?: number;
}

/** DurationToExpirationSeconds: whole seconds, truncated (int32(duration / time.Second)). */
export function durationToExpirationSeconds(durationMs: number): number {
  return Math.trunc(durationMs / 1000);
}

/**
 * The CertificateSigningRequest RequestCertificate creates. Username, UID and groups are left
 * for the apiserver to fill in.
 */
export function newCertificateSigningRequest(input: CertificateSigningRequestInput): CertificateSigningRequest {
  const csr: CertificateSigningRequest = {
    kind: 'CertificateSigningRequest',
    apiVersion: 'certificates.k8s.io/v1',
    metadata: input.name ? { name: input.name } : { generateName: 'csr-' },
    spec: {
      request: Buffer.from(input.csrPem, 'utf8').toString('base64'),
      signerName: input.signerName,
      usages: [...input.usages],
    },
  };
  if (input.expirationSeconds !== undefined) csr.spec.expirationSeconds = input.expirationSeconds;
  return csr;
}

/**
 * create(): v1 only when usages and a signer name are given and the signer is not
 * `kubernetes.io/legacy-unknown`; otherwise (and when v1 answers 404) v1beta1.
 */
export function createsThroughV1(csr: CertificateSigningRequest): boolean {
  const { usages, signerName } = csr.spec;
  return (usages?.length ?? 0) > 0 && signerName.length > 0 && signerName !== 'kubernetes.io/legacy-unknown';
}

/** fields.OneTermEqualSelector("metadata.name", name).String(). */
export function nameFieldSelector(name: string): string {
  return `metadata.name=${escapeFieldSelectorValue(name)}`;
}
