// The TLS side of a client identity. One undici connector per RestClient: the client
// certificate and trust roots are fixed for its life (one TLS context per identity), TLS session resumption is off (a resumed
// session would keep an older identity, DESIGN.md "Dependencies"), and the server's chain is
// checked either by Node at the wall clock or — with `verifyServer` — by the component at its
// own clock after a handshake done with chain checks deferred (DESIGN.md "Time"), the way
// client-go's transport verifies with the certificates of its tls.Config.
import { buildConnector } from 'undici';
import { createHash } from 'node:crypto';
import type { X509Certificate } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import type { TLSSocket, SecureContext } from 'node:tls';
import { errorMessage } from '@tlsboot/util';
import { ClientError } from './errors.js';

/**
 * Checks the server's certificate chain (leaf first, DER, as sent in the handshake) for
 * `serverName` — the tls-server-name, or the host of the server URL. Throw to refuse the
 * connection. The component passes one that verifies at `clock.now()` with its trust roots.
 */
export type VerifyServer = (peerCertificateDer: Uint8Array[], serverName: string) => Promise<void>;

export interface TlsIdentity {
  /** PEM trust roots for the server; absent means Node's default roots. */
  ca?: string;
  /** PEM client certificate (chain); a file that also holds the key is fine. */
  clientCert?: string;
  /** PEM private key of clientCert. */
  clientKey?: string;
  /** Name to check the server certificate against and to send as SNI (kubeconfig tls-server-name). */
  tlsServerName?: string;
  /** Accept any server certificate (kubeconfig insecure-skip-tls-verify). */
  insecureSkipTLSVerify?: boolean;
  /** Deferred verification at the component's clock; without it Node verifies at the wall clock. */
  verifyServer?: VerifyServer;
}

/**
 * The DER chain the peer sent, leaf first, each certificate once: exactly the certificates of the
 * handshake (SSL_get_peer_cert_chain), read through getPeerX509Certificate — a thin handle whose
 * `.raw` is the DER — instead of getPeerCertificate(true), which builds a JS object per
 * certificate (subject, SANs, fingerprints, key) and so cost ~13 % of a kubelet thread's CPU in the
 * join storm. The verifier needs only the DER. getPeerCertificate(true) also appended the trust
 * root found in the context's own CA store; the verifier takes its roots from the CA bundle, not
 * from the chain, so the outcome is the same. Node 20 consumes the peer chain when
 * getPeerX509Certificate is called on a client socket (a second call returns nothing), so the
 * result is kept per socket and this is the only reader of it.
 */
const chains = new WeakMap<TLSSocket, Uint8Array[]>();

export function peerChain(socket: TLSSocket): Uint8Array[] {
  const known = chains.get(socket);
  if (known !== undefined) return known;
  const chain: Uint8Array[] = [];
  const seen = new Set<X509Certificate>();
  let cert: X509Certificate | undefined = socket.getPeerX509Certificate();
  while (cert !== undefined && !seen.has(cert) && chain.length < 16) {
    seen.add(cert);
    const der = new Uint8Array(cert.raw);
    if (chain.some((c) => sameBytes(c, der))) break;
    chain.push(der);
    cert = cert.issuerCertificate;
  }
  chains.set(socket, chain);
  return chain;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

/**
 * TLS contexts by identity (trust roots, client certificate, key), shared by every connection and
 * every client that has that identity — Go's one tls.Config per transport. Without it Node builds
 * a new context for each connection (parsing the key, the certificate and the CA bundle again:
 * setKey/setCert/addCACert). A context holds no session and no peer state; TLS session resumption
 * stays off (maxCachedSessions 0), so nothing of one handshake carries over to the next, and a
 * rotated certificate is a new identity, hence a new context. Entries are weak: a context lives as
 * long as a connector holds it.
 */
const contexts = new Map<string, WeakRef<SecureContext>>();
const forget = new FinalizationRegistry<string>((key) => {
  if (contexts.get(key)?.deref() === undefined) contexts.delete(key);
});

/** The shared context of an identity; undefined when Node refuses the inputs (tls.connect then reports the same error per connection, as before). */
function secureContextFor(ca: string | undefined, cert: string | undefined, key: string | undefined): SecureContext | undefined {
  const id = createHash('sha256');
  for (const part of [ca, cert, key]) id.update(part === undefined ? '\u0000absent' : `\u0000${part.length}:${part}`);
  const cacheKey = id.digest('base64');
  const known = contexts.get(cacheKey)?.deref();
  if (known !== undefined) return known;
  let context: SecureContext;
  try {
    context = createSecureContext({ ...(ca !== undefined ? { ca } : {}), ...(cert !== undefined ? { cert } : {}), ...(key !== undefined ? { key } : {}) });
  } catch {
    return undefined;
  }
  contexts.set(cacheKey, new WeakRef(context));
  forget.register(context, cacheKey);
  return context;
}

/** undici connect options (or a connector) for this identity. */
export function tlsConnector(identity: TlsIdentity, serverHost: string): buildConnector.connector {
  const deferred = identity.verifyServer !== undefined && !identity.insecureSkipTLSVerify;
  const options: buildConnector.BuildOptions = {
    maxCachedSessions: 0,
    rejectUnauthorized: !(identity.insecureSkipTLSVerify || deferred),
  };
  // With deferred verification the trust roots stay out of the TLS context: Node's wall-clock
  // verdict is ignored anyway (rejectUnauthorized false) and the component's verifier checks the
  // chain against `identity.ca` and the host name at its own clock. With the roots in the context,
  // the wall-clock check succeeded and Node then ran its checkServerIdentity on
  // getPeerCertificate(true) for every handshake (~7 % of a kubelet thread in the join storm);
  // without them its verdict is "unknown issuer", it skips that step, and nothing reads the
  // verdict. A TLS client sends no CA list, so the handshake on the wire is the same.
  const contextCa = deferred ? undefined : identity.ca;
  if (contextCa !== undefined) options.ca = contextCa;
  if (identity.clientCert !== undefined) options.cert = identity.clientCert;
  if (identity.clientKey !== undefined) options.key = identity.clientKey;
  if (identity.tlsServerName) options.servername = identity.tlsServerName;
  // The context is made at the first connection (a bad key still fails the request, not the constructor).
  let built: buildConnector.connector | undefined;
  const connect: buildConnector.connector = (opts, callback) => {
    if (built === undefined) {
      const secureContext = secureContextFor(contextCa, identity.clientCert, identity.clientKey);
      built = buildConnector(secureContext === undefined ? options : { ...options, secureContext } as buildConnector.BuildOptions);
    }
    built(opts, callback);
  };
  if (!deferred) return connect;
  const verify = identity.verifyServer!;
  const serverName = identity.tlsServerName || serverHost;
  return (opts, callback) => {
    connect(opts, (err, socket) => {
      if (err) {
        callback(err, null);
        return;
      }
      verify(peerChain(socket as TLSSocket), serverName).then(
        () => callback(null, socket!),
        (cause: unknown) => {
          socket!.destroy();
          const message = `tls: failed to verify certificate: ${errorMessage(cause)}`;
          callback(new ClientError('TLS_SERVER_UNTRUSTED', message, { cause }), null);
        },
      );
    });
  };
}
