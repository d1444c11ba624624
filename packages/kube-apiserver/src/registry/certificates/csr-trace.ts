// Trace events of the CSR API (DESIGN.md "The trace": CSR conditions, certificates issued), for
// the writes of kubernetes/kubernetes pkg/registry/certificates/certificates/storage/storage.go
// (the main REST, /status and /approval) after strategy.go has run:
// - `csr.created`: a create stored; who the server stamped as requester and what spec.request asks for;
// - `csr.conditions`: the conditions an /approval or /status update added, and who wrote them;
// - `csr.certificate`: the certificate a /status update set (the signer's answer).
// Not upstream (whose audit log holds the request and response bodies instead). A decorator of
// the CSR Store, made only when the server's trace sink keeps events, so a server without one
// parses nothing here; a dry run emits nothing.
import { decodeBytesField } from '@tlsboot/api';
import type { CertificateSigningRequestCondition, KubeObject } from '@tlsboot/api';
import { parseCertificatesPem } from '@tlsboot/pki';
import type { Certificate, CertificateRequest, SubjectAltNames } from '@tlsboot/pki';
import type { UserInfo } from '../../authentication/interfaces.js';
import type { CSRCertificateEvent, CSRConditionsEvent, CSRCreatedEvent, CSRSubjectFields, TraceEmit } from '../../trace.js';
import type { Store } from '../generic/store.js';
import { parseCSR } from './parse-csr.js';

type Obj = Record<string, unknown>;
type Body<E> = Omit<E, 'component' | 'requestId' | 'time'>;

/** How often this file parsed a request or a certificate (tests check that a silent server never does). */
export const csrTraceParses = { requests: 0, certificates: 0 };

const specOf = (obj: KubeObject): Obj => (obj['spec'] as Obj | undefined) ?? {};
const statusOf = (obj: KubeObject | undefined): Obj => ((obj?.['status'] as Obj | undefined) ?? {});
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

function conditionsOf(obj: KubeObject | undefined): CertificateSigningRequestCondition[] {
  const c = statusOf(obj)['conditions'];
  return Array.isArray(c) ? (c as CertificateSigningRequestCondition[]) : [];
}

/** Subject CN and O, and the non-empty SAN lists, of a request or certificate. */
function subjectFields(parsed: CertificateRequest | Certificate | undefined): CSRSubjectFields {
  const subject: CSRSubjectFields['subject'] = {};
  const sans: SubjectAltNames = {};
  if (parsed !== undefined) {
    if (parsed.subject.commonName) subject.commonName = parsed.subject.commonName;
    if (parsed.subject.organizations?.length) subject.organizations = [...parsed.subject.organizations];
    const s = parsed.subjectAltNames;
    if (s.dnsNames?.length) sans.dnsNames = [...s.dnsNames];
    if (s.ipAddresses?.length) sans.ipAddresses = [...s.ipAddresses];
    if (s.emailAddresses?.length) sans.emailAddresses = [...s.emailAddresses];
    if (s.uris?.length) sans.uris = [...s.uris];
  }
  return { subject, subjectAltNames: sans };
}

/** `csr.created` for a stored CSR: spec as stamped, spec.request parsed with parse-csr.ts. */
export function csrCreatedEvent(obj: KubeObject): Body<CSRCreatedEvent> {
  const spec = specOf(obj);
  csrTraceParses.requests++;
  const parsed = parseCSR(spec['request']);
  const expirationSeconds = spec['expirationSeconds'];
  return {
    type: 'csr.created',
    name: obj.metadata.name ?? '',
    requester: typeof spec['username'] === 'string' ? spec['username'] : '',
    groups: strings(spec['groups']),
    signerName: typeof spec['signerName'] === 'string' ? spec['signerName'] : '',
    ...subjectFields(parsed.ok ? parsed.request : undefined),
    usages: strings(spec['usages']),
    ...(typeof expirationSeconds === 'number' ? { expirationSeconds } : {}),
    ...(parsed.ok ? {} : { parseError: parsed.error }),
  };
}

const sameCondition = (a: CertificateSigningRequestCondition, b: CertificateSigningRequestCondition): boolean =>
  a.type === b.type && a.status === b.status && (a.reason ?? '') === (b.reason ?? '') && (a.message ?? '') === (b.message ?? '');

/** The conditions of `obj` that `old` did not have (same type, status, reason and message), in `obj`'s order. */
export function addedConditions(obj: KubeObject, old: KubeObject | undefined): CSRConditionsEvent['conditions'] {
  const before = conditionsOf(old);
  const added: CSRConditionsEvent['conditions'] = [];
  for (const c of conditionsOf(obj)) {
    if (before.some((o) => sameCondition(o, c))) continue;
    added.push({ type: c.type, status: c.status, ...(c.reason ? { reason: c.reason } : {}), ...(c.message ? { message: c.message } : {}) });
  }
  return added;
}

/** `csr.certificate` when `obj` carries a status.certificate that `old` did not. */
export function csrCertificateEvent(obj: KubeObject, old: KubeObject | undefined, user: string): Body<CSRCertificateEvent> | undefined {
  const certificate = statusOf(obj)['certificate'];
  if (typeof certificate !== 'string' || certificate === '' || certificate === statusOf(old)['certificate']) return undefined;
  csrTraceParses.certificates++;
  let chain: Certificate[] = [];
  let parseError: string | undefined;
  try {
    chain = parseCertificatesPem(Buffer.from(decodeBytesField(certificate) ?? new Uint8Array()).toString('latin1'), 'status.certificate');
  } catch (err) {
    parseError = (err as Error).message;
  }
  const leaf = chain[0];
  return {
    type: 'csr.certificate',
    name: obj.metadata.name ?? '',
    user,
    serialNumber: leaf?.serialNumber ?? '',
    ...subjectFields(leaf),
    notBefore: leaf?.notBefore.toISOString() ?? '',
    notAfter: leaf?.notAfter.toISOString() ?? '',
    usages: leaf ? [...leaf.keyUsageNames, ...leaf.extKeyUsageNames] : [],
    chainLength: chain.length,
    ...(parseError === undefined ? {} : { parseError }),
  };
}

/** What the decorator needs to know about the request. */
export interface CSRTraceRequest {
  /** undefined when the trace sink keeps nothing. */
  emit: TraceEmit | undefined;
  /** The user the request runs as. */
  user: UserInfo;
  /** The subresource written: '' (the main resource), `approval` or `status`. */
  subresource: string;
}

const isCSRStore = (store: Store): boolean => store.info.group === 'certificates.k8s.io' && store.info.resource === 'certificatesigningrequests';

/**
 * The CSR Store with trace events after each successful write; any other Store, or no emitter
 * (the trace sink drops everything), returns `store` itself.
 */
export function withCSRTrace(store: Store | undefined, request: CSRTraceRequest): Store | undefined {
  const emit = request.emit;
  if (store === undefined || emit === undefined || !isCSRStore(store)) return store;
  const traced = Object.create(store) as Store;

  traced.create = async (obj, user, validate, options = {}) => {
    const created = await store.create(obj, user, validate, options);
    if (!options.dryRun) emit(csrCreatedEvent(created));
    return created;
  };

  if (request.subresource === 'approval' || request.subresource === 'status') {
    traced.update = async (namespace, name, objInfo, user, options = {}) => {
      // the object the committed attempt started from (a guaranteed update may retry)
      let old: KubeObject | undefined;
      const result = await store.update(
        namespace,
        name,
        (existing) => {
          old = existing;
          return objInfo(existing);
        },
        user,
        options,
      );
      if (options.dryRun) return result;
      const conditions = addedConditions(result.object, old);
      if (conditions.length > 0) emit({ type: 'csr.conditions', name, subresource: request.subresource, user: request.user.name, conditions });
      const certificate = csrCertificateEvent(result.object, old, request.user.name);
      if (certificate !== undefined) emit(certificate);
      return result;
    };
  }
  return traced;
}
