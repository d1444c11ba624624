import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomSerialNumber } from './serial-number.js';
import { webcrypto } from './x509.js';

test('the default serial is 16 random octets with the top bit clear: positive and below 2^127', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const serial = randomSerialNumber();
    assert.match(serial, /^[0-7][0-9a-f]{31}$/);
    const value = BigInt(`0x${serial}`);
    assert.ok(value > 0n);
    assert.ok(value < 2n ** 128n); // k8s authority.go: rand.Int(rand.Reader, 2^128)
    seen.add(serial);
  }
  assert.is(seen.size, 200);
});

test('cfssl serials are 20 octets with the top bit clear', () => {
  for (let i = 0; i < 50; i++) assert.match(randomSerialNumber(20), /^[0-7][0-9a-f]{39}$/);
});

test('an all-zero draw becomes 1, so the serial is never zero', () => {
  const crypto = webcrypto as unknown as { getRandomValues: <T>(a: T) => T };
  crypto.getRandomValues = <T>(a: T) => a; // leaves the array zero-filled
  try {
    assert.is(randomSerialNumber(4), '00000001');
  } finally {
    delete (crypto as { getRandomValues?: unknown }).getRandomValues;
  }
  // The real generator is back.
  assert.ok(Array.from({ length: 20 }, () => randomSerialNumber(4)).some((s) => s !== '00000001'));
});

test.run();
