import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ActivityTracker, activity } from './activity.js';

test('begin/end count work in progress; ending twice counts once; generation moves on both', () => {
  const a = new ActivityTracker();
  assert.is(a.busy, 0);
  const g0 = a.generation;
  const end1 = a.begin();
  const end2 = a.begin();
  assert.is(a.busy, 2);
  end1();
  end1();
  assert.is(a.busy, 1);
  end2();
  assert.is(a.busy, 0);
  assert.is(a.generation, g0 + 4);
});

test('track marks a promise until it settles, fulfilled or rejected, and returns it', async () => {
  const a = new ActivityTracker();
  let resolve!: (v: number) => void;
  const p = a.track(new Promise<number>((r) => (resolve = r)));
  const failing = a.track(Promise.reject(new Error('boom')));
  assert.is(a.busy, 2);
  await failing.catch(() => undefined);
  assert.is(a.busy, 1);
  resolve(7);
  assert.is(await p, 7);
  assert.is(a.busy, 0);
});

test('whenIdle resolves at once when idle, else when the count drops to zero (not before)', async () => {
  const a = new ActivityTracker();
  await a.whenIdle();
  const end1 = a.begin();
  const end2 = a.begin();
  let woke = false;
  const waiting = a.whenIdle().then(() => (woke = true));
  end1();
  await new Promise((r) => setImmediate(r));
  assert.is(woke, false);
  end2();
  await waiting;
  assert.is(woke, true);
});

test('the process tracker is a single shared instance', () => {
  assert.ok(activity instanceof ActivityTracker);
});

test.run();
