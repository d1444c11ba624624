// Go's time.Parse(time.RFC3339, …) and Format(time.RFC3339) (src/time/format.go) as the
// bootstrap-token expiration uses them (staging/src/k8s.io/cluster-bootstrap/util/secrets/secrets.go).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BootstrapTokenError } from './errors.js';
import { formatRFC3339, goTimeFromDate, goTimeToDate, isAtOrBefore, millisecondsUntil, parseRFC3339, timeQuote } from './rfc3339.js';

const err = (value: string): string => {
  try {
    parseRFC3339(value);
  } catch (e) {
    assert.instance(e, BootstrapTokenError);
    assert.is((e as BootstrapTokenError).code, 'TIME_INVALID');
    return (e as Error).message;
  }
  throw new Error(`${value} parsed`);
};
const at = (value: string): string => new Date(parseRFC3339(value).unixMs).toISOString();

test('what Go accepts: Z or ±hh:mm, fractions after . or , , a one-digit hour, leap days', () => {
  assert.is(at('2009-11-10T23:00:00Z'), '2009-11-10T23:00:00.000Z');
  assert.is(at('2009-11-10T23:00:00+02:00'), '2009-11-10T21:00:00.000Z');
  assert.is(at('2009-11-10T23:00:00-07:30'), '2009-11-11T06:30:00.000Z');
  assert.is(at('2009-11-10T23:00:00.123456789Z'), '2009-11-10T23:00:00.123Z');
  assert.equal(parseRFC3339('2009-11-10T23:00:00.123456789Z').nanos, 456789);
  assert.is(at('2009-11-10T23:00:00,5Z'), '2009-11-10T23:00:00.500Z');
  assert.is(at('2009-11-10T3:04:05Z'), '2009-11-10T03:04:05.000Z', 'the general parser reads "15" as one or two digits');
  assert.is(at('2024-02-29T00:00:00Z'), '2024-02-29T00:00:00.000Z');
  assert.is(at('0001-01-01T00:00:00Z'), '0001-01-01T00:00:00.000Z');
  assert.is(at('2109-11-10T23:00:00Z'), '2109-11-10T23:00:00.000Z');
  assert.is(at('2009-11-10T23:00:00+24:00'), '2009-11-09T23:00:00.000Z', 'offsets up to 24h are accepted');
  assert.equal(parseRFC3339('2009-11-10T23:00:00.0000000001Z').nanos, 0, 'digits past the ninth are dropped');
});

test('what Go refuses, with its ParseError text (JS Date.parse accepts several of these)', () => {
  const layout = '"2006-01-02T15:04:05Z07:00"';
  assert.is(err('2009-11-10'), `parsing time "2009-11-10" as ${layout}: cannot parse "" as "T"`);
  assert.is(err('invalid date'), `parsing time "invalid date" as ${layout}: cannot parse "invalid date" as "2006"`);
  assert.is(err('2009-11-10T23:00:00'), `parsing time "2009-11-10T23:00:00" as ${layout}: cannot parse "" as "Z07:00"`);
  assert.is(err('2009-11-10 23:00:00Z'), `parsing time "2009-11-10 23:00:00Z" as ${layout}: cannot parse " 23:00:00Z" as "T"`);
  assert.is(err('2009-11-10t23:00:00Z'), `parsing time "2009-11-10t23:00:00Z" as ${layout}: cannot parse "t23:00:00Z" as "T"`);
  assert.is(err('2009-11-10T23:00:00z'), `parsing time "2009-11-10T23:00:00z" as ${layout}: cannot parse "z" as "Z07:00"`);
  assert.is(err('2009-11-10T23:00:00Zjunk'), 'parsing time "2009-11-10T23:00:00Zjunk": extra text: "junk"');
  assert.is(err('2009-13-10T23:00:00Z'), 'parsing time "2009-13-10T23:00:00Z": month out of range');
  assert.is(err('2009-02-30T23:00:00Z'), 'parsing time "2009-02-30T23:00:00Z": day out of range');
  assert.is(err('2023-02-29T00:00:00Z'), 'parsing time "2023-02-29T00:00:00Z": day out of range');
  assert.is(err('2009-11-10T24:00:00Z'), 'parsing time "2009-11-10T24:00:00Z": hour out of range');
  assert.is(err('2009-11-10T23:60:00Z'), 'parsing time "2009-11-10T23:60:00Z": minute out of range');
  assert.is(err('2009-11-10T23:00:60Z'), 'parsing time "2009-11-10T23:00:60Z": second out of range');
  assert.is(err('2009-11-10T23:00:00+25:00'), 'parsing time "2009-11-10T23:00:00+25:00": time zone offset hour out of range');
  assert.is(err('2009-11-10T23:00:00+0200'), `parsing time "2009-11-10T23:00:00+0200" as ${layout}: cannot parse "+0200" as "Z07:00"`);
  assert.is(err('09-11-10T23:00:00Z'), `parsing time "09-11-10T23:00:00Z" as ${layout}: cannot parse "09-11-10T23:00:00Z" as "2006"`);
  assert.is(err('2009-1-10T23:00:00Z'), `parsing time "2009-1-10T23:00:00Z" as ${layout}: cannot parse "1-10T23:00:00Z" as "01"`);
  assert.is(err(''), `parsing time "" as ${layout}: cannot parse "" as "2006"`);
  assert.is(err('2009-11-10T23:00:00.Z'), `parsing time "2009-11-10T23:00:00.Z" as ${layout}: cannot parse ".Z" as "Z07:00"`);
});

test("time's quote: non-ASCII and control bytes as \\xNN", () => {
  assert.is(timeQuote('a"b\\c'), '"a\\"b\\\\c"');
  assert.is(timeQuote('é\n'), '"\\xc3\\xa9\\x0a"');
});

test('Format(time.RFC3339): whole seconds, the offset as written, Z for UTC, a Date in UTC', () => {
  assert.is(formatRFC3339(new Date('2024-01-02T03:04:05.678Z')), '2024-01-02T03:04:05Z');
  assert.is(formatRFC3339(parseRFC3339('2019-02-17T14:36:16+08:00')), '2019-02-17T14:36:16+08:00');
  assert.is(formatRFC3339(parseRFC3339('2019-02-17T14:36:16.999-03:30')), '2019-02-17T14:36:16-03:30');
  assert.is(formatRFC3339(parseRFC3339('2009-11-10T23:00:00+00:00')), '2009-11-10T23:00:00Z');
  assert.is(formatRFC3339(new Date(Date.UTC(1970, 0, 1, 1, 1, 1))), '1970-01-01T01:01:01Z');
  assert.is(formatRFC3339(parseRFC3339('0099-03-01T00:00:00Z')), '0099-03-01T00:00:00Z');
  const d = new Date('2024-01-02T03:04:05.678Z');
  assert.equal(goTimeToDate(goTimeFromDate(d)), d);
  assert.equal(goTimeToDate(parseRFC3339('2024-01-02T05:04:05.6789+02:00')), d);
});

test('Sub(now) <= 0 to the nanosecond: the expiration instant itself has passed', () => {
  const t = parseRFC3339('2030-01-01T00:00:00Z');
  const now = new Date('2030-01-01T00:00:00Z');
  assert.ok(isAtOrBefore(t, now));
  assert.not.ok(isAtOrBefore(t, new Date(now.getTime() - 1)));
  const later = parseRFC3339('2030-01-01T00:00:00.0000001Z');
  assert.not.ok(isAtOrBefore(later, now), '100ns later is not yet expired');
  assert.is(millisecondsUntil(t, new Date(now.getTime() - 1500)), 1500);
});

test.run();
