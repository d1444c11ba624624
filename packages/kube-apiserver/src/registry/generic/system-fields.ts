/**
 * The metadata the server owns: rest.FillObjectMetaSystemFields (uid and creationTimestamp on
 * create), what BeforeCreate clears, and what BeforeUpdate copies from the stored object.
 */
import type { KubeObject } from '@tlsboot/api';
import type { Random } from '@tlsboot/util';

/** metav1.Time marshals with second precision: `2024-01-02T03:04:05Z`. */
export function formatTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** A random (version 4) UUID from `random`, as uuid.NewRandom. */
export function newUID(random: Random): string {
  const b = random.bytes(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Buffer.from(b).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function fillSystemFieldsOnCreate(obj: KubeObject, now: Date, random: Random): void {
  const m = obj.metadata;
  m.creationTimestamp = formatTimestamp(now);
  m.uid = newUID(random);
  delete m.deletionTimestamp;
  delete m.deletionGracePeriodSeconds;
  delete m.selfLink;
}

/** BeforeUpdate: generation, uid (when unset), creationTimestamp and deletion fields come from the stored object. */
export function keepSystemFieldsOnUpdate(obj: KubeObject, old: KubeObject): void {
  const m = obj.metadata;
  const o = old.metadata;
  if (o.generation === undefined) delete m.generation;
  else m.generation = o.generation;
  if (!m.uid && o.uid) m.uid = o.uid;
  if (o.creationTimestamp) m.creationTimestamp = o.creationTimestamp;
  if (o.deletionTimestamp) m.deletionTimestamp = o.deletionTimestamp;
  if (o.deletionGracePeriodSeconds !== undefined) m.deletionGracePeriodSeconds = o.deletionGracePeriodSeconds;
  delete m.selfLink;
}
