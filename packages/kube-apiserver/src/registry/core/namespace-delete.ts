/**
 * Deleting a namespace. Upstream (pkg/registry/core/namespace/storage/storage.go Delete) sets the
 * deletionTimestamp and phase Terminating and returns the namespace; the namespace controller in
 * kube-controller-manager then deletes everything in it and removes the `kubernetes` finalizer,
 * and the namespace goes. tlsboot has no namespace controller yet, so this does the controller's
 * part at once: watchers see the namespace MODIFIED (Terminating), its objects DELETED, then the
 * namespace DELETED. The answer is the Terminating namespace, as upstream's.
 */
import type { KubeObject } from '@tlsboot/api';
import type { Preconditions } from '../../storage/index.js';
import { formatTimestamp } from '../generic/system-fields.js';
import type { DeleteResult } from '../generic/store.js';
import type { ResourceRegistry } from '../registry.js';

export async function deleteNamespace(registry: ResourceRegistry, name: string, preconditions: Preconditions, now: Date): Promise<DeleteResult> {
  const namespaces = registry.store('', 'namespaces');
  const current = await namespaces.get('', name);
  // storage checks the preconditions; a mismatch is 409 before anything is marked
  if (preconditions.uid !== undefined || preconditions.resourceVersion !== undefined) await namespaces.rawUpdate('', name, (stored) => stored, preconditions);
  const terminating: KubeObject = current.metadata.deletionTimestamp
    ? current
    : await namespaces.rawUpdate('', name, (stored) => ({
        ...stored,
        metadata: { ...stored.metadata, deletionTimestamp: formatTimestamp(now), deletionGracePeriodSeconds: 0 },
        status: { ...(stored['status'] as object | undefined), phase: 'Terminating' },
      }));
  for (const store of registry.namespacedStores()) {
    const { items } = await store.list(name);
    for (const item of items) {
      await store.delete(name, item.metadata.name ?? '').catch((err: { reason?: string }) => {
        if (err.reason !== 'NotFound') throw err;
      });
    }
  }
  await namespaces.delete('', name);
  return { object: terminating, deleted: false };
}
