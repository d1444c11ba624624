// Golden traces (kwok's golden files with placeholders, kubernetes-sigs/kwok kustomize/stage/stage_test.go):
// a trace turned into lines that two runs of the same scenario with the same seed on a
// VirtualClock produce identically, and a comparison that shows where they part.
//
// What is NOT stable between two such runs, measured by recording the article flow twice
// (testdata/record.ts) and diffing:
// - the ORDER of events within one virtual instant: the apiserver, the controller-manager, the
//   kubelet and kube-proxy run concurrently over real sockets, so requests arriving "at the same
//   time" interleave differently (and the apiserver's Audit-Ids, a counter, follow that order);
// - random values: the apiserver's `csr-xxxxx` names (generateName), serial numbers, keys, ports,
//   the temporary work directory.
// The counts and contents of events at each virtual instant were the same in most runs — but NOT
// all: the TimeDriver moves the clock when the activity tracker says idle, and work it does not
// count (the signer's CPU work, the kubelet's file writes) can then land one timer later (a CSR
// signed at +0.0 s in one run, +0.1 s in another, with an extra "already has a certificate" sync).
// Components now report that work to the activity tracker and each node component draws from a
// seeded random stream of its own, so runs are repeatable; test/scenarios.test.ts holds the
// library's goldens to that.
// So the golden form is:
// 1. one line per apiserver REQUEST (received, authenticated, impersonated, authorized, responded
//    and the csr.* events it caused, folded by request id), one line per other event;
// 2. unstable values masked; lines sorted within each virtual instant (by their masked text);
// 3. a reflector's re-watches dropped (only its first watch request kept; see withoutRewatches);
// 4. kubelets' routine lease and status syncs that succeeded folded into one count per node and
//    virtual hour (withFoldedHeartbeats);
// 5. placeholders numbered in that order: `<req-1>`, `<csr-1>`, `<serial-1>`, `node-csr-<digest-1>`;
//    `<port>`, `<workdir>`, `<pem>`, a watch's random `timeoutSeconds=<n>` unnumbered; times kept on a virtual clock, `<time>` on a real one.
import type { TraceEvent } from '../trace/trace-event.js';
import { eventSource } from '../trace/trace-event.js';
import { eventJson } from './jsonl.js';

export interface NormaliseOptions {
  /** `real`: times become `<time>` (default: taken from the trace's scenario.started, else virtual). */
  clock?: 'virtual' | 'real';
  /** Work directories to replace with `<workdir>`, besides the default `<tmpdir>/tlsboot-…-XXXXXX`. */
  workdirs?: readonly string[];
}

interface Entry {
  time: string;
  text: string;
}

const uuid = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g;
const tmpWorkdir = /(?:\/private)?(?:\/tmp|\/var\/folders\/[^"\s]+?\/T)\/tlsboot-[a-z0-9-]*?-?[A-Za-z0-9]{6}(?=[/"\s]|$)/g;
const pem = /-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----(\\n|\n)?/g;
const port = /\b(127\.0\.0\.1|localhost|\[::1\]|::1):\d{2,5}\b/g;
const csrName = /(?<![a-z0-9-])csr-[a-z0-9]{5}\b/g; // also inside fieldSelector=metadata.name%3Dcsr-…
/** Also inside a query (`fieldSelector=metadata.name%3Dnode-csr-…`), where `\b` does not hold. */
const nodeCsr = /(?:(?<![A-Za-z0-9_-])|(?<=%3D))node-csr-[A-Za-z0-9_-]{16,}/g;
const serialField = /"serialNumber":"[0-9a-fA-F]+"/g;
const serialText = /\b(SN|serial)=[0-9a-fA-F]{8,}\b/g;
/** Key identifiers in the x509 authenticator's `verifying certificate SN=…, SKID=…, AKID=… failed` (keys are random). */
const keyIdText = /\b(SKID|AKID)=([0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2})+)/g;
/** client-go reflectors pick a random watch timeout (minWatchTimeout × [1, 2)). */
const watchTimeout = /\btimeoutSeconds=\d+/g;
const isoTime = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z\b/g;

/** One event (or folded request) as text without seq, time and the request id. */
function eventText(e: TraceEvent): string {
  const rest: Record<string, unknown> = { ...e };
  for (const k of ['seq', 'time', 'component', 'type', 'requestId', 'node']) delete rest[k];
  const json = eventJson(rest as unknown as TraceEvent);
  return `${eventSource(e)} ${e.type}${json === '{}' ? '' : ` ${json}`}`;
}

/** apiserver events folded into one entry per request; every other event its own entry. */
function entries(events: readonly TraceEvent[]): Entry[] {
  const out: Entry[] = [];
  const byRequest = new Map<string, Entry>();
  for (const e of events) {
    if (e.component === 'kube-apiserver') {
      const entry = byRequest.get(e.requestId);
      if (entry) {
        entry.text += ` | ${eventText(e).replace(/^kube-apiserver /, '')}`;
        continue;
      }
      const created: Entry = { time: e.time, text: eventText(e) };
      byRequest.set(e.requestId, created);
      out.push(created);
      continue;
    }
    out.push({ time: e.time, text: eventText(e) });
  }
  return out;
}

type Masker = (text: string, numbered: boolean) => string;

const watchRequest = /^kube-apiserver request\.received \{[^}]*"query":"[^"]*\bwatch=true\b/;
const watchResourceVersion = /\bresourceVersion=\d+/;

/**
 * Drops a reflector's RE-watches: a watch request whose text (resourceVersion aside) an earlier
 * watch request already had. client-go reflectors end each watch after a random 5–10 min
 * (`timeoutSeconds=<n>`), drawn from the run's random source in the order the reflectors happen
 * to start — so when, and how often, a long scenario re-watches differs between runs. The first
 * watch of each reflector stays.
 */
function withoutRewatches(list: readonly Entry[], mask: Masker): Entry[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    if (!watchRequest.test(e.text)) return true;
    const key = mask(e.text, false).replace(watchResourceVersion, 'resourceVersion=<rv>');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function maskers(workdirs: readonly string[], realTime: boolean): Masker {
  const counters = new Map<string, Map<string, number>>();
  const number = (kind: string, value: string): number => {
    let seen = counters.get(kind);
    if (!seen) counters.set(kind, (seen = new Map()));
    let n = seen.get(value);
    if (n === undefined) seen.set(value, (n = seen.size + 1));
    return n;
  };
  const ph = (kind: string, value: string, numbered: boolean) => (numbered ? `<${kind}-${number(kind, value)}>` : `<${kind}>`);
  return (text, numbered) => {
    let t = text;
    for (const w of workdirs) t = t.split(w).join('<workdir>');
    t = t.replace(tmpWorkdir, '<workdir>');
    t = t.replace(pem, '<pem>');
    t = t.replace(port, '$1:<port>');
    t = t.replace(watchTimeout, 'timeoutSeconds=<n>');
    t = t.replace(uuid, (v) => ph('req', v, numbered));
    t = t.replace(nodeCsr, (v) => `node-csr-${ph('digest', v, numbered)}`);
    t = t.replace(csrName, (v) => ph('csr', v, numbered));
    t = t.replace(serialField, (v) => `"serialNumber":"${ph('serial', v.slice(16, -1).toLowerCase(), numbered)}"`);
    t = t.replace(serialText, (v, k: string) => `${k}=${ph('serial', v.slice(k.length + 1).toLowerCase(), numbered)}`);
    t = t.replace(keyIdText, (_v, k: string, id: string) => `${k}=${ph('keyid', id.toUpperCase(), numbered)}`);
    if (realTime) t = t.replace(isoTime, '<time>');
    return t;
  };
}

/** A kubelet's routine sync answered 200: its lease (GET/PUT), its Node (GET) or its status (PUT). */
const routineSync =
  /^kube-apiserver request\.received \{"method":"(?:GET|PUT)","path":"\/(?:apis\/coordination\.k8s\.io\/v1\/namespaces\/kube-node-lease\/leases\/([^"/]+)|api\/v1\/nodes\/([^"/]+)(?:\/status)?)"[^|]*\|.*"statusCode":200\b[^|]*$/;

/**
 * Folds kubelets' routine syncs (lease renewal, node status, every 10 s) into one line per node
 * and virtual hour, at the first of them: `heartbeats of <node> in <hour>: <n> requests answered
 * 200`. Hours of them would drown what a golden trace is for; a count still shows when they stop
 * or fail (a failed one is not routine and stays a line of its own).
 */
function withFoldedHeartbeats(list: readonly Entry[]): Entry[] {
  const folded = new Map<string, { entry: Entry; node: string; hour: string; count: number }>();
  const out: Entry[] = [];
  for (const e of list) {
    const m = routineSync.exec(e.text);
    if (!m) {
      out.push(e);
      continue;
    }
    const node = m[1] ?? m[2] ?? '';
    const hour = `${e.time.slice(0, 13)}h`;
    const key = `${node} ${hour}`;
    const seen = folded.get(key);
    if (seen) {
      seen.count++;
      continue;
    }
    const entry: Entry = { time: e.time, text: '' };
    folded.set(key, { entry, node, hour, count: 1 });
    out.push(entry);
  }
  for (const f of folded.values()) f.entry.text = `heartbeats of ${f.node} in ${f.hour}: ${f.count} requests answered 200`;
  return out;
}

/** The golden lines of a trace (see the file header for what is masked and why lines are sorted). */
export function normalise(events: readonly TraceEvent[], options: NormaliseOptions = {}): string[] {
  const started = events.find((e) => e.type === 'scenario.started');
  const realTime = (options.clock ?? (started && 'clock' in started ? started.clock : 'virtual')) === 'real';
  const mask = maskers(options.workdirs ?? [], realTime);
  const groups = new Map<string, Entry[]>();
  for (const entry of withFoldedHeartbeats(withoutRewatches(entries(events), mask))) {
    const g = groups.get(entry.time);
    if (g) g.push(entry);
    else groups.set(entry.time, [entry]);
  }
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const lines: string[] = [];
  for (const [time, group] of groups) {
    // Placeholders are numbered in the order of the unnumbered sort; then the group is sorted
    // again by the numbered text, so that lines equal but for WHICH csr/serial they name (two
    // CSRs' "already has a certificate" syncs at one instant) come out in one order.
    const numbered = group
      .map((e) => ({ e, key: mask(e.text, false) }))
      .sort((a, b) => byText(a.key, b.key))
      .map(({ e }) => mask(e.text, true))
      .sort(byText);
    for (const text of numbered) lines.push(`${realTime ? '<time>' : time} ${text}`);
  }
  return lines;
}

export interface GoldenComparison {
  ok: boolean;
  /** A unified diff (`--- golden`, `+++ actual`) of the first differences; '' when equal. */
  diff: string;
}

/** Compares actual golden lines with the stored ones; the diff shows at most `maxHunks` hunks. */
export function compareGolden(actual: readonly string[], golden: readonly string[], options: { context?: number; maxHunks?: number } = {}): GoldenComparison {
  if (actual.length === golden.length && actual.every((l, i) => l === golden[i])) return { ok: true, diff: '' };
  return { ok: false, diff: unifiedDiff(golden, actual, options.context ?? 3, options.maxHunks ?? 5) };
}

type Op = { kind: ' ' | '-' | '+'; line: string; a: number; b: number };

/** Line diff by longest common subsequence (traces are a few thousand lines at most). */
function diffOps(a: readonly string[], b: readonly string[]): Op[] {
  // Trim the common head and tail first: goldens usually differ in a few places.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) (endA--, endB--);
  const n = endA - start;
  const m = endB - start;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[start + i] === b[start + j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const ops: Op[] = [];
  for (let k = 0; k < start; k++) ops.push({ kind: ' ', line: a[k]!, a: k, b: k });
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[start + i] === b[start + j]) ops.push({ kind: ' ', line: a[start + i]!, a: start + i++, b: start + j++ });
    else if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) ops.push({ kind: '+', line: b[start + j]!, a: start + i, b: start + j++ });
    else ops.push({ kind: '-', line: a[start + i]!, a: start + i++, b: start + j });
  }
  for (let k = 0; k < a.length - endA; k++) ops.push({ kind: ' ', line: a[endA + k]!, a: endA + k, b: endB + k });
  return ops;
}

function unifiedDiff(golden: readonly string[], actual: readonly string[], context: number, maxHunks: number): string {
  const ops = diffOps(golden, actual);
  const changed = ops.map((o, i) => (o.kind === ' ' ? -1 : i)).filter((i) => i >= 0);
  const hunks: [number, number][] = [];
  for (const i of changed) {
    const last = hunks.at(-1);
    if (last && i - last[1] <= 2 * context) last[1] = i;
    else hunks.push([i, i]);
  }
  const out = ['--- golden', '+++ actual'];
  for (const [from, to] of hunks.slice(0, maxHunks)) {
    const lo = Math.max(0, from - context);
    const hi = Math.min(ops.length - 1, to + context);
    const slice = ops.slice(lo, hi + 1);
    const aLen = slice.filter((o) => o.kind !== '+').length;
    const bLen = slice.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${slice[0]!.a + 1},${aLen} +${slice[0]!.b + 1},${bLen} @@`);
    for (const o of slice) out.push(`${o.kind}${o.line}`);
  }
  if (hunks.length > maxHunks) out.push(`… ${hunks.length - maxHunks} more differences`);
  return `${out.join('\n')}\n`;
}
