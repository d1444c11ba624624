// A REST client for the Kubernetes API over undici: k8s.io/client-go/rest (config.go,
// client.go, request.go). One client is one identity — a client certificate or a bearer
// token — with its own connection pool (keep-alive, TLS sessions never resumed), so a component
// that rotates its certificate makes a new client and closes the old one.
import { Agent } from 'undici';
import type { Dispatcher } from 'undici';
import type { GroupResource, KubeObject, WatchEvent } from '@tlsboot/api';
import { statusErrorFromStatus } from '@tlsboot/api';
import { activity } from '@tlsboot/util';
import { ClientError } from './errors.js';
import { connectionError } from './connection-errors.js';
import { asStatus, errorFromResponse } from './response-errors.js';
import { tlsConnector } from './tls-connector.js';
import type { TlsIdentity } from './tls-connector.js';
import { watch } from './watch.js';
import type { WatchOptions } from './watch.js';

export interface RestClientOptions extends TlsIdentity {
  /** The apiserver URL, `https://127.0.0.1:6443`; a path after the host prefixes every request. */
  server: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** The namespace of the kubeconfig context, for callers that want a default. Default `default`. */
  namespace?: string;
  /** User-Agent is `tlsboot/<component>` (client-go: `<binary>/<version> (<os>/<arch>) kubernetes/<commit>`). */
  component?: string;
  /** A whole User-Agent, instead of the one built from `component`. */
  userAgent?: string;
  /** Headers sent with every request (e.g. a fixed `traceparent`). */
  headers?: Record<string, string>;
  /** Most connections to the server at once; default no limit. */
  connections?: number;
}

export type QueryValue = string | number | boolean | undefined | readonly string[];

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  /** An object is sent as JSON; a string or bytes as they are. */
  body?: unknown;
  /** Content-Type of the body; default `application/json`. */
  contentType?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** What the request is about, for the message of errors built from a bare HTTP status. */
  resource?: GroupResource;
  name?: string;
}

/** metav1.ListOptions as query parameters (the ones clients send). */
export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: 'Exact' | 'NotOlderThan';
  timeoutSeconds?: number;
}

/** metav1.DeleteOptions, sent as the DELETE body when given. */
export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: string[];
}

/** The patch types of k8s.io/apimachinery/pkg/types/patch.go and their content types. */
export const patchContentTypes = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;
export type PatchType = keyof typeof patchContentTypes;

/** An open streaming response (watch): the caller reads `body` and must consume or destroy it. */
export interface StreamResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: Dispatcher.ResponseData['body'];
}

/** url.Values.Encode: keys sorted, repeated keys for lists, undefined left out. */
export function encodeQuery(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const key of Object.keys(query).sort()) {
    const value = query[key];
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value as readonly string[]) params.append(key, v);
    else params.append(key, String(value));
  }
  const s = params.toString();
  return s === '' ? '' : `?${s}`;
}

function listQuery(o: ListOptions | undefined): Record<string, QueryValue> {
  return {
    labelSelector: o?.labelSelector || undefined,
    fieldSelector: o?.fieldSelector || undefined,
    limit: o?.limit,
    continue: o?.continue || undefined,
    resourceVersion: o?.resourceVersion,
    resourceVersionMatch: o?.resourceVersionMatch,
    timeoutSeconds: o?.timeoutSeconds,
  };
}

export class RestClient {
  /** The server URL as given. */
  readonly server: string;
  /** The context namespace (`default` unless the options named one). */
  readonly namespace: string;
  private readonly origin: string;
  private readonly basePath: string;
  private readonly address: string;
  private readonly agent: Agent;
  private readonly fixedHeaders: Record<string, string>;
  private readonly presentsCertificate: boolean;

  constructor(options: RestClientOptions) {
    let url: URL;
    try {
      url = new URL(options.server);
    } catch {
      throw new ClientError('REQUEST_INVALID', `invalid server URL ${JSON.stringify(options.server)}`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new ClientError('REQUEST_INVALID', `server URL ${JSON.stringify(options.server)} must be https:// or http://`);
    }
    this.server = options.server;
    this.namespace = options.namespace || 'default';
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.address = url.host.includes(':') && !url.host.endsWith(']') ? url.host : `${url.host}:${url.protocol === 'https:' ? 443 : 80}`;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const agentOptions: Agent.Options = { connect: tlsConnector(options, host) };
    if (options.connections !== undefined) agentOptions.connections = options.connections;
    this.agent = new Agent(agentOptions);
    this.presentsCertificate = options.clientCert !== undefined;
    this.fixedHeaders = {
      accept: 'application/json',
      'user-agent': options.userAgent ?? `tlsboot/${options.component ?? 'client'}`,
      ...lower(options.headers),
    };
    if (options.token) this.fixedHeaders['authorization'] = `Bearer ${options.token}`;
  }

  /**
   * One request, answered by a 2xx JSON body (returned decoded) or an error: a StatusError when
   * the server said no (its Status, or one built from the bare status as client-go does), a
   * ClientError when no HTTP answer came. A 2xx Status whose status is not Success is an error
   * too (Result.Into).
   */
  async request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    // In flight (DESIGN.md "Time"): from the send until the whole body is read or the request failed.
    const end = activity.begin();
    let body: Buffer;
    let response: Dispatcher.ResponseData;
    try {
      response = await this.send(method, path, options);
      body = Buffer.from(await response.body.arrayBuffer());
    } finally {
      end();
    }
    if (response.statusCode < 200 || response.statusCode > 206) {
      throw errorFromResponse(response.statusCode, response.headers, body, targetOf(method, options));
    }
    const contentType = header(response.headers, 'content-type') ?? 'application/json';
    if (body.length === 0) {
      throw new ClientError('RESPONSE_MALFORMED', `0-length response with status code: ${response.statusCode} and content type: ${contentType}`);
    }
    let decoded: unknown;
    try {
      decoded = JSON.parse(body.toString('utf8'));
    } catch (err) {
      throw new ClientError('RESPONSE_MALFORMED', `${method} ${path}: the ${contentType} body of a ${response.statusCode} response is not JSON: ${(err as Error).message}`, { cause: err });
    }
    const status = asStatus(decoded);
    if (status && status.status !== 'Success') throw statusErrorFromStatus(status);
    return decoded as T;
  }

  /**
   * A request whose 2xx body is read by the caller as it arrives (watch). Non-2xx answers are
   * read whole and thrown as request() throws them.
   */
  async stream(method: string, path: string, options: RequestOptions = {}): Promise<StreamResponse> {
    // In flight until the headers arrive (or a refusal is read whole), not for the stream's lifetime.
    const end = activity.begin();
    try {
      const response = await this.send(method, path, options);
      if (response.statusCode < 200 || response.statusCode > 206) {
        const body = Buffer.from(await response.body.arrayBuffer());
        throw errorFromResponse(response.statusCode, response.headers, body, targetOf(method, options));
      }
      return { statusCode: response.statusCode, headers: response.headers, body: response.body };
    } finally {
      end();
    }
  }

  get<T = unknown>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>('GET', path, options);
  }

  list<T = unknown>(path: string, list?: ListOptions, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('GET', path, { ...options, query: { ...listQuery(list), ...options.query } });
  }

  create<T = unknown>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('POST', path, { ...options, body });
  }

  update<T = unknown>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('PUT', path, { ...options, body });
  }

  /** PATCH with the content type of `type`; the patch is passed through untouched. */
  patch<T = unknown>(path: string, patch: unknown, type: PatchType, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('PATCH', path, { ...options, body: patch, contentType: patchContentTypes[type] });
  }

  /** DELETE; the answer is the deleted object or a Success Status, as the server chooses. */
  delete<T = unknown>(path: string, deleteOptions?: DeleteOptions, options: RequestOptions = {}): Promise<T> {
    const body = deleteOptions === undefined ? options.body : { kind: 'DeleteOptions', apiVersion: 'v1', ...deleteOptions };
    return this.request<T>('DELETE', path, { ...options, body });
  }

  /** Watches a collection path: see watch() in watch.ts. */
  watch<T extends KubeObject = KubeObject>(path: string, options?: WatchOptions, signal?: AbortSignal): AsyncGenerator<WatchEvent<T>, void, undefined> {
    return watch<T>(this, path, options, signal);
  }

  /** Closes idle connections and waits for requests in flight (Agent.close). */
  async close(): Promise<void> {
    await this.agent.close();
  }

  /** Drops every connection now, failing requests in flight (Agent.destroy). */
  async destroy(): Promise<void> {
    await this.agent.destroy();
  }

  private async send(method: string, path: string, options: RequestOptions): Promise<Dispatcher.ResponseData> {
    const headers: Record<string, string> = { ...this.fixedHeaders, ...lower(options.headers) };
    let body: string | Uint8Array | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' || options.body instanceof Uint8Array ? options.body : JSON.stringify(options.body);
      headers['content-type'] = options.contentType ?? 'application/json';
    }
    const fullPath = `${this.basePath}${path}${encodeQuery(options.query)}`;
    try {
      return await this.agent.request({ origin: this.origin, path: fullPath, method: method as Dispatcher.HttpMethod, headers, body, signal: options.signal });
    } catch (err) {
      if (options.signal?.aborted) throw options.signal.reason;
      throw connectionError(err, {
        method,
        url: `${this.origin}${fullPath}`,
        address: this.address,
        presentedClientCertificate: this.presentsCertificate,
      });
    }
  }
}

function lower(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) out[k.toLowerCase()] = v;
  return out;
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function targetOf(method: string, options: RequestOptions): { method: string; resource?: GroupResource; name?: string } {
  const target: { method: string; resource?: GroupResource; name?: string } = { method };
  if (options.resource) target.resource = options.resource;
  if (options.name) target.name = options.name;
  return target;
}
