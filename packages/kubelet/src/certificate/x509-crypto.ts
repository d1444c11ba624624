// The X.509 half of client-go's csr.ensureCompatible (k8s.io/client-go/util/certificate/csr/csr.go),
// from @tlsboot/pki: @tlsboot/client may not import pki, so the kubelet passes it in.
import type { CertificateRequestCrypto } from '@tlsboot/client';
import { keyMatches, parseCertificateRequestDer, verifyCertificateRequest } from '@tlsboot/pki';
import type { KeyPair, KeySpec } from '@tlsboot/pki';

/** Go's signature verification error for a key type. */
function verificationFailure(spec: KeySpec): string {
  if (spec.startsWith('rsa-')) return 'crypto/rsa: verification error';
  if (spec === 'ed25519') return 'x509: Ed25519 verification failure';
  return 'x509: ECDSA verification failure';
}

export const pkiCertificateRequestCrypto: CertificateRequestCrypto = {
  parseCertificateRequest(der) {
    const csr = parseCertificateRequestDer(der);
    const rdns = (csr.x509.subjectName as unknown as { asn: { type: string; value: { toString(): string } }[][] }).asn;
    return { subjectAttributes: rdns.flatMap((rdn) => rdn.map((a) => ({ type: a.type, value: a.value.toString() }))) };
  },
  async checkSignatureWithKey(der, privateKey) {
    const keys = privateKey as KeyPair;
    if (!keys || typeof keys !== 'object' || !('publicKey' in keys)) return false;
    const csr = parseCertificateRequestDer(der);
    // verifying under our public key = our key is the one in the request and its signature holds
    if (!(await keyMatches(keys, csr.publicKeySpki))) throw new Error(verificationFailure(keys.spec));
    await verifyCertificateRequest(csr);
    return true;
  },
};
