/**
 * encoding/json decoding a CertificateSigningRequest's spec and status into their Go structs
 * (k8s.io/api/certificates/v1 types.go): the first UnmarshalTypeError of a field of the wrong
 * JSON type (`json: cannot unmarshal string into Go struct field
 * CertificateSigningRequestSpec.spec.usages of type []v1.KeyUsage`), the []byte fields' base64
 * (`illegal base64 data at input byte N`), and JSON null as Go's zero value (the field dropped,
 * in place). Found by the server fuzzer (test/fuzz/servers.ts): usages that were not a list
 * answered 500.
 */
import type { KubeObject } from '@tlsboot/api';

const word = (v: unknown): string => (Array.isArray(v) ? 'array' : typeof v === 'boolean' ? 'bool' : typeof v);

function base64Problem(v: string): string | undefined {
  const bad = [...v].findIndex((c) => !/[A-Za-z0-9+/=]/.test(c));
  if (bad >= 0) return `illegal base64 data at input byte ${bad}`;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(v) || v.length % 4 !== 0) return `illegal base64 data at input byte ${v.length - (v.length % 4 || 4)}`;
  return undefined;
}

type Field = readonly [name: string, type: 'string' | 'int32' | 'bytes' | 'strings' | 'usages' | 'extra' | 'conditions'];

const specFields: readonly Field[] = [
  ['request', 'bytes'],
  ['signerName', 'string'],
  ['expirationSeconds', 'int32'],
  ['usages', 'usages'],
  ['username', 'string'],
  ['uid', 'string'],
  ['groups', 'strings'],
  ['extra', 'extra'],
];
const statusFields: readonly Field[] = [
  ['conditions', 'conditions'],
  ['certificate', 'bytes'],
];
const conditionStrings = ['type', 'status', 'reason', 'message', 'lastUpdateTime', 'lastTransitionTime'];

function structProblem(obj: Record<string, unknown>, struct: string, path: string, fields: readonly Field[]): string | undefined {
  const err = (f: string, v: unknown, type: string, s = struct) => `json: cannot unmarshal ${word(v)} into Go struct field ${s}.${path}.${f} of type ${type}`;
  for (const [f, type] of fields) {
    const v = obj[f];
    if (v === null) {
      delete obj[f];
      continue;
    }
    if (v === undefined) continue;
    switch (type) {
      case 'string':
        if (typeof v !== 'string') return err(f, v, 'string');
        break;
      case 'int32':
        if (typeof v !== 'number') return err(f, v, 'int32');
        break;
      case 'bytes':
        if (typeof v !== 'string') return err(f, v, '[]uint8');
        if (base64Problem(v)) return base64Problem(v);
        break;
      case 'strings':
      case 'usages': {
        const [list, elem] = type === 'usages' ? ['[]v1.KeyUsage', 'v1.KeyUsage'] : ['[]string', 'string'];
        if (!Array.isArray(v)) return err(f, v, list);
        for (let i = 0; i < v.length; i++) {
          if (v[i] === null) v[i] = '';
          else if (typeof v[i] !== 'string') return err(f, v[i], elem);
        }
        break;
      }
      case 'extra':
        if (typeof v !== 'object' || Array.isArray(v)) return err(f, v, 'map[string]v1.ExtraValue');
        for (const e of Object.values(v as Record<string, unknown>)) {
          if (e === null) continue;
          if (!Array.isArray(e)) return err(f, e, 'v1.ExtraValue');
          if (e.some((s) => s !== null && typeof s !== 'string')) return err(f, e.find((s) => s !== null && typeof s !== 'string'), 'string');
        }
        break;
      case 'conditions':
        if (!Array.isArray(v)) return err(f, v, '[]v1.CertificateSigningRequestCondition');
        for (const c of v as unknown[]) {
          if (c === null) continue;
          if (typeof c !== 'object' || Array.isArray(c)) return err(f, c, 'v1.CertificateSigningRequestCondition');
          for (const k of conditionStrings) {
            const x = (c as Record<string, unknown>)[k];
            if (x !== undefined && x !== null && typeof x !== 'string') return `json: cannot unmarshal ${word(x)} into Go struct field CertificateSigningRequestCondition.${path}.${f}.${k} of type string`;
          }
        }
        break;
    }
  }
  return undefined;
}

/** The decoder's first problem with a CSR's spec or status, or undefined (nulls dropped in place). */
export function csrDecodeProblem(obj: KubeObject): string | undefined {
  const o = obj as unknown as Record<string, unknown>;
  for (const [part, struct, fields] of [['spec', 'CertificateSigningRequestSpec', specFields], ['status', 'CertificateSigningRequestStatus', statusFields]] as const) {
    const v = o[part];
    if (v === null) {
      delete o[part];
      continue;
    }
    if (v === undefined) continue;
    if (typeof v !== 'object' || Array.isArray(v)) return `json: cannot unmarshal ${word(v)} into Go struct field CertificateSigningRequest.${part} of type v1.${struct}`;
    const problem = structProblem(v as Record<string, unknown>, struct, part, fields);
    if (problem !== undefined) return problem;
  }
  return undefined;
}
