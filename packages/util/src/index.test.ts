// The public surface, exercised the way the README shows it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as util from './index.js';
import { exponentialBackoff, Minute, SeededRandom, Second, VirtualClock } from './index.js';

test('the README example: four checks, about 70 s of simulated time', async () => {
  const clock = new VirtualClock();
  const random = new SeededRandom('demo').fork('kubelet');
  let attempts = 0;
  const waiting = exponentialBackoff(
    clock,
    { durationMs: 10 * Second, factor: 2, jitter: 0.1, steps: 6, capMs: 5 * Minute },
    () => ++attempts === 4,
    { random },
  );
  await clock.runAll();
  await waiting;
  assert.is(attempts, 4);
  // Sleeps of 10 s, 20 s and 40 s, each jittered by up to 10 %.
  const elapsed = clock.nowMs() - Date.UTC(2024, 0, 1);
  assert.ok(elapsed >= 70 * Second && elapsed < 77 * Second, `${elapsed} ms`);
});

test('index exports the whole public surface, and nothing internal', () => {
  const values = Object.keys(util).sort();
  assert.equal(values, [
    'ActivityTracker',
    'Backoff',
    'Hour',
    'Millisecond',
    'Minute',
    'RandomBase',
    'RealClock',
    'Second',
    'SeededRandom',
    'TlsbootError',
    'VirtualClock',
    'activity',
    'defaultVirtualClockStart',
    'errorMessage',
    'exponentialBackoff',
    'fnv1a32',
    'formatDuration',
    'isTlsbootError',
    'kubernetesRandAlphabet',
    'maxHostTimerDelayMs',
    'median',
    'parseDuration',
    'quantile',
    'realClock',
    'setCheckTimer',
    'systemRandom',
  ]);
});

test.run();
