import { randomBytes, randomInt } from 'node:crypto';
import { checkLength, RandomBase } from './random.js';
import type { Random } from './random.js';

/** node:crypto's randomInt takes ranges up to 2^48. */
const cryptoIntLimit = 2 ** 48;

class SystemRandom extends RandomBase {
  float(): number {
    // 53 random bits, the precision of a double, as a multiple of 2^-53.
    return (randomInt(2 ** 26) * 2 ** 27 + randomInt(2 ** 27)) / 2 ** 53;
  }

  bytes(n: number): Uint8Array {
    checkLength('bytes', n);
    return new Uint8Array(randomBytes(n));
  }

  protected below(maxExclusive: number): number {
    if (maxExclusive <= cryptoIntLimit) return randomInt(maxExclusive);
    // Wider than randomInt takes: rejection-sample 53 random bits.
    const limit = Math.floor(2 ** 53 / maxExclusive) * maxExclusive;
    for (;;) {
      const v = randomInt(2 ** 26) * 2 ** 27 + randomInt(2 ** 27);
      if (v < limit) return v % maxExclusive;
    }
  }
}

const shared = new SystemRandom();

/** Randomness from node:crypto (a CSPRNG): for live runs and anything secret. */
export function systemRandom(): Random {
  return shared;
}
