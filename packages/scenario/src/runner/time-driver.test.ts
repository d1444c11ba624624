import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ActivityTracker, VirtualClock } from '@tlsboot/util';
import { TimeDriver } from './time-driver.js';

const minute = 60_000;

/** A loop like the kubelet's lease heartbeat: every 10 min a piece of real-time work (5 ms, tracked), then the next timer once it is done. */
function heartbeat(clock: VirtualClock, activity: ActivityTracker, log: number[]): void {
  const beat = (): void => {
    const end = activity.begin();
    setTimeout(() => {
      log.push(clock.nowMs());
      end();
      clock.setTimer(10 * minute, beat);
    }, 5);
  };
  clock.setTimer(10 * minute, beat);
}

test('advance steps timer by timer and settles in between: every beat of a 1 h advance runs at its own time', async () => {
  const clock = new VirtualClock({ start: 0 });
  const activity = new ActivityTracker();
  const log: number[] = [];
  heartbeat(clock, activity, log);
  const driver = new TimeDriver({ clock, activity });
  await driver.advance(60 * minute);
  assert.equal(log, [10, 20, 30, 40, 50, 60].map((m) => m * minute));
  assert.is(clock.nowMs(), 60 * minute);
});

test('a bare VirtualClock.advance does not wait for the work: the 10-minute beat finishes with the clock already at 60 min, and beats once (what the driver is for)', async () => {
  const clock = new VirtualClock({ start: 0 });
  const activity = new ActivityTracker();
  const log: number[] = [];
  heartbeat(clock, activity, log);
  await clock.advance(60 * minute);
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(log, [60 * minute]);
});

test('waitFor: met at the first timer step where the condition holds; the clock stays there', async () => {
  const clock = new VirtualClock({ start: 0 });
  const activity = new ActivityTracker();
  const log: number[] = [];
  heartbeat(clock, activity, log);
  const driver = new TimeDriver({ clock, activity });
  const outcome = await driver.waitFor(async () => log.length >= 3, 24 * 60 * minute);
  assert.equal(outcome, { met: true, atMs: 30 * minute });
});

test('waitFor: not met by the timeout → the clock ends at the deadline, not beyond', async () => {
  const clock = new VirtualClock({ start: 0 });
  const activity = new ActivityTracker();
  const log: number[] = [];
  heartbeat(clock, activity, log);
  const driver = new TimeDriver({ clock, activity });
  const outcome = await driver.waitFor(async () => log.length >= 100, 25 * minute);
  assert.equal(outcome, { met: false, atMs: 25 * minute });
  assert.equal(log, [10 * minute, 20 * minute]);
});

test('settle waits for work in progress that started before it (a request in flight)', async () => {
  const clock = new VirtualClock({ start: 0 });
  const activity = new ActivityTracker();
  let done = false;
  const end = activity.begin();
  setTimeout(() => {
    done = true;
    end();
  }, 15);
  await new TimeDriver({ clock, activity }).settle();
  assert.ok(done);
});

test.run();
