import { PkiError } from './errors.js';
import { activity } from '@tlsboot/util';
import { publicKeySpec, signingAlgorithm, type KeyPair, type KeySpec } from './key-pair.js';
import { fromX509Name, toX509Name, type Subject } from './name.js';
import { decodeOnePem, encodePem } from './pem.js';
import { signatureAlgorithmNames } from './signature-algorithm.js';
import { hasSubjectAltNames, subjectAltNameExtension, subjectAltNamesOf, type SubjectAltNames } from './subject-alt-names.js';
import { bytesKey, freezeParsed, ParseCache } from './parse-cache.js';
import { x509 } from './x509.js';

/** A parsed PKCS#10 certificate signing request. */
export interface CertificateRequest {
  der: Uint8Array;
  pem: string;
  subject: Subject;
  subjectAltNames: SubjectAltNames;
  keySpec: KeySpec;
  publicKeySpki: Uint8Array;
  /** Go's name of the signature algorithm (ECDSA-SHA256, SHA256-RSA, ...). */
  signatureAlgorithm: string;
  /** OIDs of the extensions the request asks for (a signer may drop them all, as Kubernetes does). */
  requestedExtensions: string[];
  x509: x509.Pkcs10CertificateRequest;
}

export interface CreateCertificateRequestOptions {
  keys: KeyPair;
  subject: Subject;
  subjectAltNames?: SubjectAltNames;
  /** Whose rule picks the signature hash: Go's x509 (default) or cfssl's DefaultSigAlgo. */
  signatureChooser?: 'go' | 'cfssl';
}

/**
 * Creates a CSR signed with `keys`, as Go's x509.CreateCertificateRequest does: subject, and
 * the SANs in an extensionRequest attribute (nothing else is requested).
 */
export async function createCertificateRequest(options: CreateCertificateRequestOptions): Promise<CertificateRequest> {
  const { keys, subject, subjectAltNames = {} } = options;
  const name = toX509Name(subject);
  const extensions = hasSubjectAltNames(subjectAltNames)
    ? [subjectAltNameExtension(subjectAltNames, name.toJSON().length === 0, 'subjectAltNames')]
    : [];
  const csr = await activity.track(
    x509.Pkcs10CertificateRequestGenerator.create({
      name,
      keys: { privateKey: keys.privateKey, publicKey: keys.publicKey },
      signingAlgorithm: signingAlgorithm(keys.spec, options.signatureChooser),
      extensions,
    }),
  );
  return certificateRequestFromX509(csr, 'certificate request');
}

function certificateRequestFromX509(csr: x509.Pkcs10CertificateRequest, source: string): CertificateRequest {
  try {
    const der = new Uint8Array(csr.rawData);
    const spki = new Uint8Array(csr.publicKey.rawData);
    return {
      der,
      pem: encodePem('CERTIFICATE REQUEST', der),
      subject: fromX509Name(csr.subjectName),
      subjectAltNames: subjectAltNamesOf(csr.extensions),
      keySpec: publicKeySpec(spki, source),
      publicKeySpki: spki,
      signatureAlgorithm: signatureAlgorithmNames(csr.signatureAlgorithm as unknown as { name: string; hash?: { name: string } }).go,
      requestedExtensions: Array.from(csr.extensions, (e) => e.type), // a plain array, not x509's Extensions subclass
      x509: csr,
    };
  } catch (err) {
    if (err instanceof PkiError) throw err;
    throw new PkiError('DER_MALFORMED', `${source}: malformed certificate request (${(err as Error).message})`, { cause: err });
  }
}

/**
 * Parsed requests by their DER bytes: one CSR is read by the apiserver on create, on approval and
 * on the status update that carries the certificate, by the NodeRestriction and subject-restriction
 * admission plugins, and by the controller-manager's approver and signer. Parsing is a pure
 * function of the bytes, so the cached (frozen) object is what a fresh parse would give. Bounded
 * (2,048, least recently used first); a DER that does not parse is not cached.
 */
const parsedRequests = new ParseCache<CertificateRequest>(2048);

/** Parses a CSR from DER (as carried, PEM-encoded, in a CertificateSigningRequest's spec.request); memoised by its bytes, the result is frozen. */
export function parseCertificateRequestDer(der: Uint8Array, source = 'certificate request'): CertificateRequest {
  return parsedRequests.get(bytesKey(der), () => {
    let csr: x509.Pkcs10CertificateRequest;
    try {
      csr = new x509.Pkcs10CertificateRequest(der);
    } catch (err) {
      throw new PkiError('DER_MALFORMED', `${source}: not a DER PKCS#10 certificate request (${(err as Error).message})`, { cause: err });
    }
    return freezeParsed(certificateRequestFromX509(csr, source));
  });
}

/** Parses the "CERTIFICATE REQUEST" block of a PEM text ("NEW CERTIFICATE REQUEST" too, as old tools write). */
export function parseCertificateRequestPem(text: string, source = 'certificate request'): CertificateRequest {
  const block = decodeOnePem(text, ['CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST'], source);
  return parseCertificateRequestDer(block.der, source);
}

/**
 * Checks that the CSR is signed by the key it carries (proof of possession). Fails with
 * CSR_BAD_SIGNATURE and Go's wording (x509: ECDSA verification failure, crypto/rsa: verification error).
 */
export async function verifyCertificateRequest(csr: CertificateRequest, source = 'certificate request'): Promise<void> {
  let ok = false;
  try {
    ok = await activity.track(csr.x509.verify());
  } catch {
    ok = false;
  }
  if (!ok) {
    throw new PkiError('CSR_BAD_SIGNATURE', `${source}: signature does not match its public key (${verificationFailure(csr.keySpec)})`);
  }
}

/** The text of Go's signature verification error for a key type. */
export function verificationFailure(spec: KeySpec): string {
  if (spec.startsWith('rsa-')) return 'crypto/rsa: verification error';
  if (spec === 'ed25519') return 'x509: Ed25519 verification failure';
  return 'x509: ECDSA verification failure';
}
