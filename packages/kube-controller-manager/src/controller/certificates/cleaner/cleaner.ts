// The csrcleaner controller: kubernetes/kubernetes pkg/controller/certificates/cleaner/cleaner.go
// (NewCSRCleanerController, Run, worker, handle). One worker lists every CSR from the informer
// cache right away and then once per pollingInterval (wait.UntilWithContext: the next pass is
// timed from the end of the last one) and deletes those cleanupDecision collects. Errors are
// only logged; the next pass tries again.
import type { CertificateSigningRequest } from '@tlsboot/api';
import { certificateSigningRequests } from '@tlsboot/client';
import type { Informer, RestClient } from '@tlsboot/client';
import type { Clock } from '@tlsboot/util';
import { errorMessage } from '@tlsboot/util';
import type { KcmTraceEventInput } from '../../../trace.js';
import { cleanupDecision, pollingIntervalMs } from './cleanup-rules.js';

export interface CSRCleanerOptions {
  /** Deletes go through this client (the controller's, `certificate-controller`). */
  client: RestClient | { deleteCSR(name: string): Promise<unknown> };
  informer: Informer<CertificateSigningRequest>;
  clock: Clock;
  emit?: (event: KcmTraceEventInput) => void;
  handleError?: (err: unknown) => void;
  /** Default pollingIntervalMs (1 h). */
  pollingIntervalMs?: number;
}

export class CSRCleanerController {
  private readonly deleteCSR: (name: string) => Promise<unknown>;
  private readonly abort = new AbortController();
  private running: Promise<void> | undefined;

  constructor(private readonly options: CSRCleanerOptions) {
    const c = options.client;
    this.deleteCSR = 'deleteCSR' in c ? (name) => c.deleteCSR(name) : (name) => certificateSigningRequests(c).delete(name);
  }

  /** Starts the one worker (`go cleaner.Run(ctx, 1)`); resolves once it has been started. */
  async run(): Promise<void> {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.abort.abort(new Error('csrcleaner stopped'));
    await this.running;
  }

  private async loop(): Promise<void> {
    const signal = this.abort.signal;
    await this.options.informer.waitForSync();
    while (!signal.aborted) {
      await this.worker();
      try {
        await this.options.clock.sleep(this.options.pollingIntervalMs ?? pollingIntervalMs, signal);
      } catch {
        return;
      }
    }
  }

  /** One pass over every CSR in the cache. */
  async worker(): Promise<void> {
    for (const csr of this.options.informer.list()) {
      try {
        await this.handle(csr);
      } catch (err) {
        this.options.handleError?.(new Error(`Error while attempting to clean CSR ${JSON.stringify(csr.metadata.name)}: ${errorMessage(err)}`, { cause: err }));
      }
    }
  }

  private async handle(csr: CertificateSigningRequest): Promise<void> {
    const decision = cleanupDecision(csr, this.options.clock.nowMs());
    if (!decision) return;
    const name = csr.metadata.name ?? '';
    try {
      await this.deleteCSR(name);
    } catch (err) {
      throw new Error(`unable to delete CSR ${JSON.stringify(name)}: ${errorMessage(err)}`, { cause: err });
    }
    this.options.emit?.({ type: 'csr.cleaned', controller: 'csrcleaner', csr: name, rule: decision.rule, message: decision.message });
  }
}
