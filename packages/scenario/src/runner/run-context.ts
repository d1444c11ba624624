// What every step and expectation of a run works with: the scenario, the assembled cluster,
// time, the trace and the tokens made so far. Steps (steps/*.ts) and expectations (expect/*.ts)
// take a RunContext and nothing else, so each can be read and tested on its own.
import type { RestClient } from '@tlsboot/client';
import type { KubeProxy } from '@tlsboot/kube-proxy';
import type { Clock, Random } from '@tlsboot/util';
import type { ControlPlane } from '../control-plane/start-control-plane.js';
import type { JoinedNode } from '../join/join-node.js';
import type { Identity, NodeSpec, Scenario, SourceLocation } from '../format/types.js';
import type { TraceCollector } from '../trace/collector.js';

/** How the run moves time: step-and-settle on a virtual clock (TimeDriver), or the wall clock. */
export interface RunTime {
  readonly clock: Clock;
  readonly virtual: boolean;
  /** Returns once the system is idle. */
  settle(): Promise<void>;
  /** Moves the clock forward (virtual), settling after every timer on the way. */
  advance(ms: number): Promise<void>;
  /** Sets the clock (virtual) to `atMs`: forward as `advance`; back, nothing fires; then settles. */
  setClock(atMs: number): Promise<void>;
  /** Until `condition` holds or `timeoutMs` of the run's clock has passed. */
  waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<{ met: boolean; atMs: number }>;
  /** Moves time (virtual) while `work` is pending, up to `limitMs`; then its result. */
  during<T>(work: Promise<T>, limitMs: number): Promise<T>;
}

export interface RunningNode {
  spec: NodeSpec;
  /** The kubelet (with its files) while it runs. */
  joined?: JoinedNode;
  /** The kube-proxy while it runs. */
  proxy?: KubeProxy;
  /** The kubelet started with the cluster already (`start: true` components start once). */
  autoStarted?: boolean;
  /** The kube-proxy started with the cluster already. */
  proxyAutoStarted?: boolean;
  /** The kubelet's start in progress (joinNode has not returned yet). */
  starting?: Promise<void>;
  /** The kube-proxy's start in progress. */
  proxyStarting?: Promise<void>;
  /** The run is over: a start that finishes now stops at once. */
  stopped?: boolean;
}

/** A client acting as some identity, with a label for the trace (`system:bootstrap:abcdef`, `admin`…). */
export interface IdentityClient {
  client: RestClient;
  label: string;
  close(): Promise<void>;
}

export interface RunContext {
  scenario: Scenario;
  /** Absolute; the cluster's files (pki/, admin.kubeconfig, nodes/<node>/…). */
  workdir: string;
  time: RunTime;
  random: Random;
  trace: TraceCollector;
  plane: ControlPlane;
  /** kubernetes-admin (system:masters), from admin.kubeconfig. */
  admin: RestClient;
  nodes: Map<string, RunningNode>;
  /** `createToken` results by their `as` name. */
  tokens: Map<string, string>;
  /** The step being run (1-based), for trace events. */
  step: number;
  /** The text with every `${tokens.NAME}` replaced. */
  resolve(text: string): string;
  /** A client for `identity` (to the apiserver, or to a kubelet's URL); close it when done. */
  clientFor(identity: Identity, kubeletUrl?: string): Promise<IdentityClient>;
}

/** A failed step or expectation: what went wrong and where in the scenario file. */
export class StepFailure extends Error {
  constructor(
    message: string,
    readonly source: SourceLocation,
  ) {
    super(message);
    this.name = 'StepFailure';
  }
}
