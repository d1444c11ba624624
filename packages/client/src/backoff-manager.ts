// wait.exponentialBackoffManagerImpl (k8s.io/apimachinery/pkg/util/wait/backoff.go), the
// reflector's pacing between failed list/watch attempts: 800 ms doubling up to 30 s with full
// jitter, back to 800 ms once two minutes pass without a backoff
// (k8s.io/client-go/tools/cache/reflector.go NewReflectorWithOptions).
import { Backoff } from '@tlsboot/util';
import type { Clock, Random } from '@tlsboot/util';

export interface BackoffManagerOptions {
  initialMs?: number;
  maxMs?: number;
  resetMs?: number;
  factor?: number;
  jitter?: number;
}

export class ExponentialBackoffManager {
  private readonly initialMs: number;
  private readonly resetMs: number;
  private readonly backoff: Backoff;
  private lastBackoffStartMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly clock: Clock,
    private readonly random: Random,
    options: BackoffManagerOptions = {},
  ) {
    this.initialMs = options.initialMs ?? 800;
    this.resetMs = options.resetMs ?? 2 * 60_000;
    this.backoff = new Backoff({
      durationMs: this.initialMs,
      factor: options.factor ?? 2,
      jitter: options.jitter ?? 1,
      steps: 2 ** 31 - 1,
      capMs: options.maxMs ?? 30_000,
    });
  }

  /** How long to wait before the next attempt (getNextBackoff). */
  next(): number {
    const now = this.clock.nowMs();
    if (now - this.lastBackoffStartMs > this.resetMs) {
      this.backoff.steps = 2 ** 31 - 1;
      this.backoff.durationMs = this.initialMs;
    }
    this.lastBackoffStartMs = now;
    return this.backoff.step(this.random);
  }
}
