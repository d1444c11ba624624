// k8s.io/client-go/util/workqueue/rate_limiting_queue.go (rateLimitingType): a delaying queue
// whose addRateLimited asks a RateLimiter how long the item should wait.
import type { Clock } from '@tlsboot/util';
import { DelayingQueue } from './delaying-queue.js';
import { defaultControllerRateLimiter } from './default-rate-limiters.js';
import type { RateLimiter } from './default-rate-limiters.js';

export interface RateLimitingQueueOptions<T> {
  clock: Clock;
  /** Default: defaultControllerRateLimiter(clock), what controllers use. */
  rateLimiter?: RateLimiter<T>;
  name?: string;
}

/**
 * The queue controllers use: informer handlers add keys, workers get/done them, and a failed
 * key is put back with addRateLimited, then forget() once it succeeds or is dropped. Remember to
 * call forget, or the limiter tracks the item's failures forever.
 */
export class RateLimitingQueue<T> extends DelayingQueue<T> {
  readonly rateLimiter: RateLimiter<T>;

  constructor(options: RateLimitingQueueOptions<T>) {
    super({ clock: options.clock, name: options.name });
    this.rateLimiter = options.rateLimiter ?? defaultControllerRateLimiter<T>(options.clock);
  }

  /** addAfter for as long as the rate limiter says. */
  addRateLimited(item: T): void {
    this.addAfter(item, this.rateLimiter.when(item));
  }

  /** The item is finished being retried; only clears the limiter — done() is still needed. */
  forget(item: T): void {
    this.rateLimiter.forget(item);
  }

  numRequeues(item: T): number {
    return this.rateLimiter.numRequeues(item);
  }
}
