/**
 * The certificates a client presented in the TLS handshake, parsed once per connection (leaf
 * first, then the chain Node reports). Nothing is verified here: the handshake accepts any
 * certificate (requestCert, rejectUnauthorized false) and the x509 authenticator verifies at the
 * apiserver's clock time.
 */
import type { TLSSocket, DetailedPeerCertificate } from 'node:tls';
import { parseCertificateDer } from '@tlsboot/pki';
import type { Certificate } from '@tlsboot/pki';

const cache = new WeakMap<TLSSocket, readonly Certificate[]>();

export function peerCertificatesOf(socket: TLSSocket): readonly Certificate[] {
  const cached = cache.get(socket);
  if (cached !== undefined) return cached;
  const out: Certificate[] = [];
  let cert: DetailedPeerCertificate | undefined = typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate(true) : undefined;
  const seen = new Set<string>();
  while (cert !== undefined && cert.raw !== undefined && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    try {
      out.push(parseCertificateDer(new Uint8Array(cert.raw), 'client certificate'));
    } catch {
      break; // an unparsable certificate counts as none from here on; the leaf's absence means "not mine"
    }
    cert = cert.issuerCertificate === cert ? undefined : cert.issuerCertificate;
  }
  cache.set(socket, out);
  return out;
}
