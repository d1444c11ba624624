import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { TlsbootError } from './errors.js';
import { checkLength, RandomBase } from './random.js';
import type { RandomErrorCode } from './random.js';

/**
 * SIMULATED randomness: a deterministic stream (xoroshiro128+ from pure-rand) for scenarios, so
 * one seed replays one run. Not for key material.
 *
 * The seed is a number or a string; either is read as text ("42" and 42 are the same seed) and
 * hashed with FNV-1a into the generator's 128-bit state. `fork(label)` gives the stream named
 * `<seed>/<label>`: it depends only on the parent's seed and the label, never on how much the
 * parent has drawn, so one component drawing more does not shift another's numbers. Forking the
 * same label twice gives the same stream; give every consumer its own label.
 */
export class SeededRandom extends RandomBase {
  /** The seed this stream was made from, as text (forks read "<seed>/<label>"). */
  readonly seed: string;
  readonly #rng: RandomGenerator;

  constructor(seed: number | string) {
    super();
    if (typeof seed === 'number' && !Number.isFinite(seed)) {
      throw new TlsbootError<RandomErrorCode>('RANDOM_INVALID', `random: seed ${seed} is not a finite number`);
    }
    this.seed = String(seed);
    this.#rng = xoroshiro128plusFromState(stateFromSeed(this.seed));
  }

  /** An independent stream for one consumer, named by `label` (e.g. "kubelet/node-1"). */
  fork(label: string): SeededRandom {
    return new SeededRandom(`${this.seed}/${label}`);
  }

  float(): number {
    return uniformFloat64(this.#rng);
  }

  bytes(n: number): Uint8Array {
    checkLength('bytes', n);
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 4) {
      const word = this.#rng.next();
      for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = (word >>> (8 * j)) & 0xff;
    }
    return out;
  }

  protected below(maxExclusive: number): number {
    return uniformInt(this.#rng, 0, maxExclusive - 1);
  }
}

/** FNV-1a, 32 bits, over the UTF-8 bytes of `text`, starting from `basis`. */
export function fnv1a32(text: string, basis = 0x811c9dc5): number {
  let hash = basis >>> 0;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * Four 32-bit words of generator state from a seed: FNV-1a of the seed, spread by the
 * splitmix32 finaliser so that nearby seeds ("1", "2") start far apart. The finaliser is a
 * bijection and its four inputs differ, so at most one word is zero and the state is never the
 * all-zero state that would stall xoroshiro.
 */
function stateFromSeed(seed: string): number[] {
  let x = fnv1a32(seed);
  const state: number[] = [];
  for (let i = 0; i < 4; i++) {
    x = (x + 0x9e3779b9) | 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    state.push((z ^ (z >>> 16)) | 0);
  }
  return state;
}
