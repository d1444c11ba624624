import { Hour, parseDuration, TlsbootError } from '@tlsboot/util';
import type { DurationErrorCode } from '@tlsboot/util';

/** What a scenario duration looks like, for error messages. */
export const durationSyntax = 'Go syntax: 300ms, 1.5h, 2h45m; d for days';

/** 2^63-1 ns, Go's largest time.Duration, in ms. */
const maxGoDurationMs = 9223372036854.775;

const dayTerm = /(\d+(?:\.\d*)?|\.\d+)d/g;

/**
 * A scenario duration in ms: Go's time.ParseDuration (via @tlsboot/util parseDuration) plus `d`
 * for 24h, which Go lacks (`365d`, `1d12h`). The schema's `duration` pattern has already checked
 * the syntax; this throws DURATION_INVALID (from parseDuration) otherwise.
 */
export function parseScenarioDuration(text: string): number {
  let days = 0;
  const rest = text.replace(dayTerm, (_, n: string) => {
    days += Number(n);
    return '';
  });
  const total = days * 24 * Hour + (rest === '' ? 0 : parseDuration(rest));
  // Go's bound (int64 nanoseconds) holds for the `d` extension too: "106752d" is 2562048h
  if (total > maxGoDurationMs) {
    throw new TlsbootError<DurationErrorCode>('DURATION_INVALID', `duration: time: invalid duration "${text}" (overflows the largest duration Go can hold, about 2562047h)`);
  }
  return total;
}
