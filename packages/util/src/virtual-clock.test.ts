import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isTlsbootError } from './errors.js';
import { setCheckTimer } from './clock.js';
import { defaultVirtualClockStart, VirtualClock } from './virtual-clock.js';

const T0 = Date.UTC(2024, 0, 1);

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => assert.unreachable('should reject'),
    (err: unknown) => err,
  );
}

test('starts at 2024-01-01T00:00:00Z unless told otherwise', () => {
  assert.is(new VirtualClock().now().toISOString(), '2024-01-01T00:00:00.000Z');
  assert.is(defaultVirtualClockStart, T0);
  assert.is(new VirtualClock({ start: new Date('2030-06-01T12:00:00Z') }).nowMs(), Date.UTC(2030, 5, 1, 12));
  assert.is(new VirtualClock({ start: 0 }).nowMs(), 0);
});

test('an invalid start is CLOCK_INVALID', () => {
  try {
    new VirtualClock({ start: new Date('not a date') });
    assert.unreachable('should throw');
  } catch (err) {
    assert.ok(isTlsbootError(err, 'CLOCK_INVALID'));
    assert.match((err as Error).message, 'VirtualClock start: Invalid Date is not a valid instant');
  }
});

test('time stands still until moved', async () => {
  const clock = new VirtualClock();
  await new Promise((r) => setTimeout(r, 5));
  assert.is(clock.nowMs(), T0);
});

test('advance fires due timers in time order, each at its own due time, and ends at start+ms', async () => {
  const clock = new VirtualClock();
  const seen: Array<[string, number]> = [];
  clock.setTimer(300, () => seen.push(['c', clock.nowMs() - T0]));
  clock.setTimer(100, () => seen.push(['a', clock.nowMs() - T0]));
  clock.setTimer(200, () => seen.push(['b', clock.nowMs() - T0]));
  clock.setTimer(1000, () => seen.push(['late', clock.nowMs() - T0]));
  assert.is(clock.pendingTimers, 4);
  assert.is(clock.nextDueMs, T0 + 100);
  assert.is(await clock.advance(500), 3);
  assert.equal(seen, [['a', 100], ['b', 200], ['c', 300]]);
  assert.is(clock.nowMs(), T0 + 500);
  assert.is(clock.pendingTimers, 1);
  assert.is(clock.nextDueMs, T0 + 1000);
  assert.is(await clock.advance(500), 1, 'a timer due exactly at the end of the window fires');
  assert.equal(seen.at(-1), ['late', 1000]);
  assert.is(clock.nextDueMs, undefined);
});

test('promise continuations run between fires, and timers they set fire in the same window', async () => {
  const clock = new VirtualClock();
  const log: string[] = [];
  const worker = async (): Promise<void> => {
    for (let i = 0; i < 3; i++) {
      await clock.sleep(10);
      await Promise.resolve(); // a second hop of microtasks
      log.push(`worker ${clock.nowMs() - T0}`);
    }
  };
  const done = worker();
  clock.setTimer(15, () => log.push(`timer ${clock.nowMs() - T0}`));
  assert.is(await clock.advance(25), 3);
  assert.equal(log, ['worker 10', 'timer 15', 'worker 20']);
  await clock.advance(100);
  await done;
  assert.equal(log, ['worker 10', 'timer 15', 'worker 20', 'worker 30']);
  assert.is(clock.nowMs(), T0 + 125);
});

test('advance waits for timers set by promise work started just before it', async () => {
  const clock = new VirtualClock();
  let woke = false;
  void (async () => {
    await Promise.resolve();
    await clock.sleep(5);
    woke = true;
  })();
  await clock.advance(5);
  assert.is(woke, true);
});

test('a callback can cancel a later timer in the same pass, and cancelling itself is harmless', async () => {
  const clock = new VirtualClock();
  const fired: string[] = [];
  const victim = clock.setTimer(20, () => fired.push('victim'));
  const self = clock.setTimer(10, () => {
    fired.push('killer');
    victim.cancel();
    self.cancel();
  });
  assert.is(clock.pendingTimers, 2);
  assert.is(await clock.advance(50), 1);
  assert.equal(fired, ['killer']);
  assert.is(clock.pendingTimers, 0);
});

test('a cancelled earliest timer does not show in nextDueMs', () => {
  const clock = new VirtualClock();
  const first = clock.setTimer(10, () => {});
  clock.setTimer(20, () => {});
  first.cancel();
  assert.is(clock.pendingTimers, 1);
  assert.is(clock.nextDueMs, T0 + 20);
});

test('runDue fires what is due now, including zero-delay timers set by those callbacks', async () => {
  const clock = new VirtualClock();
  const log: string[] = [];
  clock.setTimer(0, () => {
    log.push('first');
    clock.setTimer(0, () => log.push('chained'));
  });
  clock.setTimer(1, () => log.push('later'));
  assert.is(await clock.runDue(), 2);
  assert.equal(log, ['first', 'chained']);
  assert.is(clock.nowMs(), T0);
  assert.is(clock.pendingTimers, 1);
});

test('runAll jumps from timer to timer and stops at the last one', async () => {
  const clock = new VirtualClock();
  const times: number[] = [];
  const tick = (n: number): void => {
    times.push(clock.nowMs() - T0);
    if (n > 0) clock.setTimer(1000, () => tick(n - 1));
  };
  clock.setTimer(1000, () => tick(4));
  assert.is(await clock.runAll(), 5);
  assert.equal(times, [1000, 2000, 3000, 4000, 5000]);
  assert.is(clock.nowMs(), T0 + 5000);
  assert.is(await clock.runAll(), 0, 'nothing left');
});

test('runAll throws CLOCK_RUNAWAY when more than maxTimers would fire', async () => {
  const clock = new VirtualClock();
  let fired = 0;
  const forever = (): void => {
    fired++;
    clock.setTimer(1, forever);
  };
  clock.setTimer(1, forever);
  const err = await rejection(clock.runAll({ maxTimers: 50 }));
  assert.ok(isTlsbootError(err, 'CLOCK_RUNAWAY'));
  assert.match((err as Error).message, 'more than 50 timers fired');
  assert.is(fired, 50);
  // The clock is usable again afterwards.
  assert.is(await clock.advance(3), 3);
});

test('CLOCK_RUNAWAY carries the callback errors seen before it as its cause', async () => {
  const clock = new VirtualClock();
  const boom = new Error('boom');
  const forever = (): void => {
    clock.setTimer(1, forever);
    throw boom;
  };
  clock.setTimer(1, forever);
  const err = await rejection(clock.runAll({ maxTimers: 3 }));
  assert.ok(isTlsbootError(err, 'CLOCK_RUNAWAY'));
  assert.instance((err as Error).cause, AggregateError);
  assert.equal(((err as Error).cause as AggregateError).errors, [boom, boom, boom]);
});

test('a timer with an infinite delay never fires but stays pending', async () => {
  const clock = new VirtualClock();
  const timer = clock.setTimer(Infinity, () => assert.unreachable('fired'));
  assert.is(await clock.runAll(), 0);
  assert.is(await clock.advance(1e12), 0);
  assert.is(clock.pendingTimers, 1);
  assert.is(clock.nextDueMs, undefined);
  timer.cancel();
  assert.is(clock.pendingTimers, 0);
});

test('a throwing callback does not stop the pass; its error is rethrown after', async () => {
  const clock = new VirtualClock();
  const boom = new Error('boom');
  const fired: number[] = [];
  clock.setTimer(1, () => {
    throw boom;
  });
  clock.setTimer(2, () => fired.push(2));
  assert.is(await rejection(clock.advance(10)), boom);
  assert.equal(fired, [2]);
  assert.is(clock.nowMs(), T0 + 10, 'the clock still reached the end of the window');
  assert.is(await clock.advance(1), 0, 'and is usable afterwards');
});

test('several throwing callbacks are rethrown together as an AggregateError', async () => {
  const clock = new VirtualClock();
  const a = new Error('a');
  const b = new Error('b');
  clock.setTimer(1, () => {
    throw a;
  });
  clock.setTimer(2, () => {
    throw b;
  });
  const err = await rejection(clock.runAll());
  assert.instance(err, AggregateError);
  assert.equal((err as AggregateError).errors, [a, b]);
  assert.match((err as Error).message, '2 timer callbacks threw');
});

test('negative, NaN or infinite advance is CLOCK_INVALID and moves nothing', async () => {
  const clock = new VirtualClock();
  for (const ms of [-1, Number.NaN, Infinity]) {
    const err = await rejection(clock.advance(ms));
    assert.ok(isTlsbootError(err, 'CLOCK_INVALID'), String(ms));
    assert.match((err as Error).message, `cannot advance by ${ms} ms`);
  }
  assert.is(clock.nowMs(), T0);
});

test('set forward fires like advance; set backward fires nothing and keeps absolute due times', async () => {
  const clock = new VirtualClock();
  const fired: number[] = [];
  clock.setTimer(1000, () => fired.push(clock.nowMs() - T0));
  clock.setTimer(5000, () => fired.push(clock.nowMs() - T0));
  assert.is(await clock.set(new Date(T0 + 2000)), 1);
  assert.equal(fired, [1000]);
  assert.is(clock.nowMs(), T0 + 2000);
  assert.is(await clock.set(T0 - 1000), 0);
  assert.is(clock.nowMs(), T0 - 1000);
  assert.equal(fired, [1000]);
  assert.is(clock.nextDueMs, T0 + 5000);
  await clock.advance(5999);
  assert.equal(fired, [1000]);
  await clock.advance(1);
  assert.equal(fired, [1000, 5000]);
});

test('set to an invalid date is CLOCK_INVALID', async () => {
  const err = await rejection(new VirtualClock().set(new Date(Number.NaN)));
  assert.ok(isTlsbootError(err, 'CLOCK_INVALID'));
});

test('moving the clock while a move is running is CLOCK_BUSY', async () => {
  const clock = new VirtualClock();
  const first = clock.advance(10);
  const err = await rejection(clock.advance(10));
  assert.ok(isTlsbootError(err, 'CLOCK_BUSY'));
  const back = await rejection(clock.set(T0 - 1));
  assert.ok(isTlsbootError(back, 'CLOCK_BUSY'));
  await first;
  assert.is(clock.nowMs(), T0 + 10);
});

test('runChecks fires checks that find nothing back to back, stops after one that did something, and never passes an ordinary timer', async () => {
  const clock = new VirtualClock({ start: 0 });
  const seen: string[] = [];
  let work = false;
  const tick = (): void => {
    clock.setCheckTimer(10, () => {
      seen.push(`check@${clock.nowMs()}`);
      tick();
      return work;
    });
  };
  tick();
  clock.setTimer(35, () => seen.push(`timer@${clock.nowMs()}`));
  assert.equal(clock.runChecks(1000), { fired: 3, active: false }, 'checks at 10, 20, 30; the ordinary timer at 35 stops them');
  assert.is(clock.nowMs(), 30);
  assert.is(clock.nextDueMs, 35);
  await clock.advance(5);
  work = true;
  assert.equal(clock.runChecks(1000), { fired: 1, active: true }, 'the check at 40 did something: stop there');
  assert.is(clock.nowMs(), 40);
  assert.equal(clock.runChecks(45), { fired: 0, active: false }, 'nothing due by 45');
  assert.equal(seen, ['check@10', 'check@20', 'check@30', 'timer@35', 'check@40']);
  await clock.advance(20);
  assert.equal(seen.slice(5), ['check@50', 'check@60'], 'advance fires checks as ordinary timers');
});

test('setCheckTimer(clock, …) falls back to an ordinary timer on a clock without checks', async () => {
  const clock = new VirtualClock({ start: 0 });
  const plain = { now: () => clock.now(), nowMs: () => clock.nowMs(), setTimer: clock.setTimer.bind(clock), sleep: clock.sleep.bind(clock) };
  let fired = 0;
  setCheckTimer(plain, 10, () => (fired++, false));
  assert.equal(clock.runChecks(100), { fired: 0, active: false }, 'an ordinary timer: runChecks leaves it');
  await clock.advance(10);
  assert.is(fired, 1);
});

test('many timers with random-looking delays fire in (due, insertion) order', async () => {
  const clock = new VirtualClock();
  const fired: Array<[number, number]> = [];
  for (let i = 0; i < 200; i++) {
    const delay = (i * 7919) % 37; // deterministic spread with many ties
    clock.setTimer(delay, () => fired.push([delay, i]));
  }
  await clock.runAll();
  const expected = [...fired].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  assert.is(fired.length, 200);
  assert.equal(fired, expected);
});

test.run();
