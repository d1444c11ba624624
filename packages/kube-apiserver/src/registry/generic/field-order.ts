/**
 * Objects leave the apiserver with their fields in Go's struct order, as encoding/json writes
 * them: kind, apiVersion, metadata (ObjectMeta's order), the kind's own fields, status last.
 * Clients do not care; people reading raw responses and golden traces do.
 */
import type { KubeObject } from '@tlsboot/api';

const metadataOrder = [
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
];

export function orderMetadata(meta: KubeObject['metadata']): KubeObject['metadata'] {
  const out: Record<string, unknown> = {};
  for (const k of metadataOrder) if (Object.hasOwn(meta, k)) out[k] = (meta as Record<string, unknown>)[k];
  for (const [k, v] of Object.entries(meta)) if (!Object.hasOwn(out, k)) out[k] = v;
  return out as KubeObject['metadata'];
}

/** `typeMeta` first (omitted when undefined, as for list items), then metadata, fields, status. */
export function orderFields(obj: KubeObject, typeMeta: { kind: string; apiVersion: string } | undefined): KubeObject {
  const { kind: _k, apiVersion: _a, metadata, status, ...rest } = obj;
  return {
    ...(typeMeta ?? {}),
    metadata: orderMetadata(metadata ?? {}),
    ...rest,
    ...(status === undefined ? {} : { status }),
  } as KubeObject;
}
