// The race cluster (issue 9, Build 4): one kube-apiserver and TWO kube-controller-managers with
// the same kubeconfig and the same flags (csrapproving, csrsigning, csrcleaner), all on one
// VirtualClock, plus the identities that create CSRs: several bootstrap tokens (kubeadm's
// default-node-token group) and several node client certificates (for kubelet-serving CSRs).
//
// Upstream runs kube-controller-manager with --leader-elect=true (cmd/kube-controller-manager/app/
// controllermanager.go, leaderelection.RunOrDie), so only one replica's controllers are active at
// a time. Two active replicas, as here, is the harder case (what a split brain or a lease handover
// gives for a moment): two approvers, two signers and two cleaners read their own informer caches
// and write the same objects, and only the apiserver's optimistic concurrency (resourceVersion
// preconditions → 409 Conflict) and CSR validation keep them apart.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CertificateSigningRequest } from '@tlsboot/api';
import { bootstrapTokenToSecret, newBootstrapTokenString } from '@tlsboot/api';
import { newInformer, RestClient } from '@tlsboot/client';
import type { Informer } from '@tlsboot/client';
import { startApiServer } from '@tlsboot/kube-apiserver';
import type { ApiServer, TraceEvent } from '@tlsboot/kube-apiserver';
import { startControllerManager } from '@tlsboot/kube-controller-manager';
import type { ControllerManager, KcmTraceEvent } from '@tlsboot/kube-controller-manager';
import { exportPrivateKeyPem } from '@tlsboot/pki';
import { VirtualClock } from '@tlsboot/util';
import { controllerManagerKubeconfig } from '../support/kcm-cluster.js';

export const csrPath = '/apis/certificates.k8s.io/v1/certificatesigningrequests';

/** One request to the CSR collection or one CSR, as the apiserver traced it. */
export interface CsrRequest {
  method: string;
  /** The CSR's name ('' for the collection). */
  name: string;
  /** '', 'status' or 'approval'. */
  subresource: string;
  watch: boolean;
  statusCode?: number;
  /** The apiserver's clock when it answered (ms). */
  respondedAtMs?: number;
}

/** Keeps what the race checks need from the apiserver's trace (CSR requests and csr.* events). */
export class RaceTrace {
  readonly requests = new Map<string, CsrRequest>();
  readonly csrEvents: TraceEvent[] = [];
  emit(e: TraceEvent): void {
    if (e.type === 'request.received') {
      if (!e.path.startsWith(csrPath)) return;
      const [name = '', subresource = ''] = e.path.slice(csrPath.length + 1).split('/');
      this.requests.set(e.requestId, { method: e.method, name: decodeURIComponent(name), subresource, watch: /(^|&)watch=(true|1)/.test(e.query) });
    } else if (e.type === 'request.responded') {
      const r = this.requests.get(e.requestId);
      if (r) Object.assign(r, { statusCode: e.statusCode, respondedAtMs: Date.parse(e.time) });
    } else if (e.type.startsWith('csr.')) {
      this.csrEvents.push(e);
    }
  }
}

export interface RaceCluster {
  clock: VirtualClock;
  server: ApiServer;
  trace: RaceTrace;
  admin: RestClient;
  /** Bootstrap-token clients (kubelet-client CSRs). */
  bootstrap: RestClient[];
  /** Node clients `system:node:serve-<i>` (kubelet-serving CSRs for their own name). */
  nodes: { name: string; client: RestClient }[];
  kcms: ControllerManager[];
  /** Each controller-manager's trace, by index. */
  kcmEvents: KcmTraceEvent[][];
  /** Errors the controller-managers could only log. */
  kcmErrors: string[];
  /** An admin informer on CSRs: the last state seen of every CSR, kept after deletion. */
  lastSeen: Map<string, CertificateSigningRequest>;
  informer: Informer<CertificateSigningRequest>;
  close(): Promise<void>;
}

export interface RaceClusterOptions {
  /** The virtual clock's start (ms). */
  startMs: number;
  bootstrapTokens: number;
  servingNodes: number;
}

const rvOf = (o: CertificateSigningRequest): number => Number(o.metadata.resourceVersion ?? 0);

export async function startRaceCluster(opts: RaceClusterOptions): Promise<RaceCluster> {
  const clock = new VirtualClock({ start: opts.startMs });
  const trace = new RaceTrace();
  const server = await startApiServer({ clock, trace });
  const closers: (() => Promise<unknown>)[] = [() => server.close()];
  const adminCert = await server.issueClientCertificate({ commonName: 'kubernetes-admin', organizations: ['system:masters'] });
  const admin = new RestClient({ server: server.url, ca: server.caPem, clientCert: adminCert.certPem, clientKey: adminCert.keyPem });
  closers.push(() => admin.close());
  const bootstrap: RestClient[] = [];
  for (let i = 0; i < opts.bootstrapTokens; i++) {
    // token id [a-z0-9]{6}, secret [a-z0-9]{16}
    const token = `race${String(i).padStart(2, '0')}.0123456789abcdef`;
    const secret = bootstrapTokenToSecret(
      { token: newBootstrapTokenString(token), usages: ['authentication', 'signing'], groups: ['system:bootstrappers:kubeadm:default-node-token'], ttlMs: 72 * 3600_000 },
      clock.now(),
    );
    await admin.create('/api/v1/namespaces/kube-system/secrets', secret);
    const c = new RestClient({ server: server.url, ca: server.caPem, token });
    bootstrap.push(c);
    closers.push(() => c.close());
  }
  const nodes: RaceCluster['nodes'] = [];
  for (let i = 0; i < opts.servingNodes; i++) {
    const name = `serve-${i}`;
    const cert = await server.issueClientCertificate({ commonName: `system:node:${name}`, organizations: ['system:nodes'] });
    const c = new RestClient({ server: server.url, ca: server.caPem, clientCert: cert.certPem, clientKey: cert.keyPem });
    nodes.push({ name, client: c });
    closers.push(() => c.close());
  }
  const dir = await mkdtemp(join(tmpdir(), 'tlsboot-races-'));
  closers.push(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'ca.crt'), server.caPem);
  await writeFile(join(dir, 'ca.key'), await exportPrivateKeyPem(server.ca.keys));
  const kubeconfig = await controllerManagerKubeconfig(server);
  // the same flags for both replicas, as one Deployment/static-pod manifest would give them
  const flags = [
    '--use-service-account-credentials=true',
    '--controllers=csrapproving,csrsigning,csrcleaner',
    `--cluster-signing-cert-file=${join(dir, 'ca.crt')}`,
    `--cluster-signing-key-file=${join(dir, 'ca.key')}`,
  ];
  const kcms: ControllerManager[] = [];
  const kcmEvents: KcmTraceEvent[][] = [];
  const kcmErrors: string[] = [];
  for (let i = 0; i < 2; i++) {
    const events: KcmTraceEvent[] = [];
    kcmEvents.push(events);
    const kcm = await startControllerManager({
      kubeconfig,
      clock,
      trace: { emit: (e) => void events.push(e) },
      options: flags,
      onError: (err) => void kcmErrors.push(`kcm-${i}: ${err instanceof Error ? err.message : String(err)}`),
    });
    kcms.push(kcm);
    closers.push(() => kcm.stop());
  }
  const lastSeen = new Map<string, CertificateSigningRequest>();
  const keep = (o: CertificateSigningRequest): void => {
    const name = o.metadata.name ?? '';
    const prev = lastSeen.get(name);
    if (!prev || prev.metadata.uid !== o.metadata.uid || rvOf(o) >= rvOf(prev)) lastSeen.set(name, o);
  };
  const informer = newInformer<CertificateSigningRequest>(admin, csrPath, { clock });
  informer.addEventHandler({ onAdd: keep, onUpdate: (_o, n) => keep(n), onDelete: keep });
  informer.start();
  closers.push(() => informer.stop());
  await informer.waitForSync();
  return {
    clock,
    server,
    trace,
    admin,
    bootstrap,
    nodes,
    kcms,
    kcmEvents,
    kcmErrors,
    lastSeen,
    informer,
    async close() {
      for (const c of closers.reverse()) await c().catch(() => {});
    },
  };
}
