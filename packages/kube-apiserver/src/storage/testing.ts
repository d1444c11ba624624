// Test support shared by the MemoryStore suites (not exported from the package).
import { VirtualClock } from '@tlsboot/util';
import type { StoredObject } from './interfaces.js';
import { keyFor } from './keys.js';
import { MemoryStore } from './memory-store.js';

export const secretKey = (name: string, ns = 'default'): string => keyFor('secrets', ns, name);

export const secret = (name: string, extra: Record<string, unknown> = {}, ns = 'default'): StoredObject => ({
  metadata: { name, namespace: ns, uid: `uid-${name}` },
  ...extra,
});

export function newStore(options: Partial<ConstructorParameters<typeof MemoryStore>[0]> = {}): { store: MemoryStore; clock: VirtualClock } {
  const clock = new VirtualClock();
  return { store: new MemoryStore({ clock, ...options }), clock };
}

/** The rejection of `p`; throws when `p` fulfils. */
export async function rejects(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}
