/**
 * The two behaviours of Go's encoding/json that a token's bytes depend on.
 *
 * Writing: go-jose builds a JWT by merging the claim structs into one `map[string]interface{}`
 * (jwt/builder.go normalize) and marshalling it, so every object of the payload, nested ones
 * included, has its keys in sorted (byte) order, and strings are escaped as Go escapes them
 * (`<`, `>`, `&`, U+2028 and U+2029 as `\u00xx`). `goMarshal` writes the same bytes.
 *
 * Reading: json.Unmarshal into a struct matches an object key to a field exactly or, failing
 * that, case-insensitively, and a later key overrides an earlier one; a JSON value of the wrong
 * type is an error (`json: cannot unmarshal number into Go struct field Claims.iss of type
 * string`). `goField` and `GoDecodeError` model that for the few fields the tokens carry.
 */

/** json.Marshal of plain data, with map semantics for every object (sorted keys). */
export function goMarshal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goString(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`json: unsupported value: ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map((v) => goMarshal(v)).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
    return `{${entries.map(([k, v]) => `${goString(k)}:${goMarshal(v)}`).join(',')}}`;
  }
  throw new Error(`json: unsupported type: ${typeof value}`);
}

/** A JSON string as Go's encoder writes it (HTML-safe). */
export function goString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The value json.Unmarshal would store in the struct field `name` of `obj`: the last key equal
 * to `name` ignoring (ASCII) case; undefined when there is none.
 */
export function goField(obj: Readonly<Record<string, unknown>>, name: string): unknown {
  const lower = name.toLowerCase();
  let found: unknown;
  for (const key of Object.keys(obj)) if (key === name || key.toLowerCase() === lower) found = obj[key];
  return found;
}

/** The JSON type names encoding/json uses in its errors. */
export function goJSONType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  if (typeof value === 'boolean') return 'bool';
  return typeof value;
}

/** A json.Unmarshal failure, with the text Go gives it. */
export class GoDecodeError extends Error {}

/** `json: cannot unmarshal <json type> into Go struct field <Struct.path> of type <go type>`. */
export function unmarshalTypeError(value: unknown, field: string, goType: string): GoDecodeError {
  return new GoDecodeError(`json: cannot unmarshal ${goJSONType(value)} into Go struct field ${field} of type ${goType}`);
}

/** A string field: absent or null leave it empty, anything but a string is an error. */
export function goStringField(obj: Readonly<Record<string, unknown>>, name: string, field: string): string {
  const v = goField(obj, name);
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw unmarshalTypeError(v, field, 'string');
  return v;
}

/** An object field (a Go struct or pointer to one): absent or null are undefined. */
export function goObjectField(obj: Readonly<Record<string, unknown>>, name: string, field: string, goType: string): Record<string, unknown> | undefined {
  const v = goField(obj, name);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw unmarshalTypeError(v, field, goType);
  return v as Record<string, unknown>;
}

/** Parses JSON into a value Go could unmarshal into a struct: an object, or null (all fields empty). */
export function parseGoObject(bytes: Uint8Array, goType: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (err) {
    throw new GoDecodeError((err as Error).message);
  }
  if (parsed === null) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new GoDecodeError(`json: cannot unmarshal ${goJSONType(parsed)} into Go value of type ${goType}`);
  return parsed as Record<string, unknown>;
}
