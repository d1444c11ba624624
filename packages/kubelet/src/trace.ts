// Trace events of the kubelet (DESIGN.md "The trace"): what upstream logs with klog in
// pkg/kubelet/certificate/bootstrap/bootstrap.go (LoadClientCert, LoadClientConfig),
// k8s.io/client-go/util/certificate/certificate_manager.go (rotation) and certificate_store.go
// (files), and cmd/kubelet/app/server.go, as structured events. The host gives the sink;
// `enabled: false` lets the component skip building events nobody reads.
// `server.request`: one request the kubelet's HTTPS server answered (pkg/kubelet/server/server.go
// InstallAuthFilter), with the KubeletServerEvent fields: authentication, the SubjectAccessReview
// attributes and the authorizer's decision.
import type { KubeletServerEvent } from './server/kubelet-server.js';

/** Where the component writes its events. */
export interface TraceSink {
  emit(event: KubeletTraceEvent): void;
  /** When false the component does not build events at all. Default true. */
  enabled?: boolean;
}

interface Base {
  component: 'kubelet';
  /** The node this kubelet runs as. */
  node: string;
  /** The component's clock, RFC 3339 with milliseconds. */
  time: string;
}

export type KubeletTraceEvent = Base &
  (
    | { type: 'kubelet.started'; rotateCertificates: boolean; bootstrap: boolean }
    | { type: 'kubelet.stopped' }
    /** LoadClientCert / LoadClientConfig: which path was taken and why (upstream's V(2) lines). */
    | { type: 'bootstrap.started'; path: 'load-client-cert' | 'load-client-config'; message: string }
    | { type: 'bootstrap.skipped'; message: string }
    /** The key the CSR is for: reused from the store, the temporary key file, or generated. */
    | { type: 'bootstrap.key'; source: 'store' | 'tmp-file' | 'generated'; path?: string }
    /** A CertificateSigningRequest created (or reused, for a fixed node-csr-… name). */
    | { type: 'csr.created'; manager: string; csr: string; signerName: string; usages: string[] }
    /** WaitForCertificate started on it. */
    | { type: 'csr.waiting'; manager: string; csr: string; timeoutMs: number }
    | { type: 'csr.issued'; manager: string; csr: string; serialNumber: string; notBefore: string; notAfter: string }
    /** A file written or removed in --cert-dir, or the --kubeconfig. */
    | { type: 'file.written'; path: string; kind: 'certificate-pair' | 'symlink' | 'kubeconfig' | 'temporary-key'; target?: string }
    | { type: 'file.removed'; path: string }
    /** certificate_manager.go nextRotationDeadline: "Certificate expiration is …, rotation deadline is …". */
    | { type: 'rotation.scheduled'; manager: string; notAfter?: string; deadline: string; waitMs: number }
    | { type: 'rotation.attempt'; manager: string; attempt: number }
    | { type: 'rotation.backoff'; manager: string; delayMs: number; phase: 'exponential' | 'poll' }
    | { type: 'rotation.done'; manager: string; serialNumber: string }
    /** The client transport: new credentials in use (server.go updateTransport). */
    | { type: 'transport.rotated'; message: string }
    /** utilruntime.HandleError and other failures, with upstream's message. */
    | { type: 'kubelet.error'; message: string }
    /** A request the kubelet's HTTPS server answered: status 401 (authentication), 403/500 (authorization) or the handler's. */
    | ({ type: 'server.request' } & Omit<KubeletServerEvent, 'type'>)
  );

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event without the fields the emitter fills in. */
export type KubeletTraceEventInput = DistributiveOmit<KubeletTraceEvent, 'component' | 'node' | 'time'>;

export type TraceEmitter = (event: KubeletTraceEventInput) => void;

/** A sink that drops everything. */
export const noTrace: TraceSink = { emit() {}, enabled: false };

/** Stamps component, node and time; does nothing when the sink is disabled. */
export function traceEmitter(sink: TraceSink | undefined, node: string, now: () => Date): TraceEmitter {
  if (!sink || sink.enabled === false) return () => {};
  return (event) => sink.emit({ component: 'kubelet', node, time: now().toISOString(), ...event } as KubeletTraceEvent);
}
