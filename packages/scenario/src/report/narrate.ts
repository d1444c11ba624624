// Narrated text for people (the default output): grouped by phase, one line per decision saying
// which component did what and why — the authenticator and user, the authorizer's reason
// sentence, the approver's recognizer and SubjectAccessReview, the certificate issued, the files
// written. Reads, list/watch and heartbeats are folded into counts. Wording follows the upstream
// log lines where there is one (pkg/controller/certificates/approver/sarapprove.go,
// signer/signer.go, pkg/kubelet/certificate/bootstrap/bootstrap.go).
import { createColors } from 'picocolors';
import type { TraceEvent } from '../trace/trace-event.js';
import { eventSource } from '../trace/trace-event.js';
import { foldRequests, isMeaningful, noiseKind, phaseOf, requestSender, requestUser, sansOf, shortSerial, span, subjectString } from './model.js';
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
}

function requestLine(r: FoldedRequest, events: readonly TraceEvent[]): string {
  const status = r.response?.statusCode ?? 0;
  const authn = r.authn?.authenticated ? `as ${requestUser(r)} (${r.authn.authenticator ?? '?'})` : `unauthenticated${r.authn?.failure ? `: ${r.authn.failure}` : ''}`;
  const reason = r.authz?.authorizer && r.authz.reason.startsWith(`${r.authz.authorizer}: `) ? r.authz.reason.slice(r.authz.authorizer.length + 2) : r.authz?.reason;
  const authz = r.authz ? `; ${r.authz.decision === 'Allow' ? 'allowed' : 'not allowed'}${r.authz.authorizer ? ` by ${r.authz.authorizer}` : ''}: ${reason || r.authz.attributes}` : '';
  const why = r.response?.message && status >= 400 ? ` — ${r.response.reason ?? ''} ${r.response.message}` : '';
  return `${requestSender(r, events)} → ${r.method} ${r.path} ${authn}${authz} → ${status}${why}`;
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
      case 'csr.failed':
        add(e, `${e.controller}: ${e.csr} Failed (${e.reason}): ${e.message}`, 'fail');
        break;
      case 'csr.cleaned':
        add(e, `${e.controller}: deleted ${e.csr} (${e.rule}): ${e.message}`);
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
      case 'clusterinfo.signed':
        add(e, `${e.controller}: signed ${e.configMap} for token ids ${[...e.added, ...e.updated].join(', ') || '(none)'}${e.removed.length ? `, removed ${e.removed.join(', ')}` : ''}`);
        break;
      case 'bootstraptoken.deleted':
        add(e, `${e.controller}: deleted ${e.secret} (${e.reason})`);
        break;
      case 'kubelet.started':
        add(e, `kubelet started (bootstrap ${e.bootstrap ? 'on' : 'off'}, rotateCertificates ${e.rotateCertificates})`);
        break;
      case 'bootstrap.started':
      case 'bootstrap.skipped':
      case 'transport.rotated':
        add(e, e.message);
        break;
      case 'csr.issued':
        add(e, `got the certificate of ${e.csr}: serial ${shortSerial(e.serialNumber)}, valid until ${e.notAfter}`, 'ok');
        break;
      case 'file.written':
        add(e, `wrote ${e.kind} ${e.path}${e.target ? ` → ${e.target}` : ''}`);
        break;
      case 'rotation.scheduled':
        if (e.notAfter) add(e, `${e.manager}: certificate expiration is ${e.notAfter}, rotation deadline is ${e.deadline}`, 'muted');
        break;
      case 'server.request': {
        const who = e.authentication.kind === 'authenticated' ? `${e.authentication.user.name} (${e.authentication.by})` : 'unauthenticated';
        const d = e.decision ? `; ${e.decision.decision}${'reason' in e.decision && e.decision.reason ? `: ${e.decision.reason}` : ''}` : '';
        add(e, `served ${e.method} ${e.path} to ${who}${d} → ${e.status}`, e.status >= 400 ? 'fail' : 'info');
        break;
      }
      case 'kube-proxy.start':
        add(e, `kube-proxy started (${e.mode}, identity from ${e.identity})`);
        break;
      case 'kube-proxy.informers-synced':
        add(e, 'listed and watches services and endpointslices');
        break;
      case 'kube-proxy.rule':
        add(e, `SIMULATED ${e.op} rules for ${e.servicePortName}: ${e.frontends.join(', ')} → ${e.endpoints.join(', ') || '(no endpoints)'}`);
        break;
      case 'step.started':
        add(e, `step ${e.step}: ${e.summary}`, 'step');
        break;
      case 'step.finished':
        if (!e.ok) add(e, `step ${e.step} failed: ${e.message ?? ''}`, 'fail');
        break;
      case 'expect.checked':
        add(e, `${e.ok ? '✔' : '✘'} ${e.check}: ${e.message}`, e.ok ? 'ok' : 'fail');
        break;
      case 'request.sent':
        add(e, `${e.identity} → ${e.verb} ${e.path} → ${e.status}${e.message ? ` ${e.message}` : ''}`, e.status >= 400 ? 'fail' : 'info');
        break;
      case 'clock.moved':
        add(e, `clock moved ${e.from} → ${e.to} (${e.reason})`, 'muted');
        break;
      case 'fault.injected':
        add(e, `fault injected: ${e.fault}${e.target ? ` on ${e.target}` : ''}`, 'fail');
        break;
      case 'scenario.finished':
        add(e, `scenario ${e.scenario}: ${e.passed ? 'passed' : `FAILED (${e.failed} expectation${e.failed === 1 ? '' : 's'})`}`, e.passed ? 'ok' : 'fail');
        break;
      default:
        break;
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
  for (const l of narrationLines(events)) {
    if (l.phase !== phase) {
      phase = l.phase;
      out.push('', c.bold(c.cyan(`== ${phase} ==`)));
    }
    const time = options.times === false ? '' : `${c.dim(l.time.slice(11, 23))} `;
    out.push(`${time}${c.magenta(l.source.padEnd(24))} ${paint[l.tone](l.text)}`);
  }
  return `${out.join('\n').replace(/^\n/, '')}\n`;
}
