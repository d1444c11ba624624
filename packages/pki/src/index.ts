/**
 * @tlsboot/pki — keys, CSRs, certificate authorities, signing and chain verification at a
 * given time, PEM, and cfssl-compatible gencert and certinfo. The one public entry of the
 * package; see README.md.
 */
export { PkiError } from './errors.js';
export type { PkiErrorCode } from './errors.js';
export { decodePem, decodeOnePem, decodePemBlocks, encodePem } from './pem.js';
export type { PemBlock } from './pem.js';
export {
  keySpecs,
  defaultKeySpec,
  parseKeySpec,
  generateKeyPair,
  importPrivateKeyPem,
  exportPrivateKeyPem,
  exportPublicKeyPem,
  importPublicKey,
  publicKeySpec,
  keyMatches,
  signingAlgorithm,
} from './key-pair.js';
export type { KeySpec, KeyPair, PrivateKeyFormat } from './key-pair.js';
export { toX509Name, fromX509Name, formatSubject } from './name.js';
export type { Subject } from './name.js';
export { sansFromHosts, hasSubjectAltNames } from './subject-alt-names.js';
export type { SubjectAltNames } from './subject-alt-names.js';
export { resolveUsages, keyUsageNames, keyUsageBits, extKeyUsageOids, extKeyUsageNames } from './key-usage.js';
export type { ResolvedUsages } from './key-usage.js';
export {
  createCertificateRequest,
  parseCertificateRequestPem,
  parseCertificateRequestDer,
  verifyCertificateRequest,
} from './certificate-request.js';
export type { CertificateRequest, CreateCertificateRequestOptions } from './certificate-request.js';
export { parseCertificatePem, parseCertificatesPem, parseCertificateDer } from './certificate.js';
export type { Certificate } from './certificate.js';
export {
  createCertificateAuthority,
  loadCertificateAuthority,
  kubernetesCaValidityMs,
  cfsslCaValidityMs,
} from './certificate-authority.js';
export type { CertificateAuthority, CreateCertificateAuthorityOptions } from './certificate-authority.js';
export { decideValidity, defaultBackdateMs, shortCertThresholdMs } from './validity.js';
export type { Validity, ValidityInput, ValidityStyle } from './validity.js';
export { signCertificate } from './sign.js';
export type { SigningProfile, SignOptions } from './sign.js';
export { verifyChain } from './verify-chain.js';
export { hostnameError, serverVerifierAt } from './server-verifier.js';
export { certificateRequestSignatureError } from './certificate-request-signature.js';
export { caCertHash, publicKeyPinFormatSha256 } from './pubkeypin.js';
export type { VerifyOptions } from './verify-chain.js';
export { formatGoTime, formatRFC3339 } from './go-time.js';
export * from './cfssl/index.js';
