// The RBAC authorizer as kube-apiserver assembles it (kubernetes/kubernetes
// pkg/kubeapiserver/authorizer/config.go, `--authorization-mode=…,RBAC`): rbac.New over the
// shared informers' listers. One informer per server (per ResourceRegistry), shared by the
// authorizer and by the RBAC write path that waits for it (registry/rbac/policybased-store.ts).
import type { ResourceRegistry } from '../../registry/registry.js';
import { DefaultRuleResolver } from '../../registry/rbac/validation/rule.js';
import type { Authorizer, RuleResolver } from '../interfaces.js';
import { RBACInformer } from './informer.js';
import { newRBACAuthorizer } from './rbac.js';

const informers = new WeakMap<ResourceRegistry, Promise<RBACInformer>>();

/** The server's RBAC informer, started (listed, then watching) on first use. */
export function sharedRBACInformer(registry: ResourceRegistry): Promise<RBACInformer> {
  let informer = informers.get(registry);
  if (informer === undefined) {
    informer = RBACInformer.start(registry);
    informers.set(registry, informer);
    informer.catch(() => informers.delete(registry));
  }
  return informer;
}

/** The server's RBAC informer if one was started (no RBAC authorizer: undefined). */
export function startedRBACInformer(registry: ResourceRegistry): Promise<RBACInformer> | undefined {
  return informers.get(registry);
}

/**
 * `rbacAuthorizer(ctx)`: the `RBAC` authorizer for startApiServer's `authorizers` factory. Resolves
 * once the four RBAC resources are listed; decisions then read the watch-fed cache only.
 */
export async function rbacAuthorizer(context: { registry: ResourceRegistry }): Promise<Authorizer & RuleResolver> {
  const informer = await sharedRBACInformer(context.registry);
  return newRBACAuthorizer(new DefaultRuleResolver(informer));
}
