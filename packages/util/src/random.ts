import { TlsbootError } from './errors.js';

export type RandomErrorCode = 'RANDOM_INVALID';

/**
 * The alphabet of k8s.io/apimachinery/pkg/util/rand.String: consonants and digits without
 * vowels or look-alikes (no 0, 1, 3, a, e, i, o, u, y), so generated names never spell words.
 * Bootstrap token ids, generated name suffixes and CSR names use it.
 */
export const kubernetesRandAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * Where tlsboot components get randomness from (STYLE.md rule 4: never `Math.random()`).
 * Scenarios pass a `SeededRandom`, so the same seed gives the same run; live runs and key
 * material use `systemRandom()`.
 */
export interface Random {
  /** A float in [0, 1). */
  float(): number;
  /** An integer in [0, maxExclusive); maxExclusive is a positive safe integer. */
  int(maxExclusive: number): number;
  /** An integer in [min, maxInclusive]. */
  intBetween(min: number, maxInclusive: number): number;
  /** `n` random bytes. */
  bytes(n: number): Uint8Array;
  /** One of `items`, uniformly; throws RANDOM_INVALID when there are none. */
  pick<T>(items: readonly T[]): T;
  /** `length` characters of `kubernetesRandAlphabet`, as apimachinery's rand.String. */
  string(length: number): string;
  /**
   * apimachinery's wait.Jitter: a duration between `durationMs` and
   * `durationMs * (1 + maxFactor)`; a `maxFactor` of 0 or less counts as 1.
   */
  jitter(durationMs: number, maxFactor: number): number;
}

/**
 * The derived methods of Random, written once over `float`, `int` and `bytes`, so every source
 * picks, spells and jitters the same way.
 */
export abstract class RandomBase implements Random {
  abstract float(): number;
  abstract bytes(n: number): Uint8Array;
  /** An integer in [0, maxExclusive) for a maxExclusive already checked. */
  protected abstract below(maxExclusive: number): number;

  int(maxExclusive: number): number {
    if (!Number.isSafeInteger(maxExclusive) || maxExclusive < 1) {
      throw invalid(`int(${maxExclusive}): the bound must be a positive safe integer`);
    }
    return this.below(maxExclusive);
  }

  intBetween(min: number, maxInclusive: number): number {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(maxInclusive) || min > maxInclusive) {
      throw invalid(`intBetween(${min}, ${maxInclusive}): the bounds must be safe integers with min <= max`);
    }
    const span = maxInclusive - min + 1;
    if (!Number.isSafeInteger(span)) {
      throw invalid(`intBetween(${min}, ${maxInclusive}): the range is wider than 2^53`);
    }
    return min + this.below(span);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw invalid('pick(): there is nothing to pick from an empty list');
    return items[this.below(items.length)]!;
  }

  string(length: number): string {
    checkLength('string', length);
    let out = '';
    for (let i = 0; i < length; i++) out += kubernetesRandAlphabet[this.below(kubernetesRandAlphabet.length)];
    return out;
  }

  jitter(durationMs: number, maxFactor: number): number {
    const factor = maxFactor > 0 ? maxFactor : 1;
    return durationMs + this.float() * factor * durationMs;
  }
}

export function checkLength(what: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw invalid(`${what}(${n}): the length must be a whole number, 0 or more`);
}

function invalid(message: string): TlsbootError<RandomErrorCode> {
  return new TlsbootError<RandomErrorCode>('RANDOM_INVALID', `random: ${message}`);
}
