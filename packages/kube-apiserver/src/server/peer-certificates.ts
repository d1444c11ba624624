/**
 * The certificates a client presented in the TLS handshake, parsed once per certificate (leaf
 * first, then the chain Node reports). Nothing is verified here: the handshake accepts any
 * certificate (requestCert, rejectUnauthorized false) and the x509 authenticator verifies at the
 * apiserver's clock time.
 */
import type { TLSSocket, DetailedPeerCertificate } from 'node:tls';
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

function parsed(cert: DetailedPeerCertificate): Certificate {
  const hit = byFingerprint.get(cert.fingerprint256);
  if (hit !== undefined) return hit;
  const fresh = parseCertificateDer(new Uint8Array(cert.raw), 'client certificate');
  if (byFingerprint.size >= maxCachedCertificates) byFingerprint.delete(byFingerprint.keys().next().value!);
  byFingerprint.set(cert.fingerprint256, fresh);
  return fresh;
}

export function peerCertificatesOf(socket: TLSSocket): readonly Certificate[] {
  const cached = bySocket.get(socket);
  if (cached !== undefined) return cached;
  const out: Certificate[] = [];
  let cert: DetailedPeerCertificate | undefined = typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate(true) : undefined;
  const seen = new Set<string>();
  while (cert !== undefined && cert.raw !== undefined && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    try {
      out.push(parsed(cert));
    } catch {
      break; // an unparsable certificate counts as none from here on; the leaf's absence means "not mine"
    }
    cert = cert.issuerCertificate === cert ? undefined : cert.issuerCertificate;
  }
  bySocket.set(socket, out);
  return out;
}
