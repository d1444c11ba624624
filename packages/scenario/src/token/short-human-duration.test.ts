// TestShortHumanDurationBoundaries (staging/src/k8s.io/apimachinery/pkg/util/duration/duration_test.go).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { shortHumanDuration } from './short-human-duration.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const ns = 1e-6;

test('duration_test.go TestShortHumanDurationBoundaries: the 19 upstream cases', () => {
  const cases: [number, string][] = [
    [-2 * s, '<invalid>'],
    [-2 * s + ns, '0s'],
    [0, '0s'],
    [s - 1, '0s'],
    [s, '1s'],
    [2 * s - 1, '1s'],
    [m - 1, '59s'],
    [m, '1m'],
    [2 * m - 1, '1m'],
    [h - 1, '59m'],
    [h, '1h'],
    [2 * h - 1, '1h'],
    [24 * h - 1, '23h'],
    [24 * h, '1d'],
    [2 * 24 * h - 1, '1d'],
    [365 * 24 * h - 1, '364d'],
    [365 * 24 * h, '1y'],
    [2 * 365 * 24 * h - 1, '1y'],
    [2 * 365 * 24 * h, '2y'],
  ];
  for (const [d, want] of cases) assert.is(shortHumanDuration(d), want, String(d));
});

test.run();
