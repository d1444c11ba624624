import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fanoutRound, summarize, summarizeFanout } from './stats.js';

test('summarize keeps the rounds and their spread', () => {
  assert.equal(summarize([5, 1, 3]), { median: 3, min: 1, max: 5, rounds: [5, 1, 3] });
});

test('fanoutRound: delivery times relative to the start of the write', () => {
  const r = fanoutRound([110, 105, 130, 120], 100, 104);
  assert.equal(r, { lastMs: 30, firstMs: 5, p50Ms: 10, p99Ms: 30, writeMs: 4 });
});

test('summarizeFanout: median of each field over rounds', () => {
  const rounds = [fanoutRound([10, 20], 0, 1), fanoutRound([30, 40], 0, 3), fanoutRound([50, 60], 0, 2)];
  const s = summarizeFanout(rounds);
  assert.is(s.lastMs.median, 40);
  assert.equal(s.lastMs.rounds, [20, 40, 60]);
  assert.is(s.firstMs, 30);
  assert.is(s.writeMs, 2);
});

test.run();
