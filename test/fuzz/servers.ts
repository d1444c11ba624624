// The server fuzz harness (issue 9 §1): a control plane with a joined node (packages/scenario
// startControlPlane + joinNode, as `tlsboot up` / `tlsboot join` run them), requests from
// arbitraries.ts written byte for byte on raw TLS sockets, each outcome checked, then the
// invariants of the run: both servers still answer, no 500, every apiserver error a metav1.Status
// (k8s.io/apimachinery/pkg/apis/meta/v1 types.go Status; responsewriters.ErrorNegotiated) and every
// kubelet error plain text (pkg/kubelet/server/server.go http.Error), resourceVersions strictly
// increasing on watches open across the run, every object read back whole and every CSR's
// conditions legal (pkg/apis/certificates/validation/validation.go validateConditions,
// ValidateCertificateSigningRequestUpdate: no Approved with Denied, no duplicate types, a
// certificate only once Approved).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import type { TLSSocket } from 'node:tls';
import { kubeletNodeState } from '@tlsboot/kubelet';
import { createCertificateRequest, generateKeyPair, parseCertificateRequestPem } from '@tlsboot/pki';
import { createToken, joinNode, startControlPlane } from '@tlsboot/scenario';
import type { ControlPlane, JoinedNode } from '@tlsboot/scenario';
import { realClock, SeededRandom, VirtualClock } from '@tlsboot/util';
import fc from 'fast-check';
import YAML from 'yaml';
import { fuzzNamespace, fuzzRequestArb } from './arbitraries.js';
import type { FuzzContext, FuzzRequest, Target, Who } from './arbitraries.js';

// ---- the cluster -----------------------------------------------------------------------------

interface Credentials {
  cert?: string;
  key?: string;
  bearer?: string;
}

export interface FuzzCluster {
  workdir: string;
  clock: VirtualClock;
  cp: ControlPlane;
  node: JoinedNode;
  ports: Record<Target, number>;
  ctx: FuzzContext;
  credentials: Record<Who, Credentials>;
  stop(): Promise<void>;
}

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, step: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await step();
  }
}

/** A control plane, a bootstrap token, node-1 joined and registered, the fuzz namespace. */
export async function startFuzzCluster(nodeName = 'node-1'): Promise<FuzzCluster> {
  const workdir = await mkdtemp(join(tmpdir(), 'tlsboot-fuzz-'));
  const clock = new VirtualClock({ start: realClock.nowMs() });
  const cp = await startControlPlane({ workdir, clock });
  try {
    const token = await createToken({ workdir });
    const node = await joinNode({ workdir, node: nodeName, token, clock, random: new SeededRandom(9) });
    await node.clientCertificate;
    const state = kubeletNodeState(node.kubelet.context);
    let registered = false;
    void state.registered?.then(() => (registered = true));
    await until('the node to register', () => registered, 20_000, async () => {
      await clock.advance(2_000);
      await new Promise((r) => setTimeout(r, 20));
    });
    const admin = await cp.apiserver.issueClientCertificate({ commonName: 'kubernetes-admin', organizations: ['system:masters'] });
    const nodeId = await cp.apiserver.issueClientCertificate({ commonName: `system:node:${nodeName}`, organizations: ['system:nodes'] });
    const keys = await generateKeyPair();
    const csr = await createCertificateRequest({ keys, subject: { commonName: 'fuzz-user', organizations: ['fuzzers'] } });
    const credentials: Record<Who, Credentials> = {
      admin: { cert: admin.certPem, key: admin.keyPem },
      node: { cert: nodeId.certPem, key: nodeId.keyPem },
      bootstrap: { bearer: token },
      anonymous: {},
    };
    const ports = { apiserver: cp.port, kubelet: state.server!.port };
    const ns = await rawRequest(ports.apiserver, credentials.admin, request('POST', '/api/v1/namespaces', JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: fuzzNamespace } })), 10_000);
    if (ns.kind !== 'response' || ns.status !== 201) throw new Error(`creating the fuzz namespace: ${describeOutcome(ns)}`);
    return {
      workdir,
      clock,
      cp,
      node,
      ports,
      ctx: { nodeName, csrPem: csr.pem },
      credentials,
      async stop() {
        await node.stop();
        await cp.stop();
        await rm(workdir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await cp.stop();
    await rm(workdir, { recursive: true, force: true });
    throw err;
  }
}

// ---- raw HTTP over TLS -----------------------------------------------------------------------

export type Outcome =
  | { kind: 'response'; status: number; headers: Record<string, string>; body: Buffer; streamed: boolean }
  | { kind: 'closed'; error?: string }
  | { kind: 'timeout'; partial: number }
  | { kind: 'held'; during: Outcome };

export function describeOutcome(o: Outcome): string {
  if (o.kind === 'response') return `${o.status} ${o.headers['content-type'] ?? ''} ${o.body.subarray(0, 200).toString('utf8')}`;
  if (o.kind === 'closed') return `connection closed without a response${o.error ? ` (${o.error})` : ''}`;
  if (o.kind === 'timeout') return `no complete response in time (${o.partial} bytes)`;
  return `held open; meanwhile: ${describeOutcome(o.during)}`;
}

/** The bytes of a request: request line, Host, the caller's headers, the framing's headers, the body (chunked or not). */
export function encodeRequest(r: Pick<FuzzRequest, 'method' | 'path' | 'headers' | 'body' | 'framing'>, bearer: string | undefined, partial = false): Buffer {
  const lines = [`${r.method} ${r.path} HTTP/1.1`, 'Host: 127.0.0.1'];
  if (bearer !== undefined && !r.headers.some(([k]) => k.toLowerCase() === 'authorization')) lines.push(`Authorization: Bearer ${bearer}`);
  for (const [k, v] of r.headers) lines.push(`${k}: ${v}`);
  const declared = partial ? r.body.length + 1000 : r.body.length;
  if (r.framing === 'length' || r.framing === 'both') lines.push(`Content-Length: ${declared}`);
  if (r.framing === 'chunked' || r.framing === 'both') lines.push('Transfer-Encoding: chunked');
  lines.push('Connection: close', '', '');
  const head = Buffer.from(lines.join('\r\n'), 'latin1');
  if (r.framing !== 'chunked' && r.framing !== 'both') return Buffer.concat([head, r.body]);
  const chunk = r.body.length > 0 ? [Buffer.from(`${r.body.length.toString(16)}\r\n`), r.body, Buffer.from('\r\n')] : [];
  return Buffer.concat([head, ...chunk, ...(partial ? [] : [Buffer.from('0\r\n\r\n')])]);
}

export function request(method: string, path: string, body = '', headers: [string, string][] = body ? [['Content-Type', 'application/json']] : []): FuzzRequest {
  return { kind: 'probe', target: 'apiserver', who: 'admin', method, path, headers, body: Buffer.from(body), framing: 'length' };
}

interface Parsed {
  status: number;
  headers: Record<string, string>;
  headerEnd: number;
}

/** The final response's head (interim 1xx answers to Expect: 100-continue skipped). */
function parseHead(buf: Buffer, from = 0): Parsed | undefined {
  const end = buf.indexOf('\r\n\r\n', from);
  if (end < 0) return undefined;
  const [statusLine, ...rest] = buf.subarray(from, end).toString('latin1').split('\r\n');
  if (/^HTTP\/1\.[01] 1\d\d/.test(statusLine ?? '')) return parseHead(buf, end + 4);
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')?.[1] ?? NaN);
  const headers: Record<string, string> = {};
  for (const l of rest) {
    const i = l.indexOf(':');
    if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
  }
  return { status, headers, headerEnd: end + 4 };
}

function dechunk(buf: Buffer): Buffer {
  const out: Buffer[] = [];
  let at = 0;
  for (;;) {
    const nl = buf.indexOf('\r\n', at);
    if (nl < 0) break;
    const size = parseInt(buf.subarray(at, nl).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    out.push(buf.subarray(nl + 2, nl + 2 + size));
    at = nl + 2 + size + 2;
  }
  return Buffer.concat(out);
}

const sessions = new Map<string, Buffer>();

function open(port: number, creds: Credentials): TLSSocket {
  const key = `${port}/${creds.cert ?? ''}`;
  const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false, servername: 'localhost', cert: creds.cert, key: creds.key, session: sessions.get(key) });
  socket.on('session', (s: Buffer) => sessions.set(key, s));
  return socket;
}

/**
 * Sends one request and reads its response until the server closes (every request says
 * Connection: close). A 2xx chunked answer to a watch or a stream is cut after its headers.
 */
export function rawRequest(port: number, creds: Credentials, r: FuzzRequest, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = open(port, creds);
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (o: Outcome): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(o);
    };
    const fromBuffer = (streamed: boolean, error?: string): Outcome => {
      const buf = Buffer.concat(chunks);
      const head = parseHead(buf);
      if (!head) return buf.length === 0 ? { kind: 'closed', ...(error ? { error } : {}) } : { kind: 'timeout', partial: buf.length };
      const rest = buf.subarray(head.headerEnd);
      const body = head.headers['transfer-encoding']?.includes('chunked') ? dechunk(rest) : rest;
      return { kind: 'response', status: head.status, headers: head.headers, body, streamed };
    };
    const timer = setTimeout(() => finish(fromBuffer(true).kind === 'response' ? fromBuffer(true) : { kind: 'timeout', partial: size }), timeoutMs);
    socket.on('data', (d: Buffer) => {
      chunks.push(d);
      size += d.length;
      const head = parseHead(Buffer.concat(chunks));
      if (head && head.status >= 200 && head.status < 300 && head.headers['transfer-encoding']?.includes('chunked') && /watch|stream/.test(`${head.headers['content-type'] ?? ''}`)) finish(fromBuffer(true));
    });
    socket.on('end', () => finish(fromBuffer(false)));
    socket.on('close', () => finish(fromBuffer(false)));
    socket.on('error', (e: Error) => finish(fromBuffer(false, e.message)));
    socket.once('secureConnect', () => {
      socket.write(encodeRequest(r, creds.bearer, r.hold === true));
    });
  });
}

/** A held-open request: headers and part of the body sent, the rest never; meanwhile another request must be answered. */
async function heldRequest(port: number, creds: Credentials, probeCreds: Credentials, r: FuzzRequest, holdMs: number): Promise<Outcome> {
  const pending = rawRequest(port, creds, r, holdMs);
  const during = await rawRequest(port, probeCreds, request('GET', '/healthz'), 5_000);
  const own = await pending;
  if (own.kind === 'response') return own;
  return { kind: 'held', during };
}

// ---- checks of one outcome -------------------------------------------------------------------

export interface Problem {
  /** Groups failures of one cause: the run stops shrinking a key once it has a counterexample. */
  key: string;
  message: string;
}

/** metav1.Status as kube-apiserver writes an error: kind Status, apiVersion v1, status Failure, code = the HTTP status, message a string, reason a string when present. */
export function statusProblems(httpStatus: number, body: unknown): string[] {
  const s = body as Record<string, unknown> | null;
  if (typeof s !== 'object' || s === null) return ['not an object'];
  const out: string[] = [];
  if (s['kind'] !== 'Status') out.push(`kind ${JSON.stringify(s['kind'])}`);
  if (s['apiVersion'] !== 'v1') out.push(`apiVersion ${JSON.stringify(s['apiVersion'])}`);
  if (s['status'] !== 'Failure') out.push(`status ${JSON.stringify(s['status'])}`);
  if (s['code'] !== httpStatus) out.push(`code ${JSON.stringify(s['code'])} ≠ ${httpStatus}`);
  // reason is omitempty: errors.ErrorToAPIStatus gives StatusReasonUnknown ("") to an error that is not a Status
  if (s['reason'] !== undefined && typeof s['reason'] !== 'string') out.push(`reason ${JSON.stringify(s['reason'])}`);
  if (typeof s['message'] !== 'string') out.push(`message ${JSON.stringify(s['message'])}`);
  return out;
}

/**
 * Known, not fixed (Node's http server, both servers alike): "Expect: 100-continue" on a request
 * that declares no body but is followed by stray bytes gets "100 Continue" and then nothing on
 * that connection until the client gives up; Go answers the request, then 400 for the stray
 * bytes. Other connections are served meanwhile (the held-open checks).
 */
function strayAfterContinue(r: FuzzRequest): boolean {
  return r.framing === 'none' && r.body.length > 0 && r.headers.some(([k, v]) => k.toLowerCase() === 'expect' && v.toLowerCase() === '100-continue');
}

/** Node's (and Go's) HTTP parser answered a request it could not parse: before any handler, so no Audit-Id (apiserver) and a fixed text or nothing. */
function isParserAnswer(r: FuzzRequest, o: Outcome & { kind: 'response' }): boolean {
  const goText = /^(400 Bad Request|431 Request Header Fields Too Large)$/.test(o.body.toString());
  if (r.target === 'apiserver') return o.headers['audit-id'] === undefined && (o.body.length === 0 || goText);
  return o.headers['content-type'] === undefined && o.body.length === 0;
}

/**
 * 5xx upstream gives too (each named): the impersonation filter's InternalError for groups,
 * uid or extra without a user (k8s.io/apiserver/pkg/endpoints/filters/impersonation.go:
 * "requested %v without impersonating a user"), as text/plain; 504 "Too large resource version"
 * for a read at a resourceVersion the store has not reached after 3 s
 * (k8s.io/apiserver/pkg/storage/cacher/watch_cache.go waitUntilFreshAndBlock).
 */
export function upstream500(r: FuzzRequest, o: Outcome & { kind: 'response' }): string | undefined {
  if (r.target === 'apiserver' && o.status === 500 && / without impersonating a user\n?$/.test(o.body.toString())) return 'impersonation.go: groups/uid/extra without a user';
  if (r.target === 'apiserver' && o.status === 504 && o.body.toString().includes('"Timeout: Too large resource version: ')) return 'cacher.go waitUntilFreshAndBlock: a list at a future resourceVersion, 3 s';
  return undefined;
}

/**
 * Known, not fixed: JSON nested 10000 deep (within Go's scanner limit, so decoded) under a field
 * the kind does not have is kept by tlsboot (no pruning of unknown fields), and structuredClone
 * in Store.create overflows the stack: 500. Upstream's typed decode drops the unknown field
 * (a `unknown field "a"` warning under fieldValidation=Warn) and the request goes on.
 */
export function knownIssue(r: FuzzRequest, o: Outcome & { kind: 'response' }): string | undefined {
  if (r.kind === 'deep-json' && o.status === 500 && o.body.toString().includes('Maximum call stack size exceeded')) return 'deep unknown field overflows structuredClone';
  return undefined;
}

export function checkOutcome(r: FuzzRequest, o: Outcome): Problem[] {
  const t = r.target;
  if (o.kind === 'held') {
    if (o.during.kind !== 'response' || o.during.status !== 200) return [{ key: `${t} hung while a request was held open`, message: `a /healthz sent meanwhile got ${describeOutcome(o.during)}` }];
    return [];
  }
  if (o.kind === 'timeout') return r.hold || strayAfterContinue(r) ? [] : [{ key: `${t} no response`, message: describeOutcome(o) }];
  if (o.kind === 'closed') return [];
  const problems: Problem[] = [];
  const ct = o.headers['content-type'] ?? '';
  // Node's HTTP parser answered (malformed request line or headers): no Audit-Id, no body — Go's net/http does the same ("400 Bad Request", 431)
  const fromParser = isParserAnswer(r, o);
  if (o.status >= 500 && !upstream500(r, o) && !knownIssue(r, o)) problems.push({ key: `${t} ${o.status}`, message: describeOutcome(o) });
  // a HEAD answer has no body (net/http discards it)
  if (o.status >= 400 && !fromParser && r.method !== 'HEAD') {
    if (t === 'kubelet') {
      if (!ct.startsWith('text/plain')) problems.push({ key: `kubelet error not plain text (${ct})`, message: describeOutcome(o) });
    } else if (ct.startsWith('application/json') || ct.startsWith('application/yaml')) {
      let body: unknown;
      try {
        body = ct.startsWith('application/json') ? JSON.parse(o.body.toString('utf8')) : YAML.parse(o.body.toString('utf8'));
      } catch {
        body = undefined;
      }
      const bad = statusProblems(o.status, body);
      if (bad.length > 0) problems.push({ key: `apiserver ${o.status} error body not a Status`, message: `${bad.join(', ')}: ${describeOutcome(o)}` });
    } else if (ct.startsWith('application/vnd.kubernetes.protobuf')) {
      // a Status in protobuf (the negotiated serializer): checked only for its envelope magic
      if (!o.body.subarray(0, 4).equals(Buffer.from([0x6b, 0x38, 0x73, 0x00]))) problems.push({ key: `apiserver ${o.status} protobuf error without the k8s envelope`, message: describeOutcome(o) });
    } else if (!(o.status === 404 && o.body.toString() === '404 page not found\n') && !(o.status === 500 && ct.startsWith('text/plain'))) {
      problems.push({ key: `apiserver ${o.status} error body not a Status (${ct})`, message: describeOutcome(o) });
    }
  }
  if (r.kind === 'huge-body' && r.body.length > 3 * 1024 * 1024 && o.status < 400) problems.push({ key: 'apiserver accepted a body over 3 MiB', message: describeOutcome(o) });
  if (r.kind === 'huge-body' && r.body.length > 3 * 1024 * 1024 && o.status === 413) {
    const msg = (JSON.parse(o.body.toString()) as { message?: string }).message;
    if (msg !== 'Request entity too large: limit is 3145728') problems.push({ key: 'apiserver 413 message', message: `${msg}` });
  }
  return problems;
}

// ---- invariants after the run ----------------------------------------------------------------

interface WatchLog {
  resource: string;
  /** The list's resourceVersion just before the watch started. */
  startRV: number;
  events: { type: string; rv: string }[];
  stop(): void;
}

/** A watch from resourceVersion 0 as the admin, kept through the run (raw: every line as sent). */
export async function watchFromZero(cluster: FuzzCluster, path: string): Promise<WatchLog> {
  const list = await rawRequest(cluster.ports.apiserver, cluster.credentials.admin, request('GET', `${path}?limit=1`), 10_000);
  if (list.kind !== 'response' || list.status !== 200) throw new Error(`list ${path}: ${describeOutcome(list)}`);
  const startRV = Number((JSON.parse(list.body.toString()) as { metadata: { resourceVersion: string } }).metadata.resourceVersion);
  const socket = open(cluster.ports.apiserver, cluster.credentials.admin);
  const log: WatchLog = { resource: path, startRV, events: [], stop: () => socket.destroy() };
  let buf = Buffer.alloc(0);
  let headerDone = false;
  let text = '';
  socket.once('secureConnect', () => socket.write(encodeRequest(request('GET', `${path}?watch=true&resourceVersion=0`), undefined)));
  socket.on('data', (d: Buffer) => {
    buf = Buffer.concat([buf, d]);
    if (!headerDone) {
      const head = parseHead(buf);
      if (!head) return;
      headerDone = true;
      buf = buf.subarray(head.headerEnd);
    }
    // chunked: take whole chunks, keep the rest
    for (;;) {
      const nl = buf.indexOf('\r\n');
      if (nl < 0) break;
      const size = parseInt(buf.subarray(0, nl).toString('latin1'), 16);
      if (!Number.isFinite(size) || buf.length < nl + 2 + size + 2) break;
      text += buf.subarray(nl + 2, nl + 2 + size).toString('utf8');
      buf = buf.subarray(nl + 2 + size + 2);
    }
    let i;
    while ((i = text.indexOf('\n')) >= 0) {
      const line = text.slice(0, i);
      text = text.slice(i + 1);
      if (!line.trim()) continue;
      const e = JSON.parse(line) as { type: string; object: { metadata?: { resourceVersion?: string } } };
      log.events.push({ type: e.type, rv: e.object.metadata?.resourceVersion ?? '' });
    }
  });
  socket.on('error', () => undefined);
  return log;
}

/** Problems of a CSR as stored: conditions legal, certificate only when Approved, request a parseable CSR. */
export function csrProblems(csr: Record<string, unknown>): string[] {
  const out: string[] = [];
  const status = (csr['status'] ?? {}) as { conditions?: { type: string; status: string }[]; certificate?: string };
  const types = (status.conditions ?? []).map((c) => c.type);
  if (new Set(types).size !== types.length) out.push(`duplicate condition types ${types.join(',')}`);
  const approved = (status.conditions ?? []).some((c) => c.type === 'Approved' && c.status === 'True');
  const denied = (status.conditions ?? []).some((c) => c.type === 'Denied' && c.status === 'True');
  if (types.includes('Approved') && types.includes('Denied')) out.push('Approved and Denied together');
  if (status.certificate && (!approved || denied)) out.push('a certificate without Approved');
  const spec = (csr['spec'] ?? {}) as { request?: string; signerName?: string; usages?: unknown };
  try {
    parseCertificateRequestPem(Buffer.from(spec.request ?? '', 'base64').toString('utf8'));
  } catch (err) {
    out.push(`spec.request does not parse: ${(err as Error).message}`);
  }
  if (typeof spec.signerName !== 'string' || !spec.signerName.includes('/')) out.push(`signerName ${JSON.stringify(spec.signerName)}`);
  if (!Array.isArray(spec.usages)) out.push('usages not a list');
  return out;
}

/** Metadata every stored object has: name, uid, resourceVersion, creationTimestamp. */
function metadataProblems(obj: Record<string, unknown>): string[] {
  const m = (obj['metadata'] ?? {}) as Record<string, unknown>;
  return ['name', 'uid', 'resourceVersion', 'creationTimestamp'].filter((k) => typeof m[k] !== 'string' || m[k] === '').map((k) => `metadata.${k} missing`);
}

const invariantLists = [
  '/apis/certificates.k8s.io/v1/certificatesigningrequests',
  '/api/v1/configmaps',
  '/api/v1/secrets',
  '/api/v1/serviceaccounts',
  '/api/v1/namespaces',
  '/api/v1/nodes',
  '/apis/coordination.k8s.io/v1/leases',
  '/api/v1/pods',
  '/api/v1/events',
];

export async function checkInvariants(cluster: FuzzCluster, watches: WatchLog[]): Promise<Problem[]> {
  const problems: Problem[] = [];
  const admin = cluster.credentials.admin;
  for (const [t, path] of [['apiserver', '/healthz'], ['kubelet', '/healthz']] as const) {
    const o = await rawRequest(cluster.ports[t], admin, request('GET', path), 5_000);
    if (o.kind !== 'response' || o.status !== 200) problems.push({ key: `${t} down`, message: `${path}: ${describeOutcome(o)}` });
  }
  let objects = 0;
  for (const path of invariantLists) {
    const o = await rawRequest(cluster.ports.apiserver, admin, request('GET', path), 10_000);
    if (o.kind !== 'response' || o.status !== 200) {
      problems.push({ key: 'normal list fails', message: `${path}: ${describeOutcome(o)}` });
      continue;
    }
    const list = JSON.parse(o.body.toString('utf8')) as { metadata: { resourceVersion: string }; items: Record<string, unknown>[] };
    for (const item of list.items) {
      objects++;
      const name = `${path} ${(item['metadata'] as { name?: string } | undefined)?.name ?? '?'}`;
      for (const p of metadataProblems(item)) problems.push({ key: 'half-written object', message: `${name}: ${p}` });
      const rv = Number((item['metadata'] as { resourceVersion?: string } | undefined)?.resourceVersion);
      if (!(rv <= Number(list.metadata.resourceVersion))) problems.push({ key: 'object newer than its list', message: `${name}: ${rv} > ${list.metadata.resourceVersion}` });
      if (path.includes('certificatesigningrequests')) for (const p of csrProblems(item)) problems.push({ key: 'illegal CSR', message: `${name}: ${p}` });
    }
  }
  const nodeList = await rawRequest(cluster.ports.kubelet, admin, request('GET', '/pods'), 5_000);
  if (nodeList.kind !== 'response' || nodeList.status !== 200) problems.push({ key: 'kubelet /pods fails', message: describeOutcome(nodeList) });
  // from resourceVersion 0 the watch first replays the state at its start as ADDED events, in key
  // order (the watch cache's store, k8s.io/apiserver/pkg/storage/cacher/watch_cache.go
  // getAllEventsSinceLocked): those are at most the start's resourceVersion; every later event
  // has a strictly greater one than the event before it.
  for (const w of watches) {
    let last = w.startRV;
    let live = false;
    w.events.forEach((e, i) => {
      const rv = Number(e.rv);
      if (!live && rv <= w.startRV) {
        if (e.type !== 'ADDED') problems.push({ key: 'watch replay not ADDED', message: `${w.resource}: event ${i} ${e.type} rv ${rv}` });
        return;
      }
      live = true;
      if (!(rv > last)) problems.push({ key: 'watch resourceVersions not increasing', message: `${w.resource}: event ${i} ${e.type} rv ${rv} after ${last}` });
      last = rv;
    });
  }
  invariantFigures.objects = objects;
  invariantFigures.watchEvents = watches.reduce((n, w) => n + w.events.length, 0);
  return problems;
}

export const invariantFigures = { objects: 0, watchEvents: 0 };

// ---- the run ---------------------------------------------------------------------------------

export interface FuzzOptions {
  requests: number;
  seed: number;
  /** Per request (default 5 s). */
  timeoutMs?: number;
  /** How long a held-open request is held (default 300 ms). */
  holdMs?: number;
  log?: (line: string) => void;
}

export interface Failure {
  key: string;
  message: string;
  /** The shrunk counterexample. */
  request: FuzzRequest;
  seed: number;
  shrinks: number;
}

export interface FuzzReport {
  sent: number;
  shrinkRequests: number;
  byKind: Record<string, number>;
  byStatus: Record<string, number>;
  failures: Failure[];
  invariantProblems: Problem[];
  invariants: { objects: number; watchEvents: number };
  ms: number;
}

function outcomeLabel(r: FuzzRequest, o: Outcome): string {
  if (o.kind === 'response') return `${r.target} ${o.status}${o.streamed ? ' (stream)' : ''}${isParserAnswer(r, o) ? ' (parser)' : ''}${upstream500(r, o) ? ' (as upstream)' : ''}${knownIssue(r, o) ? ' (known issue)' : ''}`;
  return `${r.target} ${o.kind}${o.kind === 'timeout' && strayAfterContinue(r) ? ' (Expect: 100-continue + stray bytes)' : ''}`;
}

export async function send(cluster: FuzzCluster, r: FuzzRequest, timeoutMs: number, holdMs = 300): Promise<Outcome> {
  const port = cluster.ports[r.target];
  const creds = cluster.credentials[r.who];
  if (r.hold) return heldRequest(port, creds, cluster.credentials.admin, r, Math.min(timeoutMs, holdMs));
  // the known Expect: 100-continue stall (strayAfterContinue) is not waited out
  return rawRequest(port, creds, r, strayAfterContinue(r) ? Math.min(timeoutMs, 300) : timeoutMs);
}

/**
 * Sends `requests` generated requests one after the other. A request whose outcome breaks a
 * check makes fast-check shrink it (the shrinking requests are counted apart); the run then goes
 * on with the next seed, counting further failures of the same key without shrinking them again.
 */
export async function fuzzServers(cluster: FuzzCluster, o: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const timeoutMs = o.timeoutMs ?? 5_000;
  const report: FuzzReport = { sent: 0, shrinkRequests: 0, byKind: {}, byStatus: {}, failures: [], invariantProblems: [], invariants: { objects: 0, watchEvents: 0 }, ms: 0 };
  const watches = await Promise.all(['/apis/certificates.k8s.io/v1/certificatesigningrequests', '/api/v1/configmaps', '/api/v1/secrets', '/api/v1/namespaces'].map((p) => watchFromZero(cluster, p)));
  // virtual time moves about as fast as real time (one second a second) while the run lasts: what
  // waits on the apiserver's clock (a list at a future resourceVersion: 3 s, then 504) ends
  const ticker = setInterval(() => void cluster.clock.advance(1_000).catch(() => undefined), 1_000);
  const known = new Map<string, number>();
  const arb = fuzzRequestArb(cluster.ctx);
  let round = 0;
  while (report.sent < o.requests) {
    let failed = false;
    const seed = o.seed + round++;
    const result = await fc.check(
      fc.asyncProperty(arb, async (r) => {
        const outcome = await send(cluster, r, timeoutMs, o.holdMs);
        if (failed) report.shrinkRequests++;
        else {
          report.sent++;
          report.byKind[r.kind] = (report.byKind[r.kind] ?? 0) + 1;
          const label = outcomeLabel(r, outcome);
          report.byStatus[label] = (report.byStatus[label] ?? 0) + 1;
          if (report.sent % 1000 === 0) o.log?.(`… ${report.sent} requests, ${Math.round((Date.now() - started) / 1000)} s`);
        }
        const problems = checkOutcome(r, outcome);
        const fresh = problems.filter((p) => !known.has(p.key));
        for (const p of problems) if (known.has(p.key)) known.set(p.key, known.get(p.key)! + (failed ? 0 : 1));
        if (fresh.length === 0) return true;
        failed = true;
        throw new Error(`${fresh[0]!.key}\n${fresh[0]!.message}`);
      }),
      { numRuns: o.requests - report.sent, seed, endOnFailure: false, interruptAfterTimeLimit: undefined, markInterruptAsFailure: false },
    );
    if (!result.failed) break;
    const [key, ...rest] = (result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance)).split('\n');
    const request = result.counterexample![0];
    report.failures.push({ key: key!, message: rest.join('\n'), request, seed, shrinks: result.numShrinks });
    known.set(key!, 1);
    o.log?.(`failure: ${key} (seed ${seed}, ${result.numShrinks} shrinks)`);
    if (report.failures.length >= 50) break;
  }
  for (const f of report.failures) f.message += known.get(f.key)! > 1 ? ` [${known.get(f.key)} requests of the run hit it]` : '';
  // let the watches catch up with the last writes
  await new Promise((r) => setTimeout(r, 200));
  report.invariantProblems = await checkInvariants(cluster, watches);
  report.invariants = { ...invariantFigures };
  for (const w of watches) w.stop();
  clearInterval(ticker);
  report.ms = Date.now() - started;
  return report;
}

/** A short rendering of a request for the report (bodies cut). */
export function describeRequest(r: FuzzRequest): string {
  const body = r.body.length > 200 ? `${JSON.stringify(r.body.subarray(0, 200).toString('latin1'))}… (${r.body.length} bytes)` : JSON.stringify(r.body.toString('latin1'));
  const path = r.path.length > 200 ? `${r.path.slice(0, 200)}… (${r.path.length} chars)` : r.path;
  return `${r.kind} as ${r.who} → ${r.target}: ${JSON.stringify(r.method)} ${JSON.stringify(path)} headers ${JSON.stringify(r.headers)} framing ${r.framing}${r.hold ? ' held open' : ''} body ${body}`;
}

export function renderReport(rep: FuzzReport): string {
  const lines: string[] = [];
  lines.push(`requests sent: ${rep.sent} (+ ${rep.shrinkRequests} while shrinking) in ${(rep.ms / 1000).toFixed(1)} s`);
  lines.push('by kind:');
  for (const [k, n] of Object.entries(rep.byKind).sort((a, b) => b[1] - a[1])) lines.push(`  ${k.padEnd(22)} ${n}`);
  lines.push('outcomes:');
  for (const [k, n] of Object.entries(rep.byStatus).sort()) lines.push(`  ${k.padEnd(28)} ${n}`);
  lines.push(`invariants: ${rep.invariants.objects} objects read back, ${rep.invariants.watchEvents} watch events checked; ${rep.invariantProblems.length} problems`);
  for (const p of rep.invariantProblems) lines.push(`  ${p.key}: ${p.message}`);
  lines.push(`failures: ${rep.failures.length}`);
  for (const f of rep.failures) lines.push(`  ${f.key} (seed ${f.seed}, ${f.shrinks} shrinks)\n    request: ${describeRequest(f.request)}\n    got: ${f.message}`);
  return lines.join('\n');
}
