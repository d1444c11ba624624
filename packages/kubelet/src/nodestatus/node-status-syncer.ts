// The kubelet's node status loop (kubernetes/kubernetes pkg/kubelet/kubelet_node_status.go:
// syncNodeStatus / updateNodeStatus, v1.32): register once, then every nodeStatusUpdateFrequency
// compute the status and post it when it changed or nodeStatusReportFrequency has passed.
// Upstream PATCHes node status with a strategic-merge two-way patch; this PUTs nodes/status
// with the resourceVersion read just before (the outcome in the store is the same).
import type { Node, NodeAddress } from '@tlsboot/api';
import { nodes } from '@tlsboot/client';
import type { RestClient } from '@tlsboot/client';
import type { Clock, Timer } from '@tlsboot/util';
import { initialNode } from './initial-node.js';
import type { InitialNodeInput } from './initial-node.js';
import { nodeAddresses } from './node-addresses.js';
import { registerWithAPIServer } from './register.js';
import { nodeStatusReportFrequencyMs, nodeStatusUpdateFrequencyMs, setNodeStatus, shouldReportNodeStatus } from './node-status.js';

export interface NodeStatusSyncerOptions extends InitialNodeInput {
  /** The kubelet's client, or a getter for the current one (client certificate rotation). */
  client: RestClient | (() => RestClient);
  clock: Clock;
  nodeIP: string;
  kubeletPort: number;
  /** KubeletConfiguration nodeStatusUpdateFrequency in ms (default 10 s). */
  updateFrequencyMs?: number;
  /** KubeletConfiguration nodeStatusReportFrequency in ms (default 5 min). */
  reportFrequencyMs?: number;
  onError?: (err: unknown) => void;
}

export class NodeStatusSyncer {
  readonly addresses: NodeAddress[];
  #node: Node | undefined;
  #lastReportMs: number | undefined;
  #timer: Timer | undefined;
  #stopped = false;
  readonly #abort = new AbortController();

  constructor(private readonly options: NodeStatusSyncerOptions) {
    this.addresses = nodeAddresses({ nodeIP: options.nodeIP, hostname: options.hostname });
  }

  /** The Node as last read or written. */
  get node(): Node | undefined {
    return this.#node;
  }

  /** Registers the node and posts the first status; then keeps syncing on the clock. */
  async start(): Promise<Node> {
    const { clock } = this.options;
    this.#node = await registerWithAPIServer({
      client: () => this.#client(),
      clock,
      node: initialNode(this.options),
      signal: this.#abort.signal,
      ...(this.options.onError ? { onError: this.options.onError } : {}),
    });
    await this.sync();
    this.#schedule();
    return this.#node;
  }

  /** One updateNodeStatus round. */
  async sync(): Promise<void> {
    const { clock } = this.options;
    const api = nodes(this.#client());
    const current = await api.get(this.options.nodeName);
    const next = setNodeStatus(current, {
      addresses: this.addresses,
      now: clock.now(),
      kubeletPort: this.options.kubeletPort,
      ...(this.options.os ? { os: this.options.os } : {}),
      ...(this.options.arch ? { arch: this.options.arch } : {}),
    });
    const reportMs = this.options.reportFrequencyMs ?? nodeStatusReportFrequencyMs;
    if (!shouldReportNodeStatus(this.#node?.status ? current : undefined, next, this.#lastReportMs, clock.nowMs(), reportMs)) {
      this.#node = current;
      return;
    }
    this.#node = await api.updateStatus(next);
    this.#lastReportMs = clock.nowMs();
  }

  #client(): RestClient {
    const c = this.options.client;
    return typeof c === 'function' ? c() : c;
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = this.options.clock.setTimer(this.options.updateFrequencyMs ?? nodeStatusUpdateFrequencyMs, () => {
      this.sync()
        .catch((err: unknown) => this.options.onError?.(err))
        .finally(() => this.#schedule());
    });
  }

  stop(): void {
    this.#stopped = true;
    this.#abort.abort();
    this.#timer?.cancel();
  }
}
