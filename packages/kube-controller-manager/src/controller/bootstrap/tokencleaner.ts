/**
 * The tokencleaner controller (kubernetes/kubernetes pkg/controller/bootstrap/tokencleaner.go):
 * deletes bootstrap-token Secrets in kube-system once their `expiration` has passed, with a UID
 * precondition; a Secret not yet expired is looked at again when it expires (AddAfter on the
 * controller's clock); one without an expiration is never deleted. Add and update events enqueue
 * the Secret's key; one worker serves the queue.
 */
import { getExpiration, isConflict, isNotFound, namespaceSystem, secretTypeBootstrapToken } from '@tlsboot/api';
import type { Secret } from '@tlsboot/api';
import { RateLimitingQueue, defaultControllerRateLimiter, metaNamespaceKey, secrets as secretsClient } from '@tlsboot/client';
import type { Informer, RestClient } from '@tlsboot/client';
import type { Clock } from '@tlsboot/util';
import { errorMessage } from '@tlsboot/util';
import type { KcmTraceEventInput } from '../../trace.js';
import { processNextWorkItem, runWorker } from '../worker.js';

/** What evalSecret does with one bootstrap-token Secret. Pure. */
export type TokenCleanerDecision = { action: 'delete'; reason: string } | { action: 'requeue'; afterMs: number } | { action: 'keep' };

/** evalSecret's decision: delete when expired (or unparseable), requeue at expiry, else keep. */
export function decideTokenSecret(secret: Secret, now: Date): TokenCleanerDecision {
  const expiration = getExpiration(secret, now);
  if (expiration.expired) return { action: 'delete', reason: expiration.reason ?? 'Deleting expired secret' };
  if (expiration.remainingMs > 0) return { action: 'requeue', afterMs: expiration.remainingMs };
  return { action: 'keep' };
}

/** TokenCleanerOptions / DefaultTokenCleanerOptions. */
export interface TokenCleanerOptions {
  client: RestClient;
  secrets: Informer<Secret>;
  clock: Clock;
  /** Default kube-system. */
  tokenSecretNamespace?: string;
  /** Names the controller in trace events; default `tokencleaner`. */
  controllerName?: string;
  emit?: (event: KcmTraceEventInput) => void;
  handleError?: (err: unknown) => void;
}

export class TokenCleaner {
  readonly queue: RateLimitingQueue<string>;
  private readonly namespace: string;
  private readonly name: string;
  private readonly emit: (event: KcmTraceEventInput) => void;
  private readonly handleError: (err: unknown) => void;
  private worker: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: TokenCleanerOptions) {
    this.namespace = options.tokenSecretNamespace ?? namespaceSystem;
    this.name = options.controllerName ?? 'tokencleaner';
    this.emit = options.emit ?? (() => {});
    this.handleError = options.handleError ?? (() => {});
    this.queue = new RateLimitingQueue<string>({ clock: options.clock, rateLimiter: defaultControllerRateLimiter<string>(options.clock), name: 'token_cleaner' });
    const relevant = (s: Secret): boolean => s.type === secretTypeBootstrapToken && s.metadata?.namespace === this.namespace;
    options.secrets.addEventHandler({
      onAdd: (s) => relevant(s) && this.queue.add(metaNamespaceKey(s)),
      onUpdate: (_old, s) => relevant(s) && this.queue.add(metaNamespaceKey(s)),
    });
  }

  /** Run: waits for the Secret cache, then one worker serves the queue until stop(). */
  async run(): Promise<void> {
    await this.options.secrets.waitForSync();
    if (this.stopped) return;
    this.worker = runWorker(() => this.processNextWorkItem());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.queue.shutDown();
    await this.worker;
  }

  /** processNextWorkItem: a failed sync is retried with rate limiting, success forgets the key. */
  processNextWorkItem(): Promise<boolean> {
    return processNextWorkItem(
      this.queue,
      (key) => this.syncFunc(key),
      (key, err) => this.handleError(new Error(`Sync ${key} failed with : ${errorMessage(err)}`, { cause: err })),
    );
  }

  /** syncFunc: a deleted Secret is done; a bootstrap-token Secret is evaluated. */
  async syncFunc(key: string): Promise<void> {
    const secret = this.options.secrets.get(key);
    if (!secret) {
      this.emit({ type: 'controller.sync', controller: this.name, key, outcome: 'skipped', message: 'Secret has been deleted' });
      return;
    }
    if (secret.type === secretTypeBootstrapToken) await this.evalSecret(secret);
  }

  /** evalSecret: delete with a UID precondition (NotFound and Conflict are not errors), or requeue at expiry. */
  async evalSecret(secret: Secret): Promise<void> {
    const decision = decideTokenSecret(secret, this.options.clock.now());
    const key = metaNamespaceKey(secret);
    if (decision.action === 'requeue') {
      this.queue.addAfter(key, decision.afterMs);
      return;
    }
    if (decision.action === 'keep') return;
    const uid = secret.metadata.uid;
    const event = { type: 'bootstraptoken.deleted' as const, controller: this.name, secret: key, reason: decision.reason };
    try {
      await secretsClient<Secret>(this.options.client, secret.metadata.namespace).delete(secret.metadata.name ?? '', uid ? { preconditions: { uid } } : undefined);
      this.emit(event);
    } catch (err) {
      // NotFound: already deleted. Conflict: the UID precondition failed (a new Secret by that name).
      if (!isConflict(err) && !isNotFound(err)) this.emit({ ...event, error: errorMessage(err) });
    }
  }
}
