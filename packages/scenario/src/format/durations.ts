import { Hour, parseDuration } from '@tlsboot/util';

/** What a scenario duration looks like, for error messages. */
export const durationSyntax = 'Go syntax: 300ms, 1.5h, 2h45m; d for days';

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
  return days * 24 * Hour + (rest === '' ? 0 : parseDuration(rest));
}
