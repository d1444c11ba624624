/**
 * The HTTP adapter: fastify over Node's https on the apiserver's listen address. It asks every
 * client for a certificate and never rejects one in the handshake (kube-apiserver's
 * tls.RequestClientCert), runs the request filters before the body is read (so an unauthenticated
 * oversized request is 401, not 413), reads at most `maxRequestBodyBytes` of body, and hands the
 * request to the non-resource endpoints or the resource installer. Everything it writes for an
 * error is a Status; watch responses are streamed, one JSON event per line.
 */
import { once } from 'node:events';
import type { TLSSocket } from 'node:tls';
import { errorToAPIStatus, newRequestEntityTooLarge } from '@tlsboot/api';
import type { ResourceInfo, Status } from '@tlsboot/api';
import type { Clock, EndActivity, Random } from '@tlsboot/util';
import { activity } from '@tlsboot/util';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Authenticator, UserInfo } from '../authentication/interfaces.js';
import type { Authorizer } from '../authorization/interfaces.js';
import { serveDiscovery } from '../endpoints/discovery/discovery.js';
import { negotiateOutput } from '../endpoints/handlers/negotiation.js';
import type { OutputFormat } from '../endpoints/handlers/negotiation.js';
import type { StreamResponse, WatchResponse } from '../endpoints/handlers/scope.js';
import type { WatchEvent } from '../storage/index.js';
import { serveResourceRequest } from '../endpoints/installer.js';
import type { InstallerDependencies } from '../endpoints/installer.js';
import type { OpenAPIService } from '../endpoints/openapi/openapi-v3.js';
import { WatchLineCache, renderJSON, renderObject, renderWatchEvent, watchContentType } from '../endpoints/render.js';
import type { RequestInfo } from '../endpoints/request/request-info.js';
import { newUID } from '../registry/generic/system-fields.js';
import { traceEnabled } from '../trace.js';
import type { TraceEvent, TraceEventBody, TraceSink } from '../trace.js';
import { healthBody, isHealthPath } from './health.js';
import { hasImpersonationHeaders } from './impersonation.js';
import { peerCertificatesOf } from './peer-certificates.js';
import { runFilters } from './request-filters.js';
import { versionInfo } from './version.js';

/** MaxRequestBodyBytes default: 3 MiB (k8s.io/apiserver/pkg/server/options/server_run_options.go). */
export const defaultMaxRequestBodyBytes = 3 * 1024 * 1024;

export interface HttpServerOptions {
  host: string;
  port: number;
  tls: { certPem: string; keyPem: string; clientCAPem: string };
  clock: Clock;
  random: Random;
  trace: TraceSink;
  authenticator: Authenticator;
  authorizer: Authorizer;
  installer: InstallerDependencies;
  openapi: OpenAPIService;
  table: readonly ResourceInfo[];
  maxRequestBodyBytes: number;
}

interface RequestState {
  id: string;
  user?: UserInfo;
  info?: RequestInfo;
  path: string;
  query: URLSearchParams;
  /** The Status of an error answer, for the trace. */
  status?: Status;
  traced: boolean;
  /** Ends the request's activity (DESIGN.md "Time"): once the response is written, or a watch's headers are sent. */
  end: EndActivity;
  /** The request's Content-Type as sent (fastify reads every body under a neutral type). */
  contentType?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    apiState: RequestState | null;
  }
}

export interface HttpServer {
  app: FastifyInstance;
  address: { host: string; port: number };
  close(): Promise<void>;
}

/**
 * Go net/http's answer to a request it cannot parse (net/http/server.go conn.serve: errorHeaders,
 * "431 Request Header Fields Too Large", "400 Bad Request"), written on the socket before it is
 * closed; a reset connection or a header timeout gets nothing (isCommonNetReadError). Node's
 * parser refuses some requests Go reads (Content-Length beside Transfer-Encoding: chunked, which
 * Go serves ignoring the length): those are 400 here.
 * Replaces fastify's default, whose JSON body (`{"error":"Bad Request",…}`) is neither Go's
 * text nor a Status.
 */
export function goClientErrorResponse(code: string | undefined): string | undefined {
  const errorHeaders = '\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n';
  if (code === 'ECONNRESET' || code === 'ERR_HTTP_REQUEST_TIMEOUT') return undefined;
  if (code === 'HPE_HEADER_OVERFLOW') return `HTTP/1.1 431 Request Header Fields Too Large${errorHeaders}431 Request Header Fields Too Large`;
  return `HTTP/1.1 400 Bad Request${errorHeaders}400 Bad Request`;
}

function splitURL(url: string): { path: string; query: URLSearchParams } {
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  let path = rawPath;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    // Go keeps an undecodable path as is
  }
  return { path, query: new URLSearchParams(q < 0 ? '' : url.slice(q + 1)) };
}

const headerOf = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/**
 * The serializer of every answer: the body is already text. Sending a string (not a Buffer) lets
 * Node write the headers and the body as one chunk; a reply serializer keeps fastify from adding
 * `; charset=utf-8` to a JSON Content-Type, which kube-apiserver does not send.
 */
const asIs = (payload: unknown): string => payload as string;

/** A resource's ResourceInfo by group, version and resource (the table is fixed when the server starts). */
function resourceIndex(table: readonly ResourceInfo[]): (group: string, version: string, resource: string) => ResourceInfo | undefined {
  const byKey = new Map(table.map((r) => [`${r.group}/${r.version}/${r.resource}`, r]));
  return (group, version, resource) => byKey.get(`${group}/${version}/${resource}`);
}

export async function startHttpServer(o: HttpServerOptions): Promise<HttpServer> {
  const app = Fastify({
    https: { cert: o.tls.certPem, key: o.tls.keyPem, ca: o.tls.clientCAPem, requestCert: true, rejectUnauthorized: false, minVersion: 'TLSv1.2' },
    bodyLimit: o.maxRequestBodyBytes,
    logger: false,
    forceCloseConnections: true,
    return503OnClosing: false,
    // a path fastify cannot percent-decode ("/%", "/%zz"): Go's url.ParseRequestURI refuses it in
    // readRequest and conn.serve answers its plain "400 Bad Request" (before any filter, so no
    // Audit-Id). Go decodes "/%ff" (a byte, not UTF-8) and serves it; fastify refuses it too: 400 here.
    frameworkErrors: (error, _request, reply) => {
      const r = reply as unknown as FastifyReply;
      if (error.code !== 'FST_ERR_BAD_URL') return r.send(error);
      return r.code(400).header('Content-Type', 'text/plain; charset=utf-8').header('Connection', 'close').serializer(asIs).send('400 Bad Request');
    },
    clientErrorHandler: (err: Error & { code?: string }, socket) => {
      if (socket.destroyed) return;
      const answer = goClientErrorResponse(err.code);
      if (answer !== undefined && socket.writable) socket.write(answer);
      socket.destroy();
    },
  });
  const watches = new Set<() => void>();
  // Audit ids: one random UUID per server, the last 12 hex digits counting requests (cheaper
  // than 16 random bytes per request, and stable under a seeded Random).
  const auditBase = newUID(o.random).slice(0, 24);
  let requests = 0;
  const nextAuditId = (): string => `${auditBase}${(++requests).toString(16).padStart(12, '0')}`;

  // With a sink that drops everything (TraceSink.enabled false) no event is built, here or in runFilters.
  const tracing = traceEnabled(o.trace);
  const emit = (state: RequestState, body: TraceEventBody): void => {
    if (!tracing) return;
    // Object.assign, not `{ ...body, component, … }`: V8 (Node 20) takes ≈4 µs for a spread
    // followed by more properties, against ≈0.05 µs here; the keys keep the same order.
    o.trace.emit(Object.assign(body, { component: 'kube-apiserver' as const, requestId: state.id, time: o.clock.now().toISOString() }) as TraceEvent);
  };
  const filterEmit = (state: RequestState) => (tracing ? (e: TraceEventBody) => emit(state, e) : undefined);
  const resourceInfoOf = resourceIndex(o.installer.registry.table);
  const watchLines = new WatchLineCache();

  const send = (reply: FastifyReply, code: number, contentType: string, body: string): FastifyReply =>
    reply.code(code).header('Content-Type', contentType).header('Cache-Control', 'no-cache, private').serializer(asIs).send(body);

  const sendStatus = (reply: FastifyReply, state: RequestState | null, status: Status): FastifyReply => {
    if (state) state.status = status;
    const code = status.code ?? 500;
    if (code === 403) reply.header('X-Content-Type-Options', 'nosniff');
    return send(reply, code, 'application/json', renderJSON(status));
  };

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.decorateRequest('apiState', null);

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const { path, query } = splitURL(request.url);
    const state: RequestState = { id: nextAuditId(), path, query, traced: false, end: activity.begin() };
    request.apiState = state;
    // 'close' comes when the response is written or the connection went away, whichever is first.
    reply.raw.once('close', state.end);
    reply.header('Audit-Id', state.id);
    const socket = request.raw.socket as TLSSocket;
    if (tracing) emit(state, { type: 'request.received', method: request.method, path, query: query.toString(), remote: `${socket.remoteAddress ?? ''}:${socket.remotePort ?? ''}` });
    // Node builds headersDistinct on first read (≈1 µs): only impersonation needs it
    const headersDistinct = hasImpersonationHeaders(request.headers) ? request.raw.headersDistinct : undefined;
    const outcome = await runFilters(
      { method: request.method, path, query, requestURI: request.url, headers: request.headers, headersDistinct, peerCertificates: peerCertificatesOf(socket) },
      o.authenticator,
      o.authorizer,
      filterEmit(state),
    );
    if (!outcome.ok) {
      if (outcome.plainText === undefined) return sendStatus(reply, state, outcome.error.status);
      // responsewriters.InternalError → http.Error: text/plain and nosniff, not a Status
      state.status = outcome.error.status;
      return send(reply.header('X-Content-Type-Options', 'nosniff'), outcome.error.status.code ?? 500, 'text/plain; charset=utf-8', outcome.plainText);
    }
    // fastify refuses a Content-Type it cannot parse ('', ';;;') before any handler runs; upstream
    // negotiates it in the handler (negotiate.go: '' is JSON, anything else unknown is 415): the
    // body is read as bytes under a neutral type and the header put back for the handler.
    const contentType = request.raw.headers['content-type'];
    if (contentType !== undefined) {
      state.contentType = contentType;
      request.raw.headers['content-type'] = 'application/octet-stream';
    }
    state.user = outcome.user;
    state.info = outcome.info;
    return undefined;
  });

  // only for a sink that keeps events: fastify then skips its per-response listener altogether
  if (tracing) {
    app.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      const state = request.apiState;
      if (state && !state.traced) {
        state.traced = true;
        const s = state.status;
        emit(state, { type: 'request.responded', statusCode: reply.statusCode, ...(s?.reason ? { reason: s.reason } : {}), ...(s?.message ? { message: s.message } : {}) });
      }
      done();
    });
  }

  app.setErrorHandler((error: Error & { code?: string; statusCode?: number }, request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendStatus(reply, request.apiState, errorToAPIStatus(newRequestEntityTooLarge(`limit is ${o.maxRequestBodyBytes}`)));
    return sendStatus(reply, request.apiState, errorToAPIStatus(error));
  });

  const serverAddress = (): string => `${o.host}:${(app.server.address() as { port: number } | null)?.port ?? o.port}`;

  async function serveNonResource(request: FastifyRequest, reply: FastifyReply, state: RequestState): Promise<FastifyReply> {
    const accept = headerOf(request.headers['accept']);
    const path = state.path;
    const plain = (code: number, text: string) =>
      reply.code(code).header('Content-Type', 'text/plain; charset=utf-8').header('X-Content-Type-Options', 'nosniff').header('Cache-Control', 'no-cache, private').serializer(asIs).send(text);
    const json = (contentType: string, body: unknown) => reply.header('Content-Type', contentType).serializer(asIs).send(renderJSON(body));
    if (isHealthPath(path) && request.method === 'GET') return plain(200, healthBody(path, state.query.has('verbose')));
    if (path === '/version' && request.method === 'GET') return json('application/json', versionInfo());
    if (path === '/openapi/v3' && request.method === 'GET') return json('application/json', o.openapi.index());
    if (path.startsWith('/openapi/v3/') && request.method === 'GET') {
      const doc = o.openapi.document(path.slice('/openapi/v3/'.length));
      if (doc !== undefined) return json('application/json', doc);
    }
    if ((path === '/api' || path === '/apis' || path.startsWith('/api/') || path.startsWith('/apis/')) && request.method === 'GET') {
      const answer = serveDiscovery(path, accept, o.table, serverAddress());
      if (answer !== undefined) return send(reply, 200, answer.contentType, renderJSON(answer.body));
    }
    // http.NotFound, as the apiserver's last delegate answers paths nobody serves
    return plain(404, '404 page not found\n');
  }

  async function streamWatch(request: FastifyRequest, reply: FastifyReply, state: RequestState, w: WatchResponse, format: OutputFormat, info: ResourceInfo): Promise<void> {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'Content-Type': watchContentType(format), 'Cache-Control': 'no-cache, private', 'Audit-Id': state.id, 'Transfer-Encoding': 'chunked' });
    res.flushHeaders();
    state.traced = true;
    if (tracing) emit(state, { type: 'request.responded', statusCode: 200 });
    state.end();
    const stop = (): void => w.watcher.stop();
    watches.add(stop);
    const timer = o.clock.setTimer(w.deadlineMs - o.clock.nowMs(), stop);
    const closed = once(res, 'close').then(stop);
    try {
      const render = (event: WatchEvent) => (): string => renderWatchEvent(w.typed(event), format, info, state.query, o.clock.now());
      for await (const event of w.watcher) {
        const line = format === 'json' ? watchLines.line(event, info, render(event)) : render(event)();
        if (!res.write(line)) await Promise.race([once(res, 'drain'), closed]);
        if (res.destroyed) break;
      }
    } finally {
      timer.cancel();
      watches.delete(stop);
      w.watcher.stop();
      if (!res.destroyed) res.end();
    }
  }

  /** A relayed body (pods/log, nodes/proxy): written as it arrives; the client going away ends it. */
  function streamBody(reply: FastifyReply, state: RequestState, s: StreamResponse): void {
    reply.hijack();
    const res = reply.raw;
    state.traced = true;
    if (tracing) emit(state, { type: 'request.responded', statusCode: s.body === undefined ? 204 : s.statusCode });
    // A relayed stream (logs -f) may never end: the request is work until its headers are written.
    state.end();
    if (s.body === undefined) {
      res.writeHead(204, { 'Audit-Id': state.id, 'Cache-Control': 'no-cache, private' });
      res.end();
      return;
    }
    const body = s.body as NodeJS.ReadableStream & { destroy?: () => void };
    res.writeHead(s.statusCode, { ...s.headers, 'Audit-Id': state.id });
    res.flushHeaders();
    res.once('close', () => body.destroy?.());
    body.on('error', () => res.destroy());
    body.pipe(res);
  }

  const handler = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> => {
    const state = request.apiState!;
    if (state.contentType !== undefined) request.raw.headers['content-type'] = state.contentType;
    const info = state.info!;
    if (!info.isResourceRequest) return serveNonResource(request, reply, state);
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    try {
      const format = negotiateOutput(headerOf(request.headers['accept']), { table: true });
      const answer = await serveResourceRequest(
        { method: request.method, info, user: state.user!, query: state.query, headers: request.headers, body, emit: filterEmit(state) },
        o.installer,
      );
      const resource = resourceInfoOf(info.apiGroup, info.apiVersion, info.resource)!;
      if (answer.kind === 'watch') return streamWatch(request, reply, state, answer, format, resource);
      if (answer.kind === 'stream') return streamBody(reply, state, answer);
      const rendered = renderObject(answer, format, resource, state.query, o.clock.now());
      return send(reply, answer.statusCode, rendered.contentType, rendered.body);
    } catch (err) {
      return sendStatus(reply, state, errorToAPIStatus(err));
    }
  };
  app.route({ method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'], url: '*', handler });
  // Any other method Node's parser takes (PURGE, PROPFIND, TRACE…): upstream's requestinfo and
  // go-restful see it like any method — through the filters, then no route for it: 405 as a Status
  // on a resource path (installer), the mux's 404 elsewhere — not fastify's own 404 JSON.
  app.setNotFoundHandler(handler);

  await app.listen({ host: o.host, port: o.port });
  const port = (app.server.address() as { port: number }).port;
  return {
    app,
    address: { host: o.host, port },
    async close() {
      for (const stop of [...watches]) stop();
      await app.close();
    },
  };
}
