// The certificate manager of k8s.io/client-go/util/certificate/certificate_manager.go (v1.32):
// keeps the current cert/key pair, and in the background rotates it at the jittered deadline —
// fresh key, CSR with generateName `csr-`, WaitForCertificate for 15 minutes, store.Update — with
// the upstream retry policy (backoff 2 s ×2 for 5 attempts, then every 32 s). Runs on the
// component's Clock and Random; stop() aborts whatever it is waiting on.
import { isForbidden, isNotFound, isUnauthorized } from '@tlsboot/api';
import { requestCertificate, waitForCertificate } from '@tlsboot/client';
import type { RestClient } from '@tlsboot/client';
import { createCertificateRequest, exportPrivateKeyPem, generateKeyPair } from '@tlsboot/pki';
import type { KeySpec } from '@tlsboot/pki';
import type { Clock, Random } from '@tlsboot/util';
import { Backoff, errorMessage, isTlsbootError } from '@tlsboot/util';
import type { TraceEmitter } from '../trace.js';
import { loadPairPem } from './certificate-store.js';
import type { CertificatePair, FileStore } from './certificate-store.js';
import { certificateWaitTimeoutMs, nextRotationDeadline, rotationBackoff, rotationLoopPeriodMs, rotationPollIntervalMs } from './rotation.js';
import type { CertificateTemplate } from './rotation.js';
import { pkiCertificateRequestCrypto } from './x509-crypto.js';

export interface CertificateManagerOptions {
  /** Log/trace prefix; upstream defaults it to the signer name. */
  name?: string;
  signerName: string;
  /** The template; undefined = nothing to request yet (serving manager before node addresses are known). */
  template: () => CertificateTemplate | undefined;
  getUsages: (spec: KeySpec) => string[];
  store: FileStore;
  /** clientsetFn: the client to request with, given the current pair (none → bootstrap credentials). */
  clientFn: (current: CertificatePair | undefined) => Promise<RestClient>;
  clock: Clock;
  random: Random;
  trace: TraceEmitter;
  /** Bootstrap cert/key (kubeadm's embedded kubeconfig data): stored and used, with a forced rotation. */
  bootstrapCertPem?: string;
  bootstrapKeyPem?: string;
  /** Key type for new keys; default ECDSA P-256. */
  keySpec?: KeySpec;
  /** Called after each successful rotation with the new pair. */
  onRotated?: (pair: CertificatePair) => void;
}

export class CertificateManager {
  readonly name: string;
  readonly #o: CertificateManagerOptions;
  #cert: CertificatePair | undefined;
  #forceRotation: boolean;
  #serverHealthy = false;
  #abort = new AbortController();
  #loop: Promise<void> | undefined;

  private constructor(o: CertificateManagerOptions, cert: CertificatePair | undefined, force: boolean) {
    this.#o = o;
    this.name = o.name ?? o.signerName;
    this.#cert = cert;
    this.#forceRotation = force;
  }

  /** NewManager + getCurrentCertificateOrBootstrap. */
  static async create(o: CertificateManagerOptions): Promise<CertificateManager> {
    let current: CertificatePair | undefined;
    try {
      current = await o.store.current();
    } catch (err) {
      if (!(isTlsbootError(err) && err.code === 'NO_CERT_KEY')) throw err;
    }
    if (current && o.clock.nowMs() < current.leaf.notAfter.getTime()) return new CertificateManager(o, current, false);
    if (o.bootstrapCertPem === undefined || o.bootstrapKeyPem === undefined) return new CertificateManager(o, undefined, true);
    const bootstrap = await loadPairPem(o.bootstrapCertPem, o.bootstrapKeyPem, 'bootstrap certificate');
    try {
      await o.store.update(o.bootstrapCertPem, o.bootstrapKeyPem);
    } catch (err) {
      o.trace({ type: 'kubelet.error', message: `unable to set the cert/key pair to the bootstrap certificate: ${errorMessage(err)}` });
    }
    return new CertificateManager(o, bootstrap, true);
  }

  /** Current: the pair, or undefined once it is past NotAfter. */
  current(): CertificatePair | undefined {
    const c = this.#cert;
    if (c && this.#o.clock.nowMs() > c.leaf.notAfter.getTime()) return undefined;
    return c;
  }

  /** ServerHealthy: whether the last request error looked like a live apiserver. */
  serverHealthy(): boolean {
    return this.#serverHealthy;
  }

  start(): void {
    if (this.#loop) return;
    this.#loop = this.#run(this.#abort.signal).catch((err: unknown) => {
      if (!this.#abort.signal.aborted) this.#o.trace({ type: 'kubelet.error', message: `${this.name}: ${errorMessage(err)}` });
    });
  }

  async stop(): Promise<void> {
    this.#abort.abort(new Error('certificate manager stopped'));
    await this.#loop;
  }

  async #run(signal: AbortSignal): Promise<void> {
    const { clock, random, trace } = this.#o;
    while (!signal.aborted) {
      const d = nextRotationDeadline({ force: this.#forceRotation, cert: this.#cert?.leaf, template: this.#o.template(), random });
      this.#forceRotation = false;
      const deadlineMs = d.kind === 'now' ? clock.nowMs() : d.deadlineMs;
      const waitMs = deadlineMs - clock.nowMs();
      trace({
        type: 'rotation.scheduled',
        manager: this.name,
        ...(d.kind === 'at' ? { notAfter: new Date(d.notAfterMs).toISOString() } : {}),
        deadline: new Date(deadlineMs).toISOString(),
        waitMs: Math.max(0, waitMs),
      });
      if (waitMs > 0) await clock.sleep(waitMs, signal);
      if (this.#o.template() !== undefined) await this.#rotateWithRetries(signal);
      await clock.sleep(rotationLoopPeriodMs, signal);
    }
  }

  /** wait.ExponentialBackoff(backoff, rotateCerts), then wait.PollInfinite(32 s, rotateCerts). */
  async #rotateWithRetries(signal: AbortSignal): Promise<void> {
    const { clock, random, trace } = this.#o;
    const backoff = new Backoff(rotationBackoff);
    let attempt = 0;
    while (backoff.steps > 0) {
      if (await this.#rotateCerts(++attempt, signal)) return;
      if (backoff.steps === 1) break;
      const delayMs = backoff.step(random);
      trace({ type: 'rotation.backoff', manager: this.name, delayMs, phase: 'exponential' });
      await clock.sleep(delayMs, signal);
    }
    trace({ type: 'kubelet.error', message: `${this.name}: Reached backoff limit, still unable to rotate certs: timed out waiting for the condition` });
    for (;;) {
      trace({ type: 'rotation.backoff', manager: this.name, delayMs: rotationPollIntervalMs, phase: 'poll' });
      await clock.sleep(rotationPollIntervalMs, signal);
      if (await this.#rotateCerts(++attempt, signal)) return;
    }
  }

  /** rotateCerts: one attempt; false (after tracing upstream's message) when it failed. */
  async #rotateCerts(attempt: number, signal: AbortSignal): Promise<boolean> {
    const o = this.#o;
    const fail = (message: string): false => {
      if (signal.aborted) throw signal.reason;
      o.trace({ type: 'kubelet.error', message: `${this.name}: ${message}` });
      return false;
    };
    o.trace({ type: 'rotation.attempt', manager: this.name, attempt });
    const template = o.template();
    if (!template) return fail('Unable to generate a certificate signing request: no template');
    let keys, csrPem, keyPem;
    try {
      keys = await generateKeyPair(o.keySpec ?? 'ecdsa-p256');
      const subjectAltNames = { ...(template.dnsNames?.length ? { dnsNames: template.dnsNames } : {}), ...(template.ipAddresses?.length ? { ipAddresses: template.ipAddresses } : {}) };
      const csr = await createCertificateRequest({ keys, subject: { commonName: template.commonName, organizations: template.organizations }, subjectAltNames });
      csrPem = csr.pem;
      keyPem = await exportPrivateKeyPem(keys);
    } catch (err) {
      return fail(`Unable to generate a certificate signing request: ${errorMessage(err)}`);
    }
    let client: RestClient;
    try {
      client = await o.clientFn(this.current());
    } catch (err) {
      return fail(`Unable to load a client to request certificates: ${errorMessage(err)}`);
    }
    const usages = o.getUsages(keys.spec);
    let ref;
    try {
      ref = await requestCertificate(client, { csrPem, signerName: o.signerName, usages, privateKey: keys, x509: pkiCertificateRequestCrypto, clock: o.clock });
    } catch (err) {
      this.#updateServerError(err);
      return fail(`Failed while requesting a signed certificate from the control plane: ${errorMessage(err)}`);
    }
    o.trace({ type: 'csr.created', manager: this.name, csr: ref.name, signerName: o.signerName, usages });
    o.trace({ type: 'csr.waiting', manager: this.name, csr: ref.name, timeoutMs: certificateWaitTimeoutMs });
    let crtPem: string;
    try {
      crtPem = await waitForCertificate(client, ref, { clock: o.clock, random: o.random, timeoutMs: certificateWaitTimeoutMs, signal });
    } catch (err) {
      return fail(`certificate request was not signed: ${errorMessage(err)}`);
    }
    let pair: CertificatePair;
    try {
      pair = await o.store.update(crtPem, keyPem);
    } catch (err) {
      return fail(`Unable to store the new cert/key pair: ${errorMessage(err)}`);
    }
    o.trace({
      type: 'csr.issued',
      manager: this.name,
      csr: ref.name,
      serialNumber: pair.leaf.serialNumber,
      notBefore: pair.leaf.notBefore.toISOString(),
      notAfter: pair.leaf.notAfter.toISOString(),
    });
    this.#cert = pair;
    o.trace({ type: 'rotation.done', manager: this.name, serialNumber: pair.leaf.serialNumber });
    o.onRotated?.(pair);
    return true;
  }

  /** updateServerError: Unauthorized → healthy; otherwise healthy iff NotFound or Forbidden. */
  #updateServerError(err: unknown): void {
    this.#serverHealthy = isUnauthorized(err) || isNotFound(err) || isForbidden(err);
  }
}
