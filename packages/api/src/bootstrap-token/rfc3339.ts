/**
 * Go's `time.Parse(time.RFC3339, s)` and `t.Format(time.RFC3339)` (src/time/format.go), which the
 * bootstrap-token code uses for the `expiration` key. Go's parser is the general layout parser
 * (the RFC 3339 fast path only accepts a subset of what it accepts): a 4-digit year, 2-digit month
 * and day, `T`, a 1- or 2-digit hour, 2-digit minutes and seconds, an optional fraction after `.`
 * or `,`, and `Z` or `±hh:mm`. `2009-11-10`, a lower-case `t` or `z`, a space instead of `T` and
 * trailing text are all refused — JavaScript's Date.parse accepts most of them. Refusals carry
 * Go's ParseError text.
 */
import { BootstrapTokenError } from './errors.js';

/** time.RFC3339. */
export const rfc3339Layout = '2006-01-02T15:04:05Z07:00';

/** What a Go time.Time parsed from RFC 3339 holds: an instant with nanoseconds, and the offset it was written in. */
export interface GoTime {
  /** Milliseconds since the Unix epoch, rounded down. */
  unixMs: number;
  /** Nanoseconds past `unixMs`, 0–999999. */
  nanos: number;
  /** The zone offset of the text, seconds east of UTC (0 for `Z`). */
  offsetSeconds: number;
}

/** The layout's chunks: the literal before each element, and the element. */
const chunks: readonly (readonly [prefix: string, elem: string])[] = [
  ['', '2006'],
  ['-', '01'],
  ['-', '02'],
  ['T', '15'],
  [':', '04'],
  [':', '05'],
  ['', 'Z07:00'],
];

const isDigit = (s: string, i: number): boolean => i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57;

/** getnum: one or two digits (exactly two when `fixed`). */
function getnum(s: string, fixed: boolean): [number, string] | undefined {
  if (!isDigit(s, 0)) return undefined;
  if (!isDigit(s, 1)) return fixed ? undefined : [s.charCodeAt(0) - 48, s.slice(1)];
  return [(s.charCodeAt(0) - 48) * 10 + (s.charCodeAt(1) - 48), s.slice(2)];
}

/** time's quote(): like %q, but every byte of a non-ASCII or control character is `\xNN`. */
export function timeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x80 || c < 0x20) {
      for (const b of Buffer.from(ch, 'utf8')) out += `\\x${b.toString(16).padStart(2, '0')}`;
    } else {
      out += c === 0x22 || c === 0x5c ? `\\${ch}` : ch;
    }
  }
  return `${out}"`;
}

function parseError(value: string, layoutElem: string, valueElem: string, message = ''): BootstrapTokenError {
  const text =
    message === ''
      ? `parsing time ${timeQuote(value)} as ${timeQuote(rfc3339Layout)}: cannot parse ${timeQuote(valueElem)} as ${timeQuote(layoutElem)}`
      : `parsing time ${timeQuote(value)}${message}`;
  return new BootstrapTokenError('TIME_INVALID', text);
}

function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysIn(month: number, year: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (no JS Date: it maps years 0–99 to 1900–1999). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): [year: number, month: number, day: number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** time.Parse(time.RFC3339, value); throws TIME_INVALID with Go's ParseError text. */
export function parseRFC3339(value: string): GoTime {
  let rest = value;
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let nsec = 0;
  let offset = 0;
  for (const [prefix, elem] of chunks) {
    for (const ch of prefix) {
      if (rest === '' || rest[0] !== ch) throw parseError(value, prefix, rest);
      rest = rest.slice(1);
    }
    const hold = rest;
    let range = '';
    let ok = true;
    const num = (fixed: boolean): number => {
      const r = getnum(rest, fixed);
      if (!r) {
        ok = false;
        return 0;
      }
      rest = r[1];
      return r[0];
    };
    switch (elem) {
      case '2006':
        if (rest.length < 4 || !isDigit(rest, 0) || !/^\d{4}/.test(rest)) ok = false;
        else {
          year = Number(rest.slice(0, 4));
          rest = rest.slice(4);
        }
        break;
      case '01':
        month = num(true);
        if (ok && (month <= 0 || month > 12)) range = 'month';
        break;
      case '02':
        day = num(true); // any one- or two-digit day; checked against the month below
        break;
      case '15':
        hour = num(false);
        if (hour >= 24) range = 'hour';
        break;
      case '04':
        min = num(true);
        if (min >= 60) range = 'minute';
        break;
      case '05':
        sec = num(true);
        if (sec >= 60) {
          range = 'second';
          break;
        }
        if (ok && rest.length >= 2 && (rest[0] === '.' || rest[0] === ',') && isDigit(rest, 1)) {
          let n = 2;
          while (isDigit(rest, n)) n++;
          const digits = rest.slice(1, Math.min(n, 10));
          nsec = Number(digits) * 10 ** (9 - digits.length);
          rest = rest.slice(n);
        }
        break;
      case 'Z07:00': {
        if (rest[0] === 'Z') {
          rest = rest.slice(1);
          offset = 0;
          break;
        }
        if (rest.length < 6 || rest[3] !== ':') {
          ok = false;
          break;
        }
        const sign = rest[0];
        const hh = getnum(rest.slice(1, 3), true);
        const mm = hh ? getnum(rest.slice(4, 6), true) : undefined;
        rest = rest.slice(6);
        // upstream accepts offsets of 24 hours or 60 minutes ("some people do write" them)
        if (hh && hh[0] > 24) range = 'time zone offset hour';
        if (mm && mm[0] > 60) range = 'time zone offset minute';
        if (!hh || !mm || (sign !== '+' && sign !== '-')) {
          ok = false;
          break;
        }
        offset = (hh[0] * 60 + mm[0]) * 60 * (sign === '-' ? -1 : 1);
        break;
      }
    }
    if (range !== '') throw parseError(value, elem, rest, `: ${range} out of range`);
    if (!ok) throw parseError(value, elem, hold);
  }
  if (rest !== '') throw parseError(value, '', rest, `: extra text: ${timeQuote(rest)}`);
  if (day < 1 || day > daysIn(month, year)) throw parseError(value, '', rest, ': day out of range');
  const seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + min * 60 + sec - offset;
  return { unixMs: seconds * 1000 + Math.floor(nsec / 1e6), nanos: nsec % 1e6, offsetSeconds: offset };
}

/** A JavaScript Date as a Go time in UTC. */
export function goTimeFromDate(date: Date): GoTime {
  return { unixMs: date.getTime(), nanos: 0, offsetSeconds: 0 };
}

/** The instant of a Go time, to the millisecond (rounded down). */
export function goTimeToDate(time: GoTime): Date {
  return new Date(time.unixMs);
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** t.Format(time.RFC3339): whole seconds, in the time's own offset (`Z` for UTC). A Date is formatted in UTC. */
export function formatRFC3339(time: GoTime | Date): string {
  const t = time instanceof Date ? goTimeFromDate(time) : time;
  const local = Math.floor(t.unixMs / 1000) + t.offsetSeconds;
  const days = Math.floor(local / 86400);
  const secs = local - days * 86400;
  const [y, mo, d] = civilFromDays(days);
  const clock = `${pad(Math.floor(secs / 3600), 2)}:${pad(Math.floor((secs % 3600) / 60), 2)}:${pad(secs % 60, 2)}`;
  let zone = 'Z';
  if (t.offsetSeconds !== 0) {
    const abs = Math.abs(t.offsetSeconds);
    zone = `${t.offsetSeconds < 0 ? '-' : '+'}${pad(Math.floor(abs / 3600), 2)}:${pad(Math.floor((abs % 3600) / 60), 2)}`;
  }
  return `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${clock}${zone}`;
}

/** `t.Sub(now)` in milliseconds (with the sub-millisecond part as a fraction). */
export function millisecondsUntil(time: GoTime, now: Date): number {
  return time.unixMs - now.getTime() + time.nanos / 1e6;
}

/** `t.Sub(now) <= 0`, exactly (nanoseconds included). */
export function isAtOrBefore(time: GoTime, now: Date): boolean {
  const nowMs = now.getTime();
  return time.unixMs < nowMs || (time.unixMs === nowMs && time.nanos === 0);
}
