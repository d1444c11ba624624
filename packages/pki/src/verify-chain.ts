import type { Certificate } from './certificate.js';
import { verificationFailure } from './certificate-request.js';
import { PkiError, type PkiErrorCode } from './errors.js';
import { formatRFC3339 } from './go-time.js';
import { extKeyUsageOids } from './key-usage.js';

export interface VerifyOptions {
  /** Trusted roots (a CA bundle). */
  roots: readonly Certificate[];
  intermediates?: readonly Certificate[];
  /** The time to verify at — the component's clock, never the wall clock implicitly. */
  at: Date;
  /**
   * Acceptable extended key usages, as k8s usage strings; the chain must allow at least one.
   * Default ["server auth"] as Go's x509.VerifyOptions; "any" accepts every usage.
   */
  usages?: readonly string[];
}

const maxChainLength = 10;
const anyEku = extKeyUsageOids.any!;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a).equals(Buffer.from(b));
}

/** Go's CertificateInvalidError{Expired} text, or undefined when `cert` is valid at `at`. */
function validityProblem(cert: Certificate, at: Date): { code: PkiErrorCode; message: string } | undefined {
  if (at < cert.notBefore) {
    return { code: 'CERT_NOT_YET_VALID', message: `x509: certificate has expired or is not yet valid: current time ${formatRFC3339(at)} is before ${formatRFC3339(cert.notBefore)}` };
  }
  if (at > cert.notAfter) {
    return { code: 'CERT_EXPIRED', message: `x509: certificate has expired or is not yet valid: current time ${formatRFC3339(at)} is after ${formatRFC3339(cert.notAfter)}` };
  }
  return undefined;
}

/** The name Go's UnknownAuthorityError uses for a candidate: CN, else first O, else the serial. */
function candidateName(cert: Certificate): string {
  if (cert.subject.commonName) return cert.subject.commonName;
  if (cert.subject.organizations?.[0]) return cert.subject.organizations[0];
  return `serial:${BigInt(`0x${cert.serialNumber}`).toString()}`;
}

interface Hint {
  code: PkiErrorCode;
  message: string;
  cert: Certificate;
}

async function signedBy(child: Certificate, parent: Certificate): Promise<boolean> {
  try {
    return await child.x509.verify({ publicKey: parent.x509.publicKey, signatureOnly: true });
  } catch {
    return false;
  }
}

/**
 * Verifies `leaf` up to one of `roots` at time `at`, in the order Go's crypto/x509 Verify does:
 * the leaf's validity period, then chain building (each candidate issuer: signature, CA-ness,
 * validity), then extended key usage over the whole chain. Returns the chain, leaf first.
 * Errors carry Go's messages and distinct codes: CERT_EXPIRED, CERT_NOT_YET_VALID,
 * CERT_UNKNOWN_ISSUER, CERT_BAD_SIGNATURE, CERT_NOT_CA, CERT_WRONG_USAGE.
 */
export async function verifyChain(leaf: Certificate, options: VerifyOptions): Promise<Certificate[]> {
  const { roots, intermediates = [], at } = options;
  const leafProblem = validityProblem(leaf, at);
  if (leafProblem) throw new PkiError(leafProblem.code, leafProblem.message);

  let hint: Hint | undefined;
  const chains: Certificate[][] = [];
  if (roots.some((root) => sameBytes(root.der, leaf.der))) chains.push([leaf]);

  const build = async (chain: Certificate[]): Promise<void> => {
    const child = chain[chain.length - 1]!;
    const candidates = [...roots.map((c) => ({ c, root: true })), ...intermediates.map((c) => ({ c, root: false }))]
      .filter(({ c }) => sameBytes(c.rawSubject, child.rawIssuer) && !chain.some((x) => sameBytes(x.der, c.der)));
    for (const { c, root } of candidates) {
      const note = (h: Omit<Hint, 'cert'>) => (hint ??= { ...h, cert: c });
      if (c.basicConstraintsValid && !c.isCA) {
        note({ code: 'CERT_NOT_CA', message: 'x509: invalid signature: parent certificate cannot sign this kind of certificate' });
        continue;
      }
      if (!(await signedBy(child, c))) {
        note({ code: 'CERT_BAD_SIGNATURE', message: verificationFailure(c.keySpec) });
        continue;
      }
      const problem = validityProblem(c, at);
      if (problem) {
        note(problem);
        continue;
      }
      if (!root && !c.isCA) {
        note({ code: 'CERT_NOT_CA', message: 'x509: certificate is not authorized to sign other certificates' });
        continue;
      }
      if (root) chains.push([...chain, c]);
      else if (chain.length < maxChainLength) await build([...chain, c]);
    }
  };
  if (chains.length === 0) await build([leaf]);

  if (chains.length === 0) {
    let message = 'x509: certificate signed by unknown authority';
    if (hint) message += ` (possibly because of ${JSON.stringify(hint.message)} while trying to verify candidate authority certificate ${JSON.stringify(candidateName(hint.cert))})`;
    throw new PkiError(hint?.code ?? 'CERT_UNKNOWN_ISSUER', message);
  }

  const wanted = (options.usages ?? ['server auth']).map((u) => {
    const oid = extKeyUsageOids[u];
    if (!oid) throw new PkiError('USAGE_UNKNOWN', `unrecognized usage values: [${u}]`);
    return oid;
  });
  // checkChainForKeyUsage: one requested usage must be allowed by every certificate that
  // restricts usages (no ExtKeyUsage, or "any", allows everything).
  const allows = (cert: Certificate, usage: string) =>
    usage === anyEku || cert.extKeyUsages.length === 0 || cert.extKeyUsages.includes(anyEku) || cert.extKeyUsages.includes(usage);
  const good = chains.find((chain) => wanted.some((usage) => chain.every((cert) => allows(cert, usage))));
  if (!good) throw new PkiError('CERT_WRONG_USAGE', 'x509: certificate specifies an incompatible key usage');
  return good;
}
