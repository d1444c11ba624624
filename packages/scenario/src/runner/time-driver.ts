// How the scenario runner moves virtual time (DESIGN.md "Time"): step and settle. Time moves
// only to the next due timer, and only once the system is idle — no work in progress in the
// process's activity tracker, no file-system request pending on the thread pool, and nothing new
// for a few event-loop turns (so bytes already on a socket are read and the promise chains they
// start have run). A wait on a 15-minute timer
// therefore costs the real time of the work around it, not 15 minutes, and two runs with the
// same seed see their timers fire in the same order against the same state. Periodic checks
// (VirtualClock.setCheckTimer: the kubelet's 10-second look at its certificate, the watch cache's
// minute bookmarks) that find nothing to do run back to back without settling between them — so
// a virtual year of them costs seconds.
import type { ActivityTracker, VirtualClock } from '@tlsboot/util';
import { activity as processActivity, formatDuration, TlsbootError } from '@tlsboot/util';
import type { RunTime } from './run-context.js';

export interface TimeDriverOptions {
  clock: VirtualClock;
  activity?: ActivityTracker;
  /** Consecutive quiet event-loop turns that count as idle. Default 3. */
  quietTurns?: number;
  /** Timers one `advance` or `waitFor` may fire before it gives up (a timer that reschedules itself at 0 ms). Default 1 000 000. */
  maxTimers?: number;
}

export type WaitOutcome = { met: true; atMs: number } | { met: false; atMs: number };

export class TimeDriver implements RunTime {
  readonly clock: VirtualClock;
  readonly virtual = true;
  readonly #activity: ActivityTracker;
  readonly #quietTurns: number;
  readonly #maxTimers: number;

  constructor(options: TimeDriverOptions) {
    this.clock = options.clock;
    this.#activity = options.activity ?? processActivity;
    this.#quietTurns = options.quietTurns ?? 3;
    this.#maxTimers = options.maxTimers ?? 1_000_000;
  }

  /** Resolves once nothing is in progress and nothing happened for `quietTurns` event-loop turns. Timers due now fire on the way. */
  async settle(): Promise<void> {
    let quiet = 0;
    let seen = this.#activity.generation;
    while (quiet < this.#quietTurns) {
      if (this.#activity.busy > 0) await this.#activity.whenIdle();
      await macrotask();
      const due = this.clock.nextDueMs;
      if (due !== undefined && due <= this.clock.nowMs()) {
        await this.clock.runDue();
        quiet = 0;
        seen = this.#activity.generation;
        continue;
      }
      // the file-system look lists every handle of the process (~16 µs with a few hundred
      // sockets): asked once, on the turn that would declare the system idle
      const lastTurn = quiet + 1 >= this.#quietTurns;
      if (this.#activity.busy > 0 || this.#activity.generation !== seen || (lastTurn && fileSystemBusy())) {
        quiet = 0;
        seen = this.#activity.generation;
        continue;
      }
      quiet++;
    }
  }

  /** Moves the clock forward by `ms`: to each due timer in turn, settling after each, then to the end. */
  async advance(ms: number): Promise<void> {
    const target = this.clock.nowMs() + ms;
    await this.#runUntil(target, async () => false);
    await this.clock.set(target);
    await this.settle();
  }

  /** Sets the clock to `atMs`: forward, as `advance`; back, nothing fires (VirtualClock.set), then settles. */
  async setClock(atMs: number): Promise<void> {
    const now = this.clock.nowMs();
    if (atMs >= now) return this.advance(atMs - now);
    await this.clock.set(atMs);
    await this.settle();
  }

  /**
   * Settles, then checks `condition`; while it does not hold, moves to the next due timer (never
   * past `timeoutMs` from now) and checks again. Met: the clock stays where it held. Not met:
   * the clock ends at the deadline.
   */
  async waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<WaitOutcome> {
    const deadline = this.clock.nowMs() + timeoutMs;
    if (await this.#runUntil(deadline, condition)) return { met: true, atMs: this.clock.nowMs() };
    await this.clock.set(deadline);
    await this.settle();
    const met = await condition();
    return { met, atMs: this.clock.nowMs() };
  }

  /**
   * Moves time while `work` is pending — for a start that waits on the run's clock (a kubelet
   * blocked in its bootstrap, kube-proxy polling for its Node) — up to `limitMs` of scenario time.
   */
  async during<T>(work: Promise<T>, limitMs: number): Promise<T> {
    let done = false;
    const finish = () => (done = true);
    work.then(finish, finish);
    const outcome = await this.waitFor(async () => done, limitMs);
    if (!outcome.met) {
      throw new TlsbootError('CLOCK_STALLED', `still waiting after ${formatDuration(limitMs)} of scenario time`);
    }
    return work;
  }

  /** Steps through the timers due up to `untilMs`; true as soon as `stop` holds after a settle. */
  async #runUntil(untilMs: number, stop: () => Promise<boolean>): Promise<boolean> {
    let fired = 0;
    for (;;) {
      await this.settle();
      if (await stop()) return true;
      // periodic checks that find nothing to do change nothing: fire them back to back, and
      // settle only after one that did something
      if (this.clock.runChecks(untilMs).active) continue;
      const next = this.clock.nextDueMs;
      if (next === undefined || next > untilMs) return false;
      if (++fired > this.#maxTimers) {
        throw new TlsbootError(
          'CLOCK_RUNAWAY',
          `virtual clock: more than ${this.#maxTimers} timer steps before ${new Date(untilMs).toISOString()}; a timer probably reschedules itself without delay`,
        );
      }
      await this.clock.set(next);
    }
  }
}

/**
 * A file-system request on the thread pool (libuv's FSReq*, a FileHandle closing): work no
 * component has to mark — a kubelet writing its certificate, a host writing a kubeconfig — that
 * the clock must not run past. Crypto jobs do not show here; pki marks them itself.
 */
function fileSystemBusy(): boolean {
  return process.getActiveResourcesInfo().some((r) => r.startsWith('FSReq') || r === 'CloseReq' || r === 'FileHandleCloseReq');
}

function macrotask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
