/**
 * The baseline: @tlsboot/pki's raw certificate-issue rate with the very CA and profile the
 * csrsigning controller uses for kubernetes.io/kube-apiserver-client-kubelet (signer.go sign:
 * PermissiveSigningPolicy with the requested usages, --cluster-signing-duration 8760h, the
 * 5-minute backdate) on a kubelet-client CSR — signCertificate (CSR signature check included),
 * then the PEM encoding the signer stores. One stream of work on one core, median of rounds.
 */
import { performance } from 'node:perf_hooks';
import { createCertificateRequest, encodePem, generateKeyPair, loadCertificateAuthority, signCertificate } from '@tlsboot/pki';
import type { SigningProfile } from '@tlsboot/pki';
import { median } from '@tlsboot/util';

export const kubeletClientProfile: SigningProfile = {
  usages: ['digital signature', 'client auth'],
  ttlMs: 8760 * 3_600_000,
  backdateMs: 5 * 60_000,
  style: 'kubernetes',
};

export interface IssueRate {
  /** Median certificates/s over the rounds. */
  perSec: number;
  rounds: number[];
}

export async function measureIssueRate(caPem: string, caKeyPem: string, plan: { rounds: number; roundMs: number; warmup: number }): Promise<IssueRate> {
  const ca = await loadCertificateAuthority(caPem, caKeyPem);
  const keys = await generateKeyPair('ecdsa-p256');
  const request = await createCertificateRequest({ keys, subject: { commonName: 'system:node:pki-baseline', organizations: ['system:nodes'] } });
  const issue = async (): Promise<void> => {
    const cert = await signCertificate({ ca, request, profile: kubeletClientProfile, now: new Date(performance.timeOrigin + performance.now()) });
    encodePem('CERTIFICATE', cert.der);
  };
  for (let i = 0; i < plan.warmup; i++) await issue();
  const rates: number[] = [];
  for (let r = 0; r < plan.rounds; r++) {
    let count = 0;
    const start = performance.now();
    let elapsed = 0;
    do {
      await issue();
      count++;
      elapsed = performance.now() - start;
    } while (elapsed < plan.roundMs);
    rates.push((count * 1000) / elapsed);
  }
  return { perSec: median(rates), rounds: rates };
}
