// The approver the join storm runs for kubelet-serving CSRs, which the kube-controller-manager
// never approves (kubernetes/kubernetes pkg/controller/certificates/approver/sarapprove.go
// recognizes only kube-apiserver-client-kubelet). It does what an admin does with
// `kubectl certificate approve` (kubernetes/kubectl pkg/cmd/certificates/certificates.go v1.32):
// append {type Approved, status True, reason KubectlApprove, message "This CSR was approved by
// kubectl certificate approve."} and PUT the /approval subresource (UpdateApproval), re-reading
// and retrying on a 409 Conflict at most 10 times. An informer on CSRs feeds a queue; a few
// workers drain it, in the controller shape of pkg/controller/certificates/certificate_controller.go:
// an approval that fails for another reason (a dial timeout under a loaded storm, a 5xx) is put
// back on the queue rate-limited (workqueue.DefaultControllerRateLimiter's per-item exponential
// backoff, 5 ms doubling, capped here at 10 s) instead of being dropped — a dropped CSR is never
// seen again by the informer, and its kubelet waits for a certificate that never comes (the N=300
// stall). Only the failures still unresolved when the approver stops are errors.
import type { CertificateSigningRequest } from '@tlsboot/api';
import { kubeletServingSignerName } from '@tlsboot/api';
import { certificateSigningRequests } from '@tlsboot/client';
import type { Informer, RestClient } from '@tlsboot/client';
import { errorMessage } from '@tlsboot/util';
import type { Clock } from '@tlsboot/util';
import { decideCertificate } from '../kubectl/certificate-decision.js';

/** workqueue.NewTypedItemExponentialFailureRateLimiter(5ms, 1000s), capped lower for a benchmark. */
const requeueBaseMs = 5;
const requeueMaxMs = 10_000;

export interface ServingApprover {
  /** CSRs approved so far. */
  readonly approved: number;
  /** Approvals still failing when the approver stopped (each retried rate-limited until then), with the last reason. */
  readonly errors: readonly string[];
  /** Approval attempts that failed and were requeued (transient: dial timeouts, 5xx). */
  readonly retries: number;
  stop(): Promise<void>;
}

/** Whether the CSR is a kubelet-serving request nobody has decided yet. */
export function needsServingApproval(csr: CertificateSigningRequest): boolean {
  if (csr.spec?.signerName !== kubeletServingSignerName) return false;
  return !(csr.status?.conditions ?? []).some((c) => c.type === 'Approved' || c.type === 'Denied');
}

export async function startServingApprover(client: RestClient, clock: Clock, workers = 4): Promise<ServingApprover> {
  const csrs = certificateSigningRequests<CertificateSigningRequest>(client);
  const informer: Informer<CertificateSigningRequest> = csrs.informer({ clock, name: 'bench-serving-approver' });
  const queue: string[] = [];
  const queued = new Set<string>();
  const done = new Set<string>();
  const failing = new Map<string, { failures: number; last: string }>();
  const timers = new Set<{ cancel(): void }>();
  let retries = 0;
  let approved = 0;
  let stopped = false;
  const idle: (() => void)[] = [];
  const enqueue = (csr: CertificateSigningRequest): void => {
    const name = csr.metadata?.name;
    if (!name || queued.has(name) || done.has(name) || !needsServingApproval(csr)) return;
    queued.add(name);
    queue.push(name);
    idle.shift()?.();
  };
  informer.addEventHandler({ onAdd: (csr) => enqueue(csr), onUpdate: (_old, csr) => enqueue(csr) });

  const approveOne = async (name: string): Promise<void> => {
    const first = informer.get(name) ?? (await csrs.get(name));
    if (!needsServingApproval(first)) return;
    const outcome = await decideCertificate(csrs, name, 'approve', () => clock.now(), { first });
    if (outcome.result === 'updated') approved++;
  };

  const worker = async (): Promise<void> => {
    while (!stopped) {
      const name = queue.shift();
      if (name === undefined) {
        await new Promise<void>((resolve) => idle.push(resolve));
        continue;
      }
      try {
        await approveOne(name);
        done.add(name);
        failing.delete(name);
        queued.delete(name);
      } catch (err) {
        // AddRateLimited: back on the queue after the item's backoff; it stays `queued` meanwhile
        const f = failing.get(name) ?? { failures: 0, last: '' };
        f.failures++;
        f.last = errorMessage(err);
        failing.set(name, f);
        retries++;
        if (stopped) continue;
        const timer = clock.setTimer(Math.min(requeueBaseMs * 2 ** (f.failures - 1), requeueMaxMs), () => {
          timers.delete(timer);
          queue.push(name);
          idle.shift()?.();
        });
        timers.add(timer);
      }
    }
  };

  informer.start();
  await informer.waitForSync();
  const running = Array.from({ length: workers }, () => worker());
  return {
    get approved() {
      return approved;
    },
    get errors() {
      return [...failing].map(([name, f]) => `approve ${name}: ${f.last} (${f.failures} attempts)`);
    },
    get retries() {
      return retries;
    },
    async stop() {
      stopped = true;
      for (const t of timers) t.cancel();
      timers.clear();
      for (const resolve of idle.splice(0)) resolve();
      await informer.stop();
      await Promise.race([Promise.all(running), clock.sleep(1000)]);
    },
  };
}
