// RunTime on the wall clock (`clock.mode: real`, live demos with kubectl): settling waits for the
// activity tracker, `waitFor` polls, and `advance` is refused — real time cannot be moved.
import { activity, realClock, TlsbootError } from '@tlsboot/util';
import type { RunTime } from './run-context.js';

const pollMs = 50;

export function realTime(): RunTime {
  return {
    clock: realClock,
    virtual: false,
    async settle() {
      await activity.whenIdle();
      await new Promise((r) => setImmediate(r));
    },
    async advance(ms) {
      throw new TlsbootError('CLOCK_REAL', `cannot advance a real clock by ${ms} ms: use clock.mode: virtual for time travel, or waitFor`);
    },
    async setClock(atMs) {
      throw new TlsbootError('CLOCK_REAL', `cannot set a real clock to ${new Date(atMs).toISOString()}: use clock.mode: virtual for time travel`);
    },
    during(work) {
      return work;
    },
    async waitFor(condition, timeoutMs) {
      const deadline = realClock.nowMs() + timeoutMs;
      for (;;) {
        if (await condition()) return { met: true, atMs: realClock.nowMs() };
        if (realClock.nowMs() >= deadline) return { met: false, atMs: realClock.nowMs() };
        await realClock.sleep(Math.min(pollMs, Math.max(0, deadline - realClock.nowMs())));
      }
    },
  };
}
