// The CSR benchmark's arithmetic (nothing here times anything).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { medianFigures, runFigures } from './stats.js';

test('runFigures: wall time from the first create to the last certificate, latency per CSR', () => {
  const f = runFigures([
    { createdAt: 100, createAnsweredAt: 110, certifiedAt: 300 },
    { createdAt: 105, createAnsweredAt: 125, certifiedAt: 500 },
    { createdAt: 110, createAnsweredAt: 120, certifiedAt: 200 },
    { createdAt: 120, createAnsweredAt: 130, certifiedAt: 1100 },
  ]);
  assert.is(f.wallMs, 1000);
  assert.is(f.csrsPerSec, 4);
  assert.is(f.p50Ms, 200); // latencies 200, 395, 90, 980 → sorted 90, 200, 395, 980
  assert.is(f.p95Ms, 980);
  assert.is(f.maxMs, 980);
  assert.is(f.createP50Ms, 10);
});

test('medianFigures takes each figure’s median over runs', () => {
  const r = (csrsPerSec: number, p50Ms: number) => ({ csrs: 10, wallMs: 10_000 / csrsPerSec, csrsPerSec, p50Ms, p95Ms: 2 * p50Ms, maxMs: 3 * p50Ms, createP50Ms: 1 });
  const m = medianFigures([r(100, 30), r(50, 10), r(80, 20)]);
  assert.is(m.csrsPerSec, 80);
  assert.is(m.p50Ms, 20);
  assert.is(m.wallMs, 125);
});

test.run();
