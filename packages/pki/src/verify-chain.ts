import type { Certificate } from './certificate.js';
import { activity } from '@tlsboot/util';
import { verificationFailure } from './certificate-request.js';
import { PkiError, type PkiErrorCode } from './errors.js';
import { formatRFC3339 } from './go-time.js';
import { extKeyUsageOids, keyUsageBits, unrecognizedUsages } from './key-usage.js';

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
const certSignBit = keyUsageBits['cert sign']!;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a).equals(Buffer.from(b));
}

interface Problem {
  code: PkiErrorCode;
  message: string;
}

/** Go's CertificateInvalidError{Expired} text, or undefined when `cert` is valid at `at`. */
function validityProblem(cert: Certificate, at: Date): Problem | undefined {
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

interface Hint extends Problem {
  cert: Certificate;
}

/**
 * Signature checks already made, per (child, parent) pair of parsed certificates. A signature
 * does not depend on the time, so a caller that verifies the same parsed certificate again (the
 * apiserver's x509 authenticator: the same connection's leaf on every request) pays for the
 * public-key import and the ECDSA/RSA verify once; the validity period, CA and usage checks still
 * run at every call's `at`. Keyed on the objects, so it ends with them.
 */
const signatureChecks = new WeakMap<Certificate, WeakMap<Certificate, Promise<boolean>>>();

function signedBy(child: Certificate, parent: Certificate): Promise<boolean> {
  let byParent = signatureChecks.get(child);
  if (!byParent) signatureChecks.set(child, (byParent = new WeakMap()));
  let checked = byParent.get(parent);
  if (!checked) {
    checked = activity.track(child.x509.verify({ publicKey: parent.x509.publicKey, signatureOnly: true }).catch(() => false));
    byParent.set(parent, checked);
  }
  return checked;
}

/** Go's CheckSignatureFrom constraint: the parent must be a CA and, with a KeyUsage, allowed to sign certificates. */
function cannotSign(parent: Certificate): boolean {
  return (parent.basicConstraintsValid && !parent.isCA) || (parent.keyUsage !== 0 && (parent.keyUsage & certSignBit) === 0);
}

interface Built {
  chains: Certificate[][];
  /** Why no chain was found (set only when `chains` is empty). */
  problem?: Problem;
}

/**
 * Go's buildChains. A candidate that fails CheckSignatureFrom (constraint or signature) only
 * leaves a hint for UnknownAuthorityError; a candidate that fails isValid (validity period, an
 * intermediate that is not a CA) sets the error returned as is — Go assigns the isValid result
 * to buildChains' own `err` — so an expired CA yields the bare "certificate has expired" error.
 */
async function buildChains(chain: Certificate[], roots: readonly Certificate[], intermediates: readonly Certificate[], at: Date): Promise<Built> {
  const child = chain[chain.length - 1]!;
  let hint: Hint | undefined;
  let problem: Problem | undefined;
  const chains: Certificate[][] = [];
  const candidates = [...roots.map((c) => ({ c, root: true })), ...intermediates.map((c) => ({ c, root: false }))]
    .filter(({ c }) => sameBytes(c.rawSubject, child.rawIssuer) && !chain.some((x) => sameBytes(x.der, c.der)));
  for (const { c, root } of candidates) {
    if (cannotSign(c)) {
      hint ??= { code: 'CERT_NOT_CA', message: 'x509: invalid signature: parent certificate cannot sign this kind of certificate', cert: c };
      continue;
    }
    if (!(await signedBy(child, c))) {
      hint ??= { code: 'CERT_BAD_SIGNATURE', message: verificationFailure(c.keySpec), cert: c };
      continue;
    }
    problem = validityProblem(c, at);
    if (!problem && !root && !c.isCA) problem = { code: 'CERT_NOT_CA', message: 'x509: certificate is not authorized to sign other certificates' };
    if (problem) continue;
    if (root) chains.push([...chain, c]);
    else if (chain.length < maxChainLength) {
      const built = await buildChains([...chain, c], roots, intermediates, at);
      chains.push(...built.chains);
      problem = built.problem;
    }
  }
  if (chains.length > 0) return { chains };
  if (problem) return { chains, problem };
  let message = 'x509: certificate signed by unknown authority';
  if (hint) message += ` (possibly because of ${JSON.stringify(hint.message)} while trying to verify candidate authority certificate ${JSON.stringify(candidateName(hint.cert))})`;
  return { chains, problem: { code: hint?.code ?? 'CERT_UNKNOWN_ISSUER', message } };
}

/**
 * Verifies `leaf` up to one of `roots` at time `at`, in the order Go's crypto/x509 Verify does:
 * the leaf's validity period, then chain building (each candidate issuer: CA constraint and
 * signature, then validity and CA-ness), then extended key usage over the whole chain. Returns
 * the chain, leaf first. Errors carry Go's messages and distinct codes: CERT_EXPIRED,
 * CERT_NOT_YET_VALID, CERT_UNKNOWN_ISSUER, CERT_BAD_SIGNATURE, CERT_NOT_CA, CERT_WRONG_USAGE.
 */
export async function verifyChain(leaf: Certificate, options: VerifyOptions): Promise<Certificate[]> {
  const { roots, intermediates = [], at } = options;
  const leafProblem = validityProblem(leaf, at);
  if (leafProblem) throw new PkiError(leafProblem.code, leafProblem.message);

  let chains: Certificate[][];
  if (roots.some((root) => sameBytes(root.der, leaf.der))) chains = [[leaf]];
  else {
    const built = await buildChains([leaf], roots, intermediates, at);
    if (built.problem) throw new PkiError(built.problem.code, built.problem.message);
    chains = built.chains;
  }

  const wanted = (options.usages ?? ['server auth']).map((u) => {
    const oid = extKeyUsageOids[u];
    if (!oid) throw new PkiError('USAGE_UNKNOWN', unrecognizedUsages([u]));
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
