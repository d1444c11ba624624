import type { ScenarioProblem } from './errors.js';
import { fieldPath, type DocumentPositions, type PathSegment } from './positions.js';
import { scenarioRegex } from './regex.js';
import { didYouMean } from './suggest.js';

/**
 * The checks a JSON Schema cannot make, run over the loaded (not yet normalised) data and so
 * written defensively — a file with schema errors still gets these too:
 * - `${tokens.NAME}` names a `createToken` step's `as` BEFORE the step that uses it (anywhere
 *   for `spec.nodes`, whose bootstrap kubeconfigs are written when the kubelet starts);
 * - component refs (`kubelet/<node>`, `kube-proxy/<node>`) and `{node: <name>}` identities name a
 *   node of spec.nodes that has that component; node names are unique;
 * - `/regex/` strings compile.
 */
export function referenceProblems(data: unknown, positions: DocumentPositions, file: string): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const report = (segments: readonly PathSegment[], message: string): void => {
    const { line, column } = positions.value(segments);
    problems.push({ file, line, column, path: fieldPath(segments), message });
  };
  const spec = asMap(asMap(data)?.['spec']);
  if (!spec) return problems;
  const nodes = nodeTable(spec, report);
  const steps = asList(spec['steps']) ?? [];

  const tokens = new Map<string, number>();
  steps.forEach((step, i) => {
    const as = asMap(asMap(step)?.['createToken'])?.['as'];
    if (typeof as === 'string' && !tokens.has(as)) tokens.set(as, i);
  });
  checkTokenRefs(spec['nodes'], ['spec', 'nodes'], tokens, Infinity, report);
  steps.forEach((step, i) => checkTokenRefs(step, ['spec', 'steps', i], tokens, i, report));

  const components = new ComponentCheck(nodes, report);
  steps.forEach((raw, i) => {
    const step = asMap(raw);
    if (!step) return;
    const at: PathSegment[] = ['spec', 'steps', i];
    for (const verb of ['start', 'stop', 'restart']) components.ref(step[verb], [...at, verb]);
    components.ref(asMap(step['fault'])?.['dropConnections'], [...at, 'fault', 'dropConnections']);
    for (const verb of ['approve', 'deny']) {
      const decision = asMap(step[verb]);
      components.identity(decision?.['by'], [...at, verb, 'by']);
      components.csrSelector(decision?.['csr'], [...at, verb, 'csr']);
      checkRegexes(decision?.['csr'], [...at, verb, 'csr'], report);
    }
    const request = asMap(step['request']);
    components.identity(request?.['as'], [...at, 'request', 'as']);
    components.ref(request?.['to'], [...at, 'request', 'to']);
    checkRegexes(pick(request?.['expect'], ['message', 'body']), [...at, 'request', 'expect'], report);
    checkExpectation(step['waitFor'], [...at, 'waitFor'], components, report);
    (asList(step['expect']) ?? []).forEach((e, j) => checkExpectation(e, [...at, 'expect', j], components, report));
  });
  return problems;
}

type Report = (segments: readonly PathSegment[], message: string) => void;

interface NodeComponents {
  kubelet: boolean;
  kubeProxy: boolean;
}

function nodeTable(spec: Record<string, unknown>, report: Report): Map<string, NodeComponents> {
  const nodes = new Map<string, NodeComponents>();
  (asList(spec['nodes']) ?? []).forEach((raw, i) => {
    const node = asMap(raw);
    const name = node?.['name'];
    if (!node || typeof name !== 'string') return;
    if (nodes.has(name)) report(['spec', 'nodes', i, 'name'], `node "${name}" is already defined`);
    else nodes.set(name, { kubelet: asMap(node['kubelet']) !== undefined, kubeProxy: asMap(node['kubeProxy']) !== undefined });
  });
  return nodes;
}

class ComponentCheck {
  constructor(
    private readonly nodes: Map<string, NodeComponents>,
    private readonly report: Report,
  ) {}

  /** `kubelet/<node>` or `kube-proxy/<node>` (kube-apiserver and kube-controller-manager always exist). */
  ref(value: unknown, at: readonly PathSegment[]): void {
    if (typeof value !== 'string') return;
    const m = /^(kubelet|kube-proxy)\/(.+)$/.exec(value);
    if (m) this.node(m[2]!, m[1] === 'kubelet' ? 'kubelet' : 'kubeProxy', at);
  }

  /** `{node: <name>}`: the kubelet's credentials. */
  identity(value: unknown, at: readonly PathSegment[]): void {
    const name = asMap(value)?.['node'];
    if (typeof name === 'string') this.node(name, 'kubelet', [...at, 'node']);
  }

  /**
   * A CSR selector's `node`: a literal name must be a node with a kubelet — the CSRs of any other
   * name could never exist, so the selector would match nothing (a `/regex/` is left to the run).
   */
  csrSelector(value: unknown, at: readonly PathSegment[]): void {
    const name = asMap(value)?.['node'];
    if (typeof name === 'string' && scenarioRegex(name) === undefined) this.node(name, 'kubelet', [...at, 'node']);
  }

  private node(name: string, component: keyof NodeComponents, at: readonly PathSegment[]): void {
    const node = this.nodes.get(name);
    if (!node) this.report(at, `no node "${name}" in spec.nodes${didYouMean(name, [...this.nodes.keys()])}`);
    else if (!node[component]) this.report(at, `node "${name}" has no ${component} in spec.nodes`);
  }
}

function checkExpectation(raw: unknown, at: readonly PathSegment[], components: ComponentCheck, report: Report): void {
  const e = asMap(raw);
  if (!e) return;
  checkRegexes(pick(e['csr'], ['name', 'signerName', 'username', 'node']), [...at, 'csr'], report);
  components.csrSelector(e['csr'], [...at, 'csr']);
  const from = asMap(asMap(e['certificate'])?.['from']);
  components.ref(from?.['served'], [...at, 'certificate', 'from', 'served']);
  components.csrSelector(from?.['csr'], [...at, 'certificate', 'from', 'csr']);
  checkRegexes(pick(from?.['csr'], ['name', 'signerName', 'username', 'node']), [...at, 'certificate', 'from', 'csr'], report);
  checkRegexes(pick(e['file'], ['symlink', 'contains']), [...at, 'file'], report);
  const certificate = asMap(e['certificate']);
  checkRegexes(pick(certificate?.['subject'], ['commonName']), [...at, 'certificate', 'subject'], report);
  checkRegexes(pick(certificate?.['issuer'], ['commonName']), [...at, 'certificate', 'issuer'], report);
  checkRegexes(asMap(e['object'])?.['matches'], [...at, 'object', 'matches'], report);
  checkRegexes(asMap(e['trace'])?.['events'], [...at, 'trace', 'events'], report);
}

/**
 * Every `${…}` of `text`, as the regex /\$\{([^}]*)\}/g finds them, in linear time: that regex
 * retries from every `${` up to the end when no `}` follows, quadratic on a long string of `${`
 * (a 1 MB "${tokens.${tokens.…" took 97 s — found by fuzzing, issue 9).
 */
function references(text: string): [whole: string, inner: string][] {
  const found: [string, string][] = [];
  for (let at = text.indexOf('${'); at >= 0; at = text.indexOf('${', at)) {
    const close = text.indexOf('}', at + 2);
    if (close < 0) break; // no later `${` has a `}` after it either
    found.push([text.slice(at, close + 1), text.slice(at + 2, close)]);
    at = close + 1;
  }
  return found;
}
const tokenReference = /^tokens\.([A-Za-z0-9_-]+)$/;

/** Every `${…}` in the strings under `value`; tokens must be created by a step before `before`. */
function checkTokenRefs(value: unknown, at: PathSegment[], tokens: Map<string, number>, before: number, report: Report): void {
  eachString(value, at, (text, where) => {
    for (const [whole, inner] of references(text)) {
      const m = tokenReference.exec(inner);
      if (!m) {
        report(where, `unknown reference "${whole}" (references are \${tokens.NAME})`);
        continue;
      }
      const name = m[1]!;
      const made = tokens.get(name);
      if (made === undefined) {
        report(where, `unknown token "${name}": no createToken step has as: ${name}${didYouMean(name, [...tokens.keys()])}`);
      } else if (made >= before) {
        report(where, `token "${name}" is used before it is created (by spec.steps[${made}])`);
      }
    }
  });
}

/** Every `/…/` string under `value` must compile. */
function checkRegexes(value: unknown, at: readonly PathSegment[], report: Report): void {
  eachString(value, [...at], (text, where) => {
    try {
      scenarioRegex(text);
    } catch (err) {
      report(where, `"${text}" is not a valid regular expression: ${(err as Error).message}`);
    }
  });
}

function eachString(value: unknown, at: PathSegment[], visit: (text: string, at: PathSegment[]) => void): void {
  if (typeof value === 'string') visit(value, at);
  else if (Array.isArray(value)) value.forEach((v, i) => eachString(v, [...at, i], visit));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) eachString(v, [...at, k], visit);
  }
}

/** The given keys of a map (to check only the text-matching fields of a selector). */
function pick(value: unknown, keys: readonly string[]): Record<string, unknown> | undefined {
  const m = asMap(value);
  return m ? Object.fromEntries(keys.filter((k) => k in m).map((k) => [k, m[k]])) : undefined;
}

function asMap(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function asList(v: unknown): unknown[] | undefined {
  return Array.isArray(v) ? v : undefined;
}
