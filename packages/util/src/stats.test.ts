// The benchmarks' arithmetic (stats.ts).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { median, quantile } from './stats.js';

test('median: middle value, mean of the two middle values for an even count, NaN when empty', () => {
  assert.is(median([3, 1, 2]), 2);
  assert.is(median([5, 1, 3]), 3);
  assert.is(median([4, 1, 3, 2]), 2.5);
  assert.is(median([5, 1, 4, 2, 3, 6, 7, 8, 9, 10]), 5.5);
  assert.ok(Number.isNaN(median([])));
});

test('median leaves its input unsorted', () => {
  const v = [3, 1, 2];
  median(v);
  assert.equal(v, [3, 1, 2]);
});

test('quantile: nearest rank on the sorted values', () => {
  const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1
  assert.is(quantile(values, 0.5), 50);
  assert.is(quantile(values, 0.99), 99);
  assert.is(quantile(values, 1), 100);
  assert.is(quantile(values, 0), 1);
  assert.is(quantile([7], 0.99), 7);
  const ten = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10];
  assert.is(quantile(ten, 0.5), 5);
  assert.is(quantile(ten, 0.95), 10);
  assert.is(quantile(ten, 0), 1);
  assert.ok(Number.isNaN(quantile([], 0.5)));
});

test.run();
