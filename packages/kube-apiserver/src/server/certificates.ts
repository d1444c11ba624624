/**
 * The apiserver's PKI, laid out as kubeadm does (cmd/kubeadm/app/phases/certs): the cluster CA
 * (`CN=kubernetes`, ten years, also the client CA), the serving certificate `CN=kube-apiserver`
 * for the in-cluster names and 127.0.0.1 (one year, server auth), and client certificates such as
 * the admin's (`O=system:masters`, one year, client auth). Validity is counted from the
 * component's clock.
 */
import {
  createCertificateAuthority,
  createCertificateRequest,
  exportPrivateKeyPem,
  generateKeyPair,
  signCertificate,
} from '@tlsboot/pki';
import type { Certificate, CertificateAuthority, KeyPair } from '@tlsboot/pki';

/** kubeadm's CertificateValidityPeriod. */
export const leafValidityMs = 365 * 24 * 3_600_000;

/** The serving certificate's names (kubeadm GetAPIServerAltNames with the default service CIDR 10.96.0.0/12 and 127.0.0.1). */
export const servingDNSNames: readonly string[] = [
  'localhost',
  'kubernetes',
  'kubernetes.default',
  'kubernetes.default.svc',
  'kubernetes.default.svc.cluster.local',
];
export const servingIPAddresses: readonly string[] = ['127.0.0.1', '10.96.0.1'];

export function createClusterCA(now: Date, keys?: KeyPair): Promise<CertificateAuthority> {
  return createCertificateAuthority({ subject: { commonName: 'kubernetes' }, now, ...(keys ? { keys } : {}), style: 'kubernetes' });
}

export interface IssuedCertificate {
  certificate: Certificate;
  certPem: string;
  keyPem: string;
  keys: KeyPair;
}

export interface IssueOptions {
  commonName: string;
  organizations?: string[];
  dnsNames?: readonly string[];
  ipAddresses?: readonly string[];
  usages: readonly string[];
  ttlMs?: number;
  keys?: KeyPair;
}

/** A key (unless given) and a certificate for it signed by `ca` at `now`. */
export async function issueCertificate(ca: CertificateAuthority, now: Date, o: IssueOptions): Promise<IssuedCertificate> {
  const keys = o.keys ?? (await generateKeyPair());
  const subject = { commonName: o.commonName, ...(o.organizations && o.organizations.length > 0 ? { organizations: [...o.organizations] } : {}) };
  const subjectAltNames = {
    ...(o.dnsNames && o.dnsNames.length > 0 ? { dnsNames: [...o.dnsNames] } : {}),
    ...(o.ipAddresses && o.ipAddresses.length > 0 ? { ipAddresses: [...o.ipAddresses] } : {}),
  };
  const request = await createCertificateRequest({ keys, subject, subjectAltNames });
  const certificate = await signCertificate({ ca, request, now, profile: { usages: o.usages, ttlMs: o.ttlMs ?? leafValidityMs } });
  return { certificate, certPem: certificate.pem, keyPem: await exportPrivateKeyPem(keys), keys };
}

export function issueServingCertificate(ca: CertificateAuthority, now: Date, keys?: KeyPair): Promise<IssuedCertificate> {
  return issueCertificate(ca, now, {
    commonName: 'kube-apiserver',
    dnsNames: servingDNSNames,
    ipAddresses: servingIPAddresses,
    usages: ['digital signature', 'key encipherment', 'server auth'],
    ...(keys ? { keys } : {}),
  });
}

export interface ClientCertificateRequest {
  commonName: string;
  organizations?: string[];
  ttlMs?: number;
}

/** A client certificate (kubeadm's admin.conf identity when organizations is `["system:masters"]`). */
export function issueClientCertificate(ca: CertificateAuthority, now: Date, r: ClientCertificateRequest): Promise<IssuedCertificate> {
  return issueCertificate(ca, now, {
    commonName: r.commonName,
    ...(r.organizations ? { organizations: r.organizations } : {}),
    usages: ['digital signature', 'key encipherment', 'client auth'],
    ...(r.ttlMs !== undefined ? { ttlMs: r.ttlMs } : {}),
  });
}
