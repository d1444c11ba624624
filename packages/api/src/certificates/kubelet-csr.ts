/**
 * The kubelet signers' rules over a parsed certificate request (kubernetes/kubernetes:
 * pkg/apis/certificates/helpers.go, v1.32 — the ML-DSA checks of newer trees are not part of
 * v1.32): ValidateKubeletClientCSR, ValidateKubeletServingCSR and their Is* forms. Checks run in
 * upstream's order and the first failure wins; note that for serving the usage check comes
 * before the common-name check, for client after it. These are signer rules (the csrsigning
 * controller turns a failure into a Failed condition, csrapproving uses IsKubeletClientCSR);
 * the apiserver's validation does not apply them.
 */
import { nodesGroup, nodeUserNamePrefix } from '../well-known.js';
import { goStringList, sortedUsages, usageSetEquals } from './key-usages.js';
import { usageClientAuth, usageDigitalSignature, usageKeyEncipherment, usageServerAuth } from './key-usages.js';

/**
 * The fields of an x509.CertificateRequest the rules read. @tlsboot/pki's CertificateRequest
 * has this shape, so a parsed CSR can be passed as it is.
 */
export interface CertificateRequestFields {
  subject: { commonName?: string; organizations?: readonly string[] };
  subjectAltNames: {
    dnsNames?: readonly string[];
    ipAddresses?: readonly string[];
    emailAddresses?: readonly string[];
    uris?: readonly string[];
  };
}

export const organizationNotSystemNodesError = 'subject organization is not system:nodes';
export const commonNameNotSystemNodeError = 'subject common name does not begin with system:node:';
export const dnsOrIPSANRequiredError = 'DNS or IP subjectAltName is required';
export const dnsSANNotAllowedError = 'DNS subjectAltNames are not allowed';
export const emailSANNotAllowedError = 'Email subjectAltNames are not allowed';
export const ipSANNotAllowedError = 'IP subjectAltNames are not allowed';
export const uriSANNotAllowedError = 'URI subjectAltNames are not allowed';

/** The two accepted usage sets of a kubelet client certificate (with and without key encipherment, for RSA and ECDSA keys). */
export const kubeletClientRequiredUsages: readonly string[] = [usageDigitalSignature, usageKeyEncipherment, usageClientAuth];
export const kubeletClientRequiredUsagesNoRSA: readonly string[] = [usageDigitalSignature, usageClientAuth];
/** The two accepted usage sets of a kubelet serving certificate. */
export const kubeletServingRequiredUsages: readonly string[] = [usageDigitalSignature, usageKeyEncipherment, usageServerAuth];
export const kubeletServingRequiredUsagesNoRSA: readonly string[] = [usageDigitalSignature, usageServerAuth];

/** reflect.DeepEqual([]string{"system:nodes"}, req.Subject.Organization). */
function organizationIsSystemNodes(req: CertificateRequestFields): boolean {
  const o = req.subject.organizations ?? [];
  return o.length === 1 && o[0] === nodesGroup;
}

const count = (list: readonly string[] | undefined): number => list?.length ?? 0;

/** ValidateKubeletServingCSR: the error text, or undefined when the request is a valid kubelet serving request. */
export function validateKubeletServingCSR(req: CertificateRequestFields, usages: Iterable<string>): string | undefined {
  if (!organizationIsSystemNodes(req)) return organizationNotSystemNodesError;
  const sans = req.subjectAltNames;
  if (count(sans.dnsNames) === 0 && count(sans.ipAddresses) === 0) return dnsOrIPSANRequiredError;
  if (count(sans.emailAddresses) > 0) return emailSANNotAllowedError;
  if (count(sans.uris) > 0) return uriSANNotAllowedError;
  if (!usageSetEquals(usages, kubeletServingRequiredUsages) && !usageSetEquals(usages, kubeletServingRequiredUsagesNoRSA)) {
    return `usages did not match ${goStringList(sortedUsages(kubeletServingRequiredUsages))}`;
  }
  if (!(req.subject.commonName ?? '').startsWith(nodeUserNamePrefix)) return commonNameNotSystemNodeError;
  return undefined;
}

/** IsKubeletServingCSR. */
export function isKubeletServingCSR(req: CertificateRequestFields, usages: Iterable<string>): boolean {
  return validateKubeletServingCSR(req, usages) === undefined;
}

/** ValidateKubeletClientCSR: the error text, or undefined when the request is a valid kubelet client request. */
export function validateKubeletClientCSR(req: CertificateRequestFields, usages: Iterable<string>): string | undefined {
  if (!organizationIsSystemNodes(req)) return organizationNotSystemNodesError;
  const sans = req.subjectAltNames;
  if (count(sans.dnsNames) > 0) return dnsSANNotAllowedError;
  if (count(sans.emailAddresses) > 0) return emailSANNotAllowedError;
  if (count(sans.ipAddresses) > 0) return ipSANNotAllowedError;
  if (count(sans.uris) > 0) return uriSANNotAllowedError;
  if (!(req.subject.commonName ?? '').startsWith(nodeUserNamePrefix)) return commonNameNotSystemNodeError;
  if (!usageSetEquals(usages, kubeletClientRequiredUsages) && !usageSetEquals(usages, kubeletClientRequiredUsagesNoRSA)) {
    return `usages did not match ${goStringList(sortedUsages(kubeletClientRequiredUsages))}`;
  }
  return undefined;
}

/** IsKubeletClientCSR. */
export function isKubeletClientCSR(req: CertificateRequestFields, usages: Iterable<string>): boolean {
  return validateKubeletClientCSR(req, usages) === undefined;
}
