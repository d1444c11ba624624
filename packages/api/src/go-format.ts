/**
 * The few Go formatting verbs whose output reaches API messages: `%q` (strconv.Quote) for
 * strings, `%v` for numbers and booleans, and `len()` of a string, which counts UTF-8 bytes.
 */

const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
const shortEscapes: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '\\': '\\\\',
  '"': '\\"',
};

/** Go's strconv.Quote: a double-quoted string with Go escapes for what unicode.IsPrint refuses. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const short = shortEscapes[ch];
    if (short !== undefined) {
      out += short;
      continue;
    }
    if (printable.test(ch)) {
      out += ch;
      continue;
    }
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd'; // a lone surrogate is not valid UTF-8; Go quotes its replacement
    else if (cp < 0x80) out += `\\x${hex(cp, 2)}`;
    else if (cp < 0x10000) out += `\\u${hex(cp, 4)}`;
    else out += `\\U${hex(cp, 8)}`;
  }
  return out + '"';
}

/** Go's `%v` of an int64, float64 or bool. */
export function goValue(v: number | bigint | boolean): string {
  return String(v);
}

/** Go's `len(s)`: the number of UTF-8 bytes of `s`. */
export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}
