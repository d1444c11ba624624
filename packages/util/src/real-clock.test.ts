import { spawnSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { maxHostTimerDelayMs, RealClock, realClock } from './real-clock.js';
import type { RealClockHost } from './real-clock.js';

/** A host that records the timeouts asked of it and fires them on request. */
function fakeHost(): RealClockHost & { armed: Array<{ id: number; delayMs: number; fire(): void }>; cleared: number[] } {
  let nextId = 1;
  const armed: Array<{ id: number; delayMs: number; fire(): void }> = [];
  const cleared: number[] = [];
  return {
    armed,
    cleared,
    now: () => 1_700_000_000_000,
    setTimeout: (callback, delayMs) => {
      const id = nextId++;
      armed.push({ id, delayMs, fire: callback });
      return id;
    },
    clearTimeout: (handle) => cleared.push(handle as number),
  };
}

test('realClock reads the wall clock', () => {
  const before = Date.now();
  const now = realClock.nowMs();
  assert.ok(now >= before && now <= Date.now());
  assert.instance(realClock, RealClock);
});

test('a RealClock reads its host', () => {
  const clock = new RealClock(fakeHost());
  assert.is(clock.nowMs(), 1_700_000_000_000);
  assert.is(clock.now().toISOString(), '2023-11-14T22:13:20.000Z');
});

test('delays beyond what a Node timer holds are chained, and fire once at the end', () => {
  const host = fakeHost();
  const clock = new RealClock(host);
  let fired = 0;
  const year = 365 * 24 * 3600 * 1000;
  clock.setTimer(year, () => fired++);
  const delays: number[] = [];
  while (host.armed.length > 0) {
    const t = host.armed.shift()!;
    delays.push(t.delayMs);
    assert.is(fired, 0, 'not before the last link');
    t.fire();
  }
  assert.is(fired, 1);
  assert.ok(delays.every((d) => d <= maxHostTimerDelayMs && d > 0));
  assert.is(delays.length, Math.ceil(year / maxHostTimerDelayMs));
  assert.is(delays.reduce((a, b) => a + b, 0), year);
});

test('cancelling a chained timer clears the link that is armed now', () => {
  const host = fakeHost();
  const clock = new RealClock(host);
  let fired = false;
  const timer = clock.setTimer(2 * maxHostTimerDelayMs + 5, () => (fired = true));
  host.armed.shift()!.fire();
  const second = host.armed[0]!;
  timer.cancel();
  timer.cancel();
  assert.equal(host.cleared, [second.id], 'cleared once, the live link');
  second.fire(); // a host that fires anyway must not reach the callback
  assert.is(fired, false);
  assert.is(host.armed.length, 1, 'nothing re-armed after cancel');
});

test('negative and NaN delays ask the host for 0 ms', () => {
  const host = fakeHost();
  const clock = new RealClock(host);
  clock.setTimer(-5, () => {});
  clock.setTimer(Number.NaN, () => {});
  assert.equal(host.armed.map((t) => t.delayMs), [0, 0]);
});

test('a pending realClock timer keeps the process alive (timers are not unref\'d)', () => {
  // A child process whose only work is one timer: it prints only if the timer holds it open.
  const moduleUrl = new URL('./real-clock.ts', import.meta.url).href;
  const script = `import { realClock } from ${JSON.stringify(moduleUrl)}; realClock.setTimer(30, () => console.log('fired'));`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  assert.is(child.stderr, '');
  assert.is(child.stdout.trim(), 'fired');
});

test.run();
