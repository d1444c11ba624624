// The Clock contract (clock.ts), run against every implementation: the wall clock with short
// real delays, and the virtual clock moved by hand.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Clock } from './clock.js';
import { RealClock } from './real-clock.js';
import { VirtualClock } from './virtual-clock.js';

interface Subject {
  name: string;
  clock: Clock;
  /** Lets `ms` of this clock's time pass. */
  pass(ms: number): Promise<void>;
}

const real = (): Subject => ({
  name: 'RealClock',
  clock: new RealClock(),
  pass: (ms) => new Promise((resolve) => setTimeout(resolve, ms + 15)),
});
const virtual = (): Subject => {
  const clock = new VirtualClock();
  return { name: 'VirtualClock', clock, pass: async (ms) => void (await clock.advance(ms)) };
};

for (const make of [real, virtual]) {
  const { name } = make();

  test(`${name}: now() and nowMs() read the same instant`, () => {
    const { clock } = make();
    const before = clock.nowMs();
    const date = clock.now();
    const after = clock.nowMs();
    assert.instance(date, Date);
    assert.ok(date.getTime() >= before && date.getTime() <= after);
  });

  test(`${name}: a timer fires once after its delay, not before`, async () => {
    const s = make();
    let fired = 0;
    const start = s.clock.nowMs();
    let firedAt = 0;
    s.clock.setTimer(20, () => {
      fired++;
      firedAt = s.clock.nowMs();
    });
    assert.is(fired, 0, 'never synchronously');
    await s.pass(30);
    assert.is(fired, 1);
    assert.ok(firedAt - start >= 19, `fired after ${firedAt - start} ms`);
    await s.pass(30);
    assert.is(fired, 1, 'only once');
  });

  test(`${name}: timers due together fire in the order they were set; negative and NaN mean 0`, async () => {
    const s = make();
    const order: string[] = [];
    s.clock.setTimer(5, () => order.push('a'));
    s.clock.setTimer(5, () => order.push('b'));
    s.clock.setTimer(-10, () => order.push('negative'));
    s.clock.setTimer(Number.NaN, () => order.push('nan'));
    s.clock.setTimer(1, () => order.push('one'));
    await s.pass(10);
    assert.equal(order, ['negative', 'nan', 'one', 'a', 'b']);
  });

  test(`${name}: a cancelled timer never fires, and cancel can be repeated`, async () => {
    const s = make();
    let fired = false;
    const timer = s.clock.setTimer(5, () => (fired = true));
    timer.cancel();
    timer.cancel();
    await s.pass(10);
    assert.is(fired, false);
  });

  test(`${name}: sleep resolves after its delay`, async () => {
    const s = make();
    const start = s.clock.nowMs();
    let done = false;
    const sleeping = s.clock.sleep(40).then(() => (done = true));
    await s.pass(1);
    assert.is(done, false);
    await s.pass(40);
    await sleeping;
    assert.is(done, true);
    assert.ok(s.clock.nowMs() - start >= 39);
  });

  test(`${name}: sleep rejects with the abort reason and leaves no timer behind`, async () => {
    const s = make();
    const controller = new AbortController();
    const reason = new Error('stop');
    const sleeping = s.clock.sleep(1000, controller.signal).then(
      () => 'resolved',
      (err: unknown) => err,
    );
    controller.abort(reason);
    assert.is(await sleeping, reason);
    if (s.clock instanceof VirtualClock) assert.is(s.clock.pendingTimers, 0);
  });

  test(`${name}: sleep with an already-aborted signal rejects at once`, async () => {
    const s = make();
    const reason = new Error('already');
    const outcome = await s.clock.sleep(1000, AbortSignal.abort(reason)).then(
      () => 'resolved',
      (err: unknown) => err,
    );
    assert.is(outcome, reason);
    if (s.clock instanceof VirtualClock) assert.is(s.clock.pendingTimers, 0);
  });

  test(`${name}: a sleep that finishes stops listening to its signal`, async () => {
    const s = make();
    const controller = new AbortController();
    const sleeping = s.clock.sleep(5, controller.signal);
    await s.pass(10);
    await sleeping;
    // Aborting afterwards must not throw or reject anything.
    controller.abort(new Error('late'));
  });
}

test.run();
