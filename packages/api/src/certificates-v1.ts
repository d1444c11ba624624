/**
 * certificates.k8s.io/v1 CertificateSigningRequest as k8s.io/api/certificates/v1/types.go
 * serializes it (reference/k8s-csr-kubelet.md §1.1). Types only.
 */
import type { KubeList, KubeObject } from './meta.js';
import type { CertificateSigningRequestConditionType, KeyUsage } from './well-known.js';

export interface CertificateSigningRequestSpec {
  /** base64 of the PEM text of a `CERTIFICATE REQUEST` block. */
  request: string;
  /** `domain/path`; one of the built-in signers or any syntactically valid name. */
  signerName: string;
  /** Requested validity, at least 600; a signer may shorten or ignore it. */
  expirationSeconds?: number;
  usages?: (KeyUsage | (string & {}))[];
  /** Set by the apiserver from the requesting user; whatever a client sends is overwritten. */
  username?: string;
  uid?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
}

export interface CertificateSigningRequestCondition {
  type: CertificateSigningRequestConditionType | (string & {});
  /** Approved, Denied and Failed may only be `True`. */
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
}

export interface CertificateSigningRequestStatus {
  conditions?: CertificateSigningRequestCondition[];
  /** base64 of PEM `CERTIFICATE` blocks, leaf first; set once, through /status. */
  certificate?: string;
}

export interface CertificateSigningRequest extends KubeObject {
  spec: CertificateSigningRequestSpec;
  status?: CertificateSigningRequestStatus;
}

export type CertificateSigningRequestList = KubeList<CertificateSigningRequest>;
