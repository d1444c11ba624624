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

/**
 * A server check for @tlsboot/client's `verifyServer` hook: `(chainDer, serverName)` rejects when
 * the chain does not verify against `caPem` at the clock's time or the leaf does not name `serverName`.
 */
export function serverVerifierAt(caPem: string, clock: Clock): (chainDer: Uint8Array[], serverName: string) => Promise<void> {
  const roots = parseCertificatesPem(caPem, 'certificate-authority-data');
  return async (chainDer, serverName) => {
    const [leafDer, ...rest] = chainDer;
    if (!leafDer) throw new Error('the server sent no certificate');
    const leaf = parseCertificateDer(leafDer, 'server certificate');
    const intermediates = rest.map((der) => parseCertificateDer(der, 'server certificate chain'));
    await verifyChain(leaf, { roots, intermediates, at: clock.now(), usages: ['server auth'] });
    const problem = hostnameError(leaf, serverName);
    if (problem !== undefined) throw new Error(problem);
  };
}
