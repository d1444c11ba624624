// The loop every CSR controller shares: kubernetes/kubernetes
// pkg/controller/certificates/certificate_controller.go (NewCertificateController, Run, worker,
// processNextWorkItem, syncFunc, IgnorableError). Informer events only enqueue the CSR name; a
// worker pops a name, reads the informer cache, skips deleted and already-issued CSRs, and hands
// a deep copy to the handler. A handler error requeues the name with rate limiting (an
// "ignorable" error too — it is only logged more quietly); success forgets the name's backoff.
import type { CertificateSigningRequest } from '@tlsboot/api';
import { RateLimitingQueue, bucketRateLimiter, exponentialFailureRateLimiter, maxOfRateLimiter, metaNamespaceKey } from '@tlsboot/client';
import type { Informer, RateLimiter } from '@tlsboot/client';
import type { Clock } from '@tlsboot/util';
import { errorMessage } from '@tlsboot/util';
import type { KcmTraceEventInput } from '../../trace.js';
import { processNextWorkItem, runWorker } from '../worker.js';

/** What the controller does with one CSR that has no certificate yet; throw to retry with backoff. */
export type CertificateSigningRequestHandler = (csr: CertificateSigningRequest) => Promise<void>;

/**
 * certificates.IgnorableError: an expected, retryable failure (the approver's "recognized but
 * not approved"). Requeued like any error, reported at V(4) upstream; here as outcome
 * `ignorable-error` in the trace.
 */
export class IgnorableError extends Error {
  override readonly name = 'IgnorableError';
}

export function isIgnorableError(err: unknown): err is IgnorableError {
  return err instanceof IgnorableError;
}

/**
 * The CSR work queue's rate limiter: per-item exponential 200 ms … 1000 s, and an overall token
 * bucket of 10 qps with a burst of 100 (certificate_controller.go, not the 5 ms default).
 */
export function certificateControllerRateLimiter(clock: Clock): RateLimiter<string> {
  return maxOfRateLimiter<string>(exponentialFailureRateLimiter<string>(200, 1000 * 1000), bucketRateLimiter<string>(10, 100, clock));
}

export interface CertificateControllerOptions {
  /** `csrapproving`, `csrsigning-kubelet-client` …: names the queue and the trace events. */
  name: string;
  informer: Informer<CertificateSigningRequest>;
  handler: CertificateSigningRequestHandler;
  clock: Clock;
  /** Default certificateControllerRateLimiter(clock). */
  rateLimiter?: RateLimiter<string>;
  emit?: (event: KcmTraceEventInput) => void;
  /** utilruntime.HandleError: errors that are only logged. */
  handleError?: (err: unknown) => void;
}

export class CertificateController {
  readonly name: string;
  readonly queue: RateLimitingQueue<string>;
  private readonly informer: Informer<CertificateSigningRequest>;
  private readonly handler: CertificateSigningRequestHandler;
  private readonly emit: (event: KcmTraceEventInput) => void;
  private readonly handleError: (err: unknown) => void;
  private workers: Promise<void>[] = [];
  private stopped = false;

  constructor(options: CertificateControllerOptions) {
    this.name = options.name;
    this.informer = options.informer;
    this.handler = options.handler;
    this.emit = options.emit ?? (() => {});
    this.handleError = options.handleError ?? (() => {});
    this.queue = new RateLimitingQueue<string>({
      clock: options.clock,
      rateLimiter: options.rateLimiter ?? certificateControllerRateLimiter(options.clock),
      name: 'certificate',
    });
    // Add, update and delete all enqueue the name; the worker finds out what changed.
    const enqueue = (csr: CertificateSigningRequest): void => this.queue.add(metaNamespaceKey(csr));
    this.informer.addEventHandler({
      onAdd: (csr) => enqueue(csr),
      onUpdate: (_old, csr) => enqueue(csr),
      onDelete: (csr) => enqueue(csr),
    });
  }

  /**
   * Waits for the CSR informer's first list, then starts `workers` workers (Run). Resolves once
   * the workers run; stop() ends them. The informer itself is started by the factory.
   */
  async run(workers: number): Promise<void> {
    await this.informer.waitForSync();
    if (this.stopped) return;
    for (let i = 0; i < workers; i++) this.workers.push(runWorker(() => this.processNextWorkItem()));
  }

  /** Shuts the queue down and waits for the workers to finish the key each holds. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.queue.shutDown();
    await Promise.all(this.workers);
  }

  /** One key off the queue; false once the queue is shut down. */
  processNextWorkItem(): Promise<boolean> {
    return processNextWorkItem(this.queue, (key) => this.syncFunc(key), (key, err) => this.syncFailed(key, err));
  }

  /** A failed sync, already requeued with backoff: traced; reported unless it is an IgnorableError. */
  private syncFailed(key: string, err: unknown): void {
    const ignorable = isIgnorableError(err);
    this.emit({
      type: 'controller.sync',
      controller: this.name,
      key,
      outcome: ignorable ? 'ignorable-error' : 'error',
      message: errorMessage(err),
      requeues: this.queue.numRequeues(key),
    });
    if (!ignorable) this.handleError(new Error(`Sync ${key} failed with : ${errorMessage(err)}`, { cause: err }));
  }

  private async syncFunc(key: string): Promise<void> {
    const cached = this.informer.get(key);
    if (!cached) {
      this.emit({ type: 'controller.sync', controller: this.name, key, outcome: 'skipped', message: 'csr has been deleted' });
      return;
    }
    // Issued CSRs are done: neither the approver nor a signer looks at them again.
    if (cached.status?.certificate) {
      this.emit({ type: 'controller.sync', controller: this.name, key, outcome: 'skipped', message: 'csr already has a certificate' });
      return;
    }
    // Operate on a copy so the handler cannot change the shared cache.
    await this.handler(structuredClone(cached));
    this.emit({ type: 'controller.sync', controller: this.name, key, outcome: 'ok' });
  }
}

/** NewCertificateController(name, csrInformer, handler) with the component's clock and trace. */
export function newCertificateController(
  name: string,
  informer: Informer<CertificateSigningRequest>,
  handler: CertificateSigningRequestHandler,
  options: Omit<CertificateControllerOptions, 'name' | 'informer' | 'handler'>,
): CertificateController {
  return new CertificateController({ name, informer, handler, ...options });
}
