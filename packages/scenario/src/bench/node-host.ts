// The kubelets of one slice of the join storm (issue 8 §1–2), hosted either in the main thread or
// in a worker thread (storm-worker.ts): each a real kubelet of kubernetes/kubernetes
// cmd/kubelet/app/server.go (v1.32) with its own real mTLS connections to the apiserver on
// 127.0.0.1. Two client-identity paths, as the kubelet takes them:
//   Path B (default; rotateCertificates false, --bootstrap-kubeconfig): bootstrap.LoadClientCert
//     runs before anything else starts — node-csr-<digest> approved by sarapprove.go and signed —
//     then the kubelet starts with the kubeconfig that names its new certificate.
//   Path A (--rotate-certificates): the client certificate manager in the background and the
//     transport that picks its certificate up (server.go updateTransport, a 10 s check).
// Then both register the Node and request the kubelet-serving certificate (serverTLSBootstrap).
// Milestones are reported as absolute times (performance.timeOrigin + performance.now()), so a
// worker's figures line up with the main thread's.
import { join } from 'node:path';
import { connect } from 'node:tls';
import type { PeerCertificate } from 'node:tls';
import { kubeAPIServerClientKubeletSignerName } from '@tlsboot/api';
import { kubeletNodeState, loadFile, startKubelet } from '@tlsboot/kubelet';
import type { Kubelet, KubeletConfigurationInput, KubeletTraceEvent } from '@tlsboot/kubelet';
import type { KeySpec } from '@tlsboot/pki';
import { errorMessage } from '@tlsboot/util';
import type { Clock } from '@tlsboot/util';
import { nodeFiles } from '../join/node-files.js';

/** What a host needs to start its slice; structured-cloneable (it crosses into a worker as workerData). */
export interface NodeHostInput {
  workdir: string;
  bootstrapKubeconfigPath: string;
  caPath: string;
  keySpec: KeySpec;
  /** Path A (true) or Path B (false). */
  rotateCertificates: boolean;
  /** Node indices of this slice (names are benchNodeName(i, total)). */
  indices: number[];
  total: number;
  /** At most this many joins of the slice in flight. */
  concurrency: number;
}

export type NodeHostEvent =
  | { type: 'started'; i: number; at: number }
  | { type: 'clientCert'; i: number; at: number }
  | { type: 'registered'; i: number; at: number }
  | { type: 'servingCert'; i: number; at: number }
  /** The node holds both certificates (or failed to start): its slot is free. */
  | { type: 'settled'; i: number }
  | { type: 'csr'; name: string }
  | { type: 'retry' }
  | { type: 'error'; i: number; message: string };

export interface NodeHostCheck {
  identitiesOk: number;
  servingOk: number;
  errors: string[];
}

export interface NodeHost {
  /** Correctness of the slice: each node's own identity in both certificates, the serving certificate served. */
  check(): Promise<NodeHostCheck>;
  stop(): Promise<void>;
}

/** Node names as kubeadm would accept them (DNS-1123), zero-padded so they sort. */
export function benchNodeName(i: number, total: number): string {
  return `bench-node-${String(i).padStart(String(total - 1).length, '0')}`;
}

/** Absolute milliseconds, comparable across threads. */
export const absoluteNow = (): number => performance.timeOrigin + performance.now();

/** Hex serial without leading zeros, lower case (node:tls prints upper case). */
const serialKey = (s: string): string => s.toLowerCase().replace(/^0+/, '');

/** Start the slice's kubelets (without waiting for them to finish); `report` gets every milestone. */
export function startNodeHost(input: NodeHostInput, clock: Clock, report: (e: NodeHostEvent) => void): NodeHost {
  const kubelets: Kubelet[] = [];
  const config: KubeletConfigurationInput = {
    rotateCertificates: input.rotateCertificates,
    serverTLSBootstrap: true,
    authentication: { anonymous: { enabled: false }, webhook: { enabled: true }, x509: { clientCAFile: input.caPath } },
    authorization: { mode: 'Webhook' },
  };
  let free = Math.max(1, input.concurrency);
  const waiting: (() => void)[] = [];
  const acquire = (): Promise<void> => (free > 0 ? (free--, Promise.resolve()) : new Promise((r) => waiting.push(r)));
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else free++;
  };
  let stopped = false;

  const joinOne = async (i: number): Promise<void> => {
    await acquire();
    if (stopped) return;
    const node = benchNodeName(i, input.total);
    report({ type: 'started', i, at: absoluteNow() });
    let client = false;
    let serving = false;
    let settled = false;
    const settle = (): void => {
      if (settled) return;
      settled = true;
      release();
      report({ type: 'settled', i });
    };
    const trace = {
      emit(e: KubeletTraceEvent) {
        if (e.type === 'csr.issued' && e.manager === 'bootstrap' && !client) {
          // Path B: LoadClientCert got its certificate (written next, before the kubelet starts)
          client = true;
          report({ type: 'clientCert', i, at: absoluteNow() });
        } else if (e.type === 'rotation.done') {
          if (e.manager === kubeAPIServerClientKubeletSignerName && !client) (client = true), report({ type: 'clientCert', i, at: absoluteNow() });
          else if (e.manager === 'kubelet-serving' && !serving) (serving = true), report({ type: 'servingCert', i, at: absoluteNow() });
          // rotation.done is emitted just before onRotated hands the pair to the HTTPS server
          if (client && serving) queueMicrotask(settle);
        } else if (e.type === 'csr.created') report({ type: 'csr', name: e.csr });
        else if (e.type === 'kubelet.error') report({ type: 'retry' });
      },
    };
    const dir = join(input.workdir, 'nodes', node);
    try {
      const kubelet = await startKubelet({
        nodeName: node,
        clock,
        trace,
        keySpec: input.keySpec,
        flags: [
          `--bootstrap-kubeconfig=${input.bootstrapKubeconfigPath}`,
          `--kubeconfig=${join(dir, nodeFiles.kubeconfig)}`,
          `--cert-dir=${join(dir, nodeFiles.certDir)}`,
          '--node-ip=127.0.0.1',
          `--hostname-override=${node}`,
          ...(input.rotateCertificates ? ['--rotate-certificates'] : []),
        ],
        config,
      });
      kubelets.push(kubelet);
      if (stopped) void kubelet.stop().catch(() => undefined);
      kubeletNodeState(kubelet.context).registered?.then(
        () => report({ type: 'registered', i, at: absoluteNow() }),
        () => undefined,
      );
    } catch (err) {
      report({ type: 'error', i, message: `${node}: ${errorMessage(err)}` });
      settle();
    }
  };
  for (const i of input.indices) void joinOne(i);

  return {
    async check() {
      let identitiesOk = 0;
      let servingOk = 0;
      const errors: string[] = [];
      const checks = kubelets.map((k) => async () => {
        const want = `system:node:${k.nodeName}`;
        // Path A: the manager's pair; Path B: kubelet-client-current.pem, which the kubeconfig names
        const client = k.clientCertificateManager
          ? k.clientCertificateManager.current()?.leaf
          : (await loadFile(join(k.certDir, 'kubelet-client-current.pem')).catch(() => undefined))?.leaf;
        const state = kubeletNodeState(k.context);
        const serving = state.servingCertificateManager?.current()?.leaf;
        const ok = (c: typeof client): boolean => c?.subject.commonName === want && (c.subject.organizations ?? []).join() === 'system:nodes';
        if (ok(client) && ok(serving)) identitiesOk++;
        else errors.push(`${k.nodeName}: holds ${client?.subject.commonName ?? 'no client certificate'} / ${serving?.subject.commonName ?? 'no serving certificate'}, want ${want}`);
        if (!serving || !state.server) return;
        const served = await servedSerial(state.server.port).catch((err: unknown) => `error: ${errorMessage(err)}`);
        if (serialKey(served) === serialKey(serving.serialNumber)) servingOk++;
        else errors.push(`${k.nodeName}: its HTTPS server serves certificate ${served}, want the serving certificate ${serving.serialNumber}`);
      });
      await inBatches(checks, 32);
      return { identitiesOk, servingOk, errors };
    },
    async stop() {
      stopped = true;
      for (const resume of waiting.splice(0)) resume();
      await inBatches(kubelets.map((k) => () => k.stop().catch(() => undefined)), 64);
    },
  };
}

/** The serial number of the certificate a TLS server on 127.0.0.1:port presents. */
function servedSerial(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      const cert = socket.getPeerCertificate() as PeerCertificate | Record<string, never>;
      socket.destroy();
      resolve('serialNumber' in cert ? cert.serialNumber : 'none');
    });
    socket.once('error', reject);
  });
}

export async function inBatches(tasks: readonly (() => Promise<unknown>)[], size: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(size, tasks.length) }, worker));
}
