// The value types of spf13/pflag that kube-apiserver's flags use (bool.go, int.go, duration.go,
// ip.go, string_slice.go, string_array.go), with the wording of their errors: pflag wraps a
// value's error as `invalid argument "<v>" for "--<flag>" flag: <err>` (flag.go), and <err> is
// Go's strconv / time / net message.
import { TlsbootError, parseDuration } from '@tlsboot/util';

export type KubeApiServerFlagsErrorCode = 'KUBE_APISERVER_FLAGS_INVALID';

export function fail(message: string): never {
  throw new TlsbootError<KubeApiServerFlagsErrorCode>('KUBE_APISERVER_FLAGS_INVALID', message);
}

/** Go's %q for the ASCII texts flags hold. */
export function quote(s: string): string {
  return JSON.stringify(s);
}

function invalidArgument(flag: string, value: string, err: string): never {
  return fail(`invalid argument ${quote(value)} for "--${flag}" flag: ${err}`);
}

/** strconv.ParseBool. */
export function parseBoolFlag(flag: string, value: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return invalidArgument(flag, value, `strconv.ParseBool: parsing ${quote(value)}: invalid syntax`);
}

/** strconv.ParseInt(s, 0, 64), as pflag's IntVar calls it: sign, 0x/0o/0b/0 prefixes, `_` between digits. */
export function parseIntFlag(flag: string, value: string): number {
  const syntax = (): never => invalidArgument(flag, value, `strconv.ParseInt: parsing ${quote(value)}: invalid syntax`);
  const m = /^([+-]?)(0[xXoObB]|0(?=.))?(.+)$/.exec(value);
  if (!m) return syntax();
  const [, sign = '', prefix = '', digits = ''] = m;
  const base = prefix === '' ? 10 : /[xX]/.test(prefix) ? 16 : /[bB]/.test(prefix) ? 2 : 8;
  // underscores only with a base prefix, and only between digits (strconv.underscoreOK)
  if (digits.includes('_') && (prefix === '' || /__|_$/.test(digits))) return syntax();
  const clean = digits.replaceAll('_', '');
  const valid = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[base]!;
  if (!valid.test(clean)) return syntax();
  let n = 0n;
  for (const c of clean.toLowerCase()) n = n * BigInt(base) + BigInt(parseInt(c, 16));
  if (sign === '-') n = -n;
  if (n > 9223372036854775807n || n < -9223372036854775808n) {
    return invalidArgument(flag, value, `strconv.ParseInt: parsing ${quote(value)}: value out of range`);
  }
  return Number(n);
}

/** time.ParseDuration's error for text that does not parse (Go's wording for each way it fails). */
export function goDurationError(text: string): string {
  const invalid = `time: invalid duration ${quote(text)}`;
  let s = text.replace(/^[+-]/, '');
  if (s === '0') return invalid;
  if (s === '') return invalid;
  while (s !== '') {
    const num = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    if (num[1] === '' && (num[2] === undefined || num[2] === '')) return invalid;
    s = s.slice(num[0].length);
    const unit = /^[^\d.]*/.exec(s)![0];
    if (unit === '') return `time: missing unit in duration ${quote(text)}`;
    if (!['ns', 'us', 'µs', 'μs', 'ms', 's', 'm', 'h'].includes(unit)) return `time: unknown unit ${quote(unit)} in duration ${quote(text)}`;
    s = s.slice(unit.length);
  }
  return invalid;
}

/** time.ParseDuration, in milliseconds. */
export function parseDurationFlag(flag: string, value: string): number {
  try {
    return parseDuration(value);
  } catch {
    return invalidArgument(flag, value, goDurationError(value));
  }
}

/** net.ParseIP after strings.TrimSpace, as pflag's ipValue.Set; returns the canonical text. */
export function parseIPFlag(flag: string, value: string): string {
  const s = value.trim();
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4 && v4.slice(1).every((o) => Number(o) <= 255 && !(o.length > 1 && o.startsWith('0')))) return s;
  if (s.includes(':') && /^[0-9a-fA-F:.]+$/.test(s) && isIPv6(s)) return s.toLowerCase();
  return invalidArgument(flag, value, `failed to parse IP: ${quote(value)}`);
}

function isIPv6(s: string): boolean {
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  const last = groups.at(-1) ?? '';
  const v4Tail = last.includes('.');
  const count = groups.length + (v4Tail ? 1 : 0);
  if (groups.some((g, i) => !(i === groups.length - 1 && v4Tail) && !/^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? count < 8 : count === 8;
}

/**
 * pflag's StringSlice: each occurrence is a comma-separated list (encoding/csv, one record), the
 * first occurrence replaces the default and later ones append. `--flag=` is an empty list.
 */
export function stringSlice(occurrences: readonly string[]): string[] {
  return occurrences.flatMap((v) => (v === '' ? [] : v.split(',')));
}
