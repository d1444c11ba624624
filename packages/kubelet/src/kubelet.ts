// The kubelet component: cmd/kubelet/app/server.go (run → buildKubeletClientConfig) for the
// client identity, then the modules of kubelet-context.ts (node status and lease, the serving
// certificate, the HTTPS server).
//   rotateCertificates on  → Path A: bootstrap.LoadClientConfig, the client certificate manager
//                            (pkg/kubelet/certificate/kubelet.go) in the background, the transport
//                            that follows it and exits after 5 min without a valid certificate.
//   off, bootstrap given   → Path B: bootstrap.LoadClientCert, synchronously, then the kubeconfig.
//   neither                → the kubeconfig as it is.
import { serverVerifierAt } from '@tlsboot/pki';
import type { KeySpec } from '@tlsboot/pki';
import { RestClient, restClientOptions } from '@tlsboot/client';
import type { Clock, Random } from '@tlsboot/util';
import { errorMessage, systemRandom } from '@tlsboot/util';
import { loadClientCert, loadClientConfig } from './certificate/bootstrap/bootstrap.js';
import { loadRestConfig } from './certificate/bootstrap/rest-config.js';
import type { RestConfig } from './certificate/bootstrap/rest-config.js';
import type { CertificateManager } from './certificate/certificate-manager.js';
import type { CertificatePair } from './certificate/certificate-store.js';
import { newKubeletClientCertificateManager } from './certificate/kubelet.js';
import { updateTransport } from './certificate/transport.js';
import type { TransportRotation } from './certificate/transport.js';
import type { KubeletContext, KubeletModule, KubeletModuleHandle } from './kubelet-context.js';
import { defaultKubeletModules } from './modules.js';
import type { KubeletFlags } from './options/flags.js';
import type { KubeletConfigurationInput } from './options/kubelet-configuration.js';
import { kubeletServer } from './options/options.js';
import type { KubeletServer } from './options/options.js';
import { traceEmitter } from './trace.js';
import type { TraceSink } from './trace.js';

export interface StartKubeletOptions {
  /** The node name (upstream: --hostname-override or the host name; here given, and --hostname-override wins). */
  nodeName: string;
  clock: Clock;
  /** Jitter of the rotation deadline, backoff and watches; default the system source. */
  random?: Random;
  trace?: TraceSink;
  /** Command-line flags (argv) or their parsed fields; ignored when `options` is given. */
  flags?: readonly string[] | Partial<KubeletFlags>;
  /** KubeletConfiguration (file) fields; ignored when `options` is given. */
  config?: KubeletConfigurationInput;
  /** Flags and configuration already combined (kubeletServer()). */
  options?: KubeletServer;
  /** The modules to start after the client identity; default defaultKubeletModules. */
  modules?: readonly KubeletModule[];
  /** Called when the kubelet exits on its own (upstream os.Exit(1)), after it has stopped. */
  onExit?: (message: string) => void;
  /**
   * Key type of the keys the client and serving certificate managers generate; default ECDSA
   * P-256, the only one upstream's managers make (client-go certificate_manager.go
   * ecdsa.GenerateKey(elliptic.P256())). Not a kubelet flag: `tlsboot bench --key-algorithm` uses it.
   */
  keySpec?: KeySpec;
}

export interface Kubelet {
  nodeName: string;
  options: KubeletServer;
  certDir: string;
  kubeconfigPath: string;
  /** The client with the current credentials (a new one after each rotation). */
  readonly client: RestClient;
  /** The client certificate manager (rotation on), else undefined. */
  clientCertificateManager: CertificateManager | undefined;
  context: KubeletContext;
  stop(): Promise<void>;
}

/** A RestClient for a rest.Config, checking the server at the kubelet's clock. */
function newClient(config: RestConfig, clock: Clock, identity?: { certPem: string; keyPem: string } | 'anonymous'): RestClient {
  const o = restClientOptions(config, (ca) => serverVerifierAt(ca, clock));
  if (identity !== undefined) {
    delete o.clientCert;
    delete o.clientKey;
    delete o.token;
    if (identity !== 'anonymous') {
      o.clientCert = identity.certPem;
      o.clientKey = identity.keyPem;
    }
  }
  return new RestClient({ ...o, component: 'kubelet' });
}

export async function startKubelet(start: StartKubeletOptions): Promise<Kubelet> {
  const options = start.options ?? kubeletServer(start.flags ?? {}, start.config ?? {});
  const { flags, config } = options;
  const nodeName = flags.hostnameOverride || start.nodeName;
  const clock = start.clock;
  const random = start.random ?? systemRandom();
  const emit = traceEmitter(start.trace, nodeName, () => clock.now());
  const abort = new AbortController();
  const deps = { clock, random, trace: emit, newClient: (c: RestConfig) => newClient(c, clock), signal: abort.signal };
  const certDir = flags.certDir;
  const kubeconfigPath = flags.kubeconfig;
  const listeners = new Set<(client: RestClient) => void>();
  const closers: (() => Promise<void>)[] = [];
  let client: RestClient;
  let manager: CertificateManager | undefined;
  let transport: TransportRotation | undefined;
  emit({ type: 'kubelet.started', rotateCertificates: config.rotateCertificates, bootstrap: Boolean(flags.bootstrapKubeconfig) });

  const swapClient = (next: RestClient): void => {
    const old = client;
    client = next;
    for (const l of listeners) l(next);
    // connrotation CloseAll: requests in flight on the old connections fail, the next ones re-handshake
    void old.destroy().catch(() => undefined);
  };

  // Run → run → buildKubeletClientConfig: an error here ends the process with
  // `failed to run Kubelet: <err>` (cmd/kubelet/app/server.go Run), logged before it exits.
  try {
    if (config.rotateCertificates) {
      const { certConfig, userConfig, bootstrapping } = await loadClientConfig(kubeconfigPath, flags.bootstrapKubeconfig, certDir, deps);
      const certClient = newClient(certConfig, clock);
      closers.push(() => certClient.close());
      let userClient: { pair: CertificatePair; client: RestClient } | undefined;
      const clientFor = (pair: CertificatePair): RestClient => {
        if (userClient?.pair !== pair) {
          const previous = userClient?.client;
          userClient = { pair, client: newClient(userConfig, clock, { certPem: pair.certPem, keyPem: pair.keyPem }) };
          void previous?.close().catch(() => undefined);
        }
        return userClient.client;
      };
      // embedded cert data of a still-valid kubeconfig is the manager's bootstrap pair; files are the store's fallback
      const embedded = !bootstrapping && !userConfig.clientCertFile && userConfig.clientCert && userConfig.clientKey;
      manager = await newKubeletClientCertificateManager({
        certDir,
        nodeName,
        ...(embedded ? { bootstrapCertPem: userConfig.clientCert!, bootstrapKeyPem: userConfig.clientKey! } : {}),
        ...(userConfig.clientCertFile ? { certFile: userConfig.clientCertFile } : {}),
        ...(userConfig.clientKeyFile ? { keyFile: userConfig.clientKeyFile } : {}),
        // buildClientCertificateManager: a valid certificate → the kubeconfig's identity, none → the bootstrap credentials
        clientFn: async (current) => (current ? clientFor(current) : certClient),
        clock,
        random,
        trace: emit,
        ...(start.keySpec ? { keySpec: start.keySpec } : {}),
      });
      const initial = manager.current();
      client = newClient(userConfig, clock, initial ? { certPem: initial.certPem, keyPem: initial.keyPem } : 'anonymous');
      manager.start();
      transport = updateTransport({
        manager,
        clock,
        trace: emit,
        onRotated: (pair) => swapClient(newClient(userConfig, clock, { certPem: pair.certPem, keyPem: pair.keyPem })),
        onExit: (message) => {
          emit({ type: 'kubelet.error', message });
          void kubelet.stop().then(() => start.onExit?.(message));
        },
      });
      closers.push(async () => userClient?.client.close());
    } else {
      if (flags.bootstrapKubeconfig) await loadClientCert(kubeconfigPath, flags.bootstrapKubeconfig, certDir, nodeName, deps);
      let c: RestConfig;
      try {
        c = await loadRestConfig(kubeconfigPath);
      } catch (err) {
        throw new Error(`invalid kubeconfig: ${errorMessage(err)}`);
      }
      client = newClient(c, clock);
    }
  } catch (err) {
    const message = `failed to run Kubelet: ${errorMessage(err)}`;
    emit({ type: 'kubelet.error', message });
    abort.abort(new Error('kubelet stopped'));
    transport?.stop();
    await manager?.stop();
    for (const close of closers) await close().catch(() => undefined);
    emit({ type: 'kubelet.stopped' });
    throw new Error(message, { cause: err });
  }

  const context: KubeletContext = {
    nodeName,
    clock,
    random,
    trace: start.trace,
    emit,
    options,
    flags,
    config,
    certDir,
    currentClient: () => client,
    onClientRotated(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    signal: abort.signal,
    ...(start.keySpec ? { keySpec: start.keySpec } : {}),
  };

  const handles: { name: string; handle: KubeletModuleHandle }[] = [];
  let stopping: Promise<void> | undefined;
  const kubelet: Kubelet = {
    nodeName,
    options,
    certDir,
    kubeconfigPath,
    get client() {
      return client;
    },
    clientCertificateManager: manager,
    context,
    stop() {
      stopping ??= (async () => {
        abort.abort(new Error('kubelet stopped'));
        transport?.stop();
        for (const { name, handle } of handles.reverse()) {
          await handle.stop().catch((err: unknown) => emit({ type: 'kubelet.error', message: `${name}: ${errorMessage(err)}` }));
        }
        await manager?.stop();
        await client.close().catch(() => undefined);
        for (const close of closers) await close().catch(() => undefined);
        emit({ type: 'kubelet.stopped' });
      })();
      return stopping;
    },
  };
  try {
    for (const m of start.modules ?? defaultKubeletModules) handles.push({ name: m.name, handle: await m.start(context) });
  } catch (err) {
    await kubelet.stop();
    throw err;
  }
  return kubelet;
}

