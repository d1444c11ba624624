// The scenario format, tlsboot/v1alpha1 (DESIGN.md "Scenarios"; docs/scenarios.md is the
// reference, schema/scenario.schema.json the machine-readable form — a test keeps the three in
// step). Kubernetes-shaped: apiVersion, kind, metadata, spec. Component configuration uses the
// real binaries' flag names and the real KubeletConfiguration / KubeProxyConfiguration fields.
//
// These are the types of a scenario AFTER loading: the loader (load.ts) has validated the YAML
// against the schema, parsed durations to milliseconds, read referenced files and kept, for every
// step and expectation, where in which file it was written (`source`).

/** Where a node of the YAML document was written: for errors and reports. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
  /** The field path, e.g. `spec.steps[3].approve.csr`. */
  path: string;
}

export interface Scenario {
  apiVersion: 'tlsboot/v1alpha1';
  kind: 'Scenario';
  metadata: ScenarioMetadata;
  spec: ScenarioSpec;
  /** The file it was loaded from (absolute), or `<inline>`. */
  file: string;
}

export interface ScenarioMetadata {
  /** DNS-1123 label; unique in a library; the golden trace is `<dir>/<name>.trace.golden` beside it. */
  name: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface ScenarioSpec {
  /** What it shows or tests, in a paragraph (shown by `tlsboot list` / `explain`). */
  description: string;
  /** What real Kubernetes v1.32 does in this situation (the outcome the expectations pin). */
  outcome?: string;
  /** Category for the catalogue. */
  category?: 'article' | 'rotation' | 'misconfiguration' | 'attack' | 'fault' | 'tutorial';
  /** CIS benchmark items, CVEs, upstream docs this scenario concerns. */
  references?: Reference[];
  /** Virtual by default: time moves only when a step says so or when all is idle and a timer waits. */
  clock: ClockSpec;
  /** Seed of every random choice (keys are real randomness; names, jitter and tokens follow the seed). Default 1. */
  seed: number;
  cluster: ClusterSpec;
  /** Created as the cluster admin before the first step, in order. */
  objects: ObjectSource[];
  nodes: NodeSpec[];
  steps: Step[];
}

export interface Reference {
  /** `CIS 1.2.x`, `CVE-2020-8558`, `KEP-267`… */
  id: string;
  title?: string;
  url?: string;
}

export interface ClockSpec {
  mode: 'virtual' | 'real';
  /** Virtual start instant (RFC 3339); default 2024-01-01T00:00:00Z. Ignored for `real`. */
  start?: string;
  /**
   * `minWatchTimeout`: client-go's ReflectorOptions.MinWatchTimeout for the informers of the
   * controller-manager and kube-proxies (default and floor 5 min: each re-watches every 5–10 min).
   * No component has a flag for it; long scenarios raise it so a year of virtual time costs seconds.
   */
  minWatchTimeoutMs?: number;
}

export interface ClusterSpec {
  /** The default RBAC policy reconciled at start (startApiServer `policy`); default kubeadm. */
  policy: 'kubeadm' | 'upstream' | 'none';
  /** kube-apiserver flags by their real names (those tlsboot understands; others are an error). */
  apiserver: { flags: string[] };
  /** kube-controller-manager flags after kubeadm's; `start: false` to start it in a step. */
  controllerManager: { flags: string[]; start: boolean };
}

/** A manifest source: exactly one of the three. */
export type ObjectSource =
  | { manifest: Record<string, unknown>; source: SourceLocation }
  | { file: string; source: SourceLocation }
  | { yaml: string; source: SourceLocation };

export interface NodeSpec {
  /** The node name (kubelet --hostname-override); DNS-1123 subdomain. */
  name: string;
  kubelet?: KubeletSpec;
  kubeProxy?: KubeProxySpec;
}

export interface KubeletSpec {
  /** Started with the cluster (default) or by a `start` step. */
  start: boolean;
  /** The bootstrap token the runner writes into bootstrap-kubelet.conf: a literal id.secret or `${tokens.NAME}` from a createToken step (any step: the file is written when the kubelet starts). Absent: no bootstrap kubeconfig. */
  bootstrapToken?: string;
  /** Kubelet flags beyond the ones the runner sets (--bootstrap-kubeconfig, --kubeconfig, --cert-dir, --hostname-override, --node-ip). */
  flags: string[];
  /** KubeletConfiguration fields (rotateCertificates, serverTLSBootstrap, authentication, authorization…). */
  config: Record<string, unknown>;
}

export interface KubeProxySpec {
  start: boolean;
  /** `certificate`: the article's cfssl-made CN=system:kube-proxy; `serviceAccount`: kubeadm's kube-proxy SA token. */
  identity: 'certificate' | 'serviceAccount';
  /** KubeProxyConfiguration fields. */
  config: Record<string, unknown>;
}

/** A component as steps name it: `kube-apiserver`, `kube-controller-manager`, `kubelet/<node>`, `kube-proxy/<node>`. */
export type ComponentRef = string;

/** Who sends a request. */
export type Identity =
  | { admin: true }
  | { anonymous: true }
  /** A bearer token: a literal, or `${tokens.NAME}`. */
  | { token: string }
  /** A client certificate signed by the cluster CA, made for this request. */
  | { certificate: { commonName: string; organizations?: string[]; ca?: 'cluster' | 'other' } }
  /** The kubelet's current client credentials (its kubeconfig). */
  | { node: string }
  /** A service account token (TokenRequest), `namespace/name`. */
  | { serviceAccount: string };

/** Selects CSRs; every given field must match. Strings in `/…/` are regular expressions. */
export interface CsrSelector {
  name?: string;
  signerName?: string;
  username?: string;
  /** `client` (kube-apiserver-client-kubelet) or `serving` (kubelet-serving) CSRs of `node`. */
  node?: string;
  type?: 'client' | 'serving';
}

export type Step = { name?: string; source: SourceLocation } & StepBody;

export type StepBody =
  /** kubeadm token create: a Secret bootstrap-token-<id>; the token is `${tokens.<as>}` later. */
  | { createToken: { as: string; token?: string; groups?: string[]; usages?: string[]; ttlMs?: number; description?: string } }
  | { start: ComponentRef }
  | { stop: ComponentRef }
  | { restart: ComponentRef }
  | { approve: { csr: CsrSelector; by?: Identity; message?: string } }
  | { deny: { csr: CsrSelector; by?: Identity; message?: string } }
  | { apply: ObjectSource }
  | { delete: { apiVersion: string; kind: string; name: string; namespace?: string } }
  /** Moves the virtual clock forward, running every timer due on the way and settling between them. */
  | { advance: { ms: number } }
  /** Sets the virtual clock to an instant (epoch ms): forward as `advance`; back, nothing fires and pending timers keep their instants. */
  | { setClock: { atMs: number } }
  /** Waits until the expectation holds, moving virtual time through idle periods; fails after `timeoutMs` of the scenario's clock. */
  | { waitFor: { expect: Expectation; timeoutMs: number } }
  /** Sends one request as `as` and records the outcome; `expect` checks it. */
  | { request: { as: Identity; to?: ComponentRef; verb: string; path: string; body?: unknown; expect?: HttpExpectation } }
  | { fault: Fault }
  | { expect: Expectation[] };

export type Fault =
  | { dropConnections: ComponentRef }
  | { apiserverUnavailable: { forMs: number } };

export interface HttpExpectation {
  status?: number;
  /** Status.reason (`Forbidden`, `Unauthorized`…) for API errors. */
  reason?: string;
  /** Substring, or `/regex/`, of the Status message (or the plain-text body). */
  message?: string;
  /** Substring, or `/regex/`, of the response body. */
  body?: string;
}

export type Expectation = { source: SourceLocation } & ExpectationBody;

export type ExpectationBody =
  | { object: { apiVersion: string; kind: string; name: string; namespace?: string; absent?: boolean; matches?: Record<string, unknown> } }
  | { csr: CsrSelector & { count?: number; state?: 'Pending' | 'Approved' | 'Denied' | 'Failed' | 'Issued'; reason?: string } }
  | { certificate: CertificateExpectation }
  | { file: { path: string; absent?: boolean; mode?: string; symlink?: string; contains?: string } }
  | { trace: { events: Record<string, unknown>[]; ordered?: boolean; absent?: boolean; count?: number } }
  | { node: { name: string; registered?: boolean } };

export interface CertificateExpectation {
  /** Where the certificate is: a file in the work directory, a CSR's status.certificate, or what a component serves. */
  from: { file: string } | { csr: CsrSelector } | { served: ComponentRef };
  subject?: { commonName?: string; organizations?: string[] };
  issuer?: { commonName?: string };
  dnsNames?: string[];
  ipAddresses?: string[];
  usages?: string[];
  /** notAfter − notBefore, ms. */
  validityMs?: number;
}
