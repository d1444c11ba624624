/**
 * Field selectors as k8s.io/apimachinery/pkg/fields/selector.go parses and matches them:
 * comma-separated `field=value`, `field==value`, `field!=value` terms, ANDed; `\,` `\=` `\\`
 * escape those characters in values. Matching works on the flat field set an object exposes
 * (see selectable-fields.ts); a missing field reads as the empty string, as fields.Set.Get.
 */
import { ApiError } from './errors.js';

export type Fields = Readonly<Record<string, string>>;

export interface FieldRequirement {
  readonly field: string;
  readonly operator: '=' | '!=';
  readonly value: string;
}

/** fields.TransformFunc: rename or reject a term; throw to reject. */
export type FieldTransformFunc = (field: string, value: string) => [field: string, value: string];

/** A field selector: the AND of its terms (one term alone, or none for Everything). */
export class FieldSelector {
  private constructor(readonly requirements: readonly FieldRequirement[]) {}

  static fromRequirements(requirements: readonly FieldRequirement[]): FieldSelector {
    return new FieldSelector([...requirements]);
  }

  /** fields.Everything(). */
  static everything(): FieldSelector {
    return new FieldSelector([]);
  }

  matches(fields: Fields): boolean {
    return this.requirements.every((r) => {
      const actual = Object.hasOwn(fields, r.field) ? fields[r.field]! : '';
      return r.operator === '=' ? actual === r.value : actual !== r.value;
    });
  }

  empty(): boolean {
    return this.requirements.length === 0;
  }

  /** RequiresExactMatch: the value an `=` term demands of `field`, if any (first such term). */
  requiresExactMatch(field: string): string | undefined {
    return this.requirements.find((r) => r.field === field && r.operator === '=')?.value;
  }

  /** Transform: every term through `fn` (e.g. ConvertFieldLabel); what `fn` throws propagates. */
  transform(fn: FieldTransformFunc): FieldSelector {
    return new FieldSelector(
      this.requirements.map((r) => {
        const [field, value] = fn(r.field, r.value);
        return { field, operator: r.operator, value };
      }),
    );
  }

  /** String(): `f=v` / `f!=v` terms, values escaped, joined by commas. */
  toString(): string {
    return this.requirements.map((r) => `${r.field}${r.operator}${escapeFieldSelectorValue(r.value)}`).join(',');
  }
}

/** fields.EscapeValue: `\` → `\\`, `,` → `\,`, `=` → `\=`. */
export function escapeFieldSelectorValue(s: string): string {
  return s.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/**
 * fields.UnescapeValue: undo EscapeValue; an unknown escape is
 * `invalid field selector: invalid escape sequence: \x`, a bare `,` or `=` is
 * `invalid field selector: unescaped character in value: 44` (Go prints the rune as a number).
 */
export function unescapeFieldSelectorValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') throw invalid(`invalid field selector: invalid escape sequence: \\${c}`);
      out += c;
      inSlash = false;
      continue;
    }
    if (c === '\\') inSlash = true;
    else if (c === ',' || c === '=') throw invalid(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    else out += c;
  }
  if (inSlash) throw invalid('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** splitTerms: split on commas not escaped by a backslash (escapes stay in the terms). */
function splitTerms(selector: string): string[] {
  if (selector.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

const termOperators = ['!=', '==', '='] as const;

/** splitTerm: at the first position where `!=`, `==` or `=` starts; no escaping on the left. */
function splitTerm(term: string): [string, (typeof termOperators)[number], string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of termOperators) if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
  }
  return undefined;
}

/**
 * fields.ParseSelector: the `fieldSelector` query parameter. Terms are sorted as strings before
 * parsing, empty terms skipped; a term without an operator is
 * `invalid selector: '<selector>'; can't understand '<term>'` (FIELD_SELECTOR_INVALID).
 */
export function parseFieldSelector(selector: string): FieldSelector {
  const parts = splitTerms(selector).sort();
  const reqs: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const t = splitTerm(part);
    if (t === undefined) throw invalid(`invalid selector: '${selector}'; can't understand '${part}'`);
    const [field, op, rhs] = t;
    reqs.push({ field, operator: op === '!=' ? '!=' : '=', value: unescapeFieldSelectorValue(rhs) });
  }
  return FieldSelector.fromRequirements(reqs);
}

/** fields.SelectorFromSet / OneTermEqualSelector: `=` terms for each entry. */
export function fieldSelectorFromSet(set: Fields): FieldSelector {
  return FieldSelector.fromRequirements(Object.entries(set).map(([field, value]) => ({ field, operator: '=', value })));
}

function invalid(message: string): ApiError {
  return new ApiError('FIELD_SELECTOR_INVALID', message);
}
