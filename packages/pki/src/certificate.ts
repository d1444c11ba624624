import { PkiError } from './errors.js';
import { publicKeySpec, type KeySpec } from './key-pair.js';
import { extKeyUsageNames, keyUsageNames } from './key-usage.js';
import { fromX509Name, type Subject } from './name.js';
import { decodeOnePem, decodePemBlocks, encodePem } from './pem.js';
import { signatureAlgorithmNames } from './signature-algorithm.js';
import { subjectAltNamesOf, type SubjectAltNames } from './subject-alt-names.js';
import { bytesKey, freezeParsed, ParseCache } from './parse-cache.js';
import { x509 } from './x509.js';

/** A parsed X.509 certificate: the fields Kubernetes and the tools people use read. */
export interface Certificate {
  der: Uint8Array;
  pem: string;
  /** Hex, lower case, without leading zero octet. */
  serialNumber: string;
  subject: Subject;
  issuer: Subject;
  notBefore: Date;
  notAfter: Date;
  subjectAltNames: SubjectAltNames;
  /** KeyUsage bits (x509.KeyUsageFlags), 0 when the extension is absent. */
  keyUsage: number;
  /** The KeyUsage as k8s usage strings ("digital signature", "key encipherment", ...). */
  keyUsageNames: string[];
  /** ExtKeyUsage OIDs in certificate order. */
  extKeyUsages: string[];
  /** ExtKeyUsage as k8s usage strings ("server auth", "client auth", ...); unknown OIDs as the OID. */
  extKeyUsageNames: string[];
  basicConstraintsValid: boolean;
  isCA: boolean;
  subjectKeyId?: string;
  authorityKeyId?: string;
  /** Signature algorithm as Go names it (e.g. ECDSA-SHA256, SHA256-RSA). */
  signatureAlgorithm: string;
  /** Signature algorithm as cfssl certinfo names it (e.g. ECDSAWithSHA256). */
  signatureAlgorithmCfssl: string;
  keySpec: KeySpec;
  /** SubjectPublicKeyInfo DER. */
  publicKeySpki: Uint8Array;
  /** Raw DER of the subject and issuer names, compared byte for byte when building chains. */
  rawSubject: Uint8Array;
  rawIssuer: Uint8Array;
  /** The underlying @peculiar/x509 object (for signature checks inside this package). */
  x509: x509.X509Certificate;
}

const oids = { keyUsage: '2.5.29.15', extKeyUsage: '2.5.29.37', basicConstraints: '2.5.29.19', ski: '2.5.29.14', aki: '2.5.29.35' };

/** Builds the parsed view of an @peculiar/x509 certificate. */
export function certificateFromX509(cert: x509.X509Certificate, source = 'certificate'): Certificate {
  try {
    const ku = cert.getExtension<x509.KeyUsagesExtension>(oids.keyUsage);
    const eku = cert.getExtension<x509.ExtendedKeyUsageExtension>(oids.extKeyUsage);
    const bc = cert.getExtension<x509.BasicConstraintsExtension>(oids.basicConstraints);
    const ski = cert.getExtension<x509.SubjectKeyIdentifierExtension>(oids.ski);
    const aki = cert.getExtension<x509.AuthorityKeyIdentifierExtension>(oids.aki);
    const keyUsage = ku ? new x509.KeyUsagesExtension(ku.rawData).usages : 0;
    const extKeyUsages = eku ? Array.from(new x509.ExtendedKeyUsageExtension(eku.rawData).usages, String) : [];
    const basic = bc ? new x509.BasicConstraintsExtension(bc.rawData) : undefined;
    const der = new Uint8Array(cert.rawData);
    const spki = new Uint8Array(cert.publicKey.rawData);
    const names = signatureAlgorithmNames(cert.signatureAlgorithm as unknown as { name: string; hash?: { name: string } });
    const result: Certificate = {
      der,
      pem: encodePem('CERTIFICATE', der),
      serialNumber: cert.serialNumber.toLowerCase(),
      subject: fromX509Name(cert.subjectName),
      issuer: fromX509Name(cert.issuerName),
      notBefore: cert.notBefore,
      notAfter: cert.notAfter,
      subjectAltNames: subjectAltNamesOf(cert.extensions),
      keyUsage,
      keyUsageNames: keyUsageNames(keyUsage),
      extKeyUsages,
      extKeyUsageNames: extKeyUsages.map((id) => extKeyUsageNames[id] ?? id),
      basicConstraintsValid: basic !== undefined,
      isCA: basic?.ca ?? false,
      signatureAlgorithm: names.go,
      signatureAlgorithmCfssl: names.cfssl,
      keySpec: publicKeySpec(spki, source),
      publicKeySpki: spki,
      rawSubject: new Uint8Array(cert.subjectName.toArrayBuffer()),
      rawIssuer: new Uint8Array(cert.issuerName.toArrayBuffer()),
      x509: cert,
    };
    if (ski) result.subjectKeyId = new x509.SubjectKeyIdentifierExtension(ski.rawData).keyId.toLowerCase();
    const akiId = aki ? new x509.AuthorityKeyIdentifierExtension(aki.rawData).keyId : undefined;
    if (akiId) result.authorityKeyId = akiId.toLowerCase();
    return result;
  } catch (err) {
    if (err instanceof PkiError) throw err;
    throw new PkiError('DER_MALFORMED', `${source}: malformed certificate (${(err as Error).message})`, { cause: err });
  }
}

/**
 * Parsed certificates by their DER bytes, shared by every caller in the process: the same server
 * certificate on every new connection, a kubelet's own certificate read back from its files, the
 * CA bundle of every client. Parsing is a pure function of the bytes, so the cached object is the
 * answer a fresh parse would give; it is frozen (callers read it, never change it), and being the
 * same object it also keeps verify-chain's per-object signature memo across callers. Bounded
 * (2,048 certificates, least recently used first); a DER that does not parse is not cached.
 */
const parsedCertificates = new ParseCache<Certificate>(2048);

/** Parses one certificate from DER (memoised by its bytes; the result is frozen). */
export function parseCertificateDer(der: Uint8Array, source = 'certificate'): Certificate {
  return parsedCertificates.get(bytesKey(der), () => {
    let cert: x509.X509Certificate;
    try {
      cert = new x509.X509Certificate(der);
    } catch (err) {
      throw new PkiError('DER_MALFORMED', `${source}: not a DER X.509 certificate (${(err as Error).message})`, { cause: err });
    }
    return freezeParsed(certificateFromX509(cert, source));
  });
}

/**
 * A certificate this process just created (signCertificate, createCA), frozen and remembered
 * under its DER so that the next parse of those bytes — the requester reading status.certificate,
 * the apiserver validating it — is the same object.
 */
export function rememberCertificate(cert: Certificate): Certificate {
  return parsedCertificates.get(bytesKey(cert.der), () => freezeParsed(cert));
}

/** For tests and benchmarks: forget every parsed certificate. */
export function clearCertificateCache(): void {
  parsedCertificates.clear();
}

/** Parses the first "CERTIFICATE" block of a PEM text. */
export function parseCertificatePem(text: string, source = 'certificate'): Certificate {
  return parseCertificateDer(decodeOnePem(text, ['CERTIFICATE'], source).der, source);
}

/** Parses every "CERTIFICATE" block of a bundle (a CA file, a kubelet's combined PEM). */
export function parseCertificatesPem(text: string, source = 'certificates'): Certificate[] {
  const ders = decodePemBlocks(text, 'CERTIFICATE', source);
  if (ders.length === 0) decodeOnePem(text, ['CERTIFICATE'], source); // throws the precise error
  return ders.map((der, i) => parseCertificateDer(der, ders.length > 1 ? `${source} (certificate ${i + 1})` : source));
}
