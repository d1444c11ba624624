// The kubelet's HTTPS server (port 10250 upstream): kubernetes/kubernetes
// pkg/kubelet/server/server.go ListenAndServeKubeletServer + InstallAuthFilter (v1.32), with the
// TLS setup of cmd/kubelet/app/server.go InitializeTLS: ClientAuth RequestClientCert (the
// handshake asks for a certificate and accepts any; the x509 authenticator verifies it), the
// serving certificate swapped in when the serving certificate manager gets a new one, and a failed
// handshake while there is none (GetCertificate: "no serving certificate available for the
// kubelet"). Every request: authenticate → 401 `Unauthorized`; authorize (attributes from auth.go)
// → 403 `Forbidden (…)` / 500 `Authorization error (…)`; then the handler.
import { createServer } from 'node:https';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';
import type { RestClient } from '@tlsboot/client';
import { parseCertificateDer, parseCertificatesPem } from '@tlsboot/pki';
import type { Certificate } from '@tlsboot/pki';
import type { Clock } from '@tlsboot/util';
import { authorizationErrorBody, forbiddenBody, nodeRequestAttributes, unauthorizedBody } from './auth.js';
import type { KubeletRequestAttributes } from './auth.js';
import { newKubeletAuthenticator } from './authenticator.js';
import type { KubeletAuthenticationResult } from './authenticator.js';
import { newWebhookAuthorizer } from './authorizer.js';
import type { KubeletDecision } from './authorizer.js';
import { handleKubeletRequest } from './handlers.js';
import { requestPath } from './request-path.js';
import type { KubeletResponse } from './handlers.js';

export interface KubeletServerEvent {
  type: 'kubelet.request';
  method: string;
  path: string;
  status: number;
  authentication: KubeletAuthenticationResult;
  attributes?: KubeletRequestAttributes;
  decision?: KubeletDecision;
}

export interface KubeletServerOptions {
  nodeName: string;
  clock: Clock;
  /** The kubelet's own client (or a getter for the current one): TokenReview, SubjectAccessReview, and /pods. */
  client: RestClient | (() => RestClient);
  /** authorization.mode AlwaysAllow instead of Webhook. */
  alwaysAllow?: boolean;
  /** `--address`; default 127.0.0.1. */
  host?: string;
  /** `--port`; default 0 (ephemeral; upstream 10250). */
  port?: number;
  /** authentication.x509.clientCAFile contents (PEM). */
  clientCAPem?: string;
  /** authentication.webhook.enabled; default true. */
  webhookAuthentication?: boolean;
  /** authentication.anonymous.enabled; default false. */
  anonymous?: boolean;
  /** The serving pair at start (undefined: handshakes fail until setServingCertificate). */
  serving?: { certPem: string; keyPem: string };
  onEvent?: (e: KubeletServerEvent) => void;
}

export interface KubeletHttpsServer {
  url: string;
  port: number;
  /** Serve with a new certificate from now on (new connections). */
  setServingCertificate(pair: { certPem: string; keyPem: string }): void;
  close(): Promise<void>;
}

export async function startKubeletServer(o: KubeletServerOptions): Promise<KubeletHttpsServer> {
  const client = typeof o.client === 'function' ? o.client : () => o.client as RestClient;
  const clientCAs: Certificate[] = o.clientCAPem ? parseCertificatesPem(o.clientCAPem) : [];
  const authenticate = newKubeletAuthenticator({
    clock: o.clock,
    clientCAs,
    ...(o.webhookAuthentication === false ? {} : { tokenReviewClient: client }),
    anonymous: o.anonymous ?? false,
  });
  const authorize = o.alwaysAllow ? async (): Promise<KubeletDecision> => ({ decision: 'Allow', reason: '' }) : newWebhookAuthorizer(client);
  const tlsBase = { requestCert: true, rejectUnauthorized: false, minVersion: 'TLSv1.2' as const, ...(o.clientCAPem ? { ca: o.clientCAPem } : {}) };
  const server: Server = createServer({ ...tlsBase, ...(o.serving ? { cert: o.serving.certPem, key: o.serving.keyPem } : {}) }, (req, res) => {
    const path = requestPath(req.url);
    const method = req.method ?? 'GET';
    const send = (r: KubeletResponse, ev: Omit<KubeletServerEvent, 'type' | 'method' | 'path' | 'status'>) => {
      res.writeHead(r.status, { 'Content-Type': r.contentType, 'Content-Length': Buffer.byteLength(r.body) });
      res.end(r.body);
      o.onEvent?.({ type: 'kubelet.request', method, path, status: r.status, ...ev });
    };
    const plain = (status: number, body: string): KubeletResponse => ({ status, contentType: 'text/plain; charset=utf-8', body });
    void (async () => {
      const authentication = await authenticate({ peerCertificates: peerCertificatesOf(req.socket as TLSSocket), authorization: req.headers.authorization });
      if (authentication.kind !== 'authenticated') return send(plain(401, unauthorizedBody), { authentication });
      const attributes = nodeRequestAttributes(authentication.user, method, path, o.nodeName);
      const decision = await authorize(attributes);
      if (decision.decision === 'Error') return send(plain(500, authorizationErrorBody(attributes)), { authentication, attributes, decision });
      if (decision.decision !== 'Allow') return send(plain(403, forbiddenBody(attributes)), { authentication, attributes, decision });
      let response: KubeletResponse;
      try {
        response = await handleKubeletRequest({ nodeName: o.nodeName, client: client(), clock: o.clock }, method, path);
      } catch (err) {
        response = plain(500, (err as Error).message);
      }
      send(response, { authentication, attributes, decision });
    })().catch((err: unknown) => {
      // an authenticator or authorizer that threw must not take the process down (Go's
      // http.Server recovers a handler's panic and drops the connection): a plain 500 while
      // nothing was written, else the connection is dropped
      if (res.headersSent) res.destroy();
      else res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`Internal Server Error: ${(err as Error).message}\n`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://${o.host ?? '127.0.0.1'}:${port}`,
    port,
    setServingCertificate(pair) {
      server.setSecureContext({ ...tlsBase, cert: pair.certPem, key: pair.keyPem });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function peerCertificatesOf(socket: TLSSocket): Certificate[] {
  const out: Certificate[] = [];
  let cert: DetailedPeerCertificate | undefined = socket.getPeerCertificate?.(true);
  const seen = new Set<string>();
  while (cert?.raw && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    try {
      out.push(parseCertificateDer(new Uint8Array(cert.raw), 'client certificate'));
    } catch {
      break;
    }
    cert = cert.issuerCertificate === cert ? undefined : cert.issuerCertificate;
  }
  return out;
}
