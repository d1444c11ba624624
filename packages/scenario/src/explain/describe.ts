// Scenarios in words: `tlsboot explain` and `tlsboot list` (what a scenario will do, before it
// runs), and the one-line descriptions of expectations the narration and reports reuse.
import { dirname, relative } from 'node:path';
import { formatDuration } from '@tlsboot/util';
import type { Expectation, Identity, NodeSpec, ObjectSource, Scenario } from '../format/types.js';
import { selectorWords } from '../runner/csr-selector.js';
import { identityLabel } from '../runner/identity.js';
import { stepSummary } from '../runner/steps/index.js';

export function describeExpectation(e: Expectation): string {
  if ('object' in e) {
    const o = e.object;
    const name = `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
    if (o.absent) return `${name} does not exist`;
    return `${name} exists${o.matches ? ` and matches ${JSON.stringify(o.matches)}` : ''}`;
  }
  if ('csr' in e) {
    const c = e.csr;
    const what = `CSR ${selectorWords(c) || '(any)'}`;
    const count = c.count !== undefined ? `${c.count} × ` : '';
    return `${count}${what}${c.state ? ` is ${c.state}` : ' exists'}${c.reason ? ` (${c.reason})` : ''}`;
  }
  if ('certificate' in e) {
    const c = e.certificate;
    const from = 'file' in c.from ? c.from.file : 'csr' in c.from ? `CSR ${selectorWords(c.from.csr) || '(any)'}` : `what ${c.from.served} serves`;
    const checks = [
      c.subject?.commonName ? `CN=${c.subject.commonName}` : '',
      c.subject?.organizations ? `O=${c.subject.organizations.join(',')}` : '',
      c.issuer?.commonName ? `issuer CN=${c.issuer.commonName}` : '',
      c.dnsNames ? `DNS ${c.dnsNames.join(',')}` : '',
      c.ipAddresses ? `IP ${c.ipAddresses.join(',')}` : '',
      c.usages ? `usages ${c.usages.join(', ')}` : '',
      c.validityMs !== undefined ? `valid ${formatDuration(c.validityMs)}` : '',
    ].filter(Boolean);
    return `the certificate of ${from}${checks.length ? `: ${checks.join('; ')}` : ''}`;
  }
  if ('file' in e) {
    const f = e.file;
    if (f.absent) return `${f.path} does not exist`;
    const checks = [f.mode ? `mode ${f.mode}` : '', f.symlink ? `a symlink to ${f.symlink}` : '', f.contains ? `contains ${f.contains}` : ''].filter(Boolean);
    return `${f.path} exists${checks.length ? ` (${checks.join(', ')})` : ''}`;
  }
  if ('trace' in e) {
    const t = e.trace;
    const list = t.events.map((x) => [x['component'], x['type']].filter(Boolean).join(' ')).join(t.ordered === false ? ', ' : ' → ');
    return t.absent ? `the trace has none of: ${list}` : `the trace shows ${list}`;
  }
  return e.node.registered === false ? `node ${e.node.name} is not registered` : `node ${e.node.name} is registered`;
}

function sourceText(s: ObjectSource, scenarioFile: string): string {
  if ('file' in s) return relative(dirname(scenarioFile), s.file) || s.file;
  if ('yaml' in s) return 'inline YAML';
  const m = s.manifest as { kind?: string; metadata?: { name?: string; namespace?: string } };
  return `${m.kind ?? 'object'} ${m.metadata?.namespace ? `${m.metadata.namespace}/` : ''}${m.metadata?.name ?? ''}`.trim();
}

function nodeText(n: NodeSpec): string {
  const parts: string[] = [];
  if (n.kubelet) {
    const config = Object.entries(n.kubelet.config).filter(([, v]) => v === true).map(([k]) => k);
    parts.push(
      `kubelet (${n.kubelet.start ? 'starts with the cluster' : 'started by a step'}${n.kubelet.bootstrapToken ? `, bootstrap token ${n.kubelet.bootstrapToken}` : ''}${[...n.kubelet.flags, ...config].length ? `, ${[...n.kubelet.flags, ...config].join(' ')}` : ''})`,
    );
  }
  if (n.kubeProxy) parts.push(`kube-proxy (${n.kubeProxy.identity === 'certificate' ? 'cfssl-made certificate CN=system:kube-proxy' : 'service-account token'})`);
  return `${n.name}: ${parts.join(' + ') || 'nothing'}`;
}

/** `by:` and `as:` identities in step lines. */
export function identityText(i: Identity | undefined): string {
  return i ? identityLabel(i) : 'kubernetes-admin';
}

/** What `tlsboot explain` prints: the scenario in words, step by step. */
export function explainScenario(s: Scenario): string[] {
  const spec = s.spec;
  const lines = [`${s.metadata.name} — ${spec.description.trim()}`];
  if (spec.outcome) lines.push('', `What Kubernetes does: ${spec.outcome.trim()}`);
  if (spec.references?.length) lines.push('', `References: ${spec.references.map((r) => `${r.id}${r.title ? ` (${r.title})` : ''}`).join('; ')}`);
  lines.push(
    '',
    `Clock: ${spec.clock.mode}${spec.clock.mode === 'virtual' ? ` from ${spec.clock.start ?? '2024-01-01T00:00:00Z'}` : ''}, seed ${spec.seed}`,
    `Cluster: RBAC defaults "${spec.cluster.policy}"; kube-apiserver ${spec.cluster.apiserver.flags.join(' ') || '(kubeadm defaults)'}; kube-controller-manager ${spec.cluster.controllerManager.flags.join(' ') || '(kubeadm defaults)'}${spec.cluster.controllerManager.start ? '' : ' (not started until a step starts it)'}`,
  );
  if (spec.objects.length) lines.push(`Objects created first: ${spec.objects.map((o) => sourceText(o, s.file)).join('; ')}`);
  if (spec.nodes.length) lines.push('Nodes:', ...spec.nodes.map((n) => `  ${nodeText(n)}`));
  lines.push('Steps:');
  spec.steps.forEach((step, i) => {
    const n = `${i + 1}.`.padEnd(4);
    lines.push(`  ${n}${step.name ? `${step.name}: ` : ''}${stepSummary(step)}${'approve' in step || 'deny' in step ? ` as ${identityText(('approve' in step ? step.approve : step.deny).by)}` : ''}${'request' in step ? ` as ${identityText(step.request.as)}` : ''}`);
    if ('expect' in step) for (const e of step.expect) lines.push(`        - ${describeExpectation(e)}`);
    if ('waitFor' in step) lines.push(`        until ${describeExpectation(step.waitFor.expect)}`);
    if ('request' in step && step.request.expect) {
      const x = step.request.expect;
      lines.push(`        expecting ${[x.status !== undefined ? `HTTP ${x.status}` : '', x.reason ?? '', x.message ? `"${x.message}"` : ''].filter(Boolean).join(' ')}`);
    }
  });
  return lines;
}
