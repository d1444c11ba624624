import { parseScenarioDuration } from './durations.js';
import { ScenarioError } from './errors.js';
import { resolveObjectFile } from './object-files.js';
import { fieldPath, type DocumentPositions, type PathSegment } from './positions.js';
import type {
  CertificateExpectation,
  ClusterSpec,
  Expectation,
  ExpectationBody,
  KubeletSpec,
  KubeProxySpec,
  NodeSpec,
  ObjectSource,
  Scenario,
  ScenarioMetadata,
  SourceLocation,
  Step,
  StepBody,
} from './types.js';

/**
 * From the YAML surface, already valid against the schema and the reference checks, to the
 * types the runner consumes (types.ts): durations in ms (`ttl` → `ttlMs`…), defaults filled in,
 * `file:` sources made absolute, a `source` on every step, expectation and object source.
 */

type RawMap = Record<string, unknown>;

export function normaliseScenario(data: RawMap, positions: DocumentPositions, file: string, absoluteFile: string): Scenario {
  const where = (segments: readonly PathSegment[]): SourceLocation => ({ file, ...positions.value(segments), path: fieldPath(segments) });
  // the schema's pattern checks a duration's syntax, not its size: "2562048h" overflows Go's
  // time.Duration (parseDuration's DURATION_INVALID), reported where it was written
  const duration = (text: string, segments: readonly PathSegment[]): number => {
    try {
      return parseScenarioDuration(text);
    } catch (err) {
      throw new ScenarioError([{ ...where(segments), message: (err as Error).message.replace(/^duration: /, '') }]);
    }
  };
  const spec = data['spec'] as RawMap;
  const clock = (spec['clock'] ?? {}) as { mode?: 'virtual' | 'real'; start?: string; minWatchTimeout?: string };
  const objectSource = (raw: RawMap, at: PathSegment[]): ObjectSource => {
    const source = where(at);
    if ('manifest' in raw) return { manifest: raw['manifest'] as RawMap, source };
    if ('file' in raw) return { file: resolveObjectFile(file, raw['file'] as string), source };
    return { yaml: raw['yaml'] as string, source };
  };
  return {
    apiVersion: 'tlsboot/v1alpha1',
    kind: 'Scenario',
    metadata: compact(data['metadata'] as RawMap) as unknown as ScenarioMetadata,
    spec: compact({
      description: spec['description'] as string,
      outcome: spec['outcome'] as string | undefined,
      category: spec['category'] as Scenario['spec']['category'],
      references: spec['references'] as Scenario['spec']['references'],
      clock: compact({
        mode: clock.mode ?? 'virtual',
        start: clock.start,
        minWatchTimeoutMs: clock.minWatchTimeout !== undefined ? duration(clock.minWatchTimeout, ['spec', 'clock', 'minWatchTimeout']) : undefined,
      }),
      seed: (spec['seed'] as number | undefined) ?? 1,
      cluster: cluster(spec['cluster'] as RawMap | undefined),
      objects: ((spec['objects'] ?? []) as RawMap[]).map((o, i) => objectSource(o, ['spec', 'objects', i])),
      nodes: ((spec['nodes'] ?? []) as RawMap[]).map(node),
      steps: ((spec['steps'] ?? []) as RawMap[]).map((s, i) => step(s, ['spec', 'steps', i], where, objectSource, duration)),
    }) as unknown as Scenario['spec'],
    file: absoluteFile,
  };
}

function cluster(raw: RawMap = {}): ClusterSpec {
  const apiserver = (raw['apiserver'] ?? {}) as { flags?: string[] };
  const kcm = (raw['controllerManager'] ?? {}) as { flags?: string[]; start?: boolean };
  return {
    policy: (raw['policy'] as ClusterSpec['policy'] | undefined) ?? 'kubeadm',
    apiserver: { flags: apiserver.flags ?? [] },
    controllerManager: { flags: kcm.flags ?? [], start: kcm.start ?? true },
  };
}

function node(raw: RawMap): NodeSpec {
  const out: NodeSpec = { name: raw['name'] as string };
  const kubelet = raw['kubelet'] as Partial<KubeletSpec> | undefined;
  if (kubelet) {
    out.kubelet = compact({ start: kubelet.start ?? true, bootstrapToken: kubelet.bootstrapToken, flags: kubelet.flags ?? [], config: kubelet.config ?? {} });
  }
  const proxy = raw['kubeProxy'] as Partial<KubeProxySpec> | undefined;
  if (proxy) out.kubeProxy = { start: proxy.start ?? true, identity: proxy.identity ?? 'certificate', config: proxy.config ?? {} };
  return out;
}

function step(
  raw: RawMap,
  at: PathSegment[],
  where: (segments: readonly PathSegment[]) => SourceLocation,
  objectSource: (raw: RawMap, at: PathSegment[]) => ObjectSource,
  duration: (text: string, segments: readonly PathSegment[]) => number,
): Step {
  const head = compact({ name: raw['name'] as string | undefined, source: where(at) });
  const expectation = (e: RawMap, eat: PathSegment[]): Expectation => ({ source: where(eat), ...expectationBody(e, eat, duration) });
  let body: StepBody;
  if ('createToken' in raw) {
    const { ttl, ...rest } = raw['createToken'] as RawMap & { ttl?: string };
    body = { createToken: compact({ ...rest, ttlMs: ttl === undefined ? undefined : duration(ttl, [...at, 'createToken', 'ttl']) }) as never };
  } else if ('advance' in raw) {
    body = { advance: { ms: duration(raw['advance'] as string, [...at, 'advance']) } };
  } else if ('setClock' in raw) {
    body = { setClock: { atMs: Date.parse(raw['setClock'] as string) } };
  } else if ('waitFor' in raw) {
    const { timeout, ...e } = raw['waitFor'] as RawMap & { timeout: string };
    body = { waitFor: { expect: expectation(e, [...at, 'waitFor']), timeoutMs: duration(timeout, [...at, 'waitFor', 'timeout']) } };
  } else if ('expect' in raw) {
    body = { expect: (raw['expect'] as RawMap[]).map((e, j) => expectation(e, [...at, 'expect', j])) };
  } else if ('apply' in raw) {
    body = { apply: objectSource(raw['apply'] as RawMap, [...at, 'apply']) };
  } else if ('fault' in raw) {
    const fault = raw['fault'] as { dropConnections?: string; apiserverUnavailable?: string };
    body =
      fault.dropConnections !== undefined
        ? { fault: { dropConnections: fault.dropConnections } }
        : { fault: { apiserverUnavailable: { forMs: duration(fault.apiserverUnavailable!, [...at, 'fault', 'apiserverUnavailable']) } } };
  } else {
    // start, stop, restart, approve, deny, delete, request: the YAML surface is the type.
    const { name: _name, ...action } = raw;
    body = action as unknown as StepBody;
  }
  return { ...head, ...body } as Step;
}

function expectationBody(raw: RawMap, at: PathSegment[], duration: (text: string, segments: readonly PathSegment[]) => number): ExpectationBody {
  if ('certificate' in raw) {
    const { validity, ...rest } = raw['certificate'] as RawMap & { validity?: string };
    const certificate = compact({ ...rest, validityMs: validity === undefined ? undefined : duration(validity, [...at, 'certificate', 'validity']) });
    return { certificate: certificate as unknown as CertificateExpectation };
  }
  return raw as unknown as ExpectationBody;
}

/** The object without its undefined members (absent stays absent). */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
