// How much work is in progress in this process: the "components report activity to the host"
// half of DESIGN.md "Time". A host that drives a VirtualClock (the scenario runner) waits until
// nothing is in progress before it moves time on, so a timer never fires while the work an
// earlier one started is still crossing the wire — that is what makes a virtual-time run
// deterministic and lets idle periods cost no real time.
//
// Components mark the work the clock cannot see: a request in flight (client side and server
// side), a queued controller item, a watch event being delivered, crypto and file writes on the
// thread pool. The tracker is one per process, as the components of one run share one process;
// it is a counter, so marking costs next to nothing when nobody is watching.

/** Ends one piece of work; calling it again does nothing. */
export type EndActivity = () => void;

export class ActivityTracker {
  #busy = 0;
  #generation = 0;
  #idleWaiters: (() => void)[] = [];

  /** Pieces of work begun and not yet ended. */
  get busy(): number {
    return this.#busy;
  }

  /** Moves on every begin and end: a host that saw the same value twice saw nothing happen in between. */
  get generation(): number {
    return this.#generation;
  }

  /** Marks the start of a piece of work; call the returned function when it is over. */
  begin(): EndActivity {
    this.#busy++;
    this.#generation++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.#busy--;
      this.#generation++;
      if (this.#busy === 0) this.#wake();
    };
  }

  /** Marks `work` as in progress until it settles; returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T> {
    const end = this.begin();
    work.then(end, end);
    return work;
  }

  /** Resolves at once when nothing is in progress, else when the count next drops to zero. */
  whenIdle(): Promise<void> {
    if (this.#busy === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #wake(): void {
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const w of waiters) w();
  }
}

/** The process's tracker, shared by every component of the run. */
export const activity = new ActivityTracker();
