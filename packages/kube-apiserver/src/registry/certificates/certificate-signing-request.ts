/**
 * The CertificateSigningRequest strategies (kubernetes/kubernetes:
 * pkg/registry/certificates/certificates/strategy.go, v1.32; storage/storage.go wires the main
 * one to the resource and the other two to /status and /approval):
 * - main: create stamps spec.username/uid/groups/extra from the authenticated user and clears
 *   status ("users cannot create pre-approved requests"); update keeps spec and status, so only
 *   metadata changes.
 * - /status: keeps spec; conditions and certificate come from the request, except that existing
 *   Approved/Denied instances are copied back when their count is unchanged (adding or removing
 *   them is then a validation error); fills condition timestamps.
 * - /approval: keeps spec and status.certificate; conditions come from the request with their
 *   timestamps filled.
 * Metadata always comes from the request (all three are updates of the whole object). Objects
 * are rebuilt in Go's field order, as the real server serializes them.
 */
import type { CertificateSigningRequestCondition, KubeObject } from '@tlsboot/api';
import { formatTimestamp } from '../generic/system-fields.js';
import type { RESTStrategy } from '../rest/strategy.js';
import { deepCopy } from '../rest/strategy.js';
import {
  validateCertificateSigningRequestApprovalUpdate,
  validateCertificateSigningRequestCreate,
  validateCertificateSigningRequestStatusUpdate,
  validateCertificateSigningRequestUpdate,
} from './validation.js';

type Obj = Record<string, unknown>;

const specFieldOrder = ['request', 'signerName', 'expirationSeconds', 'usages', 'username', 'uid', 'groups', 'extra'];
const conditionFieldOrder = ['type', 'status', 'reason', 'message', 'lastUpdateTime', 'lastTransitionTime'];

/** The known fields of `o` in `order`, dropping empty ones the way Go's omitempty does. */
function ordered(o: Obj, order: readonly string[]): Obj {
  const out: Obj = {};
  for (const k of order) {
    const v = o[k];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out;
}

function conditionsOf(obj: KubeObject): CertificateSigningRequestCondition[] {
  const c = (obj['status'] as Obj | undefined)?.['conditions'];
  return Array.isArray(c) ? (c as CertificateSigningRequestCondition[]) : [];
}

/** CertificateSigningRequestStatus in Go order: conditions (omitted when empty), certificate. */
function makeStatus(conditions: readonly CertificateSigningRequestCondition[], certificate: unknown): Obj {
  return ordered({ conditions: conditions.map((c) => ordered(c as unknown as Obj, conditionFieldOrder)), certificate }, ['conditions', 'certificate']);
}

/** Places `spec` then `status` after metadata, as the Go struct orders them. */
function setSpecAndStatus(obj: KubeObject, spec: unknown, status: Obj): void {
  delete obj['spec'];
  delete obj['status'];
  obj['spec'] = spec;
  obj['status'] = status;
}

/** populateConditionTimestamps: lastUpdateTime now when zero; lastTransitionTime from an old condition of the same type and status, else now. */
export function populateConditionTimestamps(conditions: CertificateSigningRequestCondition[], old: KubeObject, now: Date): void {
  const stamp = formatTimestamp(now);
  const oldConditions = conditionsOf(old);
  for (const c of conditions) {
    if (!c.lastUpdateTime) c.lastUpdateTime = stamp;
    if (!c.lastTransitionTime) {
      const same = oldConditions.find((o) => o.type === c.type && o.status === c.status && Boolean(o.lastTransitionTime));
      c.lastTransitionTime = same?.lastTransitionTime ?? stamp;
    }
  }
}

/** preserveConditionInstances: the old instances of `type` replace the new ones when there are as many. */
function preserveConditionInstances(conditions: CertificateSigningRequestCondition[], old: KubeObject, type: string): void {
  const oldOnes = conditionsOf(old).filter((c) => c.type === type);
  const newIndices = conditions.flatMap((c, i) => (c.type === type ? [i] : []));
  if (oldOnes.length !== newIndices.length) return;
  newIndices.forEach((at, i) => {
    conditions[at] = deepCopy(oldOnes[i]!);
  });
}

const base = {
  nameValidation: () => [] as string[], // ValidateCertificateRequestName
  allowCreateOnUpdate: false,
  allowUnconditionalUpdate: true,
  prepareForCreate(obj: KubeObject, ctx: Parameters<RESTStrategy['prepareForCreate']>[1]) {
    const spec = { ...((obj['spec'] as Obj | undefined) ?? {}) };
    spec['username'] = ctx.user.name;
    spec['uid'] = ctx.user.uid;
    spec['groups'] = [...ctx.user.groups];
    spec['extra'] = ctx.user.extra && Object.keys(ctx.user.extra).length > 0 ? deepCopy(ctx.user.extra) : undefined;
    setSpecAndStatus(obj, ordered(spec, specFieldOrder), {});
  },
  validate: validateCertificateSigningRequestCreate,
};

/** The main resource. */
export const certificateSigningRequestStrategy: RESTStrategy = {
  ...base,
  prepareForUpdate(obj, old) {
    setSpecAndStatus(obj, deepCopy(old['spec']), deepCopy((old['status'] as Obj | undefined) ?? {}));
  },
  validateUpdate: validateCertificateSigningRequestUpdate,
};

/** `/status`: the signer's endpoint. */
export const certificateSigningRequestStatusStrategy: RESTStrategy = {
  ...base,
  prepareForUpdate(obj, old, ctx) {
    const incoming = (obj['status'] as Obj | undefined) ?? {};
    const conditions = deepCopy(conditionsOf(obj));
    preserveConditionInstances(conditions, old, 'Approved');
    preserveConditionInstances(conditions, old, 'Denied');
    populateConditionTimestamps(conditions, old, ctx.now);
    setSpecAndStatus(obj, deepCopy(old['spec']), makeStatus(conditions, incoming['certificate']));
  },
  validateUpdate: validateCertificateSigningRequestStatusUpdate,
};

/** `/approval`: the approver's endpoint. */
export const certificateSigningRequestApprovalStrategy: RESTStrategy = {
  ...base,
  prepareForUpdate(obj, old, ctx) {
    const conditions = deepCopy(conditionsOf(obj));
    populateConditionTimestamps(conditions, old, ctx.now);
    setSpecAndStatus(obj, deepCopy(old['spec']), makeStatus(conditions, (old['status'] as Obj | undefined)?.['certificate']));
  },
  validateUpdate: validateCertificateSigningRequestApprovalUpdate,
};
