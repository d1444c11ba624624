// A Mermaid sequenceDiagram of a trace: the components as participants, meaningful requests as
// arrows (`verb path → status`), decisions as notes (authentication, authorization reason,
// approval, signing), reads/list/watch/heartbeats folded into one note per run of them.
import type { TraceEvent } from '../trace/trace-event.js';
import { eventSource } from '../trace/trace-event.js';
import { foldRequests, isMeaningful, noiseKind, requestSender, requestUser, shortSerial, span, subjectString } from './model.js';

/** Mermaid text: `#` and `;` and quotes and angle brackets as entity codes, one line. */
export function mermaidText(s: string): string {
  const codes: Record<string, string> = { '#': '#35;', ';': '#59;', '"': '#quot;', '<': '#lt;', '>': '#gt;' };
  return s.replace(/[\r\n]+/g, ' ').replace(/[#;"<>]/g, (c) => codes[c]!);
}

const id = (participant: string) => participant.replace(/[^A-Za-z0-9]/g, '_');
const order = (p: string) => (p === 'admin' ? 0 : p.startsWith('kubelet') ? 1 : p === 'kube-apiserver' ? 2 : p === 'kube-controller-manager' ? 3 : 4);

export interface MermaidOptions {
  /** Longest note text before it is cut with `…`; default 160. */
  maxNote?: number;
}

export function renderMermaid(events: readonly TraceEvent[], options: MermaidOptions = {}): string {
  const max = options.maxNote ?? 160;
  const cut = (s: string) => mermaidText(s.length > max ? `${s.slice(0, max - 1)}…` : s);
  const requests = new Map(foldRequests(events).map((r) => [r.requestId, r]));
  const body: string[] = [];
  const participants = new Set<string>(['kube-apiserver']);
  const folded = new Map<string, number>();
  const flush = () => {
    if (folded.size === 0) return;
    body.push(`  Note over kube_apiserver: ${mermaidText([...folded].map(([k, n]) => `${n} ${k}`).join(', '))} folded`);
    folded.clear();
  };
  const note = (p: string, text: string) => {
    participants.add(p);
    flush();
    body.push(`  Note over ${id(p)}: ${cut(text)}`);
  };
  for (const e of events) {
    switch (e.type) {
      case 'request.received': {
        const r = requests.get(e.requestId)!;
        const from = requestSender(r, events);
        participants.add(from);
        if (!isMeaningful(r)) {
          folded.set(noiseKind(r), (folded.get(noiseKind(r)) ?? 0) + 1);
          break;
        }
        flush();
        const status = r.response?.statusCode ?? 0;
        const resource = r.authz?.attributes ?? `${r.method} ${r.path}`;
        body.push(`  ${id(from)}->>kube_apiserver: ${cut(`${r.method} ${r.path}`)}`);
        const who = r.authn?.authenticated ? `${requestUser(r)} by ${r.authn.authenticator ?? '?'}` : 'unauthenticated';
        body.push(`  Note over kube_apiserver: ${cut(`${who} · ${r.authz ? `${r.authz.decision}: ${r.authz.reason || resource}` : ''}`)}`);
        body.push(`  kube_apiserver-->>${id(from)}: ${cut(`${status}${r.response?.reason ? ` ${r.response.reason}` : ''}`)}`);
        break;
      }
      case 'csr.recognized':
        note(eventSource(e), `${e.csr}: recognizer ${e.recognizer}`);
        break;
      case 'csr.subjectaccessreview':
        note(eventSource(e), `SubjectAccessReview as ${e.user}: ${e.allowed ? 'allowed' : 'denied'} ${e.reason ?? ''}`);
        break;
      case 'csr.approved':
        note(eventSource(e), `${e.csr} ${e.reason}`);
        break;
      case 'csr.signed':
        note(eventSource(e), `signed ${e.csr}: ${subjectString(e.subject)}, ${e.usages.join(', ')}, ${span(e.notBefore, e.notAfter)}, serial ${shortSerial(e.serialNumber)}`);
        break;
      case 'csr.failed':
        note(eventSource(e), `${e.csr} Failed: ${e.reason}`);
        break;
      case 'csr.issued':
        note(eventSource(e), `got certificate of ${e.csr}`);
        break;
      case 'server.request': {
        participants.add(eventSource(e));
        flush();
        const user = e.authentication.kind === 'authenticated' ? e.authentication.user.name : 'unauthenticated';
        body.push(`  kube_apiserver->>${id(eventSource(e))}: ${cut(`${e.method} ${e.path} as ${user}`)}`);
        body.push(`  ${id(eventSource(e))}-->>kube_apiserver: ${cut(`${e.status}${e.decision ? ` ${e.decision.decision}` : ''}`)}`);
        break;
      }
      case 'kube-proxy.start':
        note(eventSource(e), `kube-proxy started (${e.mode})`);
        break;
      case 'step.started':
        flush();
        body.push(`  Note over kube_apiserver: ${cut(`step ${e.step}: ${e.summary}`)}`);
        break;
      default:
        break;
    }
  }
  flush();
  const head = [...participants].sort((a, b) => order(a) - order(b) || (a < b ? -1 : 1)).map((p) => `  participant ${id(p)} as ${mermaidText(p)}`);
  return ['sequenceDiagram', ...head, ...body].join('\n') + '\n';
}
