/**
 * The per-signer policy table and the duration rule of the csrsigning controller
 * (kubernetes/kubernetes pkg/controller/certificates/signer/signer.go:
 * getCSRVerificationFuncForSignerName, isKubeletServing, isKubeletClient, isKubeAPIServerClient,
 * isLegacyUnknown, signer.duration). Pure; the rules themselves live in @tlsboot/api.
 */
import {
  kubeAPIServerClientKubeletSignerName,
  kubeAPIServerClientSignerName,
  kubeletServingSignerName,
  legacyUnknownSignerName,
  validateAPIServerClientUsages,
  validateKubeletClientCSR,
  validateKubeletServingCSR,
} from '@tlsboot/api';
import type { CertificateRequestFields } from '@tlsboot/api';

/**
 * What a signer's check says about one request: not this signer's (`recognized: false`), or
 * this signer's with the validation error (undefined when the request may be signed).
 */
export type SignerVerdict = { recognized: false } | { recognized: true; error?: string };

/** isRequestForSignerFunc. */
export type SignerCheck = (req: CertificateRequestFields, usages: readonly string[], signerName: string) => SignerVerdict;

const verdict = (error: string | undefined): SignerVerdict => (error === undefined ? { recognized: true } : { recognized: true, error });

/** The policy table: one check per built-in signer. */
const signerChecks: ReadonlyMap<string, SignerCheck> = new Map<string, SignerCheck>([
  [kubeletServingSignerName, (req, usages, name) => (name === kubeletServingSignerName ? verdict(validateKubeletServingCSR(req, usages)) : { recognized: false })],
  [kubeAPIServerClientKubeletSignerName, (req, usages, name) => (name === kubeAPIServerClientKubeletSignerName ? verdict(validateKubeletClientCSR(req, usages)) : { recognized: false })],
  [kubeAPIServerClientSignerName, (_req, usages, name) => (name === kubeAPIServerClientSignerName ? verdict(validateAPIServerClientUsages(usages)) : { recognized: false })],
  // legacy-unknown signs anything it is given (the CSR API refuses to create such CSRs in v1).
  [legacyUnknownSignerName, (_req, _usages, name) => (name === legacyUnknownSignerName ? { recognized: true } : { recognized: false })],
]);

/** The signer names the csrsigning controller runs a sub-controller for, in start-up order (certificates.go). */
export const csrSigningSignerNames: readonly string[] = [
  kubeletServingSignerName,
  kubeAPIServerClientKubeletSignerName,
  kubeAPIServerClientSignerName,
  legacyUnknownSignerName,
];

/** getCSRVerificationFuncForSignerName: the check, or upstream's error for any other name. */
export function signerCheckFor(signerName: string): SignerCheck {
  const check = signerChecks.get(signerName);
  if (!check) throw new Error(`unrecognized signerName: ${JSON.stringify(signerName)}`);
  return check;
}

/** The sanity floor of a requested duration: twice the 5-minute backdate, so NotBefore never passes NotAfter's intent. */
export const minimumSigningDurationMs = 10 * 60_000;

/**
 * signer.duration: the certificate TTL for `spec.expirationSeconds` — unset → the
 * `--cluster-signing-duration`; more than that → capped to it; under 10 minutes → 10 minutes.
 */
export function signingDurationMs(expirationSeconds: number | undefined, certTtlMs: number): number {
  if (expirationSeconds === undefined || expirationSeconds === null) return certTtlMs;
  const requestedMs = expirationSeconds * 1000;
  if (requestedMs > certTtlMs) return certTtlMs;
  if (requestedMs < minimumSigningDurationMs) return minimumSigningDurationMs;
  return requestedMs;
}
