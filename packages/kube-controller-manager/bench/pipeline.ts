/**
 * One timed batch through the real API: every client creates its CSR at once (as N kubelets
 * booting together do), the controller-manager's csrapproving approves and csrsigning signs,
 * and an admin watch on certificatesigningrequests sees each certificate arrive. Timing is on
 * the bench's monotonic clock; the batch ends when every CSR has a certificate.
 */
import { performance } from 'node:perf_hooks';
import type { CertificateSigningRequest } from '@tlsboot/api';
import { certificateSigningRequests } from '@tlsboot/client';
import type { RestClient } from '@tlsboot/client';
import type { CsrTiming } from './stats.js';

export interface BatchResult {
  timings: CsrTiming[];
  /** Per CSR name, every distinct status.certificate the watch showed (base64 as on the wire). */
  certificates: Map<string, string[]>;
}

/** Creates csrs[i] as clients[i], all at once; resolves when the watch has shown every certificate. */
export async function runBatch(admin: RestClient, clients: readonly RestClient[], csrs: readonly CertificateSigningRequest[], timeoutMs: number): Promise<BatchResult> {
  if (clients.length < csrs.length) throw new Error(`runBatch: ${csrs.length} CSRs but ${clients.length} clients`);
  const api = certificateSigningRequests<CertificateSigningRequest>(admin);
  const names = csrs.map((c) => c.metadata.name ?? '');
  const certifiedAt = new Map<string, number>();
  const certificates = new Map<string, string[]>(names.map((n) => [n, []]));
  const { metadata } = await api.list({ limit: 1 });
  const abort = new AbortController();

  let allCertified!: () => void;
  const done = new Promise<void>((resolve) => (allCertified = resolve));
  const watching = (async () => {
    for await (const event of api.watch({ resourceVersion: metadata?.resourceVersion ?? '' }, abort.signal)) {
      if (event.type !== 'ADDED' && event.type !== 'MODIFIED') continue;
      const name = event.object.metadata.name ?? '';
      const cert = event.object.status?.certificate;
      const seen = certificates.get(name);
      if (!cert || !seen) continue;
      if (!certifiedAt.has(name)) certifiedAt.set(name, performance.now());
      if (!seen.includes(cert)) seen.push(cert);
      if (certifiedAt.size === names.length) allCertified();
    }
  })();

  const created = new Map<string, { createdAt: number; createAnsweredAt: number }>();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`runBatch: ${certifiedAt.size} of ${names.length} certificates after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const creates = csrs.map(async (csr, i) => {
      const createdAt = performance.now();
      await certificateSigningRequests<CertificateSigningRequest>(clients[i]!).create(csr);
      created.set(names[i]!, { createdAt, createAnsweredAt: performance.now() });
    });
    await Promise.race([Promise.all([Promise.all(creates), done]), timedOut, watching.then(() => Promise.reject(new Error('runBatch: the watch ended early')))]);
  } finally {
    clearTimeout(timer);
    abort.abort();
    await watching.catch(() => {});
  }
  const timings = names.map((n) => ({ ...created.get(n)!, certifiedAt: certifiedAt.get(n)! }));
  return { timings, certificates };
}
