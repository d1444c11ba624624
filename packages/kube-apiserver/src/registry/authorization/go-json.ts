/**
 * The review kinds' bodies as Go's encoding/json reads and writes their structs (k8s.io/api
 * authorization/v1 and authentication/v1 types.go): a decode keeps the known fields only, turns
 * a value of the wrong JSON type into the decoder's first UnmarshalTypeError (`json: cannot
 * unmarshal number into Go struct field SubjectAccessReviewSpec.spec.user of type string`; the
 * handler answers 400 with it), and JSON null into the zero value; an encode writes the fields in
 * struct order and drops `omitempty` fields holding their zero value. A schema is a small table
 * per struct, so a reader can hold it next to types.go.
 */

/** A Go type as encoding/json sees it. */
export type GoType =
  | { kind: 'string' }
  | { kind: 'bool' }
  | { kind: 'slice'; elem: GoType; name?: string }
  | { kind: 'map'; elem: GoType; name: string }
  | { kind: 'struct'; name: string; fields: readonly GoField[] }
  /** A *Struct: absent or null stays undefined (a nil pointer). */
  | { kind: 'pointer'; elem: GoType & { kind: 'struct' } };

export interface GoField {
  /** The JSON name. */
  json: string;
  type: GoType;
  omitempty: boolean;
}

export const goString: GoType = { kind: 'string' };
export const goBool: GoType = { kind: 'bool' };
export const goStrings: GoType = { kind: 'slice', elem: goString };

export function field(json: string, type: GoType, omitempty = true): GoField {
  return { json, type, omitempty };
}

/** reflect.Type.String() of a type, as the error names it. */
export function goTypeName(t: GoType): string {
  switch (t.kind) {
    case 'string':
    case 'bool':
      return t.kind;
    case 'slice':
      return t.name ?? `[]${goTypeName(t.elem)}`;
    case 'map':
    case 'struct':
      return t.name;
    case 'pointer':
      return goTypeName(t.elem);
  }
}

/** The JSON type word of UnmarshalTypeError.Value. */
function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v === 'object' ? 'object' : typeof v;
}

export class GoJSONTypeError extends Error {}

interface DecodeState {
  /** The innermost struct (UnmarshalTypeError.Struct) and the dotted field path from the root. */
  struct: string;
  path: string[];
  /** The first type error; decoding goes on after it, as encoding/json does. */
  error?: string;
}

function mismatch(state: DecodeState, v: unknown, t: GoType): undefined {
  state.error ??= `json: cannot unmarshal ${jsonKind(v)} into Go struct field ${state.struct}.${state.path.join('.')} of type ${goTypeName(t)}`;
  return undefined;
}

function decodeValue(v: unknown, t: GoType, state: DecodeState): unknown {
  if (v === null || v === undefined) return undefined;
  switch (t.kind) {
    case 'string':
      return typeof v === 'string' ? v : mismatch(state, v, t);
    case 'bool':
      return typeof v === 'boolean' ? v : mismatch(state, v, t);
    case 'slice':
      if (!Array.isArray(v)) return mismatch(state, v, t);
      return v.map((e) => decodeValue(e, t.elem, state) ?? zeroOf(t.elem));
    case 'map': {
      if (typeof v !== 'object' || Array.isArray(v)) return mismatch(state, v, t);
      const out: Record<string, unknown> = {};
      for (const [k, e] of Object.entries(v as Record<string, unknown>)) out[k] = decodeValue(e, t.elem, state) ?? zeroOf(t.elem);
      return out;
    }
    case 'pointer':
      return decodeValue(v, t.elem, state);
    case 'struct': {
      if (typeof v !== 'object' || Array.isArray(v)) return mismatch(state, v, t);
      const out: Record<string, unknown> = {};
      const o = v as Record<string, unknown>;
      for (const f of t.fields) {
        if (!Object.hasOwn(o, f.json)) continue;
        const inner: DecodeState = { struct: t.name.replace(/^.*\./, ''), path: [...state.path, f.json] };
        if (state.error !== undefined) inner.error = state.error;
        const d = decodeValue(o[f.json], f.type, inner);
        state.error ??= inner.error;
        if (d !== undefined) out[f.json] = d;
      }
      return out;
    }
  }
}

function zeroOf(t: GoType): unknown {
  switch (t.kind) {
    case 'string':
      return '';
    case 'bool':
      return false;
    case 'slice':
      return [];
    case 'map':
    case 'struct':
      return {};
    case 'pointer':
      return null;
  }
}

/**
 * Decodes `value` (the object's JSON at `path` under a struct named `rootStruct`) into the known
 * fields of `t`; throws GoJSONTypeError with the decoder's text for the first type mismatch.
 */
export function decodeGo(value: unknown, t: GoType, rootStruct: string, path: readonly string[]): Record<string, unknown> {
  const state: DecodeState = { struct: rootStruct, path: [...path] };
  const out = decodeValue(value, t, state);
  if (state.error !== undefined) throw new GoJSONTypeError(state.error);
  return (out as Record<string, unknown> | undefined) ?? {};
}

function isZero(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  return false;
}

/** A decoded value written back with struct order and omitempty. */
export function encodeGo(value: unknown, t: GoType): unknown {
  switch (t.kind) {
    case 'string':
      return typeof value === 'string' ? value : '';
    case 'bool':
      return value === true;
    case 'slice':
      return Array.isArray(value) ? value.map((e) => encodeGo(e, t.elem)) : null;
    case 'map': {
      if (typeof value !== 'object' || value === null) return null;
      const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return Object.fromEntries(entries.map(([k, e]) => [k, encodeGo(e, t.elem)]));
    }
    case 'pointer':
      return value === undefined || value === null ? null : encodeGo(value, t.elem);
    case 'struct': {
      const o = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const f of t.fields) {
        const v = o[f.json];
        if (f.omitempty && (isZero(v) || (f.type.kind === 'map' && typeof v === 'object' && v !== null && Object.keys(v).length === 0))) continue;
        out[f.json] = encodeGo(v, f.type);
      }
      return out;
    }
  }
}
