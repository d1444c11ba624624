// Ported from k8s.io/apimachinery/pkg/util/wait/backoff.go (kubernetes/kubernetes:
// staging/src/k8s.io/apimachinery/pkg/util/wait/backoff.go — Backoff.Step via delay(), and
// ExponentialBackoff / ExponentialBackoffWithContext) and wait.go (Jitter); the timeout text is
// wait.ErrWaitTimeout from pkg/util/wait/error.go. The cases below check the exact delays those
// functions produce, run on a VirtualClock.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Backoff, exponentialBackoff } from './backoff.js';
import type { BackoffParams } from './backoff.js';
import { isTlsbootError } from './errors.js';
import { RandomBase } from './random.js';
import type { Random } from './random.js';
import { SeededRandom } from './seeded-random.js';
import { VirtualClock } from './virtual-clock.js';

/** A Random whose float() is always `f`, so jitter is known: d + f*factor*d. */
class FixedFloat extends RandomBase {
  constructor(private readonly f: number) {
    super();
  }
  float(): number {
    return this.f;
  }
  bytes(n: number): Uint8Array {
    return new Uint8Array(n);
  }
  protected below(): number {
    return 0;
  }
}
const noJitter = new FixedFloat(0.99); // any jitter it adds would show

function steps(b: Backoff, n: number, random: Random = noJitter): number[] {
  return Array.from({ length: n }, () => b.step(random));
}

test('step: each step sleeps the current duration and multiplies it by factor', () => {
  const b = new Backoff({ durationMs: 10, factor: 2, jitter: 0, steps: 5 });
  assert.equal(steps(b, 5), [10, 20, 40, 80, 160]);
  assert.is(b.steps, 0);
  assert.is(b.durationMs, 320);
  assert.equal(steps(b, 3), [320, 320, 320], 'steps used up: the duration stays put');
  assert.is(b.steps, 0);
});

test('step: a duration past the cap is held at the cap and ends the steps', () => {
  const b = new Backoff({ durationMs: 10, factor: 3, jitter: 0, steps: 10, capMs: 50 });
  assert.equal(steps(b, 2), [10, 30]);
  assert.is(b.steps, 0, 'hitting the cap sets steps to 0');
  assert.is(b.durationMs, 50);
  assert.equal(steps(b, 2), [50, 50]);
});

test('step: a duration exactly at the cap does not end the steps', () => {
  const b = new Backoff({ durationMs: 25, factor: 2, jitter: 0, steps: 3, capMs: 50 });
  assert.equal(steps(b, 1), [25]);
  assert.is(b.steps, 2);
  assert.is(b.durationMs, 50);
});

test('step: a factor of 0 keeps the duration but still counts steps', () => {
  const b = new Backoff({ durationMs: 7, factor: 0, jitter: 0, steps: 3 });
  assert.equal(steps(b, 4), [7, 7, 7, 7]);
  assert.is(b.steps, 0);
});

test('step: jitter is added to this step only and never feeds the next duration', () => {
  const b = new Backoff({ durationMs: 100, factor: 2, jitter: 0.1, steps: 3 });
  const half = new FixedFloat(0.5);
  assert.equal(steps(b, 3, half), [105, 210, 420]);
  assert.is(b.durationMs, 800);
  assert.equal(steps(b, 1, half), [840], 'steps used up: still jittered');
  assert.is(b.durationMs, 800);
});

test('step: with no steps and no jitter the duration comes back unjittered', () => {
  // Jitter() alone would treat a factor of 0 as 1; delay() only calls it when jitter > 0.
  const b = new Backoff({ durationMs: 100, factor: 2, jitter: 0, steps: 0 });
  assert.equal(steps(b, 2, new FixedFloat(0.5)), [100, 100]);
  const negative = new Backoff({ durationMs: 100, factor: 2, jitter: 0, steps: -4 });
  assert.equal(steps(negative, 1), [100]);
  assert.is(negative.steps, -4, 'a negative steps is left alone');
});

test('step: seeded jitter is reproducible and equals wait.Jitter over the same draws', () => {
  const params: BackoffParams = { durationMs: 1000, factor: 1.5, jitter: 0.2, steps: 4 };
  const a = steps(new Backoff(params), 4, new SeededRandom('backoff'));
  const b = steps(new Backoff(params), 4, new SeededRandom('backoff'));
  assert.equal(a, b);
  const draws = new SeededRandom('backoff');
  const expected = [1000, 1500, 2250, 3375].map((d) => d + draws.float() * 0.2 * d);
  assert.equal(a, expected);
});

/** Runs exponentialBackoff on a fresh VirtualClock; records when the condition was checked. */
async function run(
  params: BackoffParams,
  answer: (call: number) => boolean | Promise<boolean> = () => false,
  random: Random = noJitter,
): Promise<{ checks: number[]; outcome: unknown; endMs: number; pending: number }> {
  const clock = new VirtualClock({ start: 0 });
  const checks: number[] = [];
  const waiting = exponentialBackoff(
    clock,
    params,
    () => {
      checks.push(clock.nowMs());
      return answer(checks.length);
    },
    { random },
  ).then(
    () => 'ok',
    (err: unknown) => err,
  );
  await clock.runAll();
  return { checks, outcome: await waiting, endMs: clock.nowMs(), pending: clock.pendingTimers };
}

test('exponentialBackoff checks `steps` times, sleeping 10, 20, 40, 80 ms, then times out', async () => {
  const r = await run({ durationMs: 10, factor: 2, jitter: 0, steps: 5 });
  assert.equal(r.checks, [0, 10, 30, 70, 150]);
  assert.ok(isTlsbootError(r.outcome, 'WAIT_TIMEOUT'));
  assert.is((r.outcome as Error).message, 'timed out waiting for the condition');
  assert.is(r.endMs, 150, 'no sleep after the last check');
  assert.is(r.pending, 0);
});

test('exponentialBackoff returns as soon as the condition holds', async () => {
  const r = await run({ durationMs: 10, factor: 2, jitter: 0, steps: 5 }, (call) => call === 3);
  assert.equal(r.checks, [0, 10, 30]);
  assert.is(r.outcome, 'ok');
});

test('exponentialBackoff takes async conditions', async () => {
  const r = await run({ durationMs: 5, factor: 1, jitter: 0, steps: 4 }, async (call) => {
    await Promise.resolve();
    return call === 4;
  });
  assert.equal(r.checks, [0, 5, 10, 15]);
  assert.is(r.outcome, 'ok');
});

test('exponentialBackoff stops after the sleep the cap cut short, without another check', async () => {
  const r = await run({ durationMs: 10, factor: 2, jitter: 0, steps: 10, capMs: 25 });
  // Check at 0, sleep 10 (next 20); check at 10, sleep 20 (next 40 > 25: cap, steps 0); done.
  assert.equal(r.checks, [0, 10]);
  assert.ok(isTlsbootError(r.outcome, 'WAIT_TIMEOUT'));
  assert.is(r.endMs, 30);
});

test('exponentialBackoff with steps 0 or 1', async () => {
  const none = await run({ durationMs: 10, factor: 2, jitter: 0, steps: 0 });
  assert.equal(none.checks, [], 'no steps: never checks');
  assert.ok(isTlsbootError(none.outcome, 'WAIT_TIMEOUT'));
  const one = await run({ durationMs: 10, factor: 2, jitter: 0, steps: 1 });
  assert.equal(one.checks, [0], 'one step: one check, no sleep');
  assert.is(one.endMs, 0);
});

test('exponentialBackoff sleeps the jittered delays', async () => {
  const r = await run({ durationMs: 100, factor: 2, jitter: 0.5, steps: 4 }, () => false, new FixedFloat(0.5));
  // Sleeps 125, 250, 500.
  assert.equal(r.checks, [0, 125, 375, 875]);
});

test('exponentialBackoff passes on what the condition throws, and stops', async () => {
  const boom = new Error('apiserver unreachable');
  const r = await run({ durationMs: 10, factor: 2, jitter: 0, steps: 5 }, (call) => {
    if (call === 2) throw boom;
    return false;
  });
  assert.is(r.outcome, boom);
  assert.equal(r.checks, [0, 10]);
  assert.is(r.pending, 0);
});

test('exponentialBackoff does not change the params it was given', async () => {
  const params: BackoffParams = { durationMs: 10, factor: 2, jitter: 0, steps: 3 };
  await run(params);
  assert.equal(params, { durationMs: 10, factor: 2, jitter: 0, steps: 3 });
});

test('exponentialBackoff rejects with the abort reason mid-sleep and leaves no timer', async () => {
  const clock = new VirtualClock({ start: 0 });
  const controller = new AbortController();
  let checks = 0;
  const waiting = exponentialBackoff(clock, { durationMs: 1000, factor: 2, jitter: 0, steps: 5 }, () => (checks++, false), {
    random: noJitter,
    signal: controller.signal,
  }).then(
    () => 'ok',
    (err: unknown) => err,
  );
  await clock.advance(1500); // checks at 0 and 1000, now sleeping until 3000
  assert.is(checks, 2);
  const reason = new Error('shutting down');
  controller.abort(reason);
  assert.is(await waiting, reason);
  assert.is(clock.pendingTimers, 0);
});

test('exponentialBackoff with an aborted signal never checks', async () => {
  let checked = false;
  const reason = new Error('cancelled');
  const outcome = await exponentialBackoff(new VirtualClock(), { durationMs: 1, factor: 1, jitter: 0, steps: 3 }, () => (checked = true), {
    random: noJitter,
    signal: AbortSignal.abort(reason),
  }).then(
    () => 'ok',
    (err: unknown) => err,
  );
  assert.is(outcome, reason);
  assert.is(checked, false);
});

test.run();
