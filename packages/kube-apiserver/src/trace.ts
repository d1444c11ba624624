/**
 * What the apiserver tells the host about every request (DESIGN.md, "The trace"): one event when
 * the request arrives, one after authentication, one after authorization, one for the response.
 * Events carry the request's id (also sent back as the `Audit-Id` header) so a renderer can group
 * them, and the component's clock reading, so a virtual-clock run gives the same trace every time.
 */

/** Fields every event of one request shares. */
interface RequestEventBase {
  component: 'kube-apiserver';
  /** The Audit-Id of the request. */
  requestId: string;
  /** RFC 3339 with milliseconds, from the apiserver's clock. */
  time: string;
}

export interface RequestReceivedEvent extends RequestEventBase {
  type: 'request.received';
  method: string;
  path: string;
  /** The raw query string without `?`, '' when none. */
  query: string;
  /** `address:port` of the client. */
  remote: string;
}

export interface RequestAuthenticatedEvent extends RequestEventBase {
  type: 'request.authenticated';
  /** True when someone was identified (anonymous included); false means the request gets 401. */
  authenticated: boolean;
  user?: string;
  groups?: string[];
  /** `x509`, `bearer-token`, … or `anonymous`; absent when nothing identified the caller. */
  authenticator?: string;
  /**
   * Why authentication failed: the server-side error a 401 hides from the client (e.g.
   * `verifying certificate SN=…, SKID=…, AKID=… failed: x509: certificate signed by unknown authority`).
   */
  failure?: string;
}

export interface RequestAuthorizedEvent extends RequestEventBase {
  type: 'request.authorized';
  decision: 'Allow' | 'Deny' | 'NoOpinion';
  /** The reason sentence of the authorizer that decided (or the joined reasons of a denial). */
  reason: string;
  /** Which authorizer decided, when one did. */
  authorizer?: string;
  /** The attributes asked about, e.g. `create certificatesigningrequests.certificates.k8s.io` or `get /healthz`. */
  attributes: string;
}

/**
 * After authentication, when the request carries Impersonate-* headers (filters/impersonation.go):
 * every `impersonate` check the requestor needed, and who the request then runs as.
 */
export interface RequestImpersonatedEvent extends RequestEventBase {
  type: 'request.impersonated';
  /** The authenticated user that asked to impersonate. */
  requestor: string;
  /** True when every check allowed it; false means 403 (a check was refused) or 500 (malformed headers). */
  allowed: boolean;
  /** The impersonate checks in order, e.g. `impersonate users "bob" (cluster scope)`, with the decision that answered. */
  checks: { attributes: string; decision: 'Allow' | 'Deny' | 'NoOpinion'; reason: string; authorizer?: string }[];
  /** The identity the request runs as from here on (when allowed). */
  user?: string;
  groups?: string[];
  uid?: string;
  extra?: Record<string, string[]>;
  /** Why the headers were refused before any check (`requested [...] without impersonating a user`). */
  failure?: string;
}

export interface ResponseEvent extends RequestEventBase {
  type: 'request.responded';
  statusCode: number;
  /** The Status reason of an error response (`NotFound`, `Forbidden`, …); absent on success. */
  reason?: string;
  /** The Status message of an error response. */
  message?: string;
}

/** The CSR's subject and SANs as the PKCS#10 request (or certificate) carries them. */
export interface CSRSubjectFields {
  subject: { commonName?: string; organizations?: string[] };
  subjectAltNames: { dnsNames?: string[]; ipAddresses?: string[]; emailAddresses?: string[]; uris?: string[] };
}

/**
 * A CertificateSigningRequest stored by a create (pkg/registry/certificates/certificates/strategy.go
 * PrepareForCreate stamped the requester): who asked, and what the PKCS#10 request asks for.
 */
export interface CSRCreatedEvent extends RequestEventBase, CSRSubjectFields {
  type: 'csr.created';
  name: string;
  /** spec.username / spec.groups as the server stamped them from the authenticated user. */
  requester: string;
  groups: string[];
  signerName: string;
  usages: string[];
  expirationSeconds?: number;
  /** Why spec.request could not be read (the subject and SANs are then empty). */
  parseError?: string;
}

/** Conditions a successful `/approval` or `/status` update added to a CSR, and who wrote them. */
export interface CSRConditionsEvent extends RequestEventBase {
  type: 'csr.conditions';
  name: string;
  /** `approval` or `status`: the subresource written. */
  subresource: string;
  /** The user the request ran as (after impersonation). */
  user: string;
  conditions: { type: string; status: string; reason?: string; message?: string }[];
}

/** status.certificate set (or replaced) by a `/status` update: the first certificate of the PEM bundle. */
export interface CSRCertificateEvent extends RequestEventBase, CSRSubjectFields {
  type: 'csr.certificate';
  name: string;
  user: string;
  /** Hex, lower case. */
  serialNumber: string;
  /** ISO 8601 (UTC, milliseconds), as the event time. */
  notBefore: string;
  notAfter: string;
  /** Key usages then extended key usages, as Kubernetes names them (`digital signature`, `client auth`, …). */
  usages: string[];
  /** How many certificates the bundle holds (leaf plus intermediates). */
  chainLength: number;
  /** Why status.certificate could not be read. */
  parseError?: string;
}

export type TraceEvent =
  | RequestReceivedEvent
  | RequestAuthenticatedEvent
  | RequestImpersonatedEvent
  | RequestAuthorizedEvent
  | ResponseEvent
  | CSRCreatedEvent
  | CSRConditionsEvent
  | CSRCertificateEvent;

/** Where events go. `emit` must not throw and should not block; the host decides what to keep. */
export interface TraceSink {
  emit(event: TraceEvent): void;
  /**
   * `false` for a sink that drops every event: emitters may then skip building events at all.
   * Read once, when a component starts; absent means true.
   */
  readonly enabled?: boolean;
}

/** A sink that drops everything (the default). */
export const discardTrace: TraceSink = { emit() {}, enabled: false };

/** Whether events sent to `sink` are kept by anyone (see TraceSink.enabled). */
export const traceEnabled = (sink: TraceSink): boolean => sink.enabled !== false;

/** A sink that keeps every event in memory, for tests and small tools. */
export class MemoryTraceSink implements TraceSink {
  readonly events: TraceEvent[] = [];
  emit(event: TraceEvent): void {
    this.events.push(event);
  }
  /** The events of one request, in order. */
  forRequest(requestId: string): TraceEvent[] {
    return this.events.filter((e) => e.requestId === requestId);
  }
}

/** An event without the fields the emitter fills in (component, request id, time). */
export type TraceEventBody = TraceEvent extends infer E ? (E extends TraceEvent ? Omit<E, 'component' | 'requestId' | 'time'> : never) : never;

/** Emits one event of the current request (the HTTP layer fills in component, request id and time). */
export type TraceEmit = (event: TraceEventBody) => void;
