/**
 * The reference for the HTTP fan-out: the same change delivered to the same number of watchers
 * by the storage layer alone (MemoryStore.watch, in process, no HTTP, no JSON on a wire). What
 * the HTTP figure adds on top of this is the apiserver's encoding and the sockets.
 */
import { performance } from 'node:perf_hooks';
import { realClock } from '@tlsboot/util';
import { MemoryStore, type StoredObject, type Watcher } from '../src/storage/index.js';
import { fanoutRound, type FanoutRound } from './stats.js';
import { benchAnnotation, benchSecret } from './workload.js';

export async function storageFanout(watchers: number, rounds: number): Promise<FanoutRound[]> {
  const store = new MemoryStore({ clock: realClock, bookmarkFrequencyMs: 0 });
  const key = '/registry/secrets/default/bench';
  let current = await store.create(key, benchSecret() as unknown as StoredObject);
  const open: Watcher[] = [];
  const deliveredAt = new Float64Array(watchers);
  let waiting = 0;
  let want = '';
  let done: (() => void) | undefined;
  for (let i = 0; i < watchers; i++) {
    const w = await store.watch('/registry/secrets/default/', { resourceVersion: current.metadata.resourceVersion! });
    open.push(w);
    void (async () => {
      for await (const ev of w) {
        if (ev.type !== 'MODIFIED') continue;
        const annotations = ev.object.metadata['annotations'] as Record<string, string> | undefined;
        if (annotations?.[benchAnnotation] !== want) continue;
        deliveredAt[i] = performance.now();
        if (--waiting === 0) done?.();
      }
    })();
  }
  const results: FanoutRound[] = [];
  // Round 0 is a warm-up: JIT and the watchers' first wake-up stay out of the figures.
  for (let r = 0; r <= rounds; r++) {
    want = `s${r}`;
    waiting = watchers;
    const delivered = new Promise<void>((resolve) => (done = resolve));
    const start = performance.now();
    current = await store.guaranteedUpdate(key, (obj) => {
      obj.metadata['annotations'] = { [benchAnnotation]: want };
      return obj;
    });
    const written = performance.now();
    await delivered;
    if (r > 0) results.push(fanoutRound(Array.from(deliveredAt), start, written));
  }
  for (const w of open) w.stop();
  store.close();
  return results;
}
