/** How the bench reaches a server: its URL, and the mTLS identity and trust it connects with. */
import { createSecureContext, type SecureContext } from 'node:tls';
import { Client, Pool, type Dispatcher } from 'undici';

export interface Endpoint {
  url: string;
  caPem: string;
  clientCertPem: string;
  clientKeyPem: string;
}

/** One context per endpoint: building it per connection would re-parse the PEMs every time. */
const contexts = new WeakMap<Endpoint, SecureContext>();
function secureContext(endpoint: Endpoint): SecureContext {
  let context = contexts.get(endpoint);
  if (!context) {
    context = createSecureContext({ ca: endpoint.caPem, cert: endpoint.clientCertPem, key: endpoint.clientKeyPem });
    contexts.set(endpoint, context);
  }
  return context;
}

export interface ConnectOptions {
  /** Keep-alive connections (a Client for 1, a Pool above). */
  connections: number;
  /** Requests in flight on one connection (HTTP/1.1 pipelining). */
  pipelining: number;
  /** 0 for watches: an idle watch is not a dead one. */
  bodyTimeoutMs?: number;
}

/**
 * An undici dispatcher with the endpoint's client certificate. TLS session resumption stays off
 * (maxCachedSessions 0) as in the client package: every connection does a full mTLS handshake.
 */
export function connect(endpoint: Endpoint, options: ConnectOptions): Dispatcher {
  const common = {
    connect: { secureContext: secureContext(endpoint), maxCachedSessions: 0, rejectUnauthorized: true },
    pipelining: options.pipelining,
    keepAliveTimeout: 600_000,
    keepAliveMaxTimeout: 600_000,
    headersTimeout: 60_000,
    bodyTimeout: options.bodyTimeoutMs ?? 60_000,
  };
  return options.connections === 1 ? new Client(endpoint.url, common) : new Pool(endpoint.url, { ...common, connections: options.connections });
}

/** A request whose body is read whole; anything but the expected status is an error. */
export async function call(dispatcher: Dispatcher, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, expect = [200]): Promise<string> {
  const res = await dispatcher.request({
    method,
    path,
    headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.body.text();
  if (!expect.includes(res.statusCode)) throw new Error(`${method} ${path}: ${res.statusCode} ${text.slice(0, 300)}`);
  return text;
}
