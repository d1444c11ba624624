import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { checkServerIdentity, connect, createServer, type PeerCertificate, type TLSSocket } from 'node:tls';
import { parseCertificateDer, verifyChain, PkiError, type Certificate } from '@tlsboot/pki';

/**
 * A real mutual-TLS handshake on 127.0.0.1 between a node:tls server that requests a client
 * certificate and a client that presents one. As DESIGN.md ("Time") prescribes, the TLS layer
 * does the handshake — and so the proof that each side holds its private key — while the chain
 * checks are done by tlsboot at the caller's clock time, the way the apiserver's x509
 * authenticator does; OpenSSL's own wall-clock verdict is reported beside it.
 */

export interface Credentials {
  keyPem: string;
  certPem: string;
}

export interface MutualTlsOptions {
  caPem: string;
  ca: Certificate;
  server: Credentials;
  client: Credentials;
  /** The clock time chains are verified at. */
  at: Date;
}

/** What one side saw of the other. */
export interface PeerView {
  /** The peer certificate's subject CN and O. */
  commonName: string;
  organizations: string[];
  /** tlsboot's chain check at the clock time: "OK" or "<CODE>: <Go message>". */
  verdict: string;
  /** OpenSSL's verdict at the wall clock (node's socket.authorized / authorizationError). */
  openssl: string;
}

export interface HandshakeView {
  address: string;
  protocol: string;
  cipher: string;
  /** What the server saw of the client (the identity an apiserver would authenticate). */
  serverSaw: PeerView;
  /** What the client saw of the server, including the host name check. */
  clientSaw: PeerView & { hostname: string };
  /** The application message the server sent over the encrypted channel. */
  message: string;
}

const handshakeTimeoutMs = 10_000;

async function view(socket: TLSSocket, ca: Certificate, at: Date, usage: string): Promise<PeerView> {
  const raw = socket.getPeerCertificate(false) as PeerCertificate | Record<string, never>;
  if (!('raw' in raw) || !raw.raw) {
    return { commonName: '', organizations: [], verdict: 'NO_CERTIFICATE: the peer presented no certificate', openssl: 'no certificate' };
  }
  const cert = parseCertificateDer(new Uint8Array(raw.raw), 'peer certificate');
  let verdict = 'OK';
  try {
    await verifyChain(cert, { roots: [ca], at, usages: [usage] });
  } catch (err) {
    if (!(err instanceof PkiError)) throw err;
    verdict = `${err.code}: ${err.message}`;
  }
  const authError = socket.authorizationError as unknown as Error | string | null | undefined;
  const openssl = socket.authorized ? 'authorized' : `not authorized (${authError instanceof Error ? authError.message : String(authError)})`;
  return { commonName: cert.subject.commonName ?? '', organizations: cert.subject.organizations ?? [], verdict, openssl };
}

/** Runs one server, one client, one exchange, and closes both. */
export async function mutualTlsHandshake(options: MutualTlsOptions): Promise<HandshakeView> {
  const { caPem, ca, server, client, at } = options;
  let serverSaw: Promise<PeerView> | undefined;
  const tlsServer = createServer({
    key: server.keyPem,
    cert: server.certPem,
    ca: [caPem],
    requestCert: true,
    // Chains are checked below at the clock time (DESIGN.md "Time"), not by OpenSSL at the wall clock.
    rejectUnauthorized: false,
    minVersion: 'TLSv1.2',
  });
  tlsServer.on('secureConnection', (socket: TLSSocket) => {
    socket.on('error', () => socket.destroy());
    serverSaw = view(socket, ca, at, 'client auth').then((peer) => {
      const groups = peer.organizations.join(', ') || '(none)';
      socket.end(peer.verdict === 'OK' ? `hello ${peer.commonName} (groups: ${groups})\n` : `rejected: ${peer.verdict}\n`);
      return peer;
    });
  });
  tlsServer.listen(0, '127.0.0.1');
  await once(tlsServer, 'listening');
  const { port } = tlsServer.address() as AddressInfo;
  try {
    const socket = connect({ host: '127.0.0.1', port, key: client.keyPem, cert: client.certPem, ca: [caPem], rejectUnauthorized: false });
    socket.setTimeout(handshakeTimeoutMs, () => socket.destroy(new Error(`no answer from 127.0.0.1:${port} within ${handshakeTimeoutMs} ms`)));
    await once(socket, 'secureConnect');
    const protocol = socket.getProtocol() ?? 'unknown';
    const cipher = socket.getCipher().standardName;
    const hostname = '127.0.0.1';
    const peer = await view(socket, ca, at, 'server auth');
    const nameError = checkServerIdentity(hostname, socket.getPeerCertificate(false));
    let message = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (message += chunk));
    await once(socket, 'end');
    socket.end();
    if (!serverSaw) throw new Error('the server saw no TLS connection');
    return {
      address: `127.0.0.1:${port}`,
      protocol,
      cipher,
      serverSaw: await serverSaw,
      clientSaw: { ...peer, hostname: nameError ? `${hostname} does not match: ${nameError.message}` : `${hostname} matches the certificate's SANs` },
      message: message.trim(),
    };
  } finally {
    tlsServer.close();
  }
}
