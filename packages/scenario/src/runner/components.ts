// start / stop / restart of the components a scenario names: `kube-apiserver`,
// `kube-controller-manager`, `kubelet/<node>`, `kube-proxy/<node>`. Each is stopped the way the
// real process would be (its port closes, its connections drop) and started again from its files.
//
// Node components start in the background, as `systemctl start` returns while the process boots:
// a kubelet on the one-shot bootstrap path does not finish starting until its CSR is signed, and
// kube-proxy waits up to 30 s for its Node — both on the run's clock, which the following steps
// (waitFor, advance) move. A start that fails is the process exiting (os.Exit(1)): the run goes
// on and the trace says why (`component.exited`), which is what misconfiguration scenarios check.
import { SeededRandom, errorMessage, fnv1a32 } from '@tlsboot/util';
import { JoinError } from '../join/errors.js';
import { joinNode, startNodeKubeProxy } from '../join/join-node.js';
import type { ClockSpec } from '../format/types.js';
import type { RunContext, RunningNode, RunTime } from './run-context.js';

export type ComponentKind = 'kube-apiserver' | 'kube-controller-manager' | 'kubelet' | 'kube-proxy';

/** How much scenario time a start still in progress gets at the end of a run. */
const endOfRunStartMs = 60_000;

/** How much scenario time a stop may take while the component is still starting. */
const stopWhileStartingMs = 2 * 3600_000;

/**
 * A seeded random source of its own for each node component (the run's seed and the component's
 * name): components run concurrently, so one shared source would hand out its numbers in whatever
 * order they happen to ask, and the same seed would not give the same jitter twice.
 */
function componentRandom(ctx: RunContext, ref: string): SeededRandom {
  return seededRandomFor(ctx.scenario.spec.seed, ref);
}

/** A component's own random source for a scenario seed: the same choices (jitter, watch timeouts) in every run. */
export function seededRandomFor(seed: number, ref: string): SeededRandom {
  return new SeededRandom(fnv1a32(`${seed}/${ref}`));
}

export function parseComponentRef(ref: string): { kind: ComponentKind; node?: string } {
  const [kind, node] = ref.split('/', 2) as [string, string | undefined];
  if ((kind === 'kubelet' || kind === 'kube-proxy') && node) return { kind, node };
  if ((kind === 'kube-apiserver' || kind === 'kube-controller-manager') && node === undefined) return { kind };
  throw new Error(`unknown component ${JSON.stringify(ref)}: use kube-apiserver, kube-controller-manager, kubelet/<node> or kube-proxy/<node>`);
}

function nodeOf(ctx: RunContext, name: string): RunningNode {
  const node = ctx.nodes.get(name);
  if (!node) throw new Error(`no node ${JSON.stringify(name)} in spec.nodes`);
  return node;
}

export async function startComponent(ctx: RunContext, ref: string): Promise<void> {
  const { kind, node } = parseComponentRef(ref);
  switch (kind) {
    case 'kube-apiserver':
      await ctx.plane.startApiServer();
      break;
    case 'kube-controller-manager':
      await ctx.plane.startControllerManager();
      break;
    case 'kubelet':
      startKubelet(ctx, nodeOf(ctx, node!), ref);
      break;
    case 'kube-proxy':
      startKubeProxy(ctx, nodeOf(ctx, node!), ref);
      break;
  }
  ctx.trace.runner({ type: 'component.started', target: ref });
  await ctx.time.settle();
}

export async function stopComponent(ctx: RunContext, ref: string): Promise<void> {
  const { kind, node } = parseComponentRef(ref);
  switch (kind) {
    case 'kube-apiserver':
      await ctx.plane.stopApiServer();
      break;
    case 'kube-controller-manager':
      await ctx.plane.stopControllerManager();
      break;
    case 'kubelet': {
      const n = nodeOf(ctx, node!);
      // a kubelet still bootstrapping has no handle yet: let it finish (or fail) on the run's clock
      if (n.starting) await ctx.time.during(n.starting, stopWhileStartingMs);
      const joined = n.joined;
      n.joined = undefined;
      await joined?.kubelet.stop();
      break;
    }
    case 'kube-proxy': {
      const n = nodeOf(ctx, node!);
      if (n.proxyStarting) await ctx.time.during(n.proxyStarting, stopWhileStartingMs);
      const proxy = n.proxy;
      n.proxy = undefined;
      await proxy?.stop();
      break;
    }
  }
  ctx.trace.runner({ type: 'component.stopped', target: ref });
  await ctx.time.settle();
}

export async function restartComponent(ctx: RunContext, ref: string): Promise<void> {
  await stopComponent(ctx, ref);
  await startComponent(ctx, ref);
}

/**
 * Stops every node component at the end of a run. A start still in progress gets a little more
 * scenario time to finish (a kubelet between its signed CSR and its first files), so nothing
 * writes into the work directory after the run; one blocked for good is left to stop itself.
 */
export async function stopNodes(ctx: { nodes: Map<string, RunningNode>; time: RunTime }): Promise<void> {
  for (const node of ctx.nodes.values()) {
    node.stopped = true;
    for (const starting of [node.starting, node.proxyStarting]) {
      if (starting) await ctx.time.during(starting, endOfRunStartMs).catch(() => undefined);
    }
    await node.proxy?.stop().catch(() => undefined);
    await node.joined?.stop().catch(() => undefined);
  }
}

/** kubeadm join on the node: bootstrap-kubelet.conf with the node's token, then the kubelet (its files in nodes/<node>/). */
function startKubelet(ctx: RunContext, node: RunningNode, ref: string): void {
  if (node.joined || node.starting) return;
  const spec = node.spec.kubelet;
  if (!spec) throw new Error(`node ${node.spec.name} has no kubelet`);
  if (spec.bootstrapToken === undefined) throw new Error(`${ref}: no bootstrapToken to join with`);
  const token = ctx.resolve(spec.bootstrapToken);
  node.starting = (async () => {
    try {
      const joined = await joinNode({
        workdir: ctx.workdir,
        node: node.spec.name,
        token,
        clock: ctx.time.clock,
        random: componentRandom(ctx, ref),
        kubeletTrace: ctx.trace.kubeletSink(),
        kubeletFlags: spec.flags,
        // serverTLSBootstrap, rotateCertificates and the rest: KubeletConfiguration as the scenario wrote it
        kubeletConfig: spec.config,
      });
      if (node.stopped) return void (await joined.stop());
      node.joined = joined;
      // the kubelet exits on its own later (5 min without a valid client certificate)
      void joined.exited.then((message) => {
        if (node.joined === joined) node.joined = undefined;
        ctx.trace.runner({ type: 'component.exited', target: ref, message });
      });
    } catch (err) {
      // the kubelet's own last words (`failed to run Kubelet: …`), not join's wrapping of them
      const message = err instanceof JoinError && err.code === 'KUBELET_FAILED' && err.cause ? errorMessage(err.cause) : errorMessage(err);
      ctx.trace.runner({ type: 'component.exited', target: ref, message });
      if (!(err instanceof JoinError)) throw err;
    } finally {
      node.starting = undefined;
    }
  })();
  node.starting.catch(() => undefined);
}

function startKubeProxy(ctx: RunContext, node: RunningNode, ref: string): void {
  if (node.proxy || node.proxyStarting) return;
  if (!node.spec.kubeProxy) throw new Error(`node ${node.spec.name} has no kubeProxy`);
  if (node.spec.kubeProxy.identity !== 'certificate') throw new Error(`${ref}: the serviceAccount identity is not supported by the runner yet; use identity: certificate`);
  node.proxyStarting = (async () => {
    try {
      const proxy = await startNodeKubeProxy({
        workdir: ctx.workdir,
        node: node.spec.name,
        clock: ctx.time.clock,
        random: componentRandom(ctx, ref),
        trace: ctx.trace.kubeProxySink(),
        ...watchTimeout(ctx.scenario.spec.clock),
      });
      if (node.stopped) return void (await proxy.stop());
      node.proxy = proxy;
    } catch (err) {
      ctx.trace.runner({ type: 'component.exited', target: ref, message: errorMessage(err) });
    } finally {
      node.proxyStarting = undefined;
    }
  })();
}

/** The scenario's clock.minWatchTimeout for a component's informers, when it sets one. */
export function watchTimeout(clock: ClockSpec): { minWatchTimeoutMs?: number } {
  return clock.minWatchTimeoutMs !== undefined ? { minWatchTimeoutMs: clock.minWatchTimeoutMs } : {};
}
