/**
 * The TokenRequest body (k8s.io/api/authentication/v1 TokenRequest) as the apiserver decodes,
 * defaults and validates it:
 * - decoding: spec.audiences a list of strings, spec.expirationSeconds an int64,
 *   spec.boundObjectRef {kind, apiVersion, name, uid} — anything else is the decoder's 400
 *   (`TokenRequest in version "v1" cannot be handled as a TokenRequest: json: cannot unmarshal
 *   string into Go struct field TokenRequestSpec.spec.expirationSeconds of type int64`);
 * - defaulting (pkg/apis/authentication/v1/defaults.go): expirationSeconds 3600;
 * - validation (pkg/apis/authentication/validation ValidateTokenRequest): at least 10 minutes
 *   (`may not specify a duration less than 10 minutes`), at most 2^32 seconds.
 */
import { fieldInvalid, newBadRequest, newFieldPath } from '@tlsboot/api';
import type { FieldError, KubeObject } from '@tlsboot/api';

/** The v1 default of spec.expirationSeconds: one hour. */
export const defaultTokenExpirationSeconds = 60 * 60;
/** MinTokenAgeSec: ten minutes. */
export const minTokenExpirationSeconds = 10 * 60;
/** The largest expiration validation lets through: 2^32 seconds. */
export const maxTokenExpirationSeconds = 2 ** 32;

/** authentication/v1 BoundObjectReference. */
export interface BoundObjectReference {
  kind?: string;
  apiVersion?: string;
  name?: string;
  uid?: string;
}

export interface TokenRequestSpec {
  audiences: string[];
  expirationSeconds: number;
  boundObjectRef?: BoundObjectReference;
}

function cannotUnmarshal(value: unknown, field: string, goType: string): never {
  const type = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value === 'boolean' ? 'bool' : typeof value;
  const shown = typeof value === 'number' ? `number ${value}` : type;
  throw newBadRequest(`TokenRequest in version "v1" cannot be handled as a TokenRequest: json: cannot unmarshal ${shown} into Go struct field ${field} of type ${goType}`);
}

function optionalString(obj: Record<string, unknown>, key: string, field: string): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') cannotUnmarshal(v, field, 'string');
  return v;
}

/** The spec of a decoded TokenRequest, type-checked and defaulted (expirationSeconds 3600). */
export function decodeTokenRequestSpec(obj: KubeObject): TokenRequestSpec {
  const raw = obj['spec'];
  if (raw !== undefined && raw !== null && (typeof raw !== 'object' || Array.isArray(raw))) cannotUnmarshal(raw, 'TokenRequest.spec', 'v1.TokenRequestSpec');
  const spec = (raw ?? {}) as Record<string, unknown>;

  const audiences = spec['audiences'];
  if (audiences !== undefined && audiences !== null && !Array.isArray(audiences)) cannotUnmarshal(audiences, 'TokenRequestSpec.spec.audiences', '[]string');
  const auds = ((audiences ?? []) as unknown[]).map((a) => (typeof a === 'string' ? a : cannotUnmarshal(a, 'TokenRequestSpec.spec.audiences', 'string')));

  const exp = spec['expirationSeconds'];
  if (exp !== undefined && exp !== null && (typeof exp !== 'number' || !Number.isSafeInteger(exp))) cannotUnmarshal(exp, 'TokenRequestSpec.spec.expirationSeconds', 'int64');

  const out: TokenRequestSpec = { audiences: auds, expirationSeconds: (exp as number | null | undefined) ?? defaultTokenExpirationSeconds };
  const ref = spec['boundObjectRef'];
  if (ref !== undefined && ref !== null) {
    if (typeof ref !== 'object' || Array.isArray(ref)) cannotUnmarshal(ref, 'TokenRequestSpec.spec.boundObjectRef', 'v1.BoundObjectReference');
    const r = ref as Record<string, unknown>;
    const field = (k: string) => optionalString(r, k, `TokenRequestSpec.spec.boundObjectRef.${k}`);
    const kind = field('kind');
    const apiVersion = field('apiVersion');
    const name = field('name');
    const uid = field('uid');
    out.boundObjectRef = { ...(kind ? { kind } : {}), ...(apiVersion ? { apiVersion } : {}), ...(name ? { name } : {}), ...(uid ? { uid } : {}) };
  }
  return out;
}

/** ValidateTokenRequest. */
export function validateTokenRequestSpec(spec: TokenRequestSpec): FieldError[] {
  const path = newFieldPath('spec').child('expirationSeconds');
  const errs: FieldError[] = [];
  if (spec.expirationSeconds < minTokenExpirationSeconds) errs.push(fieldInvalid(path, spec.expirationSeconds, 'may not specify a duration less than 10 minutes'));
  if (spec.expirationSeconds > maxTokenExpirationSeconds) errs.push(fieldInvalid(path, spec.expirationSeconds, 'may not specify a duration larger than 2^32 seconds'));
  return errs;
}

/** schema.FromAPIVersionAndKind: the group and version of `apiVersion` (both empty when it does not parse). */
export function groupVersionKindOf(ref: BoundObjectReference): { group: string; version: string; kind: string } {
  const apiVersion = ref.apiVersion ?? '';
  const kind = ref.kind ?? '';
  const parts = apiVersion.split('/');
  if (apiVersion === '') return { group: '', version: '', kind };
  if (parts.length === 1) return { group: '', version: apiVersion, kind };
  if (parts.length === 2) return { group: parts[0]!, version: parts[1]!, kind };
  return { group: '', version: '', kind };
}

/** GroupVersionKind.String(): `apps/v1, Kind=Deployment`, `/v1, Kind=ConfigMap`. */
export function groupVersionKindString(gvk: { group: string; version: string; kind: string }): string {
  return `${gvk.group}/${gvk.version}, Kind=${gvk.kind}`;
}

/** The TokenRequest's spec in the field order of TokenRequestSpec. */
export function tokenRequestSpecJSON(spec: TokenRequestSpec): Record<string, unknown> {
  return {
    audiences: [...spec.audiences],
    expirationSeconds: spec.expirationSeconds,
    ...(spec.boundObjectRef ? { boundObjectRef: { ...spec.boundObjectRef } } : {}),
  };
}
