// Narrated text for people (the default output): grouped by phase, one line per decision saying
// which component did what and why — the authenticator and user, the authorizer's reason
// sentence, the approver's recognizer and SubjectAccessReview, the certificate issued, the files
// written. Reads, list/watch and heartbeats are folded into counts. Wording follows the upstream
// log lines where there is one (pkg/controller/certificates/approver/sarapprove.go,
// signer/signer.go, pkg/kubelet/certificate/bootstrap/bootstrap.go).
import { createColors } from 'picocolors';
import type { TraceEvent } from '../trace/trace-event.js';
import { eventSource } from '../trace/trace-event.js';
import { foldRequests, isMeaningful, noiseKind, parseReason, phaseOf, requestSender, requestUser, sansOf, shortCsrName, shortSerial, span, subjectString, workdirOf, wrapText } from './model.js';
import type { FoldedRequest } from './model.js';

export interface NarrationLine {
  seq: number;
  time: string;
  phase: string;
  /** Who did it: `kube-apiserver`, `kubelet/k8s01`, `scenario`, … */
  source: string;
  text: string;
  tone: 'info' | 'ok' | 'fail' | 'step' | 'muted';
}

export interface NarrateOptions {
  /** Colours (picocolors); default false. Callers pass colorWanted(stdout, env). */
  color?: boolean;
  /** Show the virtual time of each line; default true. */
  times?: boolean;
  /**
   * Every event, one line each, with absolute paths (narrationLines); default false: the concise
   * narration (conciseNarrationLines). The CLI passes `--verbose` here.
   */
  verbose?: boolean;
  /**
   * Wrap lines to this many columns (continuation lines indented under the text); the CLI passes
   * the terminal's columns on a TTY. Absent or 0: no wrapping, nothing cut.
   */
  width?: number;
}

function requestLine(r: FoldedRequest, events: readonly TraceEvent[]): string {
  const status = r.response?.statusCode ?? 0;
  const authn = r.authn?.authenticated ? `as ${requestUser(r)} (${r.authn.authenticator ?? '?'})` : `unauthenticated${r.authn?.failure ? `: ${r.authn.failure}` : ''}`;
  const reason = r.authz?.authorizer && r.authz.reason.startsWith(`${r.authz.authorizer}: `) ? r.authz.reason.slice(r.authz.authorizer.length + 2) : r.authz?.reason;
  const authz = r.authz ? `; ${r.authz.decision === 'Allow' ? 'allowed' : 'not allowed'}${r.authz.authorizer ? ` by ${r.authz.authorizer}` : ''}: ${reason || r.authz.attributes}` : '';
  const why = r.response?.message && status >= 400 ? ` — ${r.response.reason ?? ''} ${r.response.message}` : '';
  return `${requestSender(r, events)} → ${r.method} ${r.path} ${authn}${authz} → ${status}${why}`;
}

/** The line of an event that reads the same in the concise and the verbose narration. */
function plainEventLine(e: TraceEvent): { text: string; tone: NarrationLine['tone'] } | undefined {
  const line = (text: string, tone: NarrationLine['tone'] = 'info') => ({ text, tone });
  switch (e.type) {
    case 'csr.failed':
      return line(`${e.controller}: ${e.csr} Failed (${e.reason}): ${e.message}`, 'fail');
    case 'csr.cleaned':
      return line(`${e.controller}: deleted ${e.csr} (${e.rule}): ${e.message}`);
    case 'clusterinfo.signed':
      return line(`${e.controller}: signed ${e.configMap} for token ids ${[...e.added, ...e.updated].join(', ') || '(none)'}${e.removed.length ? `, removed ${e.removed.join(', ')}` : ''}`);
    case 'bootstraptoken.deleted':
      return line(`${e.controller}: deleted ${e.secret} (${e.reason})`);
    case 'kubelet.started':
      return line(`kubelet started (bootstrap ${e.bootstrap ? 'on' : 'off'}, rotateCertificates ${e.rotateCertificates})`);
    case 'bootstrap.started':
    case 'bootstrap.skipped':
    case 'transport.rotated':
      return line(e.message);
    case 'rotation.scheduled':
      return e.notAfter ? line(`${e.manager}: certificate expiration is ${e.notAfter}, rotation deadline is ${e.deadline}`, 'muted') : undefined;
    case 'kube-proxy.start':
      return line(`kube-proxy started (${e.mode}, identity from ${e.identity})`);
    case 'kube-proxy.informers-synced':
      return line('listed and watches services and endpointslices');
    case 'kube-proxy.rule':
      return line(`SIMULATED ${e.op} rules for ${e.servicePortName}: ${e.frontends.join(', ')} → ${e.endpoints.join(', ') || '(no endpoints)'}`);
    case 'step.finished':
      return e.ok ? undefined : line(`step ${e.step} failed: ${e.message ?? ''}`, 'fail');
    case 'request.sent':
      return line(`${e.identity} → ${e.verb} ${e.path} → ${e.status}${e.message ? ` ${e.message}` : ''}`, e.status >= 400 ? 'fail' : 'info');
    case 'clock.moved':
      return line(`clock moved ${e.from} → ${e.to} (${e.reason})`, 'muted');
    case 'fault.injected':
      return line(`fault injected: ${e.fault}${e.target ? ` on ${e.target}` : ''}`, 'fail');
    case 'component.exited':
      return line(`${e.target} exited: ${e.message}`, 'fail');
    default:
      return undefined;
  }
}

/** The narrated lines, before grouping and colour (also used by the HTML report). */
export function narrationLines(events: readonly TraceEvent[]): NarrationLine[] {
  const phase = phaseOf(events);
  const requests = new Map(foldRequests(events).map((r) => [r.requestId, r]));
  const approvedBy = new Map<string, string>();
  for (const e of events) if (e.type === 'csr.conditions' && e.conditions.some((c) => c.type === 'Approved')) approvedBy.set(e.name, e.user);
  const out: NarrationLine[] = [];
  const folded = new Map<string, number>();
  const flush = (at: TraceEvent) => {
    if (folded.size === 0) return;
    const parts = [...folded].map(([k, n]) => `${n} ${k}`);
    out.push({ seq: at.seq, time: at.time, phase: phase.get(at.seq)!, source: 'kube-apiserver', text: `(${parts.join(', ')} requests folded)`, tone: 'muted' });
    folded.clear();
  };
  const repeats = new Map<string, number>();
  const add = (e: TraceEvent, text: string, tone: NarrationLine['tone'] = 'info') => {
    if (e.type !== 'request.received') flush(e);
    out.push({ seq: e.seq, time: e.time, phase: phase.get(e.seq)!, source: eventSource(e), text, tone });
  };
  for (const e of events) {
    const p = phase.get(e.seq);
    if (out.length > 0 && out.at(-1)!.phase !== p) flush(e);
    switch (e.type) {
      case 'request.received': {
        const r = requests.get(e.requestId)!;
        if (isMeaningful(r)) {
          flush(e);
          add(e, requestLine(r, events), (r.response?.statusCode ?? 0) >= 400 ? 'fail' : 'info');
        } else {
          const k = noiseKind(r);
          folded.set(k, (folded.get(k) ?? 0) + 1);
        }
        break;
      }
      case 'csr.created':
        if (e.component === 'kube-apiserver') {
          const pending = e.signerName === 'kubernetes.io/kubelet-serving' ? ' — no approver in kube-controller-manager handles kubelet-serving: it stays Pending until someone approves it' : '';
          add(e, `stored CSR ${e.name} from ${e.requester} [${e.groups.join(', ')}] for ${e.signerName}: ${subjectString(e.subject)}${sansOf(e.subjectAltNames).length ? ` SANs ${sansOf(e.subjectAltNames).join(', ')}` : ''}, usages ${e.usages.join(', ')}${pending}`);
        } else add(e, `created CSR ${e.csr} for ${e.signerName} (${e.usages.join(', ')}) and waits for its certificate`);
        break;
      case 'csr.conditions':
        for (const c of e.conditions) add(e, `CSR ${e.name}: ${c.type}=${c.status} (${c.reason ?? ''}) written by ${e.user}${c.message ? `: ${c.message}` : ''}`, c.type === 'Approved' ? 'ok' : c.type === 'Issued' ? 'ok' : 'fail');
        break;
      case 'csr.recognized':
        add(e, `${e.controller}: recognizer ${e.recognizer} matches ${e.csr} (signer ${e.signerName}, requested by ${e.username})`);
        break;
      case 'csr.subjectaccessreview':
        add(e, `${e.controller}: SubjectAccessReview as ${e.user} for ${e.recognizer} → ${e.allowed ? 'allowed' : 'denied'}${e.reason ? `: ${e.reason}` : ''}`, e.allowed ? 'ok' : 'fail');
        break;
      case 'csr.approved':
        add(e, `${e.controller}: ${e.csr} approved (${e.reason}): ${e.message}`, 'ok');
        break;
      case 'csr.signed':
        add(e, `${e.controller}: signed ${e.csr} — ${subjectString(e.subject)}${sansOf(e.subjectAltNames).length ? ` [${sansOf(e.subjectAltNames).join(', ')}]` : ''}, ${e.usages.join(', ')}, valid ${span(e.notBefore, e.notAfter)} from ${e.notBefore}, serial ${shortSerial(e.serialNumber)}${approvedBy.has(e.csr) ? `, approved by ${approvedBy.get(e.csr)}` : ''}`, 'ok');
        break;
      case 'kcm.started':
        add(e, `started controllers ${e.controllers.join(', ')}${e.useServiceAccountCredentials ? ' (each with its own service account)' : ''}`);
        break;
      case 'kcm.error':
      case 'kubelet.error':
      case 'kube-proxy.error': {
        const key = `${eventSource(e)} ${e.message}`;
        const n = (repeats.get(key) ?? 0) + 1;
        repeats.set(key, n);
        if (n === 1) add(e, `error: ${e.message}`, 'fail');
        break;
      }
      case 'csr.issued':
        add(e, `got the certificate of ${e.csr}: serial ${shortSerial(e.serialNumber)}, valid until ${e.notAfter}`, 'ok');
        break;
      case 'file.written':
        add(e, `wrote ${e.kind} ${e.path}${e.target ? ` → ${e.target}` : ''}`);
        break;
      case 'server.request': {
        const who = e.authentication.kind === 'authenticated' ? `${e.authentication.user.name} (${e.authentication.by})` : 'unauthenticated';
        const d = e.decision ? `; ${e.decision.decision}${'reason' in e.decision && e.decision.reason ? `: ${e.decision.reason}` : ''}` : '';
        add(e, `served ${e.method} ${e.path} to ${who}${d} → ${e.status}`, e.status >= 400 ? 'fail' : 'info');
        break;
      }
      case 'step.started':
        add(e, `step ${e.step}: ${e.summary}`, 'step');
        break;
      case 'expect.checked':
        add(e, `${e.ok ? '✔' : '✘'} ${e.check}: ${e.message}`, e.ok ? 'ok' : 'fail');
        break;
      case 'scenario.finished':
        add(e, `scenario ${e.scenario}: ${e.passed ? 'passed' : `FAILED (${e.failed} expectation${e.failed === 1 ? '' : 's'})`}`, e.passed ? 'ok' : 'fail');
        break;
      default: {
        const plain = plainEventLine(e);
        if (plain) add(e, plain.text, plain.tone);
      }
    }
  }
  const last = events.at(-1);
  if (last) flush(last);
  return out;
}

/** The narrated text: a heading per phase, one line per decision. */
export function narrate(events: readonly TraceEvent[], options: NarrateOptions = {}): string {
  const c = createColors(options.color ?? false);
  const paint = { info: (s: string) => s, ok: c.green, fail: c.red, step: c.bold, muted: c.dim };
  const out: string[] = [];
  let phase: string | undefined;
  for (const l of options.verbose ? narrationLines(events) : conciseNarrationLines(events)) {
    if (l.phase !== phase) {
      phase = l.phase;
      out.push('', c.bold(c.cyan(`== ${phase} ==`)));
    }
    out.push(renderNarrationLine(l, options, paint[l.tone]));
  }
  return `${out.join('\n').replace(/^\n/, '')}\n`;
}

// ---- concise narration (the default of `narrate`; `verbose: true` gives narrationLines) ----

/** The order folded requests are counted in, and how the summary names them. */
const foldedKinds: [string, string][] = [
  ['credentials', 'controller-manager credential'],
  ['controller', 'controller-manager write'],
  ['review', 'access review'],
  ['list', 'list'],
  ['watch', 'watch'],
  ['read', 'read'],
  ['heartbeat', 'heartbeat'],
];

/**
 * The requests the concise narration folds (informer lists and watches, reads, heartbeats,
 * controller-manager credentials and writes, access reviews): their request.received seqs.
 */
export function backgroundRequestSeqs(events: readonly TraceEvent[]): Set<number> {
  const seqs = new Set<number>();
  for (const r of foldRequests(events)) if (conciseNoise(r, requestSender(r, events))) seqs.add(r.seq);
  return seqs;
}

/** Why a request is folded in the concise narration, or undefined when it is told. */
function conciseNoise(r: FoldedRequest, sender: string): string | undefined {
  const status = r.response?.statusCode ?? 0;
  const read = r.method === 'GET' || r.method === 'HEAD';
  if (status >= 400 && !(read && status === 404)) return undefined;
  if (r.csr.some((e) => e.type === 'csr.created')) return undefined;
  if (/\/leases(\/[^/]+)?$|\/nodes\/[^/]+\/status$/.test(r.path)) return 'heartbeat';
  if (sender === 'kube-controller-manager') return /\/serviceaccounts|\/namespaces\/[^/]+$/.test(r.path) ? 'credentials' : read ? noiseKind(r) : /reviews$/.test(r.path) ? 'review' : 'controller';
  if (r.method === 'POST' && /\/(subjectaccessreviews|tokenreviews)$/.test(r.path)) return 'review';
  if (r.csr.some((e) => e.type === 'csr.conditions')) return 'controller';
  if (read) return r.path.includes('/proxy/') && status < 400 ? undefined : noiseKind(r);
  return undefined;
}

/**
 * The default narration: per step, the lines that say who did what to whom and why — the
 * authenticator, user and groups, the authorizer and binding, the approver's recognizer and
 * SubjectAccessReview, the signer and validity, the files written — with setup and background
 * requests (controller-manager credentials, informer lists and watches, reads, heartbeats)
 * counted in one line per phase, repeats counted on their first line, CSR hash names shortened
 * and paths under the run's work directory shown as `<workdir>/…`.
 */
export function conciseNarrationLines(events: readonly TraceEvent[]): NarrationLine[] {
  const phase = phaseOf(events);
  const requests = new Map(foldRequests(events).map((r) => [r.requestId, r]));
  const workdir = workdirOf(events);
  const autoApproved = new Set(events.flatMap((e) => (e.type === 'csr.approved' ? [e.csr] : [])));
  const approvedBy = new Map<string, string>();
  for (const e of events) if (e.type === 'csr.conditions' && e.conditions.some((c) => c.type === 'Approved')) approvedBy.set(e.name, e.user);
  const csrNames = new Set<string>();
  for (const e of events) if (e.type === 'csr.created') csrNames.add('csr' in e ? e.csr : e.name);
  const longNames = [...csrNames].filter((n) => shortCsrName(n) !== n).sort((a, b) => b.length - a.length);
  const tidy = (text: string): string => {
    let t = workdir ? text.split(workdir).join('<workdir>') : text;
    for (const n of longNames) if (t.includes(n)) t = t.split(n).join(shortCsrName(n));
    return t;
  };
  const knownBindings = new Set<string>();
  const knownUsers = new Set<string>();
  /** `allowed by RBAC: ClusterRoleBinding "x" …` in full the first time a binding decides, by name after. */
  const why = (reason: string, authorizer?: string, mark = true): string => {
    const p = parseReason(reason, authorizer);
    if (!p.binding) return `${p.authorizer ?? ''}${p.authorizer && p.text ? ': ' : ''}${p.text}`;
    const first = mark && !knownBindings.has(p.binding);
    if (mark) knownBindings.add(p.binding);
    return `${p.authorizer ? `${p.authorizer}: ` : ''}${first ? p.text.replace(/^allowed by /, '') : p.binding}`;
  };
  const who = (user: string, groups: readonly string[] | undefined, by?: string, mark = true): string => {
    const first = mark && !knownUsers.has(user);
    if (mark) knownUsers.add(user);
    const g = (groups ?? []).filter((x) => x !== 'system:authenticated');
    return `${user}${first && g.length ? ` [${g.join(', ')}]` : ''}${by ? ` (${by})` : ''}`;
  };
  /** request path + status of the requests the runner's steps sent: their Status message is on the step's own line */
  const sentByStep = new Set(events.flatMap((e) => (e.type === 'request.sent' ? [`${e.path}|${e.status}`] : [])));
  const requestText = (r: FoldedRequest, sender: string, mark = true): string => {
    const status = r.response?.statusCode ?? 0;
    const what = r.authz ? r.authz.attributes.replace(/ \(cluster scope\)$/, '') : `${r.method} ${r.path}`;
    if (!r.authn?.authenticated) return `${sender} → ${r.method} ${r.path} → ${status} Unauthorized${r.authn?.failure ? `: ${r.authn.failure}` : ''}`;
    const user = who(requestUser(r), r.impersonation?.groups ?? r.authn.groups, r.authn.authenticator, mark);
    const a = r.authz;
    const authz = !a ? '' : a.decision === 'Allow' ? `; allowed by ${a.reason ? why(a.reason, a.authorizer, mark) : (a.authorizer ?? '?')}` : `; not allowed (${a.decision}${a.authorizer ? ` from ${a.authorizer}` : ''})${a.reason ? `: ${a.reason}` : ''}`;
    const told = sentByStep.has(`${r.path}${r.query ? `?${r.query}` : ''}|${status}`) || sentByStep.has(`${r.path}|${status}`);
    const failure = status >= 400 ? ` ${r.response?.reason ?? ''}${r.response?.message && !told ? `: ${r.response.message}` : ''}` : '';
    return `${sender} → ${what} as ${user}${authz} → ${status}${failure}`;
  };

  const out: NarrationLine[] = [];
  const folded = new Map<string, number>();
  let lastFolded: TraceEvent | undefined;
  const flush = () => {
    if (folded.size === 0 || !lastFolded) return;
    const parts = foldedKinds.filter(([k]) => folded.has(k)).map(([k, label]) => `${folded.get(k)} ${label}`);
    const n = [...folded.values()].reduce((a, b) => a + b, 0);
    out.push({ seq: lastFolded.seq, time: lastFolded.time, phase: phase.get(lastFolded.seq)!, source: 'kube-apiserver', text: `(${n} background request${n === 1 ? '' : 's'} not shown: ${parts.join(', ')}; --verbose shows them)`, tone: 'muted' });
    folded.clear();
  };
  let step = 0;
  const repeats = new Map<string, { line: NarrationLine; n: number; last: string }>();
  /** the index of the last line, when it lists files a component wrote (more files join it) */
  let files: { index: number; source: string } | undefined;
  let credentials: NarrationLine | undefined;
  let serviceAccounts: string[] = [];
  const credentialsText = (names: readonly string[]) => `--use-service-account-credentials: each controller calls the API as its own service account (${names.join(', ')})`;
  /** `same`: the line's text as a repeat of it would read (users and bindings already introduced). */
  const add = (e: TraceEvent, text: string | ((mark: boolean) => string), tone: NarrationLine['tone'] = 'info'): NarrationLine | undefined => {
    const p = phase.get(e.seq)!;
    if (out.length > 0 && out.at(-1)!.phase !== p) flush();
    const source = eventSource(e);
    const key = `${step}|${p}|${source}|${tidy(typeof text === 'string' ? text : text(false))}`;
    if (source !== 'scenario') {
      const seen = repeats.get(key);
      // a failure told again in the same step, or a repeat of one of the last few lines (a retry
      // loop): counted on its first line, not printed again
      if (seen && (tone === 'fail' || out.slice(-3).includes(seen.line))) {
        seen.n++;
        seen.last = e.time;
        return undefined;
      }
    }
    const line: NarrationLine = { seq: e.seq, time: e.time, phase: p, source, text: tidy(typeof text === 'string' ? text : text(true)), tone };
    out.push(line);
    repeats.set(key, { line, n: 1, last: e.time });
    files = undefined;
    return line;
  };
  for (const e of events) {
    const p = phase.get(e.seq);
    if (out.length > 0 && out.at(-1)!.phase !== p) flush();
    switch (e.type) {
      case 'request.received': {
        const r = requests.get(e.requestId)!;
        const sender = requestSender(r, events);
        const kind = conciseNoise(r, sender);
        if (kind) {
          folded.set(kind, (folded.get(kind) ?? 0) + 1);
          lastFolded = e;
        } else add(e, (mark) => requestText(r, sender, mark), (r.response?.statusCode ?? 0) >= 400 ? 'fail' : 'info');
        break;
      }
      case 'controller.credentials':
        if (serviceAccounts.includes(e.serviceAccount)) break; // a token refreshed: background
        if (credentials && credentials.phase === p) {
          serviceAccounts.push(e.serviceAccount);
          credentials.text = credentialsText(serviceAccounts);
        } else {
          serviceAccounts.push(e.serviceAccount);
          credentials = add(e, credentialsText(serviceAccounts), 'muted');
        }
        break;
      case 'kcm.started':
        add(e, `started controllers ${e.controllers.join(', ')}`);
        break;
      case 'csr.created':
        if (e.component === 'kube-apiserver') {
          const sans = sansOf(e.subjectAltNames);
          const pending = e.signerName === 'kubernetes.io/kubelet-serving' ? ' — no approver in kube-controller-manager handles kubelet-serving: it stays Pending until someone approves it' : '';
          add(e, `stored CSR ${e.name} for ${e.signerName}: ${subjectString(e.subject)}${sans.length ? `, SANs ${sans.join(', ')}` : ''}, usages ${e.usages.join(', ')}${pending}`);
        }
        break;
      case 'csr.conditions':
        for (const c of e.conditions) {
          if (c.type === 'Approved' && autoApproved.has(e.name)) continue;
          const r = requests.get(e.requestId);
          const allowed = r?.authz?.decision === 'Allow' ? ` (allowed by ${r.authz.reason ? why(r.authz.reason, r.authz.authorizer) : (r.authz.authorizer ?? '?')})` : '';
          add(e, `CSR ${e.name}: ${c.type}=${c.status} (${c.reason ?? ''}) written by ${e.user}${allowed}${c.message ? `: ${c.message}` : ''}`, c.type === 'Approved' ? 'ok' : 'fail');
        }
        break;
      case 'csr.subjectaccessreview':
        add(
          e,
          `${e.controller}: recognizer ${e.recognizer} matches ${e.csr}; SubjectAccessReview: may ${e.user} create certificatesigningrequests/${e.recognizer}? ${e.allowed ? `yes — ${e.reason ? why(e.reason) : 'allowed'}` : `no${e.reason ? ` — ${e.reason}` : ' — no authorizer allows it'}: not approved, the CSR stays Pending`}`,
          e.allowed ? 'ok' : 'fail',
        );
        break;
      case 'csr.approved':
        add(e, `${e.controller}: ${e.csr} Approved=True (${e.reason}): ${e.message}`, 'ok');
        break;
      case 'csr.signed': {
        const sans = sansOf(e.subjectAltNames);
        add(e, `${e.controller}: signed ${e.csr} — ${subjectString(e.subject)}${sans.length ? ` [${sans.join(', ')}]` : ''}, ${e.usages.join(', ')}; valid ${span(e.notBefore, e.notAfter)}: ${e.notBefore} → ${e.notAfter}, serial ${shortSerial(e.serialNumber)}${approvedBy.has(e.csr) && !autoApproved.has(e.csr) ? `, approved by ${approvedBy.get(e.csr)}` : ''}`, 'ok');
        break;
      }
      case 'kcm.error':
      case 'kubelet.error':
      case 'kube-proxy.error':
        add(e, `error: ${e.message}`, 'fail');
        break;
      case 'file.written': {
        const dir = e.path.slice(0, e.path.lastIndexOf('/') + 1);
        const target = e.target ? ` → ${e.target.startsWith(dir) ? e.target.slice(dir.length) : e.target}` : '';
        const source = eventSource(e);
        const prev = files && files.source === source && out[files.index] && out[files.index]!.phase === p ? out[files.index]! : undefined;
        if (prev) {
          const prevDir = /^wrote .*? (\S+\/)[^/\s]*(?: → \S+)?$/.exec(prev.text.split('; ').at(-1)!)?.[1];
          prev.text += tidy(`; ${prevDir && tidy(dir) === prevDir ? e.path.slice(dir.length) : e.path}${target}`);
        } else if (add(e, `wrote ${e.kind} ${e.path}${target}`)) files = { index: out.length - 1, source };
        break;
      }
      case 'server.request': {
        const user = e.authentication.kind === 'authenticated' ? who(e.authentication.user.name, e.authentication.user.groups, e.authentication.by) : 'unauthenticated';
        const d = e.decision ? `; ${e.decision.decision === 'Allow' ? 'allowed' : 'not allowed'} (SubjectAccessReview)${'reason' in e.decision && e.decision.reason ? `: ${why(e.decision.reason)}` : ''}` : '';
        add(e, `served ${e.method} ${e.path} to ${user}${d} → ${e.status}`, e.status >= 400 ? 'fail' : 'info');
        break;
      }
      case 'step.started':
        step = e.step;
        add(e, `step ${e.step}: ${e.summary}`, 'step');
        break;
      case 'expect.checked': {
        const message = e.ok && e.message.startsWith(e.check) ? e.message.slice(e.check.length).replace(/^[: ]+/, '') : e.message;
        add(e, `${e.ok ? '✔' : '✘'} ${e.check}${message === e.message ? `: ${message}` : message ? ` ${message}` : ''}`, e.ok ? 'ok' : 'fail');
        break;
      }
      case 'scenario.finished':
        flush();
        add(e, `scenario ${e.scenario}: ${e.passed ? 'passed' : `FAILED (${e.failed} expectation${e.failed === 1 ? '' : 's'})`}`, e.passed ? 'ok' : 'fail');
        break;
      default: {
        const plain = plainEventLine(e);
        if (plain) add(e, plain.text, plain.tone);
      }
    }
  }
  flush();
  for (const { line, n, last } of repeats.values()) if (n > 1) line.text += ` (×${n}${last !== line.time ? `, last at ${last.slice(11, 23)}` : ''})`;
  if (workdir && out.length > 0) out.unshift({ ...out[0]!, source: 'scenario', text: `<workdir> is ${workdir}`, tone: 'muted' });
  return out;
}

/** One narration line as text: time, source, the text wrapped to `width` (hanging indent). */
export function renderNarrationLine(l: NarrationLine, options: NarrateOptions, paint: (s: string) => string): string {
  const c = createColors(options.color ?? false);
  const time = options.times === false ? '' : l.time.slice(11, 23);
  const prefix = (time ? time.length + 1 : 0) + 25;
  const head = `${time ? `${c.dim(time)} ` : ''}${c.magenta(l.source.padEnd(24))} `;
  if (!options.width || options.width <= 0) return `${head}${paint(l.text)}`;
  const indent = options.width - prefix >= 40 ? prefix : 4;
  const parts = wrapText(l.text, options.width - prefix, options.width - indent);
  return [`${head}${paint(parts[0] ?? '')}`, ...parts.slice(1).map((s) => `${' '.repeat(indent)}${paint(s)}`)].join('\n');
}
