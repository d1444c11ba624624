// What the race run does to the cluster: a seeded plan of N CSRs (kind and admin action each), the
// CSRs themselves, and the admin's `kubectl certificate approve|deny` as kubectl v1.32 does it
// (kubernetes/kubectl pkg/cmd/certificates/certificates.go modifyCertificateCondition: read,
// addConditionIfNeeded, UpdateApproval with the resourceVersion read, re-read and retry on 409
// Conflict while i < 10).
import type { CertificateSigningRequest } from '@tlsboot/api';
import { isStatusError } from '@tlsboot/api';
import { certificateSigningRequests } from '@tlsboot/client';
import type { RestClient } from '@tlsboot/client';
import type { Clock, Random } from '@tlsboot/util';
import { nodeCSR } from '../support/kcm-cluster.js';
import { decideCertificate } from '@tlsboot/scenario';

/**
 * client: a kubelet-client CSR from a bootstrap token (csrapproving's nodeclient recognizer
 * auto-approves it); client-bad: the same with a DNS SAN (no recognizer matches; the signer
 * refuses it: Failed/SignerValidationFailure); serving: a kubelet-serving CSR from the node itself
 * (never auto-approved).
 */
export type CsrKind = 'client' | 'client-bad' | 'serving';
export type AdminAction = 'none' | 'approve' | 'deny';

export interface PlannedCsr {
  name: string;
  kind: CsrKind;
  action: AdminAction;
  /** 1: created before the clock passes the cleaner's first deadline; 2: while it does. */
  wave: 1 | 2;
  /** Index of the bootstrap token or serving node that creates it. */
  creator: number;
}

export function planRace(n: number, random: Random, bootstrapTokens: number, servingNodes: number): PlannedCsr[] {
  const plan: PlannedCsr[] = [];
  for (let i = 0; i < n; i++) {
    const k = random.float();
    const a = random.float();
    const kind: CsrKind = k < 0.75 ? 'client' : k < 0.8 ? 'client-bad' : 'serving';
    let action: AdminAction;
    if (kind === 'client') action = a < 0.55 ? 'none' : a < 0.75 ? 'approve' : 'deny';
    else if (kind === 'client-bad') action = a < 0.5 ? 'none' : 'approve';
    else action = a < 0.25 ? 'none' : a < 0.75 ? 'approve' : 'deny';
    const creator = kind === 'serving' ? random.int(servingNodes) : random.int(bootstrapTokens);
    const name = kind === 'serving' ? `csr-${i}-serve-${creator}` : `node-csr-${i}`;
    plan.push({ name, kind, action, wave: i < n / 2 ? 1 : 2, creator });
  }
  return plan;
}

/** The CertificateSigningRequest object of a planned CSR, for a fresh P-256 key. */
export async function csrObject(p: PlannedCsr, nodeName: string): Promise<CertificateSigningRequest> {
  const serving = p.kind === 'serving';
  const cn = serving ? `system:node:${nodeName}` : `system:node:race-${p.name}`;
  const sans = serving ? { dnsNames: [nodeName], ipAddresses: ['10.0.0.1'] } : p.kind === 'client-bad' ? { dnsNames: [`${p.name}.example.com`] } : undefined;
  return nodeCSR(p.name, cn, {
    signerName: serving ? 'kubernetes.io/kubelet-serving' : 'kubernetes.io/kube-apiserver-client-kubelet',
    usages: serving ? ['digital signature', 'server auth'] : ['digital signature', 'client auth'],
    ...(sans ? { sans } : {}),
  });
}

/** What one `kubectl certificate approve|deny` did. */
export interface KubectlOutcome {
  /** updated: the condition was added; unchanged: it was there; refused: the opposite was there. */
  result: 'updated' | 'unchanged' | 'refused';
  /** 409 Conflicts retried. */
  conflicts: number;
  /** kubectl's error text when refused. */
  error?: string;
}

/** `kubectl certificate approve|deny NAME` as the admin; a refusal or an API error as kubectl prints it. */
export async function kubectlCertificate(admin: RestClient, clock: Clock, name: string, action: 'approve' | 'deny'): Promise<KubectlOutcome> {
  try {
    const outcome = await decideCertificate(certificateSigningRequests<CertificateSigningRequest>(admin), name, action, () => clock.now());
    return outcome.error !== undefined ? { result: outcome.result, conflicts: outcome.conflicts, error: outcome.error } : { result: outcome.result, conflicts: outcome.conflicts };
  } catch (err) {
    throw isStatusError(err) ? new Error(`Error from server (${err.reason}): ${err.status.message ?? ''}`) : err;
  }
}
