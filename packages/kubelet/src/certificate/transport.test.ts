// pkg/kubelet/certificate/transport_test.go / transport.go addCertRotation: a new pair is picked
// up at the next 10 s check; no valid pair for more than exitAfter while the server answers →
// exit; while it does not answer → only the upstream log line; an expired pair → exit.
import { VirtualClock } from '@tlsboot/util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { KubeletTraceEventInput } from '../trace.js';
import type { CertificatePair } from './certificate-store.js';
import { updateTransport } from './transport.js';

const minute = 60_000;

function pair(notAfterMs: number): CertificatePair {
  return { leaf: { notAfter: new Date(notAfterMs) } } as CertificatePair;
}

function harness(healthy: boolean) {
  const clock = new VirtualClock({ start: 0 });
  const state: { current: CertificatePair | undefined } = { current: undefined };
  const events: KubeletTraceEventInput[] = [];
  const rotated: CertificatePair[] = [];
  const exits: string[] = [];
  const t = updateTransport({
    manager: { current: () => state.current, serverHealthy: () => healthy },
    clock,
    trace: (e) => void events.push(e),
    onRotated: (p) => void rotated.push(p),
    onExit: (m) => void exits.push(m),
  });
  return { clock, state, events, rotated, exits, t };
}

test('transport.go addCertRotation: a new pair is taken at the next 10 s check, once', async () => {
  const h = harness(true);
  const p = pair(60 * minute);
  h.state.current = p;
  await h.clock.advance(9_999);
  assert.is(h.rotated.length, 0);
  await h.clock.advance(1);
  assert.equal(h.rotated, [p]);
  assert.is(h.t.check(), false, 'a look that finds the same pair did nothing (a VirtualClock check may skip the settle)');
  await h.clock.advance(60_000);
  assert.is(h.rotated.length, 1);
  assert.ok(h.events.some((e) => e.type === 'transport.rotated' && e.message === 'Certificate rotation detected, shutting down client connections to start using new credentials'));
  h.t.stop();
});

test('transport.go addCertRotation: no certificate for more than 5 minutes and the server answers → exit', async () => {
  const h = harness(true);
  await h.clock.advance(5 * minute);
  assert.equal(h.exits, []);
  await h.clock.advance(10_000);
  assert.equal(h.exits, ['No valid client certificate is found and the server is responsive, exiting.']);
  h.t.stop();
});

test('transport.go addCertRotation: the server does not answer → no exit, the upstream warning instead', async () => {
  const h = harness(false);
  await h.clock.advance(6 * minute);
  assert.equal(h.exits, []);
  assert.ok(h.events.some((e) => e.type === 'kubelet.error' && e.message.startsWith('No valid client certificate is found but the server is not responsive.')));
  h.t.stop();
});

test('transport.go addCertRotation: an expired certificate with a responsive server → exit', async () => {
  const h = harness(true);
  h.state.current = pair(15_000);
  await h.clock.advance(10_000);
  assert.equal(h.exits, []);
  await h.clock.advance(10_000);
  assert.equal(h.exits, ['The currently active client certificate has expired and the server is responsive, exiting.']);
  h.t.stop();
});

test.run();
