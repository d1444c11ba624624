// start / stop / restart of the components a scenario names: `kube-apiserver`,
// `kube-controller-manager`, `kubelet/<node>`, `kube-proxy/<node>`. Each is stopped the way the
// real process would be (its port closes, its connections drop) and started again from its files.
import { errorMessage } from '@tlsboot/util';
import { JoinError } from '../join/errors.js';
import { joinNode } from '../join/join-node.js';
import type { RunContext, RunningNode } from './run-context.js';

export type ComponentKind = 'kube-apiserver' | 'kube-controller-manager' | 'kubelet' | 'kube-proxy';

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
    case 'kubelet': {
      // a kubelet that fails to start exits as the real process would (os.Exit(1)): the run goes
      // on and the trace says why — that is the outcome misconfiguration scenarios look at
      const exited = await startKubelet(ctx, nodeOf(ctx, node!));
      if (exited !== undefined) {
        ctx.trace.runner({ type: 'component.exited', target: ref, message: exited });
        await ctx.time.settle();
        return;
      }
      break;
    }
    case 'kube-proxy':
      await startKubeProxy(ctx, nodeOf(ctx, node!));
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
      const joined = n.joined;
      n.joined = undefined;
      await joined?.kubelet.stop();
      break;
    }
    case 'kube-proxy': {
      const n = nodeOf(ctx, node!);
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
 * kubeadm join on the node: bootstrap-kubelet.conf with the node's token, then the kubelet (its
 * files in nodes/<node>/). Resolves to the kubelet's exit message when it failed to start.
 */
async function startKubelet(ctx: RunContext, node: RunningNode): Promise<string | undefined> {
  if (node.joined) return undefined;
  const spec = node.spec.kubelet;
  if (!spec) throw new Error(`node ${node.spec.name} has no kubelet`);
  if (spec.bootstrapToken === undefined) throw new Error(`kubelet/${node.spec.name}: no bootstrapToken to join with`);
  const config = spec.config as { serverTLSBootstrap?: boolean; rotateCertificates?: boolean };
  try {
    node.joined = await joinNode({
      workdir: ctx.workdir,
      node: node.spec.name,
      token: ctx.resolve(spec.bootstrapToken),
      clock: ctx.time.clock,
      random: ctx.random,
      kubeletTrace: ctx.trace.kubeletSink(),
      kubeProxyTrace: ctx.trace.kubeProxySink(),
      withProxy: node.spec.kubeProxy !== undefined,
      serverTLSBootstrap: config.serverTLSBootstrap === true,
      rotateCertificates: config.rotateCertificates === true || spec.flags.includes('--rotate-certificates'),
    });
  } catch (err) {
    if (err instanceof JoinError && err.code === 'KUBELET_FAILED') return errorMessage(err);
    throw new Error(`kubelet/${node.spec.name}: ${errorMessage(err)}`, { cause: err });
  }
  const joined = node.joined;
  // the kubelet exits on its own later (5 min without a valid client certificate): record it
  void joined.exited.then((message) => {
    if (node.joined === joined) node.joined = undefined;
    ctx.trace.runner({ type: 'component.exited', target: `kubelet/${node.spec.name}`, message });
  });
  return undefined;
}

async function startKubeProxy(ctx: RunContext, node: RunningNode): Promise<void> {
  if (node.proxy) return;
  if (!node.spec.kubeProxy) throw new Error(`node ${node.spec.name} has no kubeProxy`);
  if (!node.joined) throw new Error(`kube-proxy/${node.spec.name}: start kubelet/${node.spec.name} first (kubeadm runs kube-proxy as a DaemonSet on joined nodes)`);
  node.proxy = await node.joined.startKubeProxy();
}
