/**
 * The csrapproving controller's recognizers (kubernetes/kubernetes:
 * pkg/controller/certificates/approver/sarapprove.go isNodeClientCert, isSelfNodeClientCert) as
 * pure predicates over a CSR's spec and its parsed request. The approver tries selfnodeclient
 * first, then nodeclient; each recognized CSR still needs a SubjectAccessReview.
 */
import { kubeAPIServerClientKubeletSignerName } from '../well-known.js';
import { isKubeletClientCSR } from './kubelet-csr.js';
import type { CertificateRequestFields } from './kubelet-csr.js';

/** The spec fields the recognizers read. */
export interface RecognizerSpec {
  signerName?: string;
  usages?: readonly string[];
  username?: string;
}

/** A kubelet client certificate request for the kube-apiserver-client-kubelet signer. */
export function isNodeClientCert(spec: RecognizerSpec, req: CertificateRequestFields): boolean {
  if (spec.signerName !== kubeAPIServerClientKubeletSignerName) return false;
  return isKubeletClientCSR(req, spec.usages ?? []);
}

/** isNodeClientCert, requested by the node it names (a renewal: spec.username equals the subject CN). */
export function isSelfNodeClientCert(spec: RecognizerSpec, req: CertificateRequestFields): boolean {
  if ((spec.username ?? '') !== (req.subject.commonName ?? '')) return false;
  return isNodeClientCert(spec, req);
}
