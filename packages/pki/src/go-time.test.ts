import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatGoTime, formatRFC3339 } from './go-time.js';

test('formatGoTime is Go\'s time.Time %v for a UTC time', () => {
  assert.is(formatGoTime(new Date('2026-01-01T00:00:00Z')), '2026-01-01 00:00:00 +0000 UTC');
  assert.is(formatGoTime(new Date('2035-12-30T23:59:59Z')), '2035-12-30 23:59:59 +0000 UTC');
});

test('formatGoTime prints fractional seconds without trailing zeros, as Go does', () => {
  assert.is(formatGoTime(new Date('2026-01-01T00:00:00.500Z')), '2026-01-01 00:00:00.5 +0000 UTC');
  assert.is(formatGoTime(new Date('2026-01-01T00:00:00.120Z')), '2026-01-01 00:00:00.12 +0000 UTC');
  assert.is(formatGoTime(new Date('2026-01-01T00:00:00.007Z')), '2026-01-01 00:00:00.007 +0000 UTC');
});

test('formatRFC3339 is time.RFC3339 in UTC: no fraction, Z suffix', () => {
  assert.is(formatRFC3339(new Date('2026-01-01T00:00:00Z')), '2026-01-01T00:00:00Z');
  assert.is(formatRFC3339(new Date('2026-06-15T12:34:56.789Z')), '2026-06-15T12:34:56Z');
});

test('a time given with another offset is printed in UTC', () => {
  const d = new Date('2026-01-01T08:00:00+08:00');
  assert.is(formatGoTime(d), '2026-01-01 00:00:00 +0000 UTC');
  assert.is(formatRFC3339(d), '2026-01-01T00:00:00Z');
});

test.run();
