// The node lease controller: k8s.io/component-helpers/apimachinery/lease/controller.go (v1.32).
// Every renewInterval (10 s) on the kubelet's clock: if the last lease is known, PUT it with a
// new renewTime (up to maxUpdateRetries = 5 tries); otherwise (or after those fail) ensureLease —
// GET, CREATE when NotFound — and renew. Upstream adds 4 % jitter to the interval; the simulation
// renews exactly every interval so traces are reproducible.
import type { Lease, Node } from '@tlsboot/api';
import { isNotFound } from '@tlsboot/api';
import { leases } from '@tlsboot/client';
import type { RestClient } from '@tlsboot/client';
import type { Clock, Timer } from '@tlsboot/util';
import { defaultNodeLeaseDurationSeconds, newLease, nodeLeaseNamespace, nodeLeaseRenewIntervalFraction } from './lease.js';

export interface NodeLeaseControllerOptions {
  /** The kubelet's client, or a getter for the current one (client certificate rotation). */
  client: RestClient | (() => RestClient);
  clock: Clock;
  nodeName: string;
  /** The registered Node (for the owner reference); read lazily, may be undefined at first. */
  node?: () => Node | undefined;
  durationSeconds?: number;
  onError?: (err: unknown) => void;
  onRenew?: (lease: Lease) => void;
}

const maxUpdateRetries = 5;

export class NodeLeaseController {
  readonly renewIntervalMs: number;
  #latest: Lease | undefined;
  #timer: Timer | undefined;
  #stopped = false;

  constructor(private readonly options: NodeLeaseControllerOptions) {
    this.renewIntervalMs = (options.durationSeconds ?? defaultNodeLeaseDurationSeconds) * nodeLeaseRenewIntervalFraction * 1000;
  }

  get latest(): Lease | undefined {
    return this.#latest;
  }

  /** The first sync now, then one every renewInterval. */
  async start(): Promise<void> {
    await this.sync().catch((err: unknown) => this.options.onError?.(err));
    this.#schedule();
  }

  async sync(): Promise<void> {
    if (this.#latest) {
      for (let i = 0; i < maxUpdateRetries; i++) {
        try {
          return this.#renewed(await this.#api().update(this.#lease(this.#latest)));
        } catch (err) {
          this.options.onError?.(err);
        }
      }
    }
    const { lease, created } = await this.#ensure();
    // a lease just created already carries this renewTime
    this.#renewed(created ? lease : await this.#api().update(this.#lease(lease)));
  }

  /** ensureLease: the lease as stored, created if absent. */
  async #ensure(): Promise<{ lease: Lease; created: boolean }> {
    try {
      return { lease: await this.#api().get(this.options.nodeName), created: false };
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    return { lease: await this.#api().create(this.#lease(undefined)), created: true };
  }

  #lease(base: Lease | undefined): Lease {
    const node = this.options.node?.();
    return newLease({
      nodeName: this.options.nodeName,
      now: this.options.clock.now(),
      ...(node ? { node } : {}),
      ...(base ? { base } : {}),
      ...(this.options.durationSeconds !== undefined ? { durationSeconds: this.options.durationSeconds } : {}),
    });
  }

  #renewed(lease: Lease): void {
    this.#latest = lease;
    this.options.onRenew?.(lease);
  }

  #api() {
    const c = this.options.client;
    return leases(typeof c === 'function' ? c() : c, nodeLeaseNamespace);
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = this.options.clock.setTimer(this.renewIntervalMs, () => {
      this.sync()
        .catch((err: unknown) => this.options.onError?.(err))
        .finally(() => this.#schedule());
    });
  }

  stop(): void {
    this.#stopped = true;
    this.#timer?.cancel();
  }
}
