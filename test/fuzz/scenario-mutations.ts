// Seeded mutations of scenario files (issue 9 §2: "random mutations of the library's scenarios
// give a clear error or a valid run"). Each mutator takes a scenario's text and a seeded Random
// and returns the mutant's bytes (bytes, not text: some mutations are invalid UTF-8) with a
// one-line description that reproduces it. Mutations on the parsed document go through the yaml
// library's Document (the same parser the loader uses, packages/scenario/src/format/load.ts);
// the others work on the text or the bytes. A mutator that finds nothing to act on falls back to
// a text-level mutation, so every call mutates something.
import type { Random } from '@tlsboot/util';
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair } from 'yaml';

export const mutationKinds = [
  'delete-key',
  'duplicate-key',
  'typo-key',
  'retype-value',
  'swap-steps',
  'drop-required',
  'bad-duration',
  'huge-number',
  'unknown-reference',
  'truncate',
  'invalid-utf8',
  'insert-tab',
  'deep-nesting',
  'alias-bomb',
  'huge-string',
] as const;
export type MutationKind = (typeof mutationKinds)[number];

export interface Mutation {
  kind: MutationKind;
  /** What was done, e.g. `typo-key spec.steps[2].advance → advnce`. */
  description: string;
  bytes: Buffer;
}

type Segment = string | number;

interface Located {
  path: Segment[];
  pair?: Pair;
  node: unknown;
}

/** Every map pair and sequence item of the document, with its path. */
function walk(doc: Document): Located[] {
  const out: Located[] = [];
  const visit = (node: unknown, path: Segment[]): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const at = [...path, key];
        out.push({ path: at, pair, node: pair.value });
        visit(pair.value, at);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        out.push({ path: [...path, i], node: item });
        visit(item, [...path, i]);
      });
    }
  };
  visit(doc.contents, []);
  return out;
}

function show(path: readonly Segment[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

function doc(text: string): Document {
  return parseDocument(text);
}

function out(kind: MutationKind, description: string, text: string | Buffer): Mutation {
  return { kind, description: `${kind} ${description}`, bytes: typeof text === 'string' ? Buffer.from(text, 'utf8') : text };
}

function typo(key: string, random: Random): string {
  const i = random.int(Math.max(1, key.length));
  switch (random.int(4)) {
    case 0:
      return key.slice(0, i) + key.slice(i + 1) || `${key}x`; // drop a letter
    case 1:
      return key.slice(0, i) + key.charAt(i) + key.slice(i); // double a letter
    case 2:
      return key.length > 1 ? key.slice(0, i) + key.charAt(i + 1) + key.charAt(i) + key.slice(i + 2) : `${key}${key}`; // swap
    default:
      return key.toUpperCase() === key ? key.toLowerCase() : key.charAt(0).toUpperCase() + key.slice(1); // case
  }
}

const otherTypes: { name: string; value: unknown }[] = [
  { name: 'string', value: 'fuzz' },
  { name: 'number', value: 42 },
  { name: 'list', value: [1, 'two'] },
  { name: 'map', value: { fuzz: 1 } },
  { name: 'null', value: null },
  { name: 'boolean', value: true },
  { name: 'empty string', value: '' },
];

const garbageDurations = ['10 minutes', '-1s', '1e400h', '1.5', '', 'h', '99999999999999999999h', '1d-1h', '∞s', '0x10s', '5', '1e3s', '2562048h', '106751d', '9007199254740993ms', '.s', '1h1h1h1h'];

const hugeNumbers: { text: string }[] = [
  { text: '1e308' },
  { text: '1e400' },
  { text: '-1' },
  { text: '9007199254740993' },
  { text: '123456789012345678901234567890' },
  { text: '.inf' },
  { text: '-.inf' },
  { text: '.nan' },
  { text: '0x7fffffffffffffff' },
  { text: '-0' },
  { text: '4294967296' },
];

const requiredPaths: ((path: Segment[]) => boolean)[] = [
  (p) => p.length === 1 && ['apiVersion', 'kind', 'metadata', 'spec'].includes(String(p[0])),
  (p) => show(p) === 'metadata.name' || show(p) === 'spec.description',
  (p) => p[0] === 'spec' && p[1] === 'nodes' && p.length === 4 && p[3] === 'name',
  (p) => p[0] === 'spec' && p[1] === 'steps' && p.length === 5 && ['as', 'verb', 'path', 'timeout', 'csr', 'apiVersion', 'kind', 'name', 'from', 'events'].includes(String(p[4])),
  (p) => p[0] === 'spec' && p[1] === 'steps' && p.length > 5 && ['from', 'events', 'path', 'name', 'commonName', 'apiVersion', 'kind'].includes(String(p.at(-1))),
];

/** Replaces the n-th match of `re` (global) in `text` using `fn`; undefined when nothing matches. */
function replaceOne(text: string, re: RegExp, random: Random, fn: (m: RegExpExecArray) => string): { text: string; was: string; now: string } | undefined {
  const matches = [...text.matchAll(re)];
  if (matches.length === 0) return undefined;
  const m = random.pick(matches) as RegExpExecArray;
  const now = fn(m);
  return { text: text.slice(0, m.index) + now + text.slice(m.index + m[0].length), was: m[0], now };
}

function lines(text: string): string[] {
  return text.split('\n');
}

/** A `key: value` line of a block map (not a comment, not a list dash). */
const keyLine = /^(\s*)([A-Za-z][\w-]*):(\s.*)?$/;

export function mutateScenario(text: string, kind: MutationKind, random: Random): Mutation {
  switch (kind) {
    case 'delete-key': {
      const d = doc(text);
      const pairs = walk(d).filter((l) => l.pair);
      if (pairs.length === 0) return mutateScenario(text, 'truncate', random);
      const target = random.pick(pairs);
      d.deleteIn(target.path);
      return out(kind, show(target.path), String(d));
    }
    case 'duplicate-key': {
      const ls = lines(text);
      const candidates = ls.map((l, i) => ({ l, i })).filter(({ l }) => keyLine.test(l));
      if (candidates.length === 0) return mutateScenario(text, 'insert-tab', random);
      const { l, i } = random.pick(candidates);
      const m = keyLine.exec(l)!;
      const again = `${m[1]}${m[2]}: ${random.pick(['fuzz', '1', '[]', '{}', '~', m[3]?.trim() ?? ''])}`;
      ls.splice(i + 1, 0, again);
      return out(kind, `line ${i + 1} "${m[2]}"`, ls.join('\n'));
    }
    case 'typo-key': {
      const d = doc(text);
      const pairs = walk(d).filter((l) => l.pair && isScalar(l.pair.key));
      if (pairs.length === 0) return mutateScenario(text, 'truncate', random);
      const target = random.pick(pairs);
      const key = target.pair!.key as { value: unknown };
      const renamed = typo(String(key.value), random);
      key.value = renamed;
      return out(kind, `${show(target.path)} → ${renamed}`, String(d));
    }
    case 'retype-value': {
      const d = doc(text);
      const all = walk(d);
      if (all.length === 0) return mutateScenario(text, 'truncate', random);
      const target = random.pick(all);
      const to = random.pick(otherTypes);
      d.setIn(target.path, d.createNode(to.value));
      return out(kind, `${show(target.path)} → ${to.name}`, String(d));
    }
    case 'swap-steps': {
      const d = doc(text);
      const steps = d.getIn(['spec', 'steps']) as Node | undefined;
      if (!isSeq(steps) || steps.items.length < 2) return mutateScenario(text, 'delete-key', random);
      const a = random.int(steps.items.length);
      let b = random.int(steps.items.length - 1);
      if (b >= a) b++;
      const tmp = steps.items[a];
      steps.items[a] = steps.items[b]!;
      steps.items[b] = tmp!;
      return out(kind, `spec.steps[${a}] ↔ spec.steps[${b}]`, String(d));
    }
    case 'drop-required': {
      const d = doc(text);
      const required = walk(d).filter((l) => l.pair && requiredPaths.some((f) => f(l.path)));
      if (required.length === 0) return mutateScenario(text, 'delete-key', random);
      const target = random.pick(required);
      d.deleteIn(target.path);
      return out(kind, show(target.path), String(d));
    }
    case 'bad-duration': {
      const garbage = random.pick(garbageDurations);
      const quoted = JSON.stringify(garbage);
      const r = replaceOne(text, /(?<=(?:advance|ttl|timeout|validity|minWatchTimeout|apiserverUnavailable):\s*)[0-9.]+(?:ms|s|m|h|d)\b/g, random, () => quoted);
      if (r) return out(kind, `${r.was} → ${quoted}`, r.text);
      const added = text.replace(/^(\s*)steps:\s*\n/m, (all, indent: string) => `${all}${indent}  - advance: ${quoted}\n`);
      return out(kind, `added advance: ${quoted}`, added === text ? `${text}\n    - advance: ${quoted}\n` : added);
    }
    case 'huge-number': {
      const n = random.pick(hugeNumbers).text;
      const r = replaceOne(text, /(?<=:\s)-?\d+(?=\s*(?:[,}\n#]|$))/g, random, () => n);
      if (r) return out(kind, `${r.was} → ${n}`, r.text);
      const added = text.replace(/^spec:\s*\n/m, (all) => `${all}  seed: ${n}\n`);
      return out(kind, `spec.seed: ${n}`, added);
    }
    case 'unknown-reference': {
      const options: [RegExp, (m: RegExpExecArray) => string][] = [
        [/\$\{tokens\.[\w-]+\}/g, () => random.pick(['${tokens.nosuch}', '${tokens.}', '${tokens', '${secrets.k8s01}', '${tokens.k8s01.extra}'])],
        [/\b(kubelet|kube-proxy)\/[a-z0-9.-]+/g, (m) => `${m[1]}/${random.pick(['nosuch-node', '', 'K8S01', 'k8s01/x'])}`],
        [/(?<=\bnode:\s*)[a-z0-9.-]+/g, () => random.pick(['nosuch-node', 'ghost'])],
        [/\bkube-(apiserver|controller-manager)\b(?=\s*$)/gm, () => random.pick(['kube-scheduler', 'etcd', 'kubelet', 'kubelet/'])],
        [/(?<=file:\s*)\S+\.ya?ml/g, () => random.pick(['nosuch.yaml', '../../../../../../etc/passwd', '/dev/zero', '.', '/proc/self/fd/0'])],
      ];
      for (let tries = 0; tries < 8; tries++) {
        const [re, fn] = random.pick(options);
        const r = replaceOne(text, re, random, fn);
        if (r) return out(kind, `${r.was} → ${r.now}`, r.text);
      }
      return out(kind, 'added start: kubelet/nosuch-node', text.replace(/^(\s*)steps:\s*\n/m, (all, indent: string) => `${all}${indent}  - start: kubelet/nosuch-node\n`));
    }
    case 'truncate': {
      const bytes = Buffer.from(text, 'utf8');
      const at = random.int(bytes.length + 1);
      return out(kind, `at byte ${at} of ${bytes.length}`, bytes.subarray(0, at));
    }
    case 'invalid-utf8': {
      const bytes = Buffer.from(text, 'utf8');
      const at = random.int(bytes.length + 1);
      const bad = random.pick([[0xff], [0xfe, 0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0x00], [0xef, 0xbb, 0xbf]]);
      return out(kind, `bytes ${bad.map((b) => b.toString(16)).join(' ')} at byte ${at}`, Buffer.concat([bytes.subarray(0, at), Buffer.from(bad), bytes.subarray(at)]));
    }
    case 'insert-tab': {
      const ls = lines(text);
      const i = random.int(ls.length);
      const line = ls[i]!;
      const how = random.int(3);
      if (how === 0) ls[i] = `\t${line}`;
      else if (how === 1) ls[i] = line.replace(/^ +/, '\t');
      else {
        const at = random.int(line.length + 1);
        ls[i] = `${line.slice(0, at)}\t${line.slice(at)}`;
      }
      return out(kind, `line ${i + 1} (${['leading', 'indent', 'inside'][how]})`, ls.join('\n'));
    }
    case 'deep-nesting': {
      const depth = random.pick([10, 100, 1000, 10_000, 50_000]);
      const flow = random.int(2) === 0 ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`;
      const ls = lines(text);
      const candidates = ls.map((l, i) => ({ l, i })).filter(({ l }) => keyLine.test(l));
      if (candidates.length === 0) return out(kind, `whole document, depth ${depth}`, flow);
      const { l, i } = random.pick(candidates);
      const m = keyLine.exec(l)!;
      ls[i] = `${m[1]}${m[2]}: ${flow}`;
      // the block value the key had, if any, goes (its lines are more indented)
      let j = i + 1;
      while (j < ls.length && (ls[j]!.trim() === '' || ls[j]!.search(/\S/) > m[1]!.length)) j++;
      ls.splice(i + 1, j - i - 1);
      return out(kind, `line ${i + 1} "${m[2]}", depth ${depth}`, ls.join('\n'));
    }
    case 'alias-bomb': {
      const levels = random.intBetween(4, 9);
      const indent = '    ';
      const defs = [`${indent}l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]`];
      for (let i = 1; i < levels; i++) defs.push(`${indent}l${i}: &l${i} [${Array.from({ length: 10 }, () => `*l${i - 1}`).join(', ')}]`);
      const where = random.int(2) === 0 ? 'metadata.annotations' : 'metadata.labels';
      const key = where.split('.')[1]!;
      const bomb = `  ${key}:\n${defs.join('\n')}\n`;
      const mutated = /^metadata:\s*\n/m.test(text) ? text.replace(/^metadata:\s*\n/m, (all) => `${all}${bomb}`) : `metadata:\n${bomb}${text}`;
      return out(kind, `${where}, ${levels} levels of 10 (10^${levels} nodes)`, mutated);
    }
    case 'huge-string': {
      const size = random.pick([10_000, 100_000, 1_000_000, 2_000_000]);
      const fill = random.pick(['x', 'é', '${tokens.', '/(a+)+$/', 'a\\nb']);
      const huge = fill.repeat(Math.ceil(size / fill.length));
      const r = replaceOne(text, /(?<=^\s*(?:-\s+)?(?:description|name|summary|message|path|as|commonName|outcome):\s)\S.*$/gm, random, () => JSON.stringify(huge));
      if (r) return out(kind, `${r.was.slice(0, 40)} → ${size} × ${JSON.stringify(fill)}`, r.text);
      return out(kind, `appended ${size} characters`, `${text}\n# ${huge}\n`);
    }
  }
}
