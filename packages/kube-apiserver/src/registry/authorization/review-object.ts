/**
 * What every review's REST Create shares: the decoded body read as the Go struct (a type
 * mismatch is the decoder's 400, `SubjectAccessReview in version "v1" cannot be handled as a
 * SubjectAccessReview: json: cannot unmarshal …`), and the answer written back as the apiserver
 * encodes the object it returns — kind, apiVersion, metadata (creationTimestamp null: the object
 * is never stored), spec, status — with 201 Created.
 *
 * Invalid reviews are 422 with an empty kind: the REST handlers call
 * `NewInvalid(authorizationapi.Kind(review.Kind), "", errs)` on the internal object, whose Kind
 * the decoder leaves empty, so the message starts `.authorization.k8s.io "" is invalid:`
 * (as real apiservers answer, e.g. Azure/open-service-broker-azure#504).
 */
import { newBadRequest, newInvalid } from '@tlsboot/api';
import type { FieldError, KubeObject, ObjectMeta, StatusError } from '@tlsboot/api';
import { metadataOrder, orderMetadata } from '../generic/field-order.js';
import { GoJSONTypeError, decodeGo, encodeGo } from './go-json.js';
import type { GoType } from './go-json.js';

const metadataKeys = new Set(metadataOrder);

/** The spec of a decoded review body as `specType`, or the decoder's 400. */
export function decodeReviewSpec<T>(obj: KubeObject, kind: string, specType: GoType): T {
  try {
    return decodeGo(obj['spec'] ?? {}, specType, kind, ['spec']) as T;
  } catch (err) {
    if (err instanceof GoJSONTypeError) throw newBadRequest(`${kind} in version "v1" cannot be handled as a ${kind}: ${err.message}`);
    throw err;
  }
}

/** NewInvalid(<group>.Kind(""), "", errs). */
export function invalidReview(group: string, errs: readonly FieldError[]): StatusError {
  return newInvalid({ group, kind: '' }, '', errs);
}

/** The returned object: known metadata fields in Go's order, `creationTimestamp: null` unless set. */
export function reviewResponse(kind: string, apiVersion: string, metadata: ObjectMeta, body: { spec: unknown; specType: GoType; status: unknown; statusType: GoType }): KubeObject {
  const meta: Record<string, unknown> = { creationTimestamp: null };
  for (const [k, v] of Object.entries(metadata)) if (metadataKeys.has(k) && v !== undefined && v !== null) meta[k] = v;
  return {
    kind,
    apiVersion,
    metadata: orderMetadata(meta as ObjectMeta),
    spec: encodeGo(body.spec, body.specType),
    status: encodeGo(body.status, body.statusType),
  } as KubeObject;
}
