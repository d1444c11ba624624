// What every part of the simulated kubelet is started with (cmd/kubelet/app/server.go
// RunKubelet → kubelet.NewMainKubelet's dependencies), and the hook through which the parts
// beyond the client certificate (node registration and lease, the serving certificate manager,
// the kubelet HTTPS server) plug in: a KubeletModule is started after the client certificate is
// in place (or, with rotation on, after its manager has started) and stopped in reverse order.
import type { RestClient } from '@tlsboot/client';
import type { KeySpec } from '@tlsboot/pki';
import type { Clock, Random } from '@tlsboot/util';
import type { KubeletFlags } from './options/flags.js';
import type { KubeletConfiguration } from './options/kubelet-configuration.js';
import type { KubeletServer } from './options/options.js';
import type { TraceEmitter, TraceSink } from './trace.js';

export interface KubeletContext {
  nodeName: string;
  clock: Clock;
  random: Random;
  /** The host's sink (may be undefined), and an emitter that stamps component, node and time. */
  trace: TraceSink | undefined;
  emit: TraceEmitter;
  options: KubeletServer;
  flags: KubeletFlags;
  config: KubeletConfiguration;
  /** --cert-dir. */
  certDir: string;
  /** The client with the current credentials (replaced on rotation: do not keep it across awaits for long). */
  currentClient(): RestClient;
  /** Called with the new client after each client-certificate rotation; returns an unsubscribe. */
  onClientRotated(listener: (client: RestClient) => void): () => void;
  /** Aborts when the kubelet stops. */
  signal: AbortSignal;
  /** Key type for the certificate managers' new keys (StartKubeletOptions.keySpec); default ECDSA P-256. */
  keySpec?: KeySpec;
}

/** A running part of the kubelet. */
export interface KubeletModuleHandle {
  stop(): Promise<void>;
}

/** A part of the kubelet started by startKubelet, in list order. */
export interface KubeletModule {
  /** For traces and errors: `nodestatus`, `nodelease`, `server`, `serving-certificate` … */
  name: string;
  start(ctx: KubeletContext): Promise<KubeletModuleHandle>;
}
