/**
 * The Node authorizer as kube-apiserver builds it for `--authorization-mode=Node`
 * (kubernetes/kubernetes: pkg/kubeapiserver/authorizer/config.go, node.NewAuthorizer with
 * AddGraphEventHandlers): a graph fed from storage by watches, and the pure decision of
 * node-authorizer.ts over it. A decision reads no storage, except after a relationship miss,
 * when the objects that could lead to the node are read through once and the decision is
 * made again (see graph-informer.ts), so an object written just before a node's request is
 * never missed.
 */
import type { UserInfo } from '../../authentication/interfaces.js';
import type { ResourceRegistry } from '../../registry/registry.js';
import type { Attributes, AuthorizationResult, Authorizer, RuleResolver, RulesForResult } from '../interfaces.js';
import { nodeIdentity } from '../../auth/nodeidentifier.js';
import { Graph } from './graph.js';
import { SourceInformer } from './graph-informer.js';
import { graphSources } from './graph-populator.js';
import { NodeAuthorizerDecider, defaultNodeAuthorizerFeatures, noRelationshipPrefix } from './node-authorizer.js';
import type { NodeAuthorizerFeatures } from './node-authorizer.js';

export interface NodeAuthorizerOptions {
  /** Feature gates (default: v1.32's, AuthorizeNodeWithSelectors on). */
  features?: Partial<NodeAuthorizerFeatures>;
  /** Re-read storage after a relationship miss before answering (default true). */
  readThrough?: boolean;
}

export interface NodeAuthorizer extends Authorizer, RuleResolver {
  readonly name: 'Node';
  readonly graph: Graph;
  readonly decider: NodeAuthorizerDecider;
  /** Stops the watches (the server's storage closing stops them too). */
  stop(): Promise<void>;
}

/** `nodeAuthorizer(ctx)`: usable as an `authorizers` factory entry of startApiServer. */
export async function nodeAuthorizer(ctx: { registry: ResourceRegistry }, options: NodeAuthorizerOptions = {}): Promise<NodeAuthorizer> {
  const graph = new Graph();
  const decider = new NodeAuthorizerDecider(graph, { ...defaultNodeAuthorizerFeatures, ...options.features });
  const served = (group: string, resource: string): boolean =>
    ctx.registry.table.some((i) => i.group === group && i.resource === resource && i.etcdPrefix !== undefined);
  const informers = graphSources.filter((s) => served(s.group, s.resource)).map((s) => new SourceInformer(graph, s, ctx.registry.store(s.group, s.resource)));
  await Promise.all(informers.map((i) => i.start()));
  const readThrough = options.readThrough ?? true;

  return {
    name: 'Node',
    graph,
    decider,
    async authorize(a: Attributes): Promise<AuthorizationResult> {
      const first = decider.authorize(a);
      if (!readThrough || first.decision !== 'NoOpinion' || !first.reason.startsWith(noRelationshipPrefix)) return first;
      const node = nodeIdentity(a.user).name;
      try {
        await Promise.all(informers.map((i) => i.readThrough(node)));
      } catch {
        return first; // storage unavailable: the graph's answer stands, as upstream's would
      }
      return decider.authorize(a);
    },
    rulesFor(user: UserInfo): RulesForResult {
      return decider.rulesFor(user);
    },
    async stop(): Promise<void> {
      await Promise.all(informers.map((i) => i.stop()));
    },
  };
}
