// CSR selectors of `approve`, `deny`, `expect.csr` and `certificate.from.csr`: every field given
// must match. `name`, `signerName` and `username` are exact strings or `/regex/flags`; `node` with
// `type` picks a node's kubelet CSRs the way the csrapproving controller recognises them
// (pkg/controller/certificates/approver/sarapprove.go isNodeClientCert / isSelfNodeClientCert)
// and the kubelet-serving signer's requester (pkg/apis/certificates/v1 helpers: system:node:<name>):
//   client  — signer kubernetes.io/kube-apiserver-client-kubelet, the PKCS#10 subject CN
//             system:node:<node>, requested by the node itself or by a bootstrap identity
//             (system:bootstrap:*: the first CSR, made with the bootstrap token);
//   serving — signer kubernetes.io/kubelet-serving, requested by system:node:<node>.
// `node` without `type` takes either.
import type { CertificateSigningRequest } from '@tlsboot/api';
import { kubeAPIServerClientKubeletSignerName, kubeletServingSignerName } from '@tlsboot/api';
import { certificateSigningRequests } from '@tlsboot/client';
import { parseCertificateRequestPem } from '@tlsboot/pki';
import type { CsrSelector } from '../format/types.js';
import { scenarioRegex } from '../format/regex.js';
import type { RunContext } from './run-context.js';

export type CsrState = 'Pending' | 'Approved' | 'Denied' | 'Failed' | 'Issued';

/** `kubectl get csr`'s CONDITION column reduced to one word: Denied and Failed win, Issued = Approved + a certificate. */
export function csrState(csr: CertificateSigningRequest): CsrState {
  const conditions = csr.status?.conditions ?? [];
  const has = (type: string): boolean => conditions.some((c) => c.type === type && c.status === 'True');
  if (has('Denied')) return 'Denied';
  if (has('Failed')) return 'Failed';
  if (has('Approved')) return csr.status?.certificate ? 'Issued' : 'Approved';
  return 'Pending';
}

/** An exact string, or `/regex/flags`. */
export function textMatches(pattern: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  const re = scenarioRegex(pattern);
  return re ? re.test(value) : pattern === value;
}

/** The subject CN of the CSR's PKCS#10 request, or undefined when it does not parse. */
export function csrCommonName(csr: CertificateSigningRequest): string | undefined {
  try {
    const pem = Buffer.from(csr.spec.request, 'base64').toString('utf8');
    return parseCertificateRequestPem(pem, `CertificateSigningRequest ${csr.metadata?.name ?? ''}`).subject.commonName;
  } catch {
    return undefined;
  }
}

function isClientCsrOf(csr: CertificateSigningRequest, node: string): boolean {
  if (csr.spec.signerName !== kubeAPIServerClientKubeletSignerName) return false;
  const nodeUser = `system:node:${node}`;
  const username = csr.spec.username ?? '';
  if (username !== nodeUser && !username.startsWith('system:bootstrap:')) return false;
  return csrCommonName(csr) === nodeUser;
}

function isServingCsrOf(csr: CertificateSigningRequest, node: string): boolean {
  return csr.spec.signerName === kubeletServingSignerName && csr.spec.username === `system:node:${node}`;
}

/** Whether `csr` matches every field of `selector`. */
export function csrMatches(csr: CertificateSigningRequest, selector: CsrSelector): boolean {
  if (selector.name !== undefined && !textMatches(selector.name, csr.metadata?.name)) return false;
  if (selector.signerName !== undefined && !textMatches(selector.signerName, csr.spec.signerName)) return false;
  if (selector.username !== undefined && !textMatches(selector.username, csr.spec.username)) return false;
  if (selector.node !== undefined) {
    const node = selector.node;
    if (selector.type === 'client') return isClientCsrOf(csr, node);
    if (selector.type === 'serving') return isServingCsrOf(csr, node);
    return isClientCsrOf(csr, node) || isServingCsrOf(csr, node);
  }
  if (selector.type === 'client' && csr.spec.signerName !== kubeAPIServerClientKubeletSignerName) return false;
  if (selector.type === 'serving' && csr.spec.signerName !== kubeletServingSignerName) return false;
  return true;
}

/** The cluster's CSRs matching `selector` (listed as the admin), oldest first. */
export async function selectCsrs(ctx: RunContext, selector: CsrSelector): Promise<CertificateSigningRequest[]> {
  const list = await certificateSigningRequests<CertificateSigningRequest>(ctx.admin).list();
  return list.items
    .filter((csr) => csrMatches(csr, selector))
    .sort((a, b) => (a.metadata?.creationTimestamp ?? '').localeCompare(b.metadata?.creationTimestamp ?? '') || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
}

/** `{node: "k8s01", type: "serving"}` as errors show a selector. */
/**
 * The selector's fields as words, `node=k8s01 type=serving`, for step summaries, expectation
 * checks and `tlsboot explain` (the state, count and reason an expectation adds are left out).
 */
export function selectorWords(selector: CsrSelector & { count?: unknown; state?: unknown; reason?: unknown }): string {
  const { count: _count, state: _state, reason: _reason, ...fields } = selector;
  return Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
}

export function selectorText(selector: CsrSelector): string {
  return `{${Object.entries(selector)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join(', ')}}`;
}
