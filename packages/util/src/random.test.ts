// The Random contract (random.ts), run against every implementation, plus the derived methods
// of RandomBase on a source whose draws are fixed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isTlsbootError } from './errors.js';
import { kubernetesRandAlphabet, RandomBase } from './random.js';
import type { Random } from './random.js';
import { SeededRandom } from './seeded-random.js';
import { systemRandom } from './system-random.js';

const sources: Array<[string, () => Random]> = [
  ['SeededRandom', () => new SeededRandom('contract')],
  ['systemRandom', () => systemRandom()],
];

function throwsInvalid(fn: () => unknown, message: string): void {
  try {
    fn();
    assert.unreachable('should throw');
  } catch (err) {
    assert.ok(isTlsbootError(err, 'RANDOM_INVALID'), String(err));
    assert.match((err as Error).message, message);
  }
}

for (const [name, make] of sources) {
  test(`${name}: float() is in [0, 1) and spreads over it`, () => {
    const r = make();
    let low = 0;
    for (let i = 0; i < 2000; i++) {
      const f = r.float();
      assert.ok(f >= 0 && f < 1, String(f));
      if (f < 0.5) low++;
    }
    assert.ok(low > 850 && low < 1150, `${low} of 2000 below 0.5`);
  });

  test(`${name}: int() covers [0, max) and nothing else`, () => {
    const r = make();
    const seen = new Set<number>();
    for (let i = 0; i < 600; i++) {
      const n = r.int(6);
      assert.ok(Number.isInteger(n) && n >= 0 && n < 6, String(n));
      seen.add(n);
    }
    assert.is(seen.size, 6);
    assert.is(r.int(1), 0);
  });

  test(`${name}: intBetween() includes both ends`, () => {
    const r = make();
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) {
      const n = r.intBetween(-2, 2);
      assert.ok(n >= -2 && n <= 2, String(n));
      seen.add(n);
    }
    assert.equal([...seen].sort((a, b) => a - b), [-2, -1, 0, 1, 2]);
    assert.is(r.intBetween(7, 7), 7);
  });

  test(`${name}: intBetween() handles ranges wider than 2^48`, () => {
    const r = make();
    const max = 2 ** 52;
    let high = 0;
    for (let i = 0; i < 200; i++) {
      const n = r.intBetween(0, max);
      assert.ok(Number.isSafeInteger(n) && n >= 0 && n <= max, String(n));
      if (n > max / 2) high++;
    }
    assert.ok(high > 50 && high < 150, `${high} of 200 in the upper half`);
  });

  test(`${name}: bytes() gives n bytes, not all alike`, () => {
    const r = make();
    for (const n of [0, 1, 3, 4, 5, 33]) assert.is(r.bytes(n).length, n);
    const big = r.bytes(256);
    assert.instance(big, Uint8Array);
    assert.ok(new Set(big).size > 100, 'bytes vary');
  });

  test(`${name}: pick() returns members and reaches each of them`, () => {
    const r = make();
    const items = ['a', 'b', 'c'] as const;
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) seen.add(r.pick(items));
    assert.equal([...seen].sort(), ['a', 'b', 'c']);
  });

  test(`${name}: string() uses only the Kubernetes rand alphabet`, () => {
    const r = make();
    const s = r.string(500);
    assert.is(s.length, 500);
    assert.ok(/^[bcdfghjklmnpqrstvwxz2456789]+$/.test(s), s);
    assert.is(new Set(s).size, kubernetesRandAlphabet.length, 'every letter turns up in 500');
    assert.is(r.string(0), '');
  });

  test(`${name}: jitter() stays within [d, d*(1+factor))`, () => {
    const r = make();
    for (let i = 0; i < 200; i++) {
      const j = r.jitter(1000, 0.1);
      assert.ok(j >= 1000 && j < 1100, String(j));
    }
  });

  test(`${name}: bad arguments are RANDOM_INVALID`, () => {
    const r = make();
    throwsInvalid(() => r.int(0), 'int(0): the bound must be a positive safe integer');
    throwsInvalid(() => r.int(2.5), 'int(2.5)');
    throwsInvalid(() => r.int(2 ** 53), 'int(');
    throwsInvalid(() => r.intBetween(3, 2), 'intBetween(3, 2): the bounds must be safe integers with min <= max');
    throwsInvalid(() => r.intBetween(0.5, 2), 'intBetween(0.5, 2)');
    throwsInvalid(() => r.intBetween(-(2 ** 52), 2 ** 52), 'the range is wider than 2^53');
    throwsInvalid(() => r.pick([]), 'pick(): there is nothing to pick from an empty list');
    throwsInvalid(() => r.string(-1), 'string(-1): the length must be a whole number');
    throwsInvalid(() => r.bytes(1.5), 'bytes(1.5)');
  });
}

/** Draws fixed in advance: float() returns `f`, below() returns `i` (clamped to the bound). */
class Fixed extends RandomBase {
  constructor(
    private readonly f: number,
    private readonly i: number,
  ) {
    super();
  }
  float(): number {
    return this.f;
  }
  bytes(n: number): Uint8Array {
    return new Uint8Array(n);
  }
  protected below(maxExclusive: number): number {
    return Math.min(this.i, maxExclusive - 1);
  }
}

test('jitter is wait.Jitter: d + float*factor*d, and a factor of 0 or less counts as 1', () => {
  const r = new Fixed(0.5, 0);
  assert.is(r.jitter(100, 0.1), 105);
  assert.is(r.jitter(100, 2), 200);
  assert.is(r.jitter(100, 0), 150);
  assert.is(r.jitter(100, -3), 150);
  assert.is(new Fixed(0, 0).jitter(100, 1), 100);
});

test('pick, string and intBetween are built on below()', () => {
  assert.is(new Fixed(0, 2).pick(['x', 'y', 'z']), 'z');
  assert.is(new Fixed(0, 0).string(3), 'bbb');
  assert.is(new Fixed(0, 99).string(2), '99');
  assert.is(new Fixed(0, 3).intBetween(10, 20), 13);
});

test.run();
