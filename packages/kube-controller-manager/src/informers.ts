// The shared informer factory of kube-controller-manager (k8s.io/client-go/informers
// factory.go, used by cmd/kube-controller-manager/app/controllermanager.go
// CreateControllerContext): one Informer per resource for all controllers, built from the
// component's own client, started after every controller has registered its handlers.
import type { CertificateSigningRequest, ConfigMap, KubeObject, Secret, ServiceAccount } from '@tlsboot/api';
import { certificateSigningRequests, configMaps, resourceClient, secrets, serviceAccounts } from '@tlsboot/client';
import type { Informer, ResourceClient, ResourceRef, RestClient } from '@tlsboot/client';
import type { Clock, Random } from '@tlsboot/util';

export interface SharedInformerFactoryOptions {
  clock: Clock;
  random: Random;
  /** Reflector failures and handler errors. */
  onError?: (err: unknown) => void;
  /** client-go ReflectorOptions.MinWatchTimeout for every informer (no kube-controller-manager flag sets it). */
  minWatchTimeoutMs?: number;
}

export class SharedInformerFactory {
  private readonly informers = new Map<string, Informer<KubeObject>>();
  private started = false;

  constructor(
    readonly client: RestClient,
    private readonly options: SharedInformerFactoryOptions,
  ) {}

  certificateSigningRequests(): Informer<CertificateSigningRequest> {
    return this.informerOf(certificateSigningRequests<CertificateSigningRequest>(this.client));
  }

  /** Secrets of every namespace (controllers filter by namespace in their handlers, as upstream). */
  secrets(): Informer<Secret> {
    return this.informerOf(secrets<Secret>(this.client));
  }

  configMaps(): Informer<ConfigMap> {
    return this.informerOf(configMaps<ConfigMap>(this.client));
  }

  serviceAccounts(): Informer<ServiceAccount> {
    return this.informerOf(serviceAccounts<ServiceAccount>(this.client));
  }

  /** Any resource of the resource table, across all namespaces. */
  forResource<T extends KubeObject = KubeObject>(ref: ResourceRef): Informer<T> {
    return this.informerOf(resourceClient<T>(this.client, ref));
  }

  /** Starts every informer asked for so far, and any asked for later at once (factory.Start). */
  start(): void {
    this.started = true;
    for (const informer of this.informers.values()) informer.start();
  }

  /** Resolves when every informer asked for so far has synced. */
  async waitForCacheSync(): Promise<void> {
    await Promise.all([...this.informers.values()].map((i) => i.waitForSync()));
  }

  /** Stops every informer and waits for them (factory.Shutdown). */
  async shutdown(): Promise<void> {
    await Promise.all([...this.informers.values()].map((i) => i.stop()));
  }

  private informerOf<T extends KubeObject>(rc: ResourceClient<T>): Informer<T> {
    const key = `${rc.info.group}/${rc.info.resource}`;
    let informer = this.informers.get(key) as Informer<T> | undefined;
    if (!informer) {
      const { clock, random, onError, minWatchTimeoutMs } = this.options;
      const opts = { clock, random, ...(onError ? { onError } : {}), ...(minWatchTimeoutMs !== undefined ? { minWatchTimeoutMs } : {}) };
      informer = rc.informer(opts);
      this.informers.set(key, informer as unknown as Informer<KubeObject>);
      if (this.started) informer.start();
    }
    return informer;
  }
}
