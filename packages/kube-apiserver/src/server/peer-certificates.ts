/**
 * The certificates a client presented in the TLS handshake, parsed once per certificate (leaf
 * first, then the chain Node reports). Nothing is verified here: the handshake accepts any
 * certificate (requestCert, rejectUnauthorized false) and the x509 authenticator verifies at the
 * apiserver's clock time.
 */
import type { X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import { parseCertificateDer } from '@tlsboot/pki';
import type { Certificate } from '@tlsboot/pki';

const bySocket = new WeakMap<TLSSocket, readonly Certificate[]>();

/**
 * Parsed certificates by SHA-256 fingerprint, shared by every connection: a client that opens
 * many connections with one identity (a kubelet's watches, a benchmark's 1,000 watchers) is
 * parsed once, and the parsed objects it gets back are the same ones, so pki's per-object memo
 * of signature checks applies across connections too. Bounded; the oldest entry goes first.
 */
const byFingerprint = new Map<string, Certificate>();
const maxCachedCertificates = 10_000;

function parsed(cert: X509Certificate): Certificate {
  const fingerprint = cert.fingerprint256;
  const hit = byFingerprint.get(fingerprint);
  if (hit !== undefined) return hit;
  const fresh = parseCertificateDer(new Uint8Array(cert.raw), 'client certificate');
  if (byFingerprint.size >= maxCachedCertificates) byFingerprint.delete(byFingerprint.keys().next().value!);
  byFingerprint.set(fingerprint, fresh);
  return fresh;
}

/**
 * The client's certificates, read through getPeerX509Certificate (a thin handle on the DER, its
 * issuer links following the chain the client sent) rather than getPeerCertificate(true), which
 * built a JS object per certificate (subject, SANs, key, fingerprints) on every connection. The
 * authenticator needs only the DER, and verifies against its own CA bundle, so the outcome is the
 * same. Node 20 consumes part of the peer chain when getPeerX509Certificate is called (a second
 * call on the same socket returns less), so the result is kept per socket and this is the only
 * reader of it.
 */
export function peerCertificatesOf(socket: TLSSocket): readonly Certificate[] {
  const cached = bySocket.get(socket);
  if (cached !== undefined) return cached;
  const out: Certificate[] = [];
  let cert: X509Certificate | undefined = typeof socket.getPeerX509Certificate === 'function' ? socket.getPeerX509Certificate() : undefined;
  const seen = new Set<string>();
  while (cert !== undefined && out.length < 16) {
    const fingerprint = cert.fingerprint256;
    if (seen.has(fingerprint)) break;
    seen.add(fingerprint);
    try {
      out.push(parsed(cert));
    } catch {
      break; // an unparsable certificate counts as none from here on; the leaf's absence means "not mine"
    }
    cert = cert.issuerCertificate;
  }
  bySocket.set(socket, out);
  return out;
}
