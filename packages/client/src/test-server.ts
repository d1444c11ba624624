// A tiny HTTPS server for the client tests: it asks for a client certificate (and by default,
// like kube-apiserver, never rejects one in the handshake), records each request with the
// client certificate's CN, and lets the test answer with canned, upstream-shaped responses.
// Test support only; not exported from the package.
import { createServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { readFileSync } from 'node:fs';

const read = (name: string): string => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');

/** The committed fixtures of testdata/generate.sh. */
export const fixtures = {
  ca: read('ca.crt'),
  serverCert: read('server.crt'),
  serverKey: read('server.key'),
  aliceCert: read('alice.crt'),
  aliceKey: read('alice.key'),
  otherCa: read('other-ca.crt'),
  malloryCert: read('mallory.crt'),
  malloryKey: read('mallory.key'),
};

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  /** CN of the client certificate, when one was presented. */
  clientCN?: string;
  /** Whether Node verified that certificate against the server's CA. */
  clientAuthorized: boolean;
  /** The client's port: requests on one keep-alive connection share it. */
  remotePort: number;
}

export type Handler = (req: RecordedRequest, res: ServerResponse) => void | Promise<void>;

export interface TestServerOptions {
  /** Reject client certificates that do not verify, in the handshake (kube-apiserver never does). */
  rejectUnauthorized?: boolean;
  maxVersion?: 'TLSv1.2' | 'TLSv1.3';
  cert?: string;
  key?: string;
}

export interface TestServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startTestServer(handler: Handler, options: TestServerOptions = {}): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer(
    {
      cert: options.cert ?? fixtures.serverCert,
      key: options.key ?? fixtures.serverKey,
      ca: fixtures.ca,
      requestCert: true,
      rejectUnauthorized: options.rejectUnauthorized ?? false,
      ...(options.maxVersion ? { maxVersion: options.maxVersion } : {}),
    },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const socket = req.socket as TLSSocket;
        const peer = socket.getPeerCertificate();
        const url = new URL(req.url ?? '/', 'https://x');
        const recorded: RecordedRequest = {
          method: req.method ?? '',
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          clientAuthorized: socket.authorized,
          remotePort: socket.remotePort ?? 0,
        };
        const cn = peer?.subject?.CN;
        if (typeof cn === 'string') recorded.clientCN = cn;
        requests.push(recorded);
        Promise.resolve(handler(recorded, res)).catch((err: unknown) => {
          res.statusCode = 599;
          res.end(String(err));
        });
      });
    },
  );
  const sockets = new Set<import('node:net').Socket>();
  server.on('secureConnection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `https://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Answers with JSON as the apiserver does (json.Encoder: a trailing newline). */
export function sendJSON(res: ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(`${JSON.stringify(body)}\n`);
}
