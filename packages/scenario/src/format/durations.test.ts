// Scenario durations: Go's time.ParseDuration (src/time/format.go, via @tlsboot/util) plus `d`.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseScenarioDuration } from './durations.js';

test('Go syntax, as time.ParseDuration', () => {
  assert.is(parseScenarioDuration('300ms'), 300);
  assert.is(parseScenarioDuration('1.5h'), 5_400_000);
  assert.is(parseScenarioDuration('2h45m'), 9_900_000);
  assert.is(parseScenarioDuration('8760h'), 31_536_000_000);
  assert.is(parseScenarioDuration('0'), 0);
});

test('d is 24h, alone or with other units', () => {
  assert.is(parseScenarioDuration('365d'), 365 * 86_400_000);
  assert.is(parseScenarioDuration('1d12h'), 36 * 3_600_000);
  assert.is(parseScenarioDuration('0.5d'), 12 * 3_600_000);
});

test('anything else throws DURATION_INVALID', () => {
  assert.throws(() => parseScenarioDuration('10 minutes'), /invalid duration/);
  assert.throws(() => parseScenarioDuration('10'), /missing unit/);
});

test('d cannot pass Go\'s bound either (found by fuzzing, issue 9): 106751d holds, 106752d (2562048h) overflows', () => {
  assert.is(parseScenarioDuration('106751d'), 106_751 * 86_400_000);
  assert.throws(() => parseScenarioDuration('106752d'), /invalid duration "106752d" \(overflows the largest duration Go can hold, about 2562047h\)/);
  assert.throws(() => parseScenarioDuration('106751d24h'), /overflows/);
});

test.run();
