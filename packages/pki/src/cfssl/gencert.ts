import type { CertificateAuthority } from '../certificate-authority.js';
import { createCertificateAuthority } from '../certificate-authority.js';
import { createCertificateRequest } from '../certificate-request.js';
import type { Certificate } from '../certificate.js';
import { PkiError } from '../errors.js';
import { exportPrivateKeyPem, generateKeyPair } from '../key-pair.js';
import { signCertificate, type SigningProfile } from '../sign.js';
import { sansFromHosts } from '../subject-alt-names.js';
import { defaultSigningProfile } from './ca-config.js';
import { caExpiryMs, caMaxPathLen, checkSubjectPresent, csrSubject, type CfsslCsrRequest } from './csr-json.js';
import { goJson } from './go-json.js';

export interface GencertOptions {
  request: CfsslCsrRequest;
  /** The clock reading the certificate's validity is computed from. */
  now: Date;
  /** The signing CA (`-ca` / `-ca-key`); required unless `initca`. */
  ca?: CertificateAuthority;
  /** The signing profile (from resolveProfile); default cfssl's DefaultConfig (8760h, signing, key encipherment, server auth, client auth). */
  profile?: SigningProfile;
  /** `-initca`: make a self-signed CA from the request instead of signing with `ca`. */
  initca?: boolean;
}

export interface GencertResult {
  certificate: Certificate;
  certPem: string;
  /** The new private key as cfssl writes it: SEC1 "EC PRIVATE KEY", PKCS#1 "RSA PRIVATE KEY", PKCS#8 for Ed25519. */
  keyPem: string;
  csrPem: string;
  /** What cfssl logs as [WARNING] on stderr for this request (e.g. the missing-hosts notice). */
  warnings: string[];
}

/** api/generator.CSRNoHostMessage, logged by `cfssl gencert` for a certificate without hosts. */
export const csrNoHostMessage = `This certificate lacks a "hosts" field. This makes it unsuitable for
websites. For more information see the Baseline Requirements for the Issuance and Management
of Publicly-Trusted Certificates, v.1.1.6, from the CA/Browser Forum (https://cabforum.org);
specifically, section 10.2.3 ("Information Requirements").`;

/**
 * What `cfssl gencert` does (cloudflare/cfssl cli/gencert/gencert.go): generate the key the
 * request asks for, a CSR carrying its subject (CN + names) and hosts as SANs, then either
 * self-sign a CA (`initca`, as initca.New: KeyUsage cert sign + crl sign, expiry `ca.expiry` or
 * 43800h, path length from `ca`) or sign the CSR with `ca` under `profile`. Pure apart from
 * key generation and randomness; nothing is written.
 *
 * Known differences from cfssl: an -initca certificate carries no SANs even when `hosts` is
 * set, and its CSR has no BasicConstraints request; RSA keys of 3072/4096 bits sign with
 * SHA-256 (cfssl picks SHA-384/512 by key size).
 */
export async function gencert(options: GencertOptions): Promise<GencertResult> {
  const { request, now } = options;
  checkSubjectPresent(request);
  if (!options.initca) {
    if (request.ca) {
      throw new PkiError('CFSSL_INVALID', `${request.source}: /ca: ca section only permitted in initca`);
    }
    if (!options.ca) {
      throw new PkiError('CFSSL_INVALID', `gencert of ${request.source}: need a CA certificate and key (cfssl -ca and -ca-key), or initca`);
    }
  }
  const validityMs = options.initca ? caExpiryMs(request.ca, request.source) : 0;
  const keys = await generateKeyPair(request.keySpec);
  const subject = csrSubject(request);
  const csr = await createCertificateRequest({ keys, subject, subjectAltNames: sansFromHosts(request.hosts), signatureChooser: 'cfssl' });
  let certificate: Certificate;
  const warnings: string[] = [];
  if (options.initca) {
    const maxPathLen = caMaxPathLen(request.ca);
    const ca = await createCertificateAuthority({
      subject,
      keys,
      now,
      style: 'cfssl',
      validityMs,
      ...(maxPathLen === undefined ? {} : { maxPathLen }),
    });
    certificate = ca.certificate;
  } else {
    const profile: SigningProfile = { ...(options.profile ?? defaultSigningProfile()), style: 'cfssl' };
    certificate = await signCertificate({ ca: options.ca!, request: csr, profile, now });
    if (request.hosts.length === 0) warnings.push(csrNoHostMessage);
  }
  return { certificate, certPem: certificate.pem, keyPem: await exportPrivateKeyPem(keys), csrPem: csr.pem, warnings };
}

/**
 * Exactly what `cfssl gencert` prints on stdout (cli.PrintCert): Go's json.Marshal of a map,
 * so the keys are sorted — cert, csr, key — with Go's HTML-safe escaping, and a newline.
 * Pipe it into the real `cfssljson -bare NAME`.
 */
export function gencertStdoutJson(result: Pick<GencertResult, 'certPem' | 'csrPem' | 'keyPem'>): string {
  return `${goJson({ cert: result.certPem, csr: result.csrPem, key: result.keyPem })}\n`;
}
