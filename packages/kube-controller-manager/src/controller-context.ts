// What every controller's init function gets: cmd/kube-controller-manager/app/controllermanager.go
// ControllerContext (ClientBuilder, InformerFactory, ComponentConfig) and the
// k8s.io/controller-manager/app InitFunc shape, with the clock, randomness and trace sink that
// DESIGN.md "Time" and "The trace" add.
import type { RestClient } from '@tlsboot/client';
import type { Clock, Random } from '@tlsboot/util';
import type { SharedInformerFactory } from './informers.js';
import type { KubeControllerManagerOptions } from './options/options.js';
import type { KcmTraceEventInput, TraceSink } from './trace.js';

export interface ControllerContext {
  /**
   * clientbuilder.ClientOrDie(saName): with `--use-service-account-credentials` a client that
   * authenticates as `system:serviceaccount:kube-system:<saName>` with TokenRequest tokens
   * (creating the ServiceAccount when missing, refreshing the token before it expires); without
   * it the component's own client (identity of its kubeconfig). Asynchronous because the first
   * token is fetched before the client is handed out.
   */
  clientFor(saName: string): Promise<RestClient>;
  /** The shared informers, built from the component's own client ("shared-informers"). */
  informers: SharedInformerFactory;
  clock: Clock;
  random: Random;
  /** The raw sink (may be disabled); controllers normally use `emit`. */
  trace: TraceSink;
  /** Emits a KCM trace event, stamped with the component's clock. */
  emit(event: KcmTraceEventInput): void;
  options: KubeControllerManagerOptions;
  /** Errors a controller could only log (utilruntime.HandleError). */
  handleError(err: unknown): void;
}

/** A running controller. `stop` ends its workers and waits for them. */
export interface RunningController {
  stop(): Promise<void>;
}

/**
 * One entry of the controllers table (controller-manager app.ControllerDescriptor): the
 * canonical name, its legacy aliases accepted by `--controllers`, whether `*` enables it, the
 * ServiceAccount it runs as, and the init function. `init` returns undefined when the controller
 * decides not to run (upstream's `enabled == false`, e.g. csrsigning without CA files), after
 * saying why through `ctx.emit({ type: 'controller.skipped', … })`.
 */
export interface ControllerDescriptor {
  name: string;
  aliases: readonly string[];
  enabledByDefault: boolean;
  /** The kube-system ServiceAccount its client runs as with --use-service-account-credentials. */
  serviceAccount?: string;
  init(ctx: ControllerContext): Promise<RunningController | undefined>;
}
