/**
 * The kube-apiserver-client signer's only rule (kubernetes/kubernetes:
 * pkg/controller/certificates/signer/signer.go validAPIServerClientUsages): usages in order,
 * `digital signature` and `key encipherment` optional, `client auth` required, anything else
 * refused (the first offender is named). No subject or SAN checks: the CertificateSubjectRestriction
 * admission plugin is what keeps system:masters out.
 */
import { usageClientAuth, usageDigitalSignature, usageKeyEncipherment } from './key-usages.js';

/** The error text, or undefined when the usages suit a kube-apiserver client certificate. */
export function validateAPIServerClientUsages(usages: readonly string[] | undefined): string | undefined {
  let hasClientAuth = false;
  for (const u of usages ?? []) {
    if (u === usageDigitalSignature || u === usageKeyEncipherment) continue;
    if (u === usageClientAuth) {
      hasClientAuth = true;
      continue;
    }
    return `invalid usage for client certificate: ${u}`;
  }
  if (!hasClientAuth) return `missing required usage for client certificate: ${usageClientAuth}`;
  return undefined;
}
