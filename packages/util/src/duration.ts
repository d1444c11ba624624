import { TlsbootError } from './errors.js';

/** Durations in tlsboot are milliseconds. These constants read like Go's time package. */
export const Millisecond = 1;
export const Second = 1000 * Millisecond;
export const Minute = 60 * Second;
export const Hour = 60 * Minute;

export type DurationErrorCode = 'DURATION_INVALID';

/** Go's unit suffixes (time.ParseDuration), in milliseconds. */
const units: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3, // U+00B5 micro sign
  'μs': 1e-3, // U+03BC Greek mu
  ms: 1,
  s: Second,
  m: Minute,
  h: Hour,
};

const term = /^(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/;

/**
 * Parses a duration exactly as Go's `time.ParseDuration` does: an optional sign, then one or
 * more decimal numbers each with a unit ("300ms", "-1.5h", "2h45m", "8760h"); "0" alone is
 * allowed without a unit. Kubernetes flags (`--cluster-signing-duration`) and cfssl's
 * `expiry` are read this way. Returns milliseconds; sub-millisecond parts are kept as
 * fractions. `what` names the input in the error message.
 */
export function parseDuration(text: string, what = 'duration'): number {
  const fail = (why: string): never => {
    throw new TlsbootError<DurationErrorCode>(
      'DURATION_INVALID',
      `${what}: time: invalid duration "${text}"${why ? ` (${why})` : ''}`,
    );
  };
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') fail('empty');
  let total = 0;
  while (rest !== '') {
    const m = term.exec(rest);
    if (!m) {
      if (/^[\d.]*$/.test(rest)) fail('missing unit, e.g. "8760h" or "90s"');
      fail('expected a number followed by one of ns, us, ms, s, m, h');
    }
    const [whole = '', frac, unit = ''] = [m![1], m![2], m![3]];
    if (whole === '' && (frac === undefined || frac === '')) fail('a unit without a number');
    const value = Number(`${whole || '0'}.${frac || '0'}`);
    total += value * units[unit]!;
    rest = rest.slice(m![0].length);
  }
  // Go rejects durations beyond int64 nanoseconds (about 292 years).
  if (total > 9223372036854.775) fail('overflows the largest duration Go can hold, about 2562047h');
  return sign * total;
}

/**
 * Formats milliseconds as Go's `time.Duration.String()` does: "8760h0m0s", "1m30s", "1.5s",
 * "250ms", "0s". Used wherever Kubernetes prints a duration.
 */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let rest = Math.abs(ms);
  const sign = neg ? '-' : '';
  if (rest < Second) {
    if (rest >= 1) return `${sign}${trim(rest)}ms`;
    if (rest >= 1e-3) return `${sign}${trim(rest * 1e3)}µs`;
    return `${sign}${trim(rest * 1e6)}ns`;
  }
  const h = Math.floor(rest / Hour);
  rest -= h * Hour;
  const m = Math.floor(rest / Minute);
  rest -= m * Minute;
  const s = trim(rest / Second);
  if (h > 0) return `${sign}${h}h${m}m${s}s`;
  if (m > 0) return `${sign}${m}m${s}s`;
  return `${sign}${s}s`;
}

function trim(n: number): string {
  return String(Number(n.toFixed(9)));
}
