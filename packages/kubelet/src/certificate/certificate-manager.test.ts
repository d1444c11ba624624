// k8s.io/client-go/util/certificate/certificate_manager.go: getCurrentCertificateOrBootstrap
// (TestInitializeCertificateSigningRequestClient-like cases: a valid stored pair → no forced
// rotation; none + bootstrap pair → stored and forced; none → forced), Current() returning nil
// after NotAfter, and the retry schedule of Start on the component clock: attempts at 0, 2, 6, 14,
// 30 s (jittered ≤ 10 %), "Reached backoff limit", then every 32 s.
import { mkdtemp, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeededRandom, VirtualClock, realClock } from '@tlsboot/util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { KubeletTraceEventInput } from '../trace.js';
import { CertificateManager } from './certificate-manager.js';
import type { CertificateManagerOptions } from './certificate-manager.js';
import { FileStore } from './certificate-store.js';
import { kubeletClientUsages } from './rotation.js';
import { nodeClientPair, testCA } from './testing.js';

const hour = 3600_000;
const template = { commonName: 'system:node:n1', organizations: ['system:nodes'] };

async function setUp(): Promise<{ dir: string; clock: VirtualClock; store: FileStore; events: (KubeletTraceEventInput & { at: number })[]; options: CertificateManagerOptions }> {
  const dir = await mkdtemp(join(tmpdir(), 'tlsboot-manager-'));
  const clock = new VirtualClock({ start: Date.UTC(2026, 5, 1) });
  const events: (KubeletTraceEventInput & { at: number })[] = [];
  const trace = (e: KubeletTraceEventInput): void => void events.push({ ...e, at: clock.nowMs() });
  const store = await FileStore.open({ prefix: 'kubelet-client', certDir: dir, clock, trace });
  const options: CertificateManagerOptions = {
    signerName: 'kubernetes.io/kube-apiserver-client-kubelet',
    template: () => template,
    getUsages: kubeletClientUsages,
    store,
    clientFn: async () => {
      throw new Error('no client for you');
    },
    clock,
    random: new SeededRandom(5),
    trace,
  };
  return { dir, clock, store, events, options };
}

async function until(what: string, check: () => boolean): Promise<void> {
  const deadline = realClock.nowMs() + 5000;
  while (!check()) {
    if (realClock.nowMs() > deadline) throw new Error(`timed out waiting for ${what}`);
    await realClock.sleep(2);
  }
}

test('certificate_manager.go getCurrentCertificateOrBootstrap: a valid stored pair is used as is, no forced rotation', async () => {
  const { dir, clock, store, events, options } = await setUp();
  try {
    const ca = await testCA(clock.now());
    const p = await nodeClientPair(ca, 'n1', clock.now(), 24 * hour);
    await store.update(p.certPem, p.keyPem);
    const m = await CertificateManager.create(options);
    assert.is(m.current()?.certPem, p.certPem);
    m.start();
    await until('the schedule', () => events.some((e) => e.type === 'rotation.scheduled'));
    const s = events.find((e) => e.type === 'rotation.scheduled')!;
    assert.ok(s.type === 'rotation.scheduled' && s.waitMs > 0.7 * 24 * hour - 5 * 60_000 - 1);
    assert.not.ok(events.some((e) => e.type === 'rotation.attempt'));
    // Current() is nil once the certificate has expired
    await m.stop();
    await clock.set(m.current()!.leaf.notAfter.getTime() + 1);
    assert.is(m.current(), undefined);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('certificate_manager.go getCurrentCertificateOrBootstrap: an expired stored pair + bootstrap data → the bootstrap pair is stored, used, and rotated at once', async () => {
  const { dir, clock, store, events, options } = await setUp();
  try {
    const ca = await testCA(clock.now());
    const old = await nodeClientPair(ca, 'n1', new Date(clock.nowMs() - 48 * hour), 24 * hour);
    await store.update(old.certPem, old.keyPem);
    await clock.advance(1000);
    const boot = await nodeClientPair(ca, 'n1', clock.now(), 24 * hour);
    const m = await CertificateManager.create({ ...options, bootstrapCertPem: boot.certPem, bootstrapKeyPem: boot.keyPem });
    assert.is(m.current()?.certPem, boot.certPem);
    assert.is((await store.current()).certPem, boot.certPem);
    assert.match(await readlink(store.currentPath()), /kubelet-client-2026-06-01-\d\d-00-01\.pem$/);
    m.start();
    await until('the first attempt', () => events.some((e) => e.type === 'rotation.attempt'));
    const s = events.find((e) => e.type === 'rotation.scheduled')!;
    assert.ok(s.type === 'rotation.scheduled' && s.waitMs === 0, 'forced: rotate now');
    await m.stop();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('certificate_manager.go Start: with no certificate, attempts at once, then after 2, 4, 8, 16 s (+≤10 %), "Reached backoff limit", then every 32 s', async () => {
  const { dir, clock, events, options } = await setUp();
  try {
    const m = await CertificateManager.create(options);
    assert.is(m.current(), undefined);
    m.start();
    const t0 = clock.nowMs();
    for (let i = 1; i <= 4; i++) {
      await until(`backoff ${i}`, () => events.filter((e) => e.type === 'rotation.backoff').length === i);
      const b = events.filter((e) => e.type === 'rotation.backoff')[i - 1]!;
      assert.ok(b.type === 'rotation.backoff' && b.phase === 'exponential');
      await clock.advance(b.delayMs);
    }
    await until('the poll', () => events.some((e) => e.type === 'rotation.backoff' && e.phase === 'poll'));
    await clock.advance(32_000);
    await until('the sixth attempt', () => events.filter((e) => e.type === 'rotation.attempt').length === 6);
    await m.stop();
    const attempts = events.filter((e) => e.type === 'rotation.attempt').map((e) => (e.at - t0) / 1000);
    const expected = [0, 2, 6, 14, 30];
    expected.forEach((base, i) => assert.ok(attempts[i]! >= base && attempts[i]! <= base * 1.1, `attempt ${i + 1} at ${attempts[i]} s`));
    assert.is(attempts[5]! - attempts[4]!, 32);
    const errors = events.filter((e) => e.type === 'kubelet.error').map((e) => (e.type === 'kubelet.error' ? e.message : ''));
    assert.is(errors[0], 'kubernetes.io/kube-apiserver-client-kubelet: Unable to load a client to request certificates: no client for you');
    assert.ok(errors.includes('kubernetes.io/kube-apiserver-client-kubelet: Reached backoff limit, still unable to rotate certs: timed out waiting for the condition'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
