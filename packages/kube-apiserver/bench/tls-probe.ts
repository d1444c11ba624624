/** What a server's TLS looks like from a client: its key type, protocol, cipher, and whether it speaks HTTP/2. */
import { connect as tlsConnect } from 'node:tls';
import { parseCertificateDer, type KeySpec } from '@tlsboot/pki';
import type { Endpoint } from './identity.js';

export interface TlsFacts {
  keySpec: KeySpec;
  protocol: string;
  cipher: string;
  /** The ALPN protocol chosen when h2 and http/1.1 are offered; "" when the server does no ALPN. */
  alpn: string;
}

export function probeTls(endpoint: Endpoint): Promise<TlsFacts> {
  const url = new URL(endpoint.url);
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({
      host: url.hostname,
      port: Number(url.port),
      ca: endpoint.caPem,
      cert: endpoint.clientCertPem,
      key: endpoint.clientKeyPem,
      ALPNProtocols: ['h2', 'http/1.1'],
    });
    socket.once('error', reject);
    socket.once('secureConnect', () => {
      try {
        const peer = socket.getPeerCertificate();
        resolve({
          keySpec: parseCertificateDer(new Uint8Array(peer.raw), 'serving certificate').keySpec,
          protocol: socket.getProtocol() ?? '',
          cipher: socket.getCipher().name,
          alpn: socket.alpnProtocol || '',
        });
      } catch (err) {
        reject(err);
      } finally {
        socket.end();
      }
    });
  });
}
