// The KubeletModules for the parts after the client certificate, in the order of
// kubernetes/kubernetes pkg/kubelet/kubelet.go Run and cmd/kubelet/app/server.go (v1.32):
// the HTTPS listener (ListenAndServeKubeletServer; it has no certificate yet), node registration
// and status (registerWithAPIServer, syncNodeStatus), the node lease (nodeLeaseController), then
// the serving certificate — the serving certificate manager when serverTLSBootstrap is on,
// otherwise InitializeTLS's self-signed kubelet.crt/kubelet.key — which the listener then serves.
// Simulation choices: the listener binds 127.0.0.1 on an ephemeral port unless `port` is given
// (upstream: --address 0.0.0.0, --port 10250; several kubelets share one host here) and the
// node's status reports the port actually bound; without --node-ip the node IP is 127.0.0.1
// (upstream resolves the host name).
import { readFile } from 'node:fs/promises';
import type { Node } from '@tlsboot/api';
import { SeededRandom, activity } from '@tlsboot/util';
import type { KubeletContext, KubeletModule } from '../kubelet-context.js';
import type { CertificateManager } from '../certificate/certificate-manager.js';
import { newKubeletServerCertificateManager } from '../certificate/serving/kubelet-server-certificate-manager.js';
import { loadOrGenerateSelfSigned } from '../certificate/serving/self-signed.js';
import { configDurationMs } from '../options/kubelet-configuration.js';
import { NodeLeaseController } from '../nodelease/controller.js';
import { NodeStatusSyncer } from '../nodestatus/node-status-syncer.js';
import { startKubeletServer } from './kubelet-server.js';
import type { KubeletHttpsServer, KubeletServerEvent } from './kubelet-server.js';

export interface KubeletNodeModulesOptions {
  /** The listener's port; default 0 (ephemeral). */
  port?: number;
  /** Each request the kubelet server answered (authn, attributes, decision); it also goes into the kubelet's trace as `server.request`. */
  onRequest?: (e: KubeletServerEvent) => void;
}

/** What the modules share, readable by hosts and tests. */
export interface KubeletNodeState {
  server?: KubeletHttpsServer;
  status?: NodeStatusSyncer;
  /** Settles once the Node is registered and its first status posted (upstream: a goroutine; startup does not wait). */
  registered?: Promise<Node>;
  lease?: NodeLeaseController;
  servingCertificateManager?: CertificateManager;
}

const hostnameOf = (ctx: KubeletContext) => ctx.flags.hostnameOverride || ctx.nodeName;
const nodeIPOf = (ctx: KubeletContext) => ctx.flags.nodeIP.split(',')[0]?.trim() || '127.0.0.1';
const onError = (ctx: KubeletContext, what: string) => (err: unknown) => ctx.emit({ type: 'kubelet.error', message: `${what}: ${(err as Error).message ?? String(err)}` });

/** Per kubelet (its context), so one module list can serve many kubelets. */
const states = new WeakMap<KubeletContext, KubeletNodeState>();

/** The node parts of a running kubelet (its `context`), once the modules have started. */
export function kubeletNodeState(ctx: KubeletContext): KubeletNodeState {
  let s = states.get(ctx);
  if (!s) states.set(ctx, (s = {}));
  return s;
}

export function kubeletNodeModules(options: KubeletNodeModulesOptions = {}): KubeletModule[] {
  return [
    {
      name: 'server',
      async start(ctx) {
        const state = kubeletNodeState(ctx);
        const a = ctx.config.authentication;
        const clientCAPem = a.x509.clientCAFile ? await activity.track(readFile(a.x509.clientCAFile, 'utf8')) : undefined;
        state.server = await startKubeletServer({
          nodeName: ctx.nodeName,
          clock: ctx.clock,
          client: () => ctx.currentClient(),
          port: options.port ?? 0,
          ...(clientCAPem ? { clientCAPem } : {}),
          webhookAuthentication: a.webhook.enabled,
          anonymous: a.anonymous.enabled,
          alwaysAllow: ctx.config.authorization.mode === 'AlwaysAllow',
          // every answered request goes into the kubelet's trace, and to the host's onRequest
          onEvent: (e) => {
            const { type: _type, ...fields } = e;
            ctx.emit({ type: 'server.request', ...fields });
            options.onRequest?.(e);
          },
        });
        const server = state.server;
        return { stop: () => server.close() };
      },
    },
    {
      name: 'nodestatus',
      async start(ctx) {
        const state = kubeletNodeState(ctx);
        const status = new NodeStatusSyncer({
          client: () => ctx.currentClient(),
          clock: ctx.clock,
          nodeName: ctx.nodeName,
          hostname: hostnameOf(ctx),
          nodeIP: nodeIPOf(ctx),
          kubeletPort: state.server?.port ?? ctx.config.port,
          updateFrequencyMs: configDurationMs(ctx.config, 'nodeStatusUpdateFrequency'),
          reportFrequencyMs: configDurationMs(ctx.config, 'nodeStatusReportFrequency'),
          onError: onError(ctx, 'node status'),
        });
        state.status = status;
        // kubelet.go Run: `go wait.JitterUntil(kl.syncNodeStatus, …)` — registration retries in the
        // background (it cannot succeed before the first client certificate on the rotation path)
        state.registered = status.start();
        state.registered.catch(() => undefined);
        return { stop: async () => status.stop() };
      },
    },
    {
      name: 'nodelease',
      async start(ctx) {
        const state = kubeletNodeState(ctx);
        const lease = new NodeLeaseController({
          client: () => ctx.currentClient(),
          clock: ctx.clock,
          nodeName: ctx.nodeName,
          node: () => state.status?.node,
          durationSeconds: ctx.config.nodeLeaseDurationSeconds,
          onError: onError(ctx, 'node lease'),
        });
        state.lease = lease;
        await lease.start();
        return { stop: async () => lease.stop() };
      },
    },
    {
      name: 'serving-certificate',
      async start(ctx) {
        const state = kubeletNodeState(ctx);
        if (!ctx.config.serverTLSBootstrap) {
          const pair = await loadOrGenerateSelfSigned(ctx.certDir, hostnameOf(ctx), ctx.clock.now());
          state.server?.setServingCertificate(pair);
          return { stop: async () => undefined };
        }
        const manager = await newKubeletServerCertificateManager({
          certDir: ctx.certDir,
          nodeName: ctx.nodeName,
          addresses: () => state.status?.addresses ?? [],
          client: () => ctx.currentClient(),
          clock: ctx.clock,
          // a stream of its own, drawn once here (a fixed point of start-up): the client
          // certificate manager jitters concurrently, and a shared source would make a seeded
          // run's serving deadlines depend on which manager asked first
          random: new SeededRandom(ctx.random.int(0x7fffffff)),
          trace: ctx.emit,
          onRotated: (pair) => state.server?.setServingCertificate(pair),
          ...(ctx.keySpec ? { keySpec: ctx.keySpec } : {}),
        });
        state.servingCertificateManager = manager;
        const current = manager.current();
        if (current) state.server?.setServingCertificate(current);
        manager.start();
        return { stop: () => manager.stop() };
      },
    },
  ];
}
