// `tlsboot join`: what `kubeadm join` does on a worker (cmd/kubeadm/app/cmd/join.go; phases/join/
// kubelet.go runKubeletStartJoinPhase), then the kubelet it starts (cmd/kubelet/app/server.go) and,
// optionally, a kube-proxy with the article's cfssl-made certificate.
//
// Discovery: kubeadm join learns the apiserver URL and the cluster CA from the cluster-info
// ConfigMap (token discovery, checked with --discovery-token-ca-cert-hash) or from a file. tlsboot
// takes the same two facts from the control plane's work directory instead — the server URL and
// cluster name of DIR/admin.kubeconfig (nothing else of that file is used: not its admin
// credentials) and DIR/pki/ca.crt — as file discovery would. Everything the node then holds it
// gets over the API with the bootstrap token.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isDNS1123Subdomain, newBootstrapTokenString, goQuote } from '@tlsboot/api';
import { parseKubeconfig, writeKubeconfig } from '@tlsboot/client';
import { defaultKubeProxyConfiguration, gencertKubeProxy, kubeProxyCsrJson, kubeProxyKubeconfig, startKubeProxy } from '@tlsboot/kube-proxy';
import type { KubeProxy, KubeProxyTraceSink } from '@tlsboot/kube-proxy';
import { startKubelet } from '@tlsboot/kubelet';
import type { Kubelet, KubeletConfigurationInput, KubeletTraceEvent, TraceSink as KubeletTraceSink } from '@tlsboot/kubelet';
import { loadCertificateAuthority, parseCertificatePem } from '@tlsboot/pki';
import { activity, errorMessage } from '@tlsboot/util';
import type { Clock, Random } from '@tlsboot/util';
import { controlPlaneFiles } from '../control-plane/admin-kubeconfig.js';
import { writeWorkdirFiles } from '../control-plane/workdir.js';
import { bootstrapKubeletKubeconfig } from './bootstrap-kubeconfig.js';
import { JoinError } from './errors.js';
import { kubeProxyFiles, nodeDir, nodeFiles } from './node-files.js';

export interface JoinNodeOptions {
  /** The work directory of `tlsboot up` (absolute). */
  workdir: string;
  /** The node name (`--hostname-override`; kubeadm's nodeRegistration.name). */
  node: string;
  /** The bootstrap token `<id>.<secret>` (`tlsboot token create`). */
  token: string;
  /** Also start a kube-proxy for the node, with a cfssl-made certificate for system:kube-proxy. */
  withProxy?: boolean;
  /** KubeletConfiguration serverTLSBootstrap: the serving certificate by a kubelet-serving CSR. */
  serverTLSBootstrap?: boolean;
  /** KubeletConfiguration rotateCertificates / --rotate-certificates (kubeadm sets it). */
  rotateCertificates?: boolean;
  clock: Clock;
  random?: Random;
  kubeletTrace?: KubeletTraceSink;
  kubeProxyTrace?: KubeProxyTraceSink;
  /** More kubelet flags, after the ones join sets (a later flag wins). */
  kubeletFlags?: readonly string[];
  /** KubeletConfiguration fields merged over kubeadm's (maps key by key; a scenario's `config`). */
  kubeletConfig?: Record<string, unknown>;
  /** client-go ReflectorOptions.MinWatchTimeout of kube-proxy's informers (default and floor 5 min). */
  minWatchTimeoutMs?: number;
}

export interface JoinedNode {
  node: string;
  /** `DIR/nodes/<node>`. */
  dir: string;
  bootstrapKubeconfigPath: string;
  kubeconfigPath: string;
  certDir: string;
  kubelet: Kubelet;
  /** Resolves with the user name once the kubelet holds a client certificate (`system:node:<node>`). */
  clientCertificate: Promise<string>;
  /** Resolves with upstream's message when the kubelet exits on its own (os.Exit(1): 5 min without a valid client certificate). */
  exited: Promise<string>;
  /** Starts the kube-proxy (withProxy); call after clientCertificate, as kubeadm's DaemonSet schedules after the node joined. */
  startKubeProxy(): Promise<KubeProxy | undefined>;
  stop(): Promise<void>;
}

/** kubeadm ValidateNodeRegistrationOptions: the node name is a DNS-1123 subdomain. */
export function validateNodeName(node: string): string | undefined {
  if (node === '') return 'nodeRegistration.name: Required value: --node-name or .nodeRegistration.name in the config file is a required value';
  const problems = isDNS1123Subdomain(node);
  return problems.length > 0 ? `nodeRegistration.name: Invalid value: ${goQuote(node)}: ${problems.join(', ')}` : undefined;
}

async function readWorkdirFile(workdir: string, file: string): Promise<string> {
  const path = join(workdir, file);
  try {
    return await activity.track(readFile(path, 'utf8'));
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : errorMessage(err);
    throw new JoinError('MISSING_FILE', `${path}: ${why}; start a control plane first: tlsboot up --workdir ${workdir}`, { cause: err });
  }
}

/** What discovery yields: the server and cluster name of the current context of admin.kubeconfig, and the CA. */
async function discover(workdir: string): Promise<{ server: string; clusterName: string; caPem: string }> {
  const path = join(workdir, controlPlaneFiles.adminKubeconfig);
  const text = await readWorkdirFile(workdir, controlPlaneFiles.adminKubeconfig);
  const caPem = await readWorkdirFile(workdir, controlPlaneFiles.caCertificate);
  let config;
  try {
    config = parseKubeconfig(text, path);
  } catch (err) {
    throw new JoinError('MISSING_FILE', errorMessage(err), { cause: err });
  }
  const context = config.contexts.find((c) => c.name === config['current-context'])?.context;
  const cluster = config.clusters.find((c) => c.name === context?.cluster);
  if (!cluster?.cluster.server) throw new JoinError('MISSING_FILE', `${path}: no server for the current context ${goQuote(config['current-context'])}`);
  return { server: cluster.cluster.server, clusterName: cluster.name, caPem };
}

/**
 * Writes DIR/nodes/<node>/bootstrap-kubelet.conf and starts the kubelet with it:
 * `--bootstrap-kubeconfig`, `--kubeconfig=…/kubelet.conf`, `--cert-dir=…/pki`,
 * `--node-ip=127.0.0.1`, `--hostname-override=<node>`, and kubeadm's KubeletConfiguration
 * (clientCAFile = the cluster CA, webhook authentication and authorization, no anonymous).
 */
export async function joinNode(options: JoinNodeOptions): Promise<JoinedNode> {
  const { workdir, node } = options;
  try {
    newBootstrapTokenString(options.token);
  } catch (err) {
    throw new JoinError('INVALID_ARGUMENT', errorMessage(err), { cause: err });
  }
  const badName = validateNodeName(node);
  if (badName !== undefined) throw new JoinError('INVALID_ARGUMENT', badName);
  const discovered = await discover(workdir);
  const caKeyPem = options.withProxy ? await readWorkdirFile(workdir, controlPlaneFiles.caKey) : undefined;

  const dir = nodeDir(workdir, node);
  const bootstrapKubeconfigPath = join(dir, nodeFiles.bootstrapKubeconfig);
  const kubeconfigPath = join(dir, nodeFiles.kubeconfig);
  const certDir = join(dir, nodeFiles.certDir);
  await writeKubeconfig(bootstrapKubeconfigPath, bootstrapKubeletKubeconfig({ ...discovered, token: options.token }));

  // The client certificate: resolved when the kubelet's store holds a pair (checked after each of
  // its trace events), or at once when startKubelet returned with one (Path B, or a valid kubeconfig).
  let onEvent = (): void => {};
  const trace: KubeletTraceSink = {
    emit(event: KubeletTraceEvent) {
      options.kubeletTrace?.emit(event);
      onEvent();
    },
  };
  let onExit = (_message: string): void => {};
  const exited = new Promise<string>((resolve) => (onExit = resolve));
  let kubelet: Kubelet;
  try {
    kubelet = await startKubelet({
      nodeName: node,
      clock: options.clock,
      ...(options.random ? { random: options.random } : {}),
      trace,
      flags: [
        `--bootstrap-kubeconfig=${bootstrapKubeconfigPath}`,
        `--kubeconfig=${kubeconfigPath}`,
        `--cert-dir=${certDir}`,
        '--node-ip=127.0.0.1',
        `--hostname-override=${node}`,
        ...(options.rotateCertificates ? ['--rotate-certificates'] : []),
        ...(options.kubeletFlags ?? []),
      ],
      config: mergeConfig(
        {
          rotateCertificates: options.rotateCertificates ?? false,
          serverTLSBootstrap: options.serverTLSBootstrap ?? false,
          authentication: { anonymous: { enabled: false }, webhook: { enabled: true }, x509: { clientCAFile: join(workdir, controlPlaneFiles.caCertificate) } },
          authorization: { mode: 'Webhook' },
        },
        options.kubeletConfig ?? {},
      ) as KubeletConfigurationInput,
      onExit: (message) => onExit(message),
    });
  } catch (err) {
    throw new JoinError('KUBELET_FAILED', `kubelet: ${errorMessage(err)}`, { cause: err });
  }

  const clientCertificate = new Promise<string>((resolve, reject) => {
    const check = (): void => {
      const pair = kubelet.clientCertificateManager ? kubelet.clientCertificateManager.current() : { certPem: undefined };
      if (pair === undefined) return;
      onEvent = () => {};
      if (pair.certPem === undefined) {
        // Path B: startKubelet returned only after LoadClientCert wrote the kubeconfig.
        void readFile(join(certDir, 'kubelet-client-current.pem'), 'utf8').then((pem) => resolve(userOf(pem)), reject);
      } else resolve(userOf(pair.certPem));
    };
    onEvent = check;
    check();
  });
  void clientCertificate.catch(() => undefined);

  let proxy: KubeProxy | undefined;
  let stopping: Promise<void> | undefined;
  return {
    node,
    dir,
    bootstrapKubeconfigPath,
    kubeconfigPath,
    certDir,
    kubelet,
    clientCertificate,
    exited,
    async startKubeProxy() {
      if (!options.withProxy || caKeyPem === undefined) return undefined;
      try {
        proxy = await startProxy(options, discovered, caKeyPem, join(dir, nodeFiles.kubeProxyDir));
      } catch (err) {
        throw new JoinError('KUBE_PROXY_FAILED', `kube-proxy: ${errorMessage(err)}`, { cause: err });
      }
      return proxy;
    },
    stop: () => (stopping ??= (async () => {
      await proxy?.stop().catch(() => undefined);
      await kubelet.stop();
    })()),
  };
}

/** `over` merged into `base`: maps key by key, anything else replaced. */
export function mergeConfig(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isMap(b) && isMap(v) ? mergeConfig(b, v) : v;
  }
  return out;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function userOf(certPem: string): string {
  return parseCertificatePem(certPem, 'kubelet-client-current.pem').subject.commonName ?? '';
}

export interface NodeKubeProxyOptions {
  workdir: string;
  node: string;
  clock: Clock;
  random?: Random;
  trace?: KubeProxyTraceSink;
  /** client-go ReflectorOptions.MinWatchTimeout of kube-proxy's informers (default and floor 5 min). */
  minWatchTimeoutMs?: number;
}

/**
 * A kube-proxy for `node` with the article's cfssl-made certificate, files in
 * DIR/nodes/<node>/kube-proxy/ — what `join --with-proxy` starts, on its own.
 */
export async function startNodeKubeProxy(options: NodeKubeProxyOptions): Promise<KubeProxy> {
  const discovered = await discover(options.workdir);
  const caKeyPem = await readWorkdirFile(options.workdir, controlPlaneFiles.caKey);
  try {
    const { workdir, node, clock, random, trace, minWatchTimeoutMs } = options;
    return await startProxy(
      {
        workdir,
        node,
        token: '',
        clock,
        ...(random ? { random } : {}),
        ...(trace ? { kubeProxyTrace: trace } : {}),
        ...(minWatchTimeoutMs !== undefined ? { minWatchTimeoutMs } : {}),
      },
      discovered,
      caKeyPem,
      join(nodeDir(options.workdir, options.node), nodeFiles.kubeProxyDir),
    );
  } catch (err) {
    throw new JoinError('KUBE_PROXY_FAILED', `kube-proxy: ${errorMessage(err)}`, { cause: err });
  }
}

/**
 * kube-proxy the article's way: `cfssl gencert -ca=ca.pem -ca-key=ca-key.pem -config=ca-config.json
 * -profile=kubernetes kube-proxy-csr.json | cfssljson -bare kube-proxy` with DIR/pki/ca.key, then
 * kube-proxy.kubeconfig in four `kubectl config` steps, all in DIR/nodes/<node>/kube-proxy/.
 */
async function startProxy(
  options: JoinNodeOptions,
  discovered: { server: string; caPem: string },
  caKeyPem: string,
  dir: string,
): Promise<KubeProxy> {
  const ca = await loadCertificateAuthority(discovered.caPem, caKeyPem, {
    cert: join(options.workdir, controlPlaneFiles.caCertificate),
    key: join(options.workdir, controlPlaneFiles.caKey),
  });
  const made = await gencertKubeProxy({ ca, now: options.clock.now() });
  const kubeconfig = kubeProxyKubeconfig({ server: discovered.server, caPem: discovered.caPem, certPem: made.certPem, keyPem: made.keyPem });
  await writeWorkdirFiles(dir, [
    { path: kubeProxyFiles.csrJson, content: kubeProxyCsrJson, mode: 0o644 },
    { path: kubeProxyFiles.certificate, content: made.certPem, mode: 0o644 },
    { path: kubeProxyFiles.key, content: made.keyPem, mode: 0o600 },
  ]);
  const kubeconfigPath = join(dir, kubeProxyFiles.kubeconfig);
  await writeKubeconfig(kubeconfigPath, kubeconfig);
  const config = defaultKubeProxyConfiguration();
  return startKubeProxy({
    config: { ...config, hostnameOverride: options.node, clientConnection: { ...config.clientConnection, kubeconfig: kubeconfigPath } },
    kubeconfig,
    clock: options.clock,
    ...(options.random ? { random: options.random } : {}),
    ...(options.kubeProxyTrace ? { trace: options.kubeProxyTrace } : {}),
    ...(options.minWatchTimeoutMs !== undefined ? { minWatchTimeoutMs: options.minWatchTimeoutMs } : {}),
  });
}
