import type { Certificate, CertificateRequest, KeySpec, Subject, SubjectAltNames } from '@tlsboot/pki';
import { formatSubject } from '@tlsboot/pki';

/**
 * Compact renderings of parsed CSRs and certificates in openssl's own words, so a reader can
 * hold the walk-through's output next to `openssl req -noout -text` / `openssl x509 -noout
 * -text`. Built from tlsboot's parsed fields; openssl is never called.
 */


/** A subject as openssl 3 prints it by default: `C = CN, ST = BeiJing, O = k8s, CN = admin`. */
export function opensslSubject(subject: Subject): string {
  return formatSubject(subject, ' = ');
}

/** The "Subject Public Key Info" lines of openssl's -text output for a key of `spec`. */
export function opensslPublicKeyLines(spec: KeySpec): string[] {
  if (spec === 'ed25519') return ['Public Key Algorithm: ED25519'];
  if (spec.startsWith('rsa-')) return ['Public Key Algorithm: rsaEncryption', `    Public-Key: (${spec.slice(4)} bit)`];
  const curves: Partial<Record<KeySpec, [string, string, number]>> = {
    'ecdsa-p256': ['prime256v1', 'P-256', 256],
    'ecdsa-p384': ['secp384r1', 'P-384', 384],
    'ecdsa-p521': ['secp521r1', 'P-521', 521],
  };
  const curve = curves[spec];
  if (!curve) return [`Public Key Algorithm: ${spec}`];
  return ['Public Key Algorithm: id-ecPublicKey', `    Public-Key: (${curve[2]} bit)`, `    ASN1 OID: ${curve[0]}`, `    NIST CURVE: ${curve[1]}`];
}

/** openssl's name of a signature algorithm given Go's (ECDSA-SHA256 → ecdsa-with-SHA256). */
export function opensslSignatureAlgorithm(goName: string): string {
  const ecdsa = /^ECDSA-SHA(\d+)$/.exec(goName);
  if (ecdsa) return `ecdsa-with-SHA${ecdsa[1]}`;
  const rsa = /^SHA(\d+)-RSA$/.exec(goName);
  if (rsa) return `sha${rsa[1]}WithRSAEncryption`;
  if (goName === 'Ed25519') return 'ED25519';
  return goName;
}

/** SANs as openssl lists them: `DNS:localhost, IP Address:127.0.0.1`. */
export function opensslSans(sans: SubjectAltNames): string {
  return [
    ...(sans.dnsNames ?? []).map((v) => `DNS:${v}`),
    ...(sans.emailAddresses ?? []).map((v) => `email:${v}`),
    ...(sans.ipAddresses ?? []).map((v) => `IP Address:${v}`),
    ...(sans.uris ?? []).map((v) => `URI:${v}`),
  ].join(', ');
}

/** A CSR the way `openssl req -in X -noout -text` shows it, without the key and signature bytes. */
export function renderCsrText(csr: Pick<CertificateRequest, 'subject' | 'keySpec' | 'subjectAltNames' | 'signatureAlgorithm'>): string[] {
  const lines = ['Certificate Request:', '    Data:', '        Version: 1 (0x0)', `        Subject: ${opensslSubject(csr.subject)}`, '        Subject Public Key Info:'];
  for (const line of opensslPublicKeyLines(csr.keySpec)) lines.push(`            ${line}`);
  const sans = opensslSans(csr.subjectAltNames);
  if (sans) {
    lines.push('        Requested Extensions:', '            X509v3 Subject Alternative Name:', `                ${sans}`);
  } else {
    lines.push('        Attributes:', '            (none)');
  }
  lines.push(`    Signature Algorithm: ${opensslSignatureAlgorithm(csr.signatureAlgorithm)}`);
  return lines;
}

/** The few lines of a certificate a reader checks first: who, by whom, when, for what. */
export function describeCertificate(cert: Certificate, formatTime: (d: Date) => string): string[] {
  const lines = [
    `subject   ${opensslSubject(cert.subject)}`,
    `issuer    ${opensslSubject(cert.issuer)}`,
    `validity  ${formatTime(cert.notBefore)} → ${formatTime(cert.notAfter)}`,
    `serial    ${cert.serialNumber}`,
    `key       ${cert.keySpec}, signed ${opensslSignatureAlgorithm(cert.signatureAlgorithm)}`,
  ];
  const usages = [...cert.keyUsageNames, ...cert.extKeyUsageNames];
  lines.push(`usages    ${usages.length > 0 ? usages.join(', ') : '(none)'}${cert.isCA ? ', CA:TRUE' : ''}`);
  const sans = opensslSans(cert.subjectAltNames);
  if (sans) lines.push(`SANs      ${sans}`);
  return lines;
}
