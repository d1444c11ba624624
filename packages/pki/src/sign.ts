import type { CertificateAuthority } from './certificate-authority.js';
import { activity } from '@tlsboot/util';
import { certificateFromX509, rememberCertificate, type Certificate } from './certificate.js';
import { verifyCertificateRequest, type CertificateRequest } from './certificate-request.js';
import { signingAlgorithm } from './key-pair.js';
import { resolveUsages } from './key-usage.js';
import { hasSubjectAltNames, subjectAltNameExtension } from './subject-alt-names.js';
import { randomSerialNumber } from './serial-number.js';
import { decideValidity, type ValidityStyle } from './validity.js';
import { x509 } from './x509.js';

/** What a signer puts in a certificate besides what the CSR says. */
export interface SigningProfile {
  /** k8s / cfssl usage strings ("digital signature", "key encipherment", "client auth", ...). */
  usages: readonly string[];
  /** Requested lifetime. */
  ttlMs: number;
  /** Default 5 minutes. */
  backdateMs?: number;
  /**
   * kubernetes (default) — as the kube-controller-manager's signer: serial in [0, 2^128), no
   *   SubjectKeyIdentifier, short-certificate rule. cfssl — as `cfssl gencert`: 20-octet serial,
   *   SubjectKeyIdentifier, cfssl's validity window.
   */
  style?: ValidityStyle;
  /**
   * Issue an intermediate CA (cfssl's `ca_constraint.is_ca`): BasicConstraints CA:TRUE, and a
   * SubjectKeyIdentifier as Go always writes for CAs. Kubernetes' signers never set it.
   */
  isCA?: boolean;
  /** With isCA: the path length constraint (cfssl `max_path_len`); absent = unlimited. */
  maxPathLen?: number;
}

export interface SignOptions {
  ca: CertificateAuthority;
  request: CertificateRequest;
  profile: SigningProfile;
  /** The signer's clock reading; the certificate's validity is computed from it. */
  now: Date;
}

/**
 * Issues a certificate for a CSR. The request's signature is re-verified; its subject, SANs
 * and public key are copied; every extension it requested is dropped and only these are
 * written (in Go's order): KeyUsage (critical), ExtKeyUsage, BasicConstraints CA:FALSE
 * (critical; CA:TRUE with `isCA`), SubjectKeyIdentifier (cfssl style and CAs), AuthorityKeyIdentifier (the CA's key id),
 * SubjectAltName. Upstream: k8s.io/kubernetes pkg/controller/certificates/authority/authority.go.
 */
export async function signCertificate(options: SignOptions): Promise<Certificate> {
  const { ca, request, profile, now } = options;
  await verifyCertificateRequest(request);
  const usages = resolveUsages(profile.usages);
  const validity = decideValidity({
    now,
    ttlMs: profile.ttlMs,
    caNotAfter: ca.certificate.notAfter,
    style: profile.style ?? 'kubernetes',
    ...(profile.backdateMs === undefined ? {} : { backdateMs: profile.backdateMs }),
  });
  const publicKey = await activity.track(request.x509.publicKey.export());
  const extensions: x509.Extension[] = [];
  if (usages.keyUsage !== 0) extensions.push(new x509.KeyUsagesExtension(usages.keyUsage, true));
  if (usages.extKeyUsages.length > 0) extensions.push(new x509.ExtendedKeyUsageExtension(usages.extKeyUsages, false));
  extensions.push(new x509.BasicConstraintsExtension(profile.isCA === true, profile.isCA ? profile.maxPathLen : undefined, true));
  if (profile.style === 'cfssl' || profile.isCA) extensions.push(await activity.track(x509.SubjectKeyIdentifierExtension.create(publicKey)));
  if (ca.certificate.subjectKeyId) extensions.push(new x509.AuthorityKeyIdentifierExtension(ca.certificate.subjectKeyId, false));
  if (hasSubjectAltNames(request.subjectAltNames)) {
    extensions.push(subjectAltNameExtension(request.subjectAltNames, request.x509.subjectName.toJSON().length === 0));
  }
  const cert = await activity.track(x509.X509CertificateGenerator.create({
    serialNumber: randomSerialNumber(profile.style === 'cfssl' ? 20 : 16),
    subject: request.x509.subjectName,
    issuer: ca.certificate.x509.subjectName,
    notBefore: validity.notBefore,
    notAfter: validity.notAfter,
    publicKey,
    signingKey: ca.keys.privateKey,
    signingAlgorithm: signingAlgorithm(ca.keys.spec, profile.style === 'cfssl' ? 'cfssl' : 'go'),
    extensions,
  }));
  // parsed once here: whoever reads these bytes next (the requester, the apiserver) gets this object
  return rememberCertificate(certificateFromX509(cert, 'issued certificate'));
}
