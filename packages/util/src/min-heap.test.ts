import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MinHeap } from './min-heap.js';

test('an empty heap has nothing to peek or pop', () => {
  const heap = new MinHeap<number>((a, b) => a < b);
  assert.is(heap.size, 0);
  assert.is(heap.peek(), undefined);
  assert.is(heap.pop(), undefined);
});

test('items come out smallest first, whatever order they went in', () => {
  const heap = new MinHeap<number>((a, b) => a < b);
  // A fixed permutation with duplicates, long enough to exercise both children at several levels.
  const input = [42, 7, 19, 3, 88, 7, 1, 56, 23, 3, 99, 0, 15, 64, 31, 8, 2, 77];
  for (const n of input) heap.push(n);
  assert.is(heap.size, input.length);
  assert.is(heap.peek(), 0);
  const out: number[] = [];
  while (heap.size > 0) out.push(heap.pop()!);
  assert.equal(out, [...input].sort((a, b) => a - b));
});

test('pushes interleaved with pops keep the order', () => {
  const heap = new MinHeap<number>((a, b) => a < b);
  heap.push(5);
  heap.push(2);
  assert.is(heap.pop(), 2);
  heap.push(9);
  heap.push(1);
  assert.is(heap.pop(), 1);
  assert.is(heap.pop(), 5);
  heap.push(4);
  assert.is(heap.pop(), 4);
  assert.is(heap.pop(), 9);
  assert.is(heap.pop(), undefined);
});

test('a composite key breaks ties by sequence', () => {
  type Item = { due: number; seq: number };
  const heap = new MinHeap<Item>((a, b) => a.due < b.due || (a.due === b.due && a.seq < b.seq));
  const items: Item[] = [
    { due: 10, seq: 0 },
    { due: 5, seq: 1 },
    { due: 10, seq: 2 },
    { due: 5, seq: 3 },
    { due: 10, seq: 4 },
  ];
  for (const item of items) heap.push(item);
  const seqs: number[] = [];
  while (heap.size > 0) seqs.push(heap.pop()!.seq);
  assert.equal(seqs, [1, 3, 0, 2, 4]);
});

test.run();
