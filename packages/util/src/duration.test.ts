import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatDuration, Hour, Minute, parseDuration, Second } from './duration.js';
import { isTlsbootError } from './errors.js';

// Cases from Go's src/time/time_test.go parseDurationTests.
const valid: Array<[string, number]> = [
  ['0', 0],
  ['5s', 5 * Second],
  ['30s', 30 * Second],
  ['1478s', 1478 * Second],
  ['-5s', -5 * Second],
  ['+5s', 5 * Second],
  ['-0', 0],
  ['+0', 0],
  ['5.0s', 5 * Second],
  ['5.6s', 5.6 * Second],
  ['5.s', 5 * Second],
  ['.5s', 0.5 * Second],
  ['1.0s', Second],
  ['1.00s', Second],
  ['1.004s', 1.004 * Second],
  ['100.00100s', 100.001 * Second],
  ['10ns', 10e-6],
  ['11us', 11e-3],
  ['12µs', 12e-3],
  ['12μs', 12e-3],
  ['13ms', 13],
  ['14s', 14 * Second],
  ['15m', 15 * Minute],
  ['16h', 16 * Hour],
  ['3h30m', 3.5 * Hour],
  ['10.5s4m', 4 * Minute + 10.5 * Second],
  ['-2m3.4s', -(2 * Minute + 3.4 * Second)],
  ['1h2m3s4ms5us6ns', Hour + 2 * Minute + 3 * Second + 4 + 5e-3 + 6e-6],
  ['39h9m14.425s', 39 * Hour + 9 * Minute + 14.425 * Second],
  ['8760h', 8760 * Hour],
];

for (const [text, ms] of valid) {
  test(`parseDuration("${text}")`, () => {
    assert.ok(Math.abs(parseDuration(text) - ms) < 1e-9, `${parseDuration(text)} != ${ms}`);
  });
}

for (const text of ['', '3', '-', 's', '.', '-.', '.s', '+.s', '1d', '1.5y', '5 s', 'abc', '1h-5m', '3000000h']) {
  test(`parseDuration("${text}") is invalid`, () => {
    try {
      parseDuration(text, 'ca-config.json: signing.default.expiry');
      assert.unreachable('should throw');
    } catch (err) {
      assert.ok(isTlsbootError(err, 'DURATION_INVALID'));
      assert.match((err as Error).message, `ca-config.json: signing.default.expiry: time: invalid duration "${text}"`);
    }
  });
}

test('formatDuration prints as Go does', () => {
  assert.is(formatDuration(8760 * Hour), '8760h0m0s');
  assert.is(formatDuration(90 * Second), '1m30s');
  assert.is(formatDuration(1.5 * Second), '1.5s');
  assert.is(formatDuration(250), '250ms');
  assert.is(formatDuration(0), '0s');
  assert.is(formatDuration(-5 * Minute), '-5m0s');
  assert.is(formatDuration(0.5), '500µs');
  assert.is(formatDuration(2e-6), '2ns');
});

test.run();
