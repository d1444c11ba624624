import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { systemRandom } from './system-random.js';

test('systemRandom() is one shared source', () => {
  assert.is(systemRandom(), systemRandom());
});

test('two draws of 32 bytes differ (a CSPRNG, not a fixed stream)', () => {
  const r = systemRandom();
  assert.not.equal([...r.bytes(32)], [...r.bytes(32)]);
});

test('float() carries more than 32 bits of randomness', () => {
  // A float built from one 32-bit word is a multiple of 2^-32; 53-bit floats almost never are.
  const r = systemRandom();
  let fine = 0;
  for (let i = 0; i < 20; i++) if ((r.float() * 2 ** 32) % 1 !== 0) fine++;
  assert.ok(fine >= 19, `${fine} of 20 floats finer than 2^-32`);
});

test.run();
