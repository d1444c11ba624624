// What every renderer reads off a trace: apiserver requests folded by request id (the
// request.* and csr.* events of one Audit-Id, staging/src/k8s.io/apiserver/pkg/endpoints/filters/
// audit.go), who sent them, which requests are noise (heartbeats, list/watch, reads), the phase of
// the flow each event belongs to, and the certificates issued.
import type { TraceEvent } from '../trace/trace-event.js';
import { eventSource } from '../trace/trace-event.js';

type Of<T extends TraceEvent['type']> = Extract<TraceEvent, { type: T }>;

export interface FoldedRequest {
  requestId: string;
  seq: number;
  time: string;
  method: string;
  path: string;
  query: string;
  authn?: Of<'request.authenticated'>;
  impersonation?: Of<'request.impersonated'>;
  authz?: Of<'request.authorized'>;
  response?: Of<'request.responded'>;
  /** csr.created / csr.conditions / csr.certificate the request caused. */
  csr: TraceEvent[];
}

/** Requests by Audit-Id, in arrival order. */
export function foldRequests(events: readonly TraceEvent[]): FoldedRequest[] {
  const byId = new Map<string, FoldedRequest>();
  for (const e of events) {
    if (e.component !== 'kube-apiserver') continue;
    let r = byId.get(e.requestId);
    if (!r) byId.set(e.requestId, (r = { requestId: e.requestId, seq: e.seq, time: e.time, method: '', path: '', query: '', csr: [] }));
    if (e.type === 'request.received') Object.assign(r, { method: e.method, path: e.path, query: e.query });
    else if (e.type === 'request.authenticated') r.authn = e;
    else if (e.type === 'request.impersonated') r.impersonation = e;
    else if (e.type === 'request.authorized') r.authz = e;
    else if (e.type === 'request.responded') r.response = e;
    else r.csr.push(e);
  }
  return [...byId.values()];
}

/** The user the request ran as (after impersonation), or `(unauthenticated)`. */
export function requestUser(r: FoldedRequest): string {
  return r.impersonation?.user ?? r.authn?.user ?? '(unauthenticated)';
}

/** The component that sent a request, judged by its user (components meet only over the API). */
export function requestSender(r: FoldedRequest, events: readonly TraceEvent[]): string {
  const user = requestUser(r);
  const one = (kind: 'kubelet' | 'kube-proxy') => {
    const nodes = [...new Set(events.filter((e) => e.component === kind).map((e) => eventSource(e)))];
    return nodes.length === 1 ? nodes[0]! : kind;
  };
  if (user === 'system:kube-controller-manager' || user.startsWith('system:serviceaccount:kube-system:')) return 'kube-controller-manager';
  if (user.startsWith('system:node:')) return `kubelet/${user.slice('system:node:'.length)}`;
  if (user.startsWith('system:bootstrap:') || user === 'system:anonymous') return one('kubelet');
  // a bootstrap token the apiserver refused: only kubelets present those
  if (!r.authn?.authenticated && r.authn?.failure?.includes('bootstrap-token')) return one('kubelet');
  if (user === 'system:kube-proxy') return one('kube-proxy');
  return 'admin';
}

const heartbeat = /\/leases\/[^/]+$|\/nodes\/[^/]+\/status$/;

/** Requests shown one by one: writes (not heartbeats), failures, and those that touched a CSR. */
export function isMeaningful(r: FoldedRequest): boolean {
  const status = r.response?.statusCode ?? 0;
  if (status >= 400 || r.csr.length > 0) return true;
  if (r.method === 'GET' || r.method === 'HEAD') return r.path.includes('/proxy/');
  return !heartbeat.test(r.path);
}

/** Why a request was folded: `heartbeat`, `watch`, `list` or `read`. */
export function noiseKind(r: FoldedRequest): string {
  if (heartbeat.test(r.path)) return 'heartbeat';
  if (/(^|&)watch=(1|true)/.test(r.query)) return 'watch';
  if (r.authz?.attributes.startsWith('list ')) return 'list';
  return 'read';
}

export const phases = {
  controlPlane: 'control plane up',
  token: 'bootstrap token',
  clientCsr: 'first CSR — client certificate',
  servingCsr: 'second CSR — serving certificate',
  kubeletApi: 'apiserver → kubelet',
  kubeProxy: 'kube-proxy',
  rotation: 'rotation',
  cleanup: 'cleanup',
} as const;

/** The phase an event opens, if it opens one (derived from the events, not the scenario). */
export function phaseOpenedBy(e: TraceEvent, issued: ReadonlySet<string>): string | undefined {
  switch (e.type) {
    case 'kcm.started':
      return phases.controlPlane;
    case 'clusterinfo.signed':
      return e.added.length > 0 ? phases.token : undefined;
    case 'request.received':
      return e.method === 'POST' && e.path === '/api/v1/namespaces/kube-system/secrets' ? phases.token : undefined;
    case 'csr.created':
      if (e.component !== 'kubelet') return undefined;
      if (issued.has(e.manager)) return phases.rotation;
      return e.signerName === 'kubernetes.io/kubelet-serving' ? phases.servingCsr : phases.clientCsr;
    case 'server.request':
      return phases.kubeletApi;
    case 'kube-proxy.start':
      return phases.kubeProxy;
    case 'csr.cleaned':
    case 'bootstraptoken.deleted':
      return phases.cleanup;
    default:
      return undefined;
  }
}

/**
 * The phase of every event (by seq): the last phase opened at or before it. A kubelet's CSR
 * opens its phase with the apiserver request that created it (so the create, its authorizer's
 * reason and the stored CSR belong to the CSR's phase, not to the one before).
 */
export function phaseOf(events: readonly TraceEvent[]): Map<number, string> {
  const out = new Map<number, string>();
  const issued = new Set<string>();
  const signed = new Set<string>();
  /** request id → the CSR it created (node identity + signer), for kubelet-made CSRs */
  const csrRequests = new Map<string, { key: string; serving: boolean }>();
  for (const e of events) {
    if (e.type === 'csr.created' && e.component === 'kube-apiserver' && /^system:(bootstrap|node):/.test(e.requester) && /kubelet/.test(e.signerName)) {
      csrRequests.set(e.requestId, { key: `${e.subject.commonName ?? ''}|${e.signerName}`, serving: e.signerName === 'kubernetes.io/kubelet-serving' });
    }
  }
  let phase: string = phases.controlPlane;
  for (const e of events) {
    const viaRequest = e.type === 'request.received' ? csrRequests.get(e.requestId) : undefined;
    if (viaRequest) phase = signed.has(viaRequest.key) ? phases.rotation : viaRequest.serving ? phases.servingCsr : phases.clientCsr;
    else if (e.type === 'csr.created' && e.component === 'kubelet' && [...csrRequests.values()].some((c) => c.key === `system:node:${e.node}|${e.signerName}`)) {
      // already opened by the apiserver's request
    } else phase = phaseOpenedBy(e, issued) ?? phase;
    if (e.type === 'csr.issued') issued.add(e.manager);
    if (e.type === 'csr.signed') signed.add(`${e.subject.commonName ?? ''}|${e.signerName}`);
    out.set(e.seq, phase);
  }
  return out;
}

export interface IssuedCertificate {
  seq: number;
  time: string;
  csr: string;
  signerName: string;
  subject: string;
  subjectAltNames: string[];
  usages: string[];
  serialNumber: string;
  notBefore: string;
  notAfter: string;
}

/** `CN=…, O=…` as openssl prints a subject. */
export function subjectString(s: { commonName?: string; organizations?: string[] }): string {
  return [...(s.organizations ?? []).map((o) => `O=${o}`), ...(s.commonName !== undefined ? [`CN=${s.commonName}`] : [])].join(', ');
}

export function sansOf(s: { dnsNames?: string[]; ipAddresses?: string[]; emailAddresses?: string[]; uris?: string[] }): string[] {
  return [...(s.dnsNames ?? []).map((d) => `DNS:${d}`), ...(s.ipAddresses ?? []).map((i) => `IP:${i}`), ...(s.emailAddresses ?? []).map((m) => `email:${m}`), ...(s.uris ?? []).map((u) => `URI:${u}`)];
}

/** Every certificate the controller-manager's signers issued. */
export function issuedCertificates(events: readonly TraceEvent[]): IssuedCertificate[] {
  return events.filter((e): e is Of<'csr.signed'> => e.type === 'csr.signed').map((e) => ({
    seq: e.seq,
    time: e.time,
    csr: e.csr,
    signerName: e.signerName,
    subject: subjectString(e.subject),
    subjectAltNames: sansOf(e.subjectAltNames),
    usages: e.usages,
    serialNumber: e.serialNumber,
    notBefore: e.notBefore,
    notAfter: e.notAfter,
  }));
}

/** The first 8 hex digits of a serial, enough to tell certificates apart in text. */
export const shortSerial = (serial: string): string => (serial.length > 10 ? `${serial.slice(0, 8)}…` : serial);

/** `1y`, `30d`, `12h`, `15m` — a validity period as people say it. */
export function span(fromIso: string, toIso: string): string {
  const ms = Date.parse(toIso) - Date.parse(fromIso);
  const h = ms / 3_600_000;
  if (h >= 24 * 365 && h % (24 * 365) === 0) return `${h / (24 * 365)}y`;
  if (h >= 24 && h % 24 === 0) return `${h / 24}d`;
  if (h >= 1 && Number.isInteger(h)) return `${h}h`;
  return `${Math.round(ms / 60_000)}m`;
}

/** Runner outcome: scenario name, passed, expectations. */
export function runOutcome(events: readonly TraceEvent[]): { scenario: string; passed: boolean | undefined; failed: number } {
  const started = events.find((e): e is Of<'scenario.started'> => e.type === 'scenario.started');
  const finished = events.find((e): e is Of<'scenario.finished'> => e.type === 'scenario.finished');
  const failed = events.filter((e) => e.type === 'expect.checked' && !e.ok).length;
  return { scenario: finished?.scenario ?? started?.scenario ?? 'trace', passed: finished ? finished.passed : undefined, failed: finished?.failed ?? failed };
}

/**
 * The run's work directory, read off the paths in the trace (the runner makes it with mkdtemp:
 * `…/tlsboot-<name>-XXXXXX`), or undefined when no event names a path inside one.
 */
export function workdirOf(events: readonly TraceEvent[]): string | undefined {
  for (const e of events) if (e.type === 'scenario.started' && e.workdir) return e.workdir;
  // traces recorded before scenario.started carried the work directory: infer it from a temp path
  const pattern = /(\/[^\s"'<>]*?\/tlsboot-[\w.-]*?-[A-Za-z0-9]{6})(?=\/)/;
  for (const e of events) {
    if (e.type === 'file.written') {
      const m = pattern.exec(e.path);
      if (m) return m[1];
    }
  }
  for (const e of events) {
    const m = pattern.exec(JSON.stringify(e));
    if (m) return m[1];
  }
  return undefined;
}

/** `node-csr-mrNpbBYl…` for the long hash names of the kubelet's bootstrap CSRs; others as they are. */
export const shortCsrName = (name: string): string => (/^node-csr-.{12,}$/.test(name) ? `${name.slice(0, 17)}…` : name);

/**
 * An authorizer's reason sentence taken apart: the authorizer it names (`RBAC: …`, `Node: …`),
 * the sentence without it, and the binding that allowed (rbac/rbac.go appendApplies:
 * `allowed by ClusterRoleBinding "x" of ClusterRole "y" to Group "z"`).
 */
export function parseReason(reason: string, authorizer?: string): { authorizer?: string; text: string; binding?: string } {
  let text = reason;
  let by = authorizer;
  if (by && text.startsWith(`${by}: `)) text = text.slice(by.length + 2);
  else {
    const m = /^([A-Za-z][\w-]*): (.*)$/s.exec(text);
    if (m && (m[1] === 'RBAC' || m[1] === 'Node' || m[1] === 'Webhook' || m[1] === 'ABAC')) [by, text] = [m[1], m[2]!];
  }
  const binding = /^allowed by ((?:Cluster)?RoleBinding "[^"]*")/.exec(text)?.[1];
  return { ...(by ? { authorizer: by } : {}), text, ...(binding ? { binding } : {}) };
}

/**
 * Word-wraps `text`: the first line at most `first` characters, the others at most `rest`.
 * Words longer than a line are cut. Leading/trailing spaces at the breaks are dropped.
 */
export function wrapText(text: string, first: number, rest: number = first): string[] {
  const lines: string[] = [];
  let line = '';
  let max = Math.max(8, first);
  const push = () => {
    lines.push(line);
    line = '';
    max = Math.max(8, rest);
  };
  for (const word of text.split(/ +/)) {
    let w = word;
    if (line && line.length + 1 + w.length > max) push();
    while (w.length > max) {
      const room = line ? max - line.length - 1 : max;
      if (room < 1) {
        push();
        continue;
      }
      line = line ? `${line} ${w.slice(0, room)}` : w.slice(0, room);
      w = w.slice(room);
      push();
    }
    if (w) line = line ? `${line} ${w}` : w;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}
