/**
 * What kube-apiserver creates for itself at start: the system namespaces (default, kube-system,
 * kube-public, kube-node-lease — the "system namespaces" controller of pkg/controlplane). The
 * `default` ServiceAccount in each is the service-account controller's work in
 * kube-controller-manager, not the apiserver's, so it is not created here.
 */
import { apiServerUser, namespaceDefault, namespaceNodeLease, namespacePublic, namespaceSystem, systemPrivilegedGroup } from '@tlsboot/api';
import type { ResourceRegistry } from '../registry/registry.js';

export const systemNamespaceNames: readonly string[] = [namespaceDefault, namespaceSystem, namespacePublic, namespaceNodeLease];

export async function createSystemNamespaces(registry: ResourceRegistry): Promise<void> {
  const namespaces = registry.store('', 'namespaces');
  const user = { name: apiServerUser, groups: [systemPrivilegedGroup] };
  for (const name of systemNamespaceNames) {
    await namespaces.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, user).catch((err: { reason?: string }) => {
      if (err.reason !== 'AlreadyExists') throw err;
    });
  }
}
