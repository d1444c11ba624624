import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ageSince, humanDuration } from './human-duration.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

// Cases of TestHumanDuration in k8s.io/apimachinery/pkg/util/duration/duration_test.go.
test('duration_test: HumanDuration', () => {
  const cases: [number, string][] = [
    [-2 * s, '<invalid>'],
    [-1 * s, '0s'],
    [0, '0s'],
    [1 * s, '1s'],
    [119 * s, '119s'],
    [2 * m, '2m'],
    [2 * m + 1 * s, '2m1s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m, '10m'],
    [3 * h - 1 * s, '179m'],
    [3 * h, '3h'],
    [3 * h + 1 * m, '3h1m'],
    [8 * h - 1 * s, '7h59m'],
    [8 * h, '8h'],
    [48 * h - 1 * s, '47h'],
    [48 * h, '2d'],
    [48 * h + 1 * h, '2d1h'],
    [8 * d - 1 * s, '7d23h'],
    [8 * d, '8d'],
    [2 * 365 * d - 1 * s, '729d'],
    [2 * 365 * d, '2y'],
    [2 * 365 * d + 1 * d, '2y1d'],
    [8 * 365 * d, '8y'],
  ];
  for (const [ms, want] of cases) assert.is(humanDuration(ms), want, String(ms));
});

test('ageSince: <unknown> without a timestamp', () => {
  const now = new Date('2024-01-01T01:00:00Z');
  assert.is(ageSince('2024-01-01T00:55:00Z', now), '5m');
  assert.is(ageSince(null, now), '<unknown>');
  assert.is(ageSince('garbage', now), '<unknown>');
});

test.run();
