// One self-contained HTML report (no network: inline CSS, no scripts fetched): summary, steps and
// expectations, certificates issued, decisions (authentication, authorization, approval), the
// narrated timeline, and the Mermaid text of the sequence diagram in <pre class="mermaid"> (a
// page that loads mermaid.js renders it; this one stays readable text without it).
import type { TraceEvent } from '../trace/trace-event.js';
import { foldRequests, isMeaningful, issuedCertificates, requestSender, requestUser, runOutcome, shortSerial, span } from './model.js';
import { narrationLines } from './narrate.js';
import { renderMermaid } from './mermaid.js';

export function htmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const css = `body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}
td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}.ok{color:#176f2c}.fail{color:#b00020}
.muted{color:#888}.step{font-weight:bold}pre{background:#f6f6f6;padding:1em;overflow:auto}h2{margin-top:1.5em}`;

function table(head: string[], rows: string[][]): string {
  const th = head.map((h) => `<th>${htmlEscape(h)}</th>`).join('');
  const trs = rows.map((r) => `<tr>${r.map((c) => `<td>${htmlEscape(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${trs}\n</tbody></table>`;
}

export function renderHtml(events: readonly TraceEvent[], options: { title?: string } = {}): string {
  const outcome = runOutcome(events);
  const verdict = outcome.passed === undefined ? 'no result' : outcome.passed ? 'passed' : `failed (${outcome.failed})`;
  const steps = events.flatMap((e) =>
    e.type === 'step.started' ? [[`${e.step}`, e.action, e.summary, '']] : e.type === 'expect.checked' ? [[`${e.step}`, 'expect', `${e.check}: ${e.message}`, e.ok ? 'ok' : 'FAILED']] : [],
  );
  const certs = issuedCertificates(events).map((c) => [c.csr, c.signerName, c.subject, c.subjectAltNames.join(', '), c.usages.join(', '), `${c.notBefore} (${span(c.notBefore, c.notAfter)})`, shortSerial(c.serialNumber)]);
  const decisions: string[][] = [];
  for (const r of foldRequests(events)) {
    if (!isMeaningful(r)) continue;
    decisions.push([r.time, requestSender(r, events), `${r.method} ${r.path}`, `${requestUser(r)} (${r.authn?.authenticator ?? 'none'})`, r.authz ? `${r.authz.decision} ${r.authz.authorizer ?? ''}: ${r.authz.reason}` : '', `${r.response?.statusCode ?? ''}`]);
  }
  for (const e of events) {
    if (e.type === 'csr.subjectaccessreview') decisions.push([e.time, 'kube-controller-manager', `approve ${e.csr} (${e.recognizer})`, e.user, `SubjectAccessReview ${e.allowed ? 'allowed' : 'denied'}: ${e.reason ?? ''}`, '']);
    if (e.type === 'csr.approved') decisions.push([e.time, 'kube-controller-manager', `approve ${e.csr}`, '', `${e.reason}: ${e.message}`, '']);
  }
  decisions.sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
  const timeline = narrationLines(events)
    .map((l) => `<tr class="${l.tone}"><td>${htmlEscape(l.time)}</td><td>${htmlEscape(l.phase)}</td><td>${htmlEscape(l.source)}</td><td>${htmlEscape(l.text)}</td></tr>`)
    .join('\n');
  const title = options.title ?? `tlsboot: ${outcome.scenario}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${htmlEscape(title)}</title><style>${css}</style></head>
<body>
<h1>${htmlEscape(title)}</h1>
<p class="${outcome.passed === false ? 'fail' : 'ok'}">Scenario <b>${htmlEscape(outcome.scenario)}</b>: ${htmlEscape(verdict)} · ${events.length} trace events</p>
<h2>Steps and expectations</h2>
${table(['step', 'action', 'what', 'outcome'], steps)}
<h2>Certificates issued</h2>
${table(['CSR', 'signer', 'subject', 'SANs', 'usages', 'valid from', 'serial'], certs)}
<h2>Decisions</h2>
${table(['time', 'who', 'what', 'identity', 'decision', 'status'], decisions)}
<h2>Timeline</h2>
<table><thead><tr><th>time</th><th>phase</th><th>component</th><th>what happened</th></tr></thead><tbody>
${timeline}
</tbody></table>
<h2>Sequence diagram</h2>
<p class="muted">Mermaid text: paste it into a Mermaid viewer, or open this file where mermaid.js is available, to draw it.</p>
<pre class="mermaid">
${htmlEscape(renderMermaid(events))}</pre>
</body></html>
`;
}
