// Test helpers of the kubelet's certificate code: a throwaway CA and node client pairs from it.
import { createCertificateAuthority, createCertificateRequest, exportPrivateKeyPem, generateKeyPair, signCertificate } from '@tlsboot/pki';
import type { CertificateAuthority } from '@tlsboot/pki';

export async function testCA(now: Date): Promise<CertificateAuthority> {
  return createCertificateAuthority({ subject: { commonName: 'kubernetes' }, now });
}

/** A kubelet client pair (CN=system:node:<node>, O=system:nodes) valid for ttlMs from now − 5 min. */
export async function nodeClientPair(ca: CertificateAuthority, node: string, now: Date, ttlMs: number): Promise<{ certPem: string; keyPem: string }> {
  const keys = await generateKeyPair('ecdsa-p256');
  const request = await createCertificateRequest({ keys, subject: { commonName: `system:node:${node}`, organizations: ['system:nodes'] } });
  const cert = await signCertificate({ ca, request, now, profile: { usages: ['digital signature', 'client auth'], ttlMs, backdateMs: 5 * 60_000 } });
  return { certPem: cert.pem, keyPem: await exportPrivateKeyPem(keys) };
}
