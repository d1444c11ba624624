import { PkiError } from './errors.js';
import { activity } from '@tlsboot/util';
import { certificateFromX509, parseCertificatePem, rememberCertificate, type Certificate } from './certificate.js';
import { generateKeyPair, importPrivateKeyPem, keyMatches, signingAlgorithm, type KeyPair, type KeySpec } from './key-pair.js';
import { toX509Name, type Subject } from './name.js';
import { randomSerialNumber } from './serial-number.js';
import { defaultBackdateMs, type ValidityStyle } from './validity.js';
import { x509 } from './x509.js';

/** A CA: its certificate and its private key. */
export interface CertificateAuthority {
  certificate: Certificate;
  keys: KeyPair;
}

const hour = 3_600_000;
/** client-go certutil.NewSelfSignedCACert: ten years (kubeadm's CA). */
export const kubernetesCaValidityMs = 87_600 * hour;
/** cfssl initca's default expiry, 43800h (five years). */
export const cfsslCaValidityMs = 43_800 * hour;

export interface CreateCertificateAuthorityOptions {
  subject: Subject;
  now: Date;
  keys?: KeyPair;
  keySpec?: KeySpec;
  validityMs?: number;
  /**
   * kubernetes (default) — as client-go certutil.NewSelfSignedCACert: NotBefore = now,
   *   KeyUsage DigitalSignature|KeyEncipherment|CertSign.
   * cfssl — as `cfssl gencert -initca`: NotBefore = now rounded to the minute − 5 min,
   *   KeyUsage CertSign|CRLSign, default expiry 43800h.
   */
  style?: ValidityStyle;
  /** BasicConstraints pathLenConstraint (cfssl CSR JSON `ca.pathlen`); absent = unlimited. */
  maxPathLen?: number;
}

/**
 * Creates a self-signed CA certificate: BasicConstraints CA:TRUE (critical), KeyUsage
 * (critical), SubjectKeyIdentifier; no AuthorityKeyIdentifier, as Go omits it on self-signed
 * certificates.
 */
export async function createCertificateAuthority(options: CreateCertificateAuthorityOptions): Promise<CertificateAuthority> {
  const cfssl = options.style === 'cfssl';
  const keys = options.keys ?? (await generateKeyPair(options.keySpec));
  const minute = 60_000;
  const t = options.now.getTime();
  const notBefore = cfssl ? Math.round(t / minute) * minute - defaultBackdateMs : Math.floor(t / 1000) * 1000;
  const validity = options.validityMs ?? (cfssl ? cfsslCaValidityMs : kubernetesCaValidityMs);
  const usage = cfssl
    ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign
    : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment | x509.KeyUsageFlags.keyCertSign;
  const name = toX509Name(options.subject);
  const ski = await activity.track(x509.SubjectKeyIdentifierExtension.create(keys.publicKey));
  const cert = await activity.track(x509.X509CertificateGenerator.create({
    serialNumber: randomSerialNumber(cfssl ? 20 : 16),
    subject: name,
    issuer: name,
    notBefore: new Date(notBefore),
    notAfter: new Date(notBefore + validity),
    publicKey: keys.publicKey,
    signingKey: keys.privateKey,
    signingAlgorithm: signingAlgorithm(keys.spec, cfssl ? 'cfssl' : 'go'),
    extensions: [
      new x509.KeyUsagesExtension(usage, true),
      new x509.BasicConstraintsExtension(true, options.maxPathLen, true),
      ski,
    ],
  }));
  return { certificate: rememberCertificate(certificateFromX509(cert, 'CA certificate')), keys };
}

/**
 * Loads a CA from its certificate and key PEM (e.g. ca.pem and ca-key.pem). The key must match
 * the certificate and the certificate must be a CA.
 */
export async function loadCertificateAuthority(
  certPem: string,
  keyPem: string,
  sources: { cert?: string; key?: string } = {},
): Promise<CertificateAuthority> {
  const certSource = sources.cert ?? 'CA certificate';
  const keySource = sources.key ?? 'CA key';
  const certificate = parseCertificatePem(certPem, certSource);
  const keys = await importPrivateKeyPem(keyPem, keySource);
  if (!(await keyMatches(keys, certificate.publicKeySpki))) {
    throw new PkiError('KEY_MISMATCH', `${keySource}: private key does not match the public key of ${certSource}`);
  }
  if (!certificate.isCA) {
    throw new PkiError('CERT_NOT_CA', `${certSource}: not a CA certificate (BasicConstraints CA:TRUE missing), it cannot sign`);
  }
  return { certificate, keys };
}
