// Test support for the live-server tests of this package (not exported from the package): start
// an apiserver on an ephemeral port and send requests with Node's https module, as a given
// client identity (admin, another user, a foreign certificate, or none).
import { request as httpsRequest } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { createCertificateAuthority } from '@tlsboot/pki';
import { VirtualClock, realClock } from '@tlsboot/util';
import type { Clock } from '@tlsboot/util';
import { MemoryTraceSink } from '../trace.js';
import { startApiServer } from './start-api-server.js';
import type { ApiServer, ApiServerOptions, ClientCertificatePem } from './start-api-server.js';
import { issueClientCertificate } from './certificates.js';

export interface Response {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  json: any;
}

export interface TestServer {
  server: ApiServer;
  clock: Clock;
  trace: MemoryTraceSink;
  admin: ClientCertificatePem;
  request(method: string, path: string, o?: RequestOptions): Promise<Response>;
  close(): Promise<void>;
}

export interface RequestOptions {
  body?: string | Buffer | object;
  headers?: Record<string, string>;
  /** Client certificate; default the admin's; null for none. */
  identity?: ClientCertificatePem | null;
}

export async function startTestServer(options: Partial<ApiServerOptions> = {}): Promise<TestServer> {
  // a virtual clock that starts at the wall-clock time, so Node's TLS client accepts the serving certificate
  const clock = options.clock ?? new VirtualClock({ start: realClock.nowMs() });
  const trace = new MemoryTraceSink();
  const server = await startApiServer({ clock, trace, ...options });
  const admin = await server.issueClientCertificate({ commonName: 'kubernetes-admin', organizations: ['system:masters'] });
  const request = (method: string, path: string, o: RequestOptions = {}): Promise<Response> =>
    new Promise((resolve, reject) => {
      const identity = o.identity === undefined ? admin : o.identity;
      const body = o.body === undefined ? undefined : typeof o.body === 'string' || Buffer.isBuffer(o.body) ? o.body : JSON.stringify(o.body);
      const headers: Record<string, string> = {
        ...(body !== undefined && typeof o.body === 'object' && !Buffer.isBuffer(o.body) ? { 'content-type': 'application/json' } : {}),
        ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
        ...o.headers,
      };
      const req = httpsRequest(
        `${server.url}${path}`,
        {
          method,
          headers,
          ca: server.caPem,
          agent: false,
          ...(identity ? { cert: identity.certPem, key: identity.keyPem } : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown;
            try {
              json = JSON.parse(text);
            } catch {
              json = undefined;
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
          });
        },
      );
      req.on('error', reject);
      if (body !== undefined) req.write(body);
      req.end();
    });
  return { server, clock, trace, admin, request, close: () => server.close() };
}

/** A certificate for `commonName` from a CA the server does not trust. */
export async function foreignIdentity(commonName: string, now: Date): Promise<ClientCertificatePem> {
  const other = await createCertificateAuthority({ subject: { commonName: 'not-the-cluster-ca' }, now });
  const issued = await issueClientCertificate(other, now, { commonName, organizations: ['system:masters'] });
  return { certPem: issued.certPem, keyPem: issued.keyPem };
}

export interface WatchStream {
  status: number;
  headers: IncomingHttpHeaders;
  /** The next event (parsed line); rejects when the stream ends first. */
  next(): Promise<any>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Opens a watch and reads it line by line. */
export function openWatch(t: TestServer, path: string, headers: Record<string, string> = {}): Promise<WatchStream> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(`${t.server.url}${path}`, { method: 'GET', headers, ca: t.server.caPem, agent: false, cert: t.admin.certPem, key: t.admin.keyPem }, (res) => {
      const lines: any[] = [];
      const waiters: { resolve(v: any): void; reject(e: Error): void }[] = [];
      let buffered = '';
      let done = false;
      const flush = () => {
        while (lines.length > 0 && waiters.length > 0) waiters.shift()!.resolve(lines.shift());
        if (done) while (waiters.length > 0) waiters.shift()!.reject(new Error('watch ended'));
      };
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffered += chunk;
        let nl: number;
        while ((nl = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, nl);
          buffered = buffered.slice(nl + 1);
          if (line.trim() !== '') lines.push(JSON.parse(line));
        }
        flush();
      });
      const ended = new Promise<void>((r) => res.on('close', () => {
        done = true;
        flush();
        r();
      }));
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        next: () => new Promise((res2, rej) => {
          waiters.push({ resolve: res2, reject: rej });
          flush();
        }),
        ended,
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}
