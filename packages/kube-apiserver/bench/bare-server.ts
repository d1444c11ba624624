/**
 * The yardstick: a bare fastify HTTPS server with the apiserver's TLS settings (a client
 * certificate requested, nothing rejected in the handshake, the same key type and fastify
 * options as src/server/http-server.ts) and no API
 * machinery. GET of the Secret returns a fixed object of the same JSON size as the apiserver's
 * answer (serialised per request, as any handler's); a watch is a raw stream to which a PUT
 * writes one JSON line per watcher — the least any server must do to fan a change out.
 */
import type { ServerResponse } from 'node:http';
import Fastify from 'fastify';
import { createCertificateAuthority, createCertificateRequest, generateKeyPair, exportPrivateKeyPem, signCertificate, type KeySpec } from '@tlsboot/pki';
import { secretPath, secretsPath } from './workload.js';

export interface TlsMaterial {
  caPem: string;
  serverCertPem: string;
  serverKeyPem: string;
  clientCertPem: string;
  clientKeyPem: string;
}

/** A CA, a 127.0.0.1 serving pair and an O=system:masters client pair, all of `keySpec`. */
export async function benchPki(keySpec: KeySpec): Promise<TlsMaterial> {
  const now = new Date();
  const ca = await createCertificateAuthority({ subject: { commonName: 'bare-ca' }, now, keySpec });
  const issue = async (commonName: string, organizations: string[], usages: string[], sans: { ipAddresses?: string[]; dnsNames?: string[] }) => {
    const keys = await generateKeyPair(keySpec);
    const request = await createCertificateRequest({ keys, subject: { commonName, organizations }, subjectAltNames: sans });
    const cert = await signCertificate({ ca, request, now, profile: { usages, ttlMs: 24 * 3_600_000 } });
    return { certPem: cert.pem, keyPem: await exportPrivateKeyPem(keys) };
  };
  const server = await issue('bare', [], ['digital signature', 'key encipherment', 'server auth'], { ipAddresses: ['127.0.0.1'], dnsNames: ['localhost'] });
  const client = await issue('bench', ['system:masters'], ['digital signature', 'key encipherment', 'client auth'], {});
  return { caPem: ca.certificate.pem, serverCertPem: server.certPem, serverKeyPem: server.keyPem, clientCertPem: client.certPem, clientKeyPem: client.keyPem };
}

export interface BareServer {
  url: string;
  close(): Promise<void>;
}

export async function startBareServer(tls: TlsMaterial, body: unknown): Promise<BareServer> {
  const app = Fastify({
    logger: false,
    forceCloseConnections: true,
    https: { key: tls.serverKeyPem, cert: tls.serverCertPem, ca: [tls.caPem], requestCert: true, rejectUnauthorized: false, minVersion: 'TLSv1.2' },
  });
  const watchers = new Set<ServerResponse>();
  app.get(secretPath, async () => body);
  app.get(secretsPath, (request, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache, private' });
    res.flushHeaders();
    watchers.add(res);
    request.raw.on('close', () => watchers.delete(res));
  });
  app.put(secretPath, async (request) => {
    const line = JSON.stringify({ type: 'MODIFIED', object: request.body }) + '\n';
    for (const res of watchers) res.write(line);
    return request.body;
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: address,
    close: async () => {
      for (const res of watchers) res.destroy();
      await app.close();
    },
  };
}
