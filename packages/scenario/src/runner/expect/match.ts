// The partial matcher of `object.matches` and `trace.events` (docs/scenarios.md, "Expectations"):
// maps match key by key (keys the expectation leaves out are not looked at), a list matches when
// every expected item matches some actual item — each a different one, in any order —, a string
// written `/…/flags` is a regular expression (tested against strings, numbers and booleans as
// text), `null` expects the field null or absent, and any other scalar must be equal.
import { scenarioRegex } from '../../format/regex.js';

export type MatchResult = { ok: true } | { ok: false; path: string; reason: string };

const ok: MatchResult = { ok: true };

/** Whether `actual` holds everything `expected` says; on a mismatch, where (`status.conditions`) and why. */
export function matchPartial(expected: unknown, actual: unknown, path = ''): MatchResult {
  if (expected === null) return actual === null || actual === undefined ? ok : fail(path, `expected null, found ${brief(actual)}`);
  if (actual === undefined) return fail(path, `missing, expected ${brief(expected)}`);
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return fail(path, `expected a list, found ${brief(actual)}`);
    return matchList(expected, actual, path);
  }
  if (typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return fail(path, `expected a map, found ${brief(actual)}`);
    for (const [key, value] of Object.entries(expected as Record<string, unknown>)) {
      const r = matchPartial(value, (actual as Record<string, unknown>)[key], join(path, key));
      if (!r.ok) return r;
    }
    return ok;
  }
  if (typeof expected === 'string') {
    const re = scenarioRegex(expected);
    if (re) {
      if (typeof actual !== 'string' && typeof actual !== 'number' && typeof actual !== 'boolean') return fail(path, `expected text matching ${expected}, found ${brief(actual)}`);
      re.lastIndex = 0;
      return re.test(String(actual)) ? ok : fail(path, `${brief(actual)} does not match ${expected}`);
    }
  }
  return expected === actual ? ok : fail(path, `expected ${brief(expected)}, found ${brief(actual)}`);
}

/** `path: reason`, or the reason alone at the root. */
export function mismatchText(m: { path: string; reason: string }): string {
  return m.path ? `${m.path}: ${m.reason}` : m.reason;
}

function matchList(expected: unknown[], actual: unknown[], path: string): MatchResult {
  // which actual items each expected item matches
  const candidates = expected.map((e) => actual.flatMap((a, j) => (matchPartial(e, a).ok ? [j] : [])));
  for (const [i, c] of candidates.entries()) {
    if (c.length > 0) continue;
    const item = expected[i];
    // one actual item: say what differs in it, which is what people need most
    if (actual.length === 1) {
      const inner = matchPartial(item, actual[0], `${path}[0]`);
      if (!inner.ok) return fail(path, `no item matches ${brief(item)} (${mismatchText(inner)})`);
    }
    return fail(path, `no item matches ${brief(item)}${actual.length === 0 ? ' (the list is empty)' : ''}`);
  }
  // distinct items: a maximum bipartite matching (augmenting paths)
  const owner = new Array<number>(actual.length).fill(-1);
  const assign = (i: number, seen: boolean[]): boolean => {
    for (const j of candidates[i]!) {
      if (seen[j]) continue;
      seen[j] = true;
      if (owner[j] === -1 || assign(owner[j]!, seen)) {
        owner[j] = i;
        return true;
      }
    }
    return false;
  };
  for (let i = 0; i < expected.length; i++) {
    if (!assign(i, new Array<boolean>(actual.length).fill(false))) {
      return fail(path, `no item matches ${brief(expected[i])} apart from the items the other expected items match (each expected item needs its own)`);
    }
  }
  return ok;
}

function fail(path: string, reason: string): MatchResult {
  return { ok: false, path, reason };
}

function join(path: string, key: string): string {
  const k = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key);
  return path ? `${path}.${k}` : k;
}

/** A value in a message, short and YAML-flow-like: `{type: Approved}`, `"0600"`, `[a, b]`. */
export function brief(value: unknown, depth = 0): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const text = value.length > 80 ? `${value.slice(0, 77)}...` : value;
    return /^[\w./:@*-][\w ./:@*-]*$/.test(text) && !/^(true|false|null|~|[\d.+-]+)$/.test(text) && !text.endsWith(' ') ? text : JSON.stringify(text);
  }
  if (typeof value !== 'object') return String(value);
  if (depth > 2) return Array.isArray(value) ? '[…]' : '{…}';
  if (Array.isArray(value)) {
    const items = value.slice(0, 5).map((v) => brief(v, depth + 1));
    return `[${items.join(', ')}${value.length > 5 ? `, … ${value.length - 5} more` : ''}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  const shown = entries.slice(0, 6).map(([k, v]) => `${k}: ${brief(v, depth + 1)}`);
  return `{${shown.join(', ')}${entries.length > 6 ? ', …' : ''}}`;
}
