// `trace` expectations (pure): `count` — each event occurs exactly n times, how a fault scenario
// says "signed once" — and the `setClock` step as the loader reads it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseScenario } from '../../format/load.js';
import type { TraceEvent } from '../../trace/trace-event.js';
import { checkTraceEvents } from './trace.js';

const ev = (seq: number, fields: Record<string, unknown>): TraceEvent => ({ seq, time: '2024-01-01T00:00:00.000Z', ...fields }) as unknown as TraceEvent;
const events = [
  ev(1, { component: 'kube-controller-manager', type: 'csr.signed', csr: 'node-csr-a' }),
  ev(2, { component: 'kube-controller-manager', type: 'csr.approved', csr: 'node-csr-a' }),
  ev(3, { component: 'kube-controller-manager', type: 'csr.signed', csr: 'node-csr-b' }),
];

test('trace count: each event must occur exactly count times', () => {
  assert.ok(checkTraceEvents(events, { events: [{ type: 'csr.signed' }], count: 2 }).ok);
  assert.ok(checkTraceEvents(events, { events: [{ type: 'csr.approved' }, { type: 'csr.signed', csr: 'node-csr-a' }], count: 1 }).ok);
  assert.ok(checkTraceEvents(events, { events: [{ type: 'csr.denied' }], count: 0 }).ok);
  const twice = checkTraceEvents(events, { events: [{ type: 'csr.signed' }], count: 1 });
  assert.not.ok(twice.ok);
  assert.match(twice.message, /2 events match \{type: csr\.signed\} \(#1, #3\), expected 1/);
});

test('setClock: an RFC 3339 instant, loaded as epoch ms; anything else is a load error', () => {
  const doc = (at: string): string =>
    ['apiVersion: tlsboot/v1alpha1', 'kind: Scenario', 'metadata: {name: clock}', 'spec:', '  description: x', '  steps:', `    - setClock: ${at}`, ''].join('\n');
  const s = parseScenario(doc('"2023-12-01T00:00:00Z"'), 'clock.yaml');
  assert.equal(s.spec.steps[0] && 'setClock' in s.spec.steps[0] ? s.spec.steps[0].setClock : undefined, { atMs: Date.UTC(2023, 11, 1) });
  assert.throws(() => parseScenario(doc('"yesterday"'), 'clock.yaml'), /setClock/);
});

test.run();
