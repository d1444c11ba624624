// The kube-controller-manager component: cmd/kube-controller-manager/app/controllermanager.go
// (Run, CreateControllerContext, StartControllers) with k8s.io/controller-manager/app's
// IsControllerEnabled. It reads its own kubeconfig (identity system:kube-controller-manager by
// client certificate), builds a client per controller (clientbuilder: its ServiceAccount with
// --use-service-account-credentials), registers every enabled controller on the shared
// informers, then starts them. There is one instance, so there is no leader election
// (--leader-elect is not modelled), and no /healthz wait before starting.
import { serverVerifierAt } from '@tlsboot/pki';
import { loadKubeconfig, resolveContext, restClientOptions, RestClient } from '@tlsboot/client';
import type { Kubeconfig, RestClientOptions } from '@tlsboot/client';
import type { Clock, Random } from '@tlsboot/util';
import { errorMessage, systemRandom, TlsbootError } from '@tlsboot/util';
import { dynamicClientBuilder, simpleClientBuilder } from './client-builder.js';
import type { ControllerClientBuilder } from './client-builder.js';
import type { ControllerContext, ControllerDescriptor, RunningController } from './controller-context.js';
import { controllerDescriptors } from './controllers.js';
import { SharedInformerFactory } from './informers.js';
import { disabledByDefaultControllers } from './names.js';
import { parseKubeControllerManagerFlags } from './options/flags.js';
import { isControllerEnabled, kubeControllerManagerOptions } from './options/options.js';
import type { KubeControllerManagerOptions, KubeControllerManagerOptionsInput } from './options/options.js';
import { noTrace, traceEmitter } from './trace.js';
import type { TraceSink } from './trace.js';

export type KcmStartErrorCode = 'KCM_START_FAILED';

export interface StartControllerManagerOptions {
  /** --kubeconfig as a file path (overrides options.kubeconfig)… */
  kubeconfigPath?: string;
  /** … or an already loaded kubeconfig. */
  kubeconfig?: Kubeconfig;
  clock: Clock;
  random?: Random;
  trace?: TraceSink;
  /** The flags as an argv-like list (`['--controllers=*,tokencleaner', …]`) or an options object. */
  options?: readonly string[] | KubeControllerManagerOptionsInput;
  /** The controllers table; default controllerDescriptors (tests may pass their own). */
  controllers?: readonly ControllerDescriptor[];
  /** Also receives what controllers could only log. */
  onError?: (err: unknown) => void;
  /** client-go ReflectorOptions.MinWatchTimeout of the shared informers (default and floor 5 min). */
  minWatchTimeoutMs?: number;
}

export interface ControllerManager {
  /** The resolved options. */
  options: KubeControllerManagerOptions;
  /** The component's own client (system:kube-controller-manager). */
  client: RestClient;
  informers: SharedInformerFactory;
  /** Canonical names of the controllers that run. */
  controllers: string[];
  /** Stops every controller, the informers and the clients. */
  stop(): Promise<void>;
}

function resolveOptions(input: StartControllerManagerOptions['options']): KubeControllerManagerOptions {
  if (Array.isArray(input)) return parseKubeControllerManagerFlags(input as readonly string[]);
  return kubeControllerManagerOptions((input ?? {}) as KubeControllerManagerOptionsInput);
}

async function rootClientOptions(start: StartControllerManagerOptions, options: KubeControllerManagerOptions): Promise<RestClientOptions> {
  const path = start.kubeconfigPath ?? options.kubeconfig;
  const config = start.kubeconfig ?? (path !== undefined ? await loadKubeconfig(path) : undefined);
  if (!config) {
    throw new TlsbootError<KcmStartErrorCode>('KCM_START_FAILED', 'kube-controller-manager: --kubeconfig is required (tlsboot has no in-cluster configuration)');
  }
  return restClientOptions(await resolveContext(config), (ca) => serverVerifierAt(ca, start.clock));
}

export async function startControllerManager(start: StartControllerManagerOptions): Promise<ControllerManager> {
  const options = resolveOptions(start.options);
  const clock = start.clock;
  const random = start.random ?? systemRandom();
  const trace = start.trace ?? noTrace;
  const emit = traceEmitter(trace, () => clock.now());
  const handleError = (err: unknown): void => {
    emit({ type: 'kcm.error', message: errorMessage(err) });
    start.onError?.(err);
  };

  const rootOptions = await rootClientOptions(start, options);
  const root = new RestClient({ ...rootOptions, component: 'kube-controller-manager' });
  const { clientCert: _cert, clientKey: _key, token: _token, ...connection } = rootOptions;
  const builder: ControllerClientBuilder = options.useServiceAccountCredentials
    ? dynamicClientBuilder({ root, connection, clock, emit })
    : simpleClientBuilder(root);
  const informers = new SharedInformerFactory(root, {
    clock,
    random,
    onError: handleError,
    ...(start.minWatchTimeoutMs !== undefined ? { minWatchTimeoutMs: start.minWatchTimeoutMs } : {}),
  });

  const ctx: ControllerContext = { clientFor: (sa) => builder.clientFor(sa), informers, clock, random, trace, emit, options, handleError };
  const disabledByDefault = new Set(disabledByDefaultControllers);
  const running: Array<{ name: string; controller: RunningController }> = [];
  const started: string[] = [];
  const disabled: string[] = [];

  const shutdown = async (): Promise<void> => {
    await Promise.allSettled(running.map((r) => r.controller.stop()));
    await informers.shutdown();
    await builder.close();
    await root.close();
  };

  try {
    for (const descriptor of start.controllers ?? controllerDescriptors) {
      if (!isControllerEnabled(descriptor.name, disabledByDefault, options.controllers)) {
        disabled.push(descriptor.name);
        emit({ type: 'controller.skipped', controller: descriptor.name, reason: `Warning: ${JSON.stringify(descriptor.name)} is disabled` });
        continue;
      }
      let controller: RunningController | undefined;
      try {
        controller = await descriptor.init(ctx);
      } catch (err) {
        emit({ type: 'controller.failed', controller: descriptor.name, message: errorMessage(err) });
        throw new TlsbootError<KcmStartErrorCode>('KCM_START_FAILED', `error starting controller ${JSON.stringify(descriptor.name)}: ${errorMessage(err)}`, { cause: err });
      }
      if (!controller) continue; // the controller said why (controller.skipped)
      running.push({ name: descriptor.name, controller });
      started.push(descriptor.name);
      const event = { type: 'controller.started' as const, controller: descriptor.name };
      emit(options.useServiceAccountCredentials && descriptor.serviceAccount ? { ...event, serviceAccount: descriptor.serviceAccount } : event);
    }
  } catch (err) {
    await shutdown();
    throw err;
  }

  // Every controller has registered its handlers: start listing and watching.
  informers.start();
  emit({ type: 'kcm.started', controllers: started, disabled, useServiceAccountCredentials: options.useServiceAccountCredentials });

  let stopped = false;
  return {
    options,
    client: root,
    informers,
    controllers: started,
    async stop() {
      if (stopped) return;
      stopped = true;
      await shutdown();
      emit({ type: 'kcm.stopped' });
    },
  };
}
