/**
 * The bootstrapsigner controller (kubernetes/kubernetes pkg/controller/bootstrap/bootstrapsigner.go):
 * keeps `kube-public/cluster-info` signed with one `jws-kubeconfig-<token-id>` key per bootstrap
 * token that may sign. Any change to that ConfigMap or to a bootstrap-token Secret in kube-system
 * pokes one queue key; a single worker recomputes every signature from the informer caches and
 * writes the ConfigMap only when a signature was added, changed or removed. Update conflicts and
 * NotFound are ignored (the next informer event syncs again); nothing is retried with backoff.
 * Like upstream, an expiring token does not wake the signer by itself: its signature goes when
 * the token cleaner deletes the Secret (or at the next change).
 */
import { configMapClusterInfo, isConflict, isNotFound, namespacePublic, namespaceSystem, secretTypeBootstrapToken } from '@tlsboot/api';
import type { ConfigMap, Secret } from '@tlsboot/api';
import { RateLimitingQueue, configMaps, defaultControllerRateLimiter } from '@tlsboot/client';
import type { Informer, RestClient } from '@tlsboot/client';
import type { Clock } from '@tlsboot/util';
import { errorMessage } from '@tlsboot/util';
import type { KcmTraceEventInput } from '../../trace.js';
import { runWorker } from '../worker.js';
import { signConfigMap, signingTokens } from './sign-config-map.js';

/** SignerOptions / DefaultSignerOptions. */
export interface BootstrapSignerOptions {
  client: RestClient;
  secrets: Informer<Secret>;
  configMaps: Informer<ConfigMap>;
  clock: Clock;
  /** Default kube-public. */
  configMapNamespace?: string;
  /** Default cluster-info. */
  configMapName?: string;
  /** Default kube-system. */
  tokenSecretNamespace?: string;
  /** Names the controller in trace events; default `bootstrapsigner`. */
  controllerName?: string;
  emit?: (event: KcmTraceEventInput) => void;
  handleError?: (err: unknown) => void;
}

export class BootstrapSigner {
  readonly queue: RateLimitingQueue<string>;
  private readonly configMapNamespace: string;
  private readonly configMapName: string;
  private readonly secretNamespace: string;
  private readonly configMapKey: string;
  private readonly name: string;
  private readonly emit: (event: KcmTraceEventInput) => void;
  private readonly handleError: (err: unknown) => void;
  private worker: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: BootstrapSignerOptions) {
    this.configMapNamespace = options.configMapNamespace ?? namespacePublic;
    this.configMapName = options.configMapName ?? configMapClusterInfo;
    this.secretNamespace = options.tokenSecretNamespace ?? namespaceSystem;
    this.configMapKey = `${this.configMapNamespace}/${this.configMapName}`;
    this.name = options.controllerName ?? 'bootstrapsigner';
    this.emit = options.emit ?? (() => {});
    this.handleError = options.handleError ?? (() => {});
    // syncQueue: only ever one key; it serializes and collapses pokes from both informers.
    this.queue = new RateLimitingQueue<string>({ clock: options.clock, rateLimiter: defaultControllerRateLimiter<string>(options.clock), name: 'bootstrap_signer_queue' });
    const isClusterInfo = (cm: ConfigMap): boolean => cm.metadata?.name === this.configMapName && cm.metadata?.namespace === this.configMapNamespace;
    const isTokenSecret = (s: Secret): boolean => s.type === secretTypeBootstrapToken && s.metadata?.namespace === this.secretNamespace;
    const poke = (): void => this.queue.add(this.configMapKey);
    options.configMaps.addEventHandler({
      onAdd: (cm) => isClusterInfo(cm) && poke(),
      onUpdate: (_old, cm) => isClusterInfo(cm) && poke(),
    });
    options.secrets.addEventHandler({
      onAdd: (s) => isTokenSecret(s) && poke(),
      onUpdate: (_old, s) => isTokenSecret(s) && poke(),
      onDelete: (s) => isTokenSecret(s) && poke(),
    });
  }

  /** Run: waits for both caches, then one worker serves the queue until stop(). */
  async run(): Promise<void> {
    await Promise.all([this.options.configMaps.waitForSync(), this.options.secrets.waitForSync()]);
    if (this.stopped) return;
    this.worker = runWorker(() => this.serviceConfigMapQueue());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.queue.shutDown();
    await this.worker;
  }

  /** serviceConfigMapQueue: one poke; false once the queue is shut down. */
  async serviceConfigMapQueue(): Promise<boolean> {
    const key = await this.queue.get();
    if (key === undefined) return false;
    try {
      await this.signConfigMap();
    } catch (err) {
      this.handleError(err);
    } finally {
      this.queue.done(key);
    }
    return true;
  }

  /** signConfigMap: recompute from the caches and write back when needed. */
  async signConfigMap(): Promise<void> {
    const original = this.options.configMaps.get(this.configMapKey);
    // No ConfigMap: nothing to sign; its creation pokes the queue.
    if (!original) return;
    const secrets = this.options.secrets.list().filter((s) => s.metadata?.namespace === this.secretNamespace);
    const result = signConfigMap(original, signingTokens(secrets, this.options.clock.now()));
    if (result.kind === 'no-kubeconfig') {
      this.emit({ type: 'controller.sync', controller: this.name, key: this.configMapKey, outcome: 'skipped', message: 'No key in ConfigMap (key="kubeconfig")' });
      return;
    }
    if (result.kind === 'unchanged') return;
    const event = { type: 'clusterinfo.signed' as const, controller: this.name, configMap: this.configMapKey, added: result.added, updated: result.updated, removed: result.removed };
    try {
      await configMaps<ConfigMap>(this.options.client, this.configMapNamespace).update(result.configMap);
      this.emit(event);
    } catch (err) {
      // updateConfigMap: Conflict and NotFound are expected races; anything else is only logged.
      if (!isConflict(err) && !isNotFound(err)) this.emit({ ...event, error: errorMessage(err) });
    }
  }
}
