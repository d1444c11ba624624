// WaitForCertificate from k8s.io/client-go/util/certificate/csr/csr.go (v1.32): find which API
// version serves CSRs (a LIST by field selector, v1 then v1beta1, again every second), then
// watchtools.UntilWithSync — an informer narrowed to `metadata.name=<name>` (LIST, then WATCH with
// bookmarks, relisting on 410 and rewatching when a watch ends, as the Reflector does) whose
// events go through certificateWaitDecision until it decides or the deadline passes.
import type { CertificateSigningRequest } from '@tlsboot/api';
import type { Clock, Random, Timer } from '@tlsboot/util';
import { newInformer } from '../informer.js';
import { resourcePath } from '../resource-path.js';
import type { RestClient } from '../rest-client.js';
import { nameFieldSelector } from './certificate-signing-request.js';
import type { CertificateSigningRequestRef } from './request-certificate.js';
import { CsrError, errWaitTimeoutMessage } from './errors.js';
import { certificateWaitDecision } from './wait-condition.js';
import type { WaitDecision, WaitEventType } from './wait-condition.js';

export interface WaitForCertificateOptions {
  clock: Clock;
  /** Cancels the wait (the caller's context). */
  signal?: AbortSignal;
  /** The context's deadline, on `clock` (the kubelet's certificate manager waits 15 min). */
  timeoutMs?: number;
  /** Jitter for the informer's backoff and watch timeouts. */
  random?: Random;
  /** List/watch failures the informer retries after (upstream logs them). */
  onError?: (err: unknown) => void;
}

const group = 'certificates.k8s.io';
const resource = 'certificatesigningrequests';
const probeIntervalMs = 1000;
const watchPrefix = 'cannot watch on the certificate signing request: ';

/**
 * Resolves to the issued certificate chain (PEM) once the CSR is Approved and has
 * status.certificate. Rejects with CsrError: CSR_DENIED, CSR_FAILED, CSR_DELETED, CSR_UID_CHANGED
 * (messages prefixed `cannot watch on the certificate signing request: `), CSR_WATCH_FAILED, or
 * CSR_WAIT_TIMEOUT (`timed out waiting for the condition`) when the deadline passes or `signal`
 * aborts.
 */
export async function waitForCertificate(
  client: RestClient,
  req: CertificateSigningRequestRef,
  options: WaitForCertificateOptions,
): Promise<string> {
  const ctx = new WaitContext(options);
  try {
    const fieldSelector = nameFieldSelector(req.name);
    const version = await probeVersion(client, fieldSelector, ctx, options.clock);
    return await untilWithSync(client, version, fieldSelector, req, ctx, options);
  } finally {
    ctx.dispose();
  }
}

/** A context.Context with an optional deadline on the clock and an optional parent signal. */
class WaitContext {
  readonly #controller = new AbortController();
  readonly #timer: Timer | undefined;
  readonly #parent: AbortSignal | undefined;
  readonly #onParentAbort = (): void => this.#end('context canceled');
  #err: string | undefined;

  constructor(options: WaitForCertificateOptions) {
    this.#parent = options.signal;
    if (options.timeoutMs !== undefined) {
      this.#timer = options.clock.setTimer(options.timeoutMs, () => this.#end('context deadline exceeded'));
    }
    if (this.#parent?.aborted) this.#end('context canceled');
    else this.#parent?.addEventListener('abort', this.#onParentAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** ctx.Err(): undefined while live, else Go's text. */
  get err(): string | undefined {
    return this.#err;
  }

  #end(err: string): void {
    if (this.#err !== undefined) return;
    this.#err = err;
    this.#controller.abort(new CsrError('CSR_WAIT_TIMEOUT', errWaitTimeoutMessage));
  }

  dispose(): void {
    this.#timer?.cancel();
    this.#parent?.removeEventListener('abort', this.#onParentAbort);
  }
}

function timeout(): CsrError {
  return new CsrError('CSR_WAIT_TIMEOUT', errWaitTimeoutMessage);
}

/** The v1/v1beta1 probe loop: the first version whose filtered LIST succeeds. */
async function probeVersion(client: RestClient, fieldSelector: string, ctx: WaitContext, clock: Clock): Promise<'v1' | 'v1beta1'> {
  for (;;) {
    for (const version of ['v1', 'v1beta1'] as const) {
      try {
        await client.list(resourcePath({ group, version, resource }), { fieldSelector }, { signal: ctx.signal });
        return version;
      } catch {
        // "error fetching <version> certificate signing request"
      }
      if (ctx.err !== undefined) throw timeout();
    }
    try {
      await clock.sleep(probeIntervalMs, ctx.signal);
    } catch {
      throw timeout();
    }
  }
}

async function untilWithSync(
  client: RestClient,
  version: 'v1' | 'v1beta1',
  fieldSelector: string,
  req: CertificateSigningRequestRef,
  ctx: WaitContext,
  options: WaitForCertificateOptions,
): Promise<string> {
  const informer = newInformer<CertificateSigningRequest>(client, resourcePath({ group, version, resource }), {
    clock: options.clock,
    name: resource,
    fieldSelector,
    ...(options.random !== undefined ? { random: options.random } : {}),
    ...(options.onError !== undefined ? { onError: options.onError } : {}),
  });
  let settle: (d: Exclude<WaitDecision, { kind: 'wait' }>) => void = () => {};
  const decided = new Promise<Exclude<WaitDecision, { kind: 'wait' }>>((resolve) => (settle = resolve));
  let done = false;
  const onEvent = (type: WaitEventType, csr: CertificateSigningRequest): void => {
    if (done) return;
    const decision = certificateWaitDecision(type, csr, req);
    if (decision.kind === 'wait') return;
    done = true;
    settle(decision);
  };
  informer.addEventHandler({
    onAdd: (csr) => onEvent('ADDED', csr),
    onUpdate: (_old, csr) => onEvent('MODIFIED', csr),
    onDelete: (csr) => onEvent('DELETED', csr),
  });
  const ended = new Promise<'ended'>((resolve) => {
    if (ctx.signal.aborted) resolve('ended');
    else ctx.signal.addEventListener('abort', () => resolve('ended'), { once: true });
  });
  informer.start();
  try {
    if ((await Promise.race([informer.waitForSync().then(() => 'synced' as const), ended])) === 'ended') {
      throw new CsrError('CSR_WATCH_FAILED', `${watchPrefix}UntilWithSync: unable to sync caches: ${ctx.err ?? 'context canceled'}`);
    }
    const outcome = await Promise.race([decided, ended]);
    if (outcome === 'ended') throw timeout();
    if (outcome.kind === 'issued') return outcome.certificatePem;
    throw new CsrError(outcome.code, watchPrefix + outcome.message);
  } finally {
    await informer.stop();
  }
}
