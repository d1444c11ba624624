// Trace events of the kube-controller-manager (DESIGN.md "The trace"): what upstream logs with
// klog in cmd/kube-controller-manager/app/controllermanager.go (StartControllers),
// pkg/controller/certificates/certificate_controller.go, approver/sarapprove.go and
// cleaner/cleaner.go, as structured events. The host gives the sink; `enabled: false` lets a
// component skip building events nobody reads.

/** Where the component writes its events. */
export interface TraceSink {
  emit(event: KcmTraceEvent): void;
  /** When false the component does not build events at all. Default true. */
  enabled?: boolean;
}

interface Base {
  component: 'kube-controller-manager';
  /** The component's clock, RFC 3339 with milliseconds. */
  time: string;
}

export type KcmTraceEvent = Base &
  (
    | { type: 'kcm.started'; controllers: string[]; disabled: string[]; useServiceAccountCredentials: boolean }
    | { type: 'kcm.stopped' }
    /** utilruntime.HandleError: a failure a controller could only log (it retries on its own). */
    | { type: 'kcm.error'; message: string }
    /** "Started controller" / "Skipping a controller" / a controller's init failed. */
    | { type: 'controller.started'; controller: string; serviceAccount?: string }
    | { type: 'controller.skipped'; controller: string; reason: string }
    | { type: 'controller.failed'; controller: string; message: string }
    /** clientbuilder: a ServiceAccount created, a TokenRequest answered. */
    | { type: 'controller.credentials'; serviceAccount: string; user: string; action: 'serviceaccount-created' | 'token-issued'; expirationTimestamp?: string }
    /** One sync of one key by a controller (certificate_controller.go processNextWorkItem). */
    | { type: 'controller.sync'; controller: string; key: string; outcome: 'ok' | 'error' | 'ignorable-error' | 'skipped'; message?: string; requeues?: number }
    /** sarapprove: a recognizer matched this CSR. */
    | { type: 'csr.recognized'; controller: string; csr: string; recognizer: string; signerName: string; username: string }
    /** sarapprove: the SubjectAccessReview made as the requester, and its answer. */
    | {
        type: 'csr.subjectaccessreview';
        controller: string;
        csr: string;
        recognizer: string;
        user: string;
        groups: string[];
        allowed: boolean;
        reason?: string;
      }
    | { type: 'csr.approved'; controller: string; csr: string; reason: string; message: string }
    /** csrcleaner: a CSR deleted, and the rule that collected it. */
    | { type: 'csr.cleaned'; controller: string; csr: string; rule: string; message: string }
    /** csrsigning: a certificate issued through …/status (signer.go handle → sign). */
    | {
        type: 'csr.signed';
        controller: string;
        csr: string;
        signerName: string;
        serialNumber: string;
        subject: { commonName?: string; organizations?: string[] };
        subjectAltNames: { dnsNames?: string[]; ipAddresses?: string[]; emailAddresses?: string[]; uris?: string[] };
        usages: string[];
        notBefore: string;
        notAfter: string;
        issuer?: string;
      }
    /** csrsigning: the signer refused the request — a Failed condition, no certificate. */
    | { type: 'csr.failed'; controller: string; csr: string; signerName: string; reason: string; message: string }
    /** tokencleaner: an expired bootstrap-token Secret deleted (or the attempt, when the API refused). */
    | { type: 'bootstraptoken.deleted'; controller: string; secret: string; reason: string; error?: string }
    /** bootstrapsigner: the cluster-info ConfigMap's jws-kubeconfig-* keys rewritten. */
    | { type: 'clusterinfo.signed'; controller: string; configMap: string; added: string[]; updated: string[]; removed: string[]; error?: string }
  );

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event without the fields the emitter fills in. */
export type KcmTraceEventInput = DistributiveOmit<KcmTraceEvent, 'component' | 'time'>;

/** A sink that drops everything. */
export const noTrace: TraceSink = { emit() {}, enabled: false };

/** Stamps component and time; does nothing when the sink is disabled. */
export function traceEmitter(sink: TraceSink | undefined, now: () => Date): (event: KcmTraceEventInput) => void {
  if (!sink || sink.enabled === false) return () => {};
  return (event) => sink.emit({ component: 'kube-controller-manager', time: now().toISOString(), ...event } as KcmTraceEvent);
}
