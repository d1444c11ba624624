// The simulated kube-proxy process: kubernetes/kubernetes cmd/kube-proxy/app/server.go
// (createClient: clientConnection.kubeconfig, or the in-cluster service-account config when it
// is empty; NewProxyServer → getNodeIPs with backoff; ProxyServer.Run: the service and
// endpointslice informers with the label selector
// `!service.kubernetes.io/headless,!service.kubernetes.io/service-proxy-name`, the node informer
// with fieldSelector metadata.name=<node>) and pkg/proxy/config/config.go (handlers → proxier).
// The proxier is SIMULATED: it keeps a rules table (rules-table.ts) and traces every change.
import { hostname as osHostname } from 'node:os';
import type { EndpointSlice, Node, Service } from '@tlsboot/api';
import { endpointSlices, loadKubeconfig, nodes, restClientFromKubeconfig, services } from '@tlsboot/client';
import type { Informer, Kubeconfig, RestClient } from '@tlsboot/client';
import { serverVerifierAt } from '@tlsboot/pki';
import { errorMessage, systemRandom } from '@tlsboot/util';
import type { Clock, Random } from '@tlsboot/util';
import type { KubeProxyConfiguration } from '../config/types.js';
import { serviceAccountKubeconfig } from '../identity/service-account-identity.js';
import type { ServiceAccountKubeconfigOptions } from '../identity/service-account-identity.js';
import { buildRulesTable, diffRulesTables } from './rules-table.js';
import type { ProxyRule, RulesTable } from './rules-table.js';
import type { KubeProxyTraceSink } from './trace.js';

/** server.go: labelSelector.String() of the two DoesNotExist requirements (sorted by key). */
export const proxyLabelSelector = '!service.kubernetes.io/headless,!service.kubernetes.io/service-proxy-name';

/** getNodeIPs' backoff (server.go): 1 s, doubling, jitter 0.2, 6 steps. */
const nodeIPsBackoff = { durationMs: 1000, factor: 2, jitter: 0.2, steps: 6 };

export interface StartKubeProxyOptions {
  config: KubeProxyConfiguration;
  clock: Clock;
  trace?: KubeProxyTraceSink;
  random?: Random;
  /** A kubeconfig already in memory, instead of reading clientConnection.kubeconfig. */
  kubeconfig?: Kubeconfig;
  /**
   * The in-cluster config (rest.InClusterConfig) used when clientConnection.kubeconfig is empty:
   * the service-account token and CA files, and the apiserver URL KUBERNETES_SERVICE_HOST/PORT give.
   */
  inCluster?: ServiceAccountKubeconfigOptions;
  /** The host name when hostnameOverride is empty; default os.hostname(). */
  hostname?: string;
  /** client-go ReflectorOptions.MinWatchTimeout of its informers (default and floor 5 min; no kube-proxy flag sets it). */
  minWatchTimeoutMs?: number;
}

export interface KubeProxy {
  readonly nodeName: string;
  readonly client: RestClient;
  /** The node's IPs from its Node object, or loopback when it could not be read. */
  readonly nodeIPs: string[];
  /** The current SIMULATED rules table. */
  rules(): RulesTable;
  /** Resolves when the service and endpointslice informers have listed once. */
  waitForSync(): Promise<void>;
  stop(): Promise<void>;
}

/** nodeutil.GetHostname: hostnameOverride or the host name, trimmed and lower-cased. */
export function kubeProxyNodeName(config: KubeProxyConfiguration, hostname: string): string {
  return (config.hostnameOverride || hostname).trim().toLowerCase();
}

async function createClient(o: StartKubeProxyOptions): Promise<{ client: RestClient; identity: string }> {
  if (o.kubeconfig) return { client: await clientAt(o.kubeconfig, o.clock), identity: 'kubeconfig' };
  const path = o.config.clientConnection.kubeconfig;
  if (path) return { client: await clientAt(await loadKubeconfig(path), o.clock), identity: `kubeconfig ${path}` };
  if (!o.inCluster) {
    throw new Error('unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be defined');
  }
  return { client: await clientAt(serviceAccountKubeconfig(o.inCluster), o.clock), identity: 'in-cluster service account' };
}

/** A client for the kubeconfig that checks the apiserver's certificate at kube-proxy's clock (DESIGN.md "Time"). */
function clientAt(kubeconfig: Kubeconfig, clock: Clock): Promise<RestClient> {
  return restClientFromKubeconfig(kubeconfig, { component: 'kube-proxy', verifyServerFor: (ca) => serverVerifierAt(ca, clock) });
}

/** utilnode.GetNodeHostIPs: InternalIP addresses first, then ExternalIP. */
function nodeHostIPs(node: Node): string[] {
  const addrs = node.status?.addresses ?? [];
  const of = (t: string): string[] => addrs.filter((a) => a.type === t).map((a) => a.address);
  return [...of('InternalIP'), ...of('ExternalIP')];
}

export async function startKubeProxy(o: StartKubeProxyOptions): Promise<KubeProxy> {
  const { clock, config } = o;
  const random = o.random ?? systemRandom();
  const nodeName = kubeProxyNodeName(config, o.hostname ?? osHostname());
  const emit = o.trace ? o.trace.emit.bind(o.trace) : () => undefined;
  const { client, identity } = await createClient(o);
  emit({ type: 'kube-proxy.start', node: nodeName, mode: config.mode || 'iptables', identity, server: client.server });

  const nodeIPs = await getNodeIPs(client, nodeName, clock, random, (message) => emit({ type: 'kube-proxy.error', node: nodeName, message }));
  emit(
    nodeIPs.length > 0
      ? { type: 'kube-proxy.node-ips', node: nodeName, ips: nodeIPs, found: true }
      : {
          type: 'kube-proxy.node-ips',
          node: nodeName,
          ips: ['127.0.0.1'],
          found: false,
          message: "Can't determine this node's IP, assuming loopback; if this is incorrect, please set the --bind-address flag",
        },
  );

  const informerOptions = {
    clock,
    random,
    ...(o.minWatchTimeoutMs !== undefined ? { minWatchTimeoutMs: o.minWatchTimeoutMs } : {}),
    onError: (err: unknown) => emit({ type: 'kube-proxy.error', node: nodeName, message: errorMessage(err) }),
  };
  const svcInformer: Informer<Service> = services(client).informer({ ...informerOptions, labelSelector: proxyLabelSelector });
  const sliceInformer: Informer<EndpointSlice> = endpointSlices(client).informer({ ...informerOptions, labelSelector: proxyLabelSelector });
  const nodeInformer: Informer<Node> = nodes(client).informer({ ...informerOptions, fieldSelector: `metadata.name=${nodeName}` });

  let table: Map<string, ProxyRule> = new Map();
  // proxier.syncProxyRules: nothing is programmed until both caches have synced (isInitialized)
  const sync = (): void => {
    if (!svcInformer.hasSynced() || !sliceInformer.hasSynced()) return;
    const next = buildRulesTable(svcInformer.list(), sliceInformer.list());
    for (const c of diffRulesTables(table, next)) {
      emit({ type: 'kube-proxy.rule', node: nodeName, op: c.op, ...c.rule, simulated: true });
    }
    table = next;
  };
  const handlers = { onAdd: sync, onUpdate: sync, onDelete: sync };
  svcInformer.addEventHandler(handlers);
  sliceInformer.addEventHandler(handlers);
  for (const i of [svcInformer, sliceInformer, nodeInformer]) i.start();
  const synced = Promise.all([svcInformer.waitForSync(), sliceInformer.waitForSync()]).then(() => {
    sync();
    emit({ type: 'kube-proxy.informers-synced', node: nodeName });
  });

  return {
    nodeName,
    client,
    nodeIPs: nodeIPs.length > 0 ? nodeIPs : ['127.0.0.1'],
    rules: () => table,
    waitForSync: () => synced,
    async stop() {
      await Promise.all([svcInformer.stop(), sliceInformer.stop(), nodeInformer.stop()]);
      await client.close();
    },
  };
}

/** getNodeIPs: GET the own Node with backoff; [] when every try failed. */
async function getNodeIPs(client: RestClient, name: string, clock: Clock, random: Random, report: (m: string) => void): Promise<string[]> {
  let delay = nodeIPsBackoff.durationMs;
  for (let step = 0; step < nodeIPsBackoff.steps; step++) {
    try {
      const ips = nodeHostIPs(await nodes<Node>(client).get(name));
      if (ips.length > 0) return ips;
      report(`Failed to retrieve node IPs: host IP unknown; known addresses: []`);
    } catch (err) {
      report(`Failed to retrieve node info: ${errorMessage(err)}`);
    }
    if (step === nodeIPsBackoff.steps - 1) break;
    await clock.sleep(delay * (1 + random.float() * nodeIPsBackoff.jitter));
    delay *= nodeIPsBackoff.factor;
  }
  return [];
}
