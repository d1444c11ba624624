/**
 * Checking a TLS server the way Go's crypto/tls does with client-go's tls.Config, at a chosen time
 * (DESIGN.md "Time"): the presented chain must lead to the trusted CAs at `clock.now()` for
 * server auth, and the leaf must name the host dialled (crypto/x509 Certificate.VerifyHostname
 * with its HostnameError texts). Used by every component's clients and by the apiserver's
 * kubelet client.
 */
import type { Clock } from '@tlsboot/util';
import { parseCertificateDer, parseCertificatesPem } from './certificate.js';
import type { Certificate } from './certificate.js';
import { ParseCache } from './parse-cache.js';
import { verifyChain } from './verify-chain.js';

/** crypto/x509 HostnameError for an IP or DNS name the certificate does not carry; undefined when it does. */
export function hostnameError(cert: Certificate, host: string): string | undefined {
  const sans = cert.subjectAltNames;
  const isIP = /^[0-9.]+$/.test(host) || host.includes(':');
  if (isIP) {
    const ips = sans.ipAddresses ?? [];
    if (ips.length === 0) return `x509: cannot validate certificate for ${host} because it doesn't contain any IP SANs`;
    return ips.includes(host) ? undefined : `x509: certificate is valid for ${ips.join(', ')}, not ${host}`;
  }
  const names = sans.dnsNames ?? [];
  const matches = (pattern: string): boolean => {
    const p = pattern.toLowerCase();
    const h = host.toLowerCase();
    if (p === h) return true;
    if (!p.startsWith('*.')) return false;
    const dot = h.indexOf('.');
    return dot > 0 && h.slice(dot) === p.slice(1);
  };
  if (names.some(matches)) return undefined;
  if (names.length === 0) return `x509: certificate is not valid for any names, but wanted to match ${host}`;
  return `x509: certificate is valid for ${names.join(', ')}, not ${host}`;
}

/** Trust roots by their PEM text: every client of a cluster carries the same CA bundle. Frozen, bounded. */
const rootsByPem = new ParseCache<readonly Certificate[]>(64);

function trustedRoots(caPem: string): readonly Certificate[] {
  return rootsByPem.get(caPem, () => Object.freeze(parseCertificatesPem(caPem, 'certificate-authority-data')));
}

/** A chain that verified: the intermediates the server sent with it, and the chain found (leaf first, root last). */
interface Verified {
  intermediates: readonly Certificate[];
  chain: readonly Certificate[];
}

/**
 * Chains that verified, per CA set (the frozen roots array of one PEM) and leaf (parsed
 * certificates are memoised by their bytes, so the same DER is the same object; both maps are weak
 * and end with them). Chain building, CA constraints, signatures and key usages are a pure
 * function of the certificates' bytes, so for the same leaf, intermediates and roots the chain
 * found before is found again: only what depends on the time is checked again at each call —
 * NotBefore/NotAfter of every certificate of that chain at the component's clock — and the host
 * name. When a certificate of the cached chain is outside its validity period, the full
 * verifyChain runs (it may find another chain, or gives Go's exact error), so the outcome is the
 * one verifyChain would give, only cheaper. Failures are never cached.
 */
const verifiedChains = new WeakMap<readonly Certificate[], WeakMap<Certificate, Verified>>();

function sameCertificates(a: readonly Certificate[], b: readonly Certificate[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}

function validAt(chain: readonly Certificate[], at: Date): boolean {
  // verify-chain's validityProblem: invalid when at < notBefore or at > notAfter
  return chain.every((c) => !(at < c.notBefore) && !(at > c.notAfter));
}

/**
 * A server check for @tlsboot/client's `verifyServer` hook: `(chainDer, serverName)` rejects when
 * the chain does not verify against `caPem` at the clock's time or the leaf does not name `serverName`.
 */
export function serverVerifierAt(caPem: string, clock: Clock): (chainDer: Uint8Array[], serverName: string) => Promise<void> {
  const roots = trustedRoots(caPem);
  let byLeaf = verifiedChains.get(roots);
  if (byLeaf === undefined) verifiedChains.set(roots, (byLeaf = new WeakMap()));
  const cache = byLeaf;
  return async (chainDer, serverName) => {
    const [leafDer, ...rest] = chainDer;
    if (!leafDer) throw new Error('the server sent no certificate');
    const leaf = parseCertificateDer(leafDer, 'server certificate');
    const intermediates = rest.map((der) => parseCertificateDer(der, 'server certificate chain'));
    const at = clock.now();
    const known = cache.get(leaf);
    if (known === undefined || !sameCertificates(known.intermediates, intermediates) || !validAt(known.chain, at)) {
      const chain = await verifyChain(leaf, { roots, intermediates, at, usages: ['server auth'] });
      cache.set(leaf, { intermediates, chain });
    }
    const problem = hostnameError(leaf, serverName);
    if (problem !== undefined) throw new Error(problem);
  };
}
