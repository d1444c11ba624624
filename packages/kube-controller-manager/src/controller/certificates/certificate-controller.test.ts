// The shared CSR controller loop of kubernetes/kubernetes
// pkg/controller/certificates/certificate_controller.go (+ certificate_controller_test.go:
// an added CSR reaches the handler once): events enqueue the name, the handler gets a deep copy,
// issued and deleted CSRs are skipped, errors are retried with the per-item exponential backoff
// (200 ms, 400 ms, …) on the component's VirtualClock, success forgets the backoff.
import type { CertificateSigningRequest } from '@tlsboot/api';
import type { Informer, InformerHandlers } from '@tlsboot/client';
import { VirtualClock } from '@tlsboot/util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CertificateController, IgnorableError, certificateControllerRateLimiter } from './certificate-controller.js';
import type { KcmTraceEventInput } from '../../trace.js';

class FakeInformer {
  readonly items = new Map<string, CertificateSigningRequest>();
  private handlers: InformerHandlers<CertificateSigningRequest>[] = [];
  addEventHandler(h: InformerHandlers<CertificateSigningRequest>): void {
    this.handlers.push(h);
  }
  async waitForSync(): Promise<void> {}
  get(key: string): CertificateSigningRequest | undefined {
    return this.items.get(key);
  }
  add(csr: CertificateSigningRequest): void {
    this.items.set(csr.metadata.name!, csr);
    for (const h of this.handlers) h.onAdd?.(csr, false);
  }
  update(csr: CertificateSigningRequest): void {
    const old = this.items.get(csr.metadata.name!)!;
    this.items.set(csr.metadata.name!, csr);
    for (const h of this.handlers) h.onUpdate?.(old, csr);
  }
  delete(name: string): void {
    const old = this.items.get(name)!;
    this.items.delete(name);
    for (const h of this.handlers) h.onDelete?.(old);
  }
  asInformer(): Informer<CertificateSigningRequest> {
    return this as unknown as Informer<CertificateSigningRequest>;
  }
}

const newCSR = (name: string, certificate?: string): CertificateSigningRequest => ({
  apiVersion: 'certificates.k8s.io/v1',
  kind: 'CertificateSigningRequest',
  metadata: { name },
  spec: { request: '', signerName: 'kubernetes.io/kube-apiserver-client-kubelet' },
  ...(certificate ? { status: { certificate } } : {}),
});

/** Lets promise chains and the queue settle (no timers move). */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

function setup(handler: (csr: CertificateSigningRequest) => Promise<void>) {
  const clock = new VirtualClock();
  const informer = new FakeInformer();
  const events: KcmTraceEventInput[] = [];
  const errors: string[] = [];
  const controller = new CertificateController({
    name: 'csrtest',
    informer: informer.asInformer(),
    handler,
    clock,
    emit: (e) => void events.push(e),
    handleError: (e) => void errors.push((e as Error).message),
  });
  return { clock, informer, events, errors, controller };
}

test('certificate_controller_test.go: an added CSR reaches the handler once, as a deep copy of the cached object', async () => {
  const seen: CertificateSigningRequest[] = [];
  const { informer, controller } = setup(async (csr) => {
    csr.metadata.labels = { mutated: 'yes' };
    seen.push(csr);
  });
  await controller.run(1);
  informer.add(newCSR('a'));
  await settle();
  assert.is(seen.length, 1);
  assert.is(informer.get('a')!.metadata.labels, undefined, 'the cache is not changed by the handler');
  assert.is(controller.queue.numRequeues('a'), 0);
  await controller.stop();
});

test('certificate_controller.go syncFunc: CSRs that already carry a certificate and deleted CSRs never reach the handler', async () => {
  const seen: string[] = [];
  const { informer, controller, events } = setup(async (csr) => void seen.push(csr.metadata.name!));
  await controller.run(2);
  informer.add(newCSR('issued', 'Zm9v'));
  informer.add(newCSR('gone'));
  informer.delete('gone');
  await settle();
  assert.equal(seen, []);
  assert.equal(
    // (the delete may re-enqueue `gone` while a worker holds it: then it is skipped twice)
    [...new Set(events.map((e) => (e.type === 'controller.sync' ? `${e.key}:${e.outcome}:${e.message}` : e.type)))].sort(),
    ['gone:skipped:csr has been deleted', 'issued:skipped:csr already has a certificate'],
  );
  await controller.stop();
});

test('certificate_controller.go processNextWorkItem: errors are requeued after 200 ms, 400 ms, 800 ms on the clock; success forgets the backoff', async () => {
  let calls = 0;
  const { clock, informer, controller, errors } = setup(async () => {
    calls++;
    if (calls <= 3) throw new Error(`attempt ${calls} failed`);
  });
  await controller.run(1);
  informer.add(newCSR('a'));
  await settle();
  assert.is(calls, 1);
  assert.is(controller.queue.numRequeues('a'), 1);
  await clock.advance(199);
  await settle();
  assert.is(calls, 1);
  await clock.advance(1);
  await settle();
  assert.is(calls, 2);
  await clock.advance(399);
  await settle();
  assert.is(calls, 2);
  await clock.advance(1);
  await settle();
  assert.is(calls, 3);
  await clock.advance(800);
  await settle();
  assert.is(calls, 4);
  assert.is(controller.queue.numRequeues('a'), 0, 'forgotten after success');
  assert.equal(errors, ['Sync a failed with : attempt 1 failed', 'Sync a failed with : attempt 2 failed', 'Sync a failed with : attempt 3 failed']);
  await controller.stop();
});

test('certificate_controller.go: an ignorable error is requeued the same way but not reported as a failure', async () => {
  let calls = 0;
  const { clock, informer, controller, errors, events } = setup(async () => {
    calls++;
    if (calls === 1) throw new IgnorableError('recognized csr "a" as [nodeclient] but subject access review was not approved');
  });
  await controller.run(1);
  informer.add(newCSR('a'));
  await settle();
  await clock.advance(200);
  await settle();
  assert.is(calls, 2);
  assert.equal(errors, []);
  const sync = events.filter((e) => e.type === 'controller.sync').map((e) => (e.type === 'controller.sync' ? e.outcome : ''));
  assert.equal(sync, ['ignorable-error', 'ok']);
  await controller.stop();
});

test('certificate_controller.go: an update while the key is being handled is handled again afterwards, never concurrently', async () => {
  let active = 0;
  let maxActive = 0;
  let calls = 0;
  let release!: () => void;
  const { informer, controller } = setup(async () => {
    calls++;
    active++;
    maxActive = Math.max(maxActive, active);
    if (calls === 1) await new Promise<void>((r) => (release = r));
    active--;
  });
  await controller.run(5);
  informer.add(newCSR('a'));
  await settle();
  informer.update({ ...newCSR('a'), metadata: { name: 'a', labels: { v: '2' } } });
  await settle();
  assert.is(calls, 1);
  release();
  await settle();
  assert.is(calls, 2);
  assert.is(maxActive, 1);
  await controller.stop();
});

test('certificateControllerRateLimiter: per item 200 ms doubling to a 1000 s cap', () => {
  const limiter = certificateControllerRateLimiter(new VirtualClock());
  const delays = Array.from({ length: 15 }, () => limiter.when('x'));
  assert.equal(delays.slice(0, 4), [200, 400, 800, 1600]);
  assert.is(delays[14], 1000 * 1000);
});

test.run();
