// The pure decisions of k8s.io/client-go/util/certificate/certificate_manager.go (v1.32): when to
// rotate (nextRotationDeadline, jitteryDuration, certSatisfiesTemplate), how often to retry
// (the wait.Backoff of Start and the 32 s poll after it), how long one attempt waits, and which
// usages a key gets (DefaultKubeletClientGetUsages / DefaultKubeletServingGetUsages).
import type { Certificate, KeySpec } from '@tlsboot/pki';
import type { BackoffParams, Random } from '@tlsboot/util';

/** x509.CertificateRequest template: what the certificate must say. */
export interface CertificateTemplate {
  commonName: string;
  organizations: string[];
  dnsNames?: string[];
  ipAddresses?: string[];
}

/** Rotation attempts: 2 s, doubling, jitter 0.1, 5 steps (certificate_manager.go Start). */
export const rotationBackoff: Readonly<BackoffParams> = { durationMs: 2000, factor: 2, jitter: 0.1, steps: 5 };
/** After the backoff: wait.PollInfinite(32*time.Second, m.rotateCerts). */
export const rotationPollIntervalMs = 32_000;
/** certificateWaitTimeout: how long one CSR may stay unanswered before a new one is made. */
export const certificateWaitTimeoutMs = 15 * 60_000;
/** wait.Until's period around the rotation loop. */
export const rotationLoopPeriodMs = 1000;

/** jitteryDuration: wait.Jitter(d, 0.2) − 0.3 d, i.e. uniform in [0.7 d, 0.9 d). */
export function jitteryDuration(totalMs: number, random: Random): number {
  return random.jitter(totalMs, 0.2) - totalMs * 0.3;
}

/** certSatisfiesTemplateLocked: same CN, and every template DNS name, IP and Organization present. */
export function certSatisfiesTemplate(cert: Certificate | undefined, template: CertificateTemplate | undefined): boolean {
  if (!cert) return false;
  if (!template) return true;
  if (cert.subject.commonName !== template.commonName) return false;
  const has = (have: readonly string[] | undefined, want: readonly string[] | undefined): boolean => (want ?? []).every((w) => (have ?? []).includes(w));
  return (
    has(cert.subjectAltNames.dnsNames, template.dnsNames) &&
    has(cert.subjectAltNames.ipAddresses, template.ipAddresses) &&
    has(cert.subject.organizations, template.organizations)
  );
}

export type RotationDeadline = { kind: 'now'; reason: 'forced' | 'template-mismatch' } | { kind: 'at'; deadlineMs: number; notAfterMs: number };

/** nextRotationDeadline: now when forced or the template is not met, else NotBefore + [0.7, 0.9) of the lifetime. */
export function nextRotationDeadline(input: { force: boolean; cert: Certificate | undefined; template: CertificateTemplate | undefined; random: Random }): RotationDeadline {
  if (input.force) return { kind: 'now', reason: 'forced' };
  if (!input.cert || !certSatisfiesTemplate(input.cert, input.template)) return { kind: 'now', reason: 'template-mismatch' };
  const notBefore = input.cert.notBefore.getTime();
  const notAfter = input.cert.notAfter.getTime();
  // Go keeps the deadline in nanoseconds; here it is truncated to the millisecond the clock counts in
  return { kind: 'at', deadlineMs: Math.floor(notBefore + jitteryDuration(notAfter - notBefore, input.random)), notAfterMs: notAfter };
}

/** DefaultKubeletClientGetUsages: RSA keys also get key encipherment. */
export function kubeletClientUsages(spec: KeySpec): string[] {
  return spec.startsWith('rsa-') ? ['digital signature', 'key encipherment', 'client auth'] : ['digital signature', 'client auth'];
}

/** DefaultKubeletServingGetUsages. */
export function kubeletServingUsages(spec: KeySpec): string[] {
  return spec.startsWith('rsa-') ? ['digital signature', 'key encipherment', 'server auth'] : ['digital signature', 'server auth'];
}
