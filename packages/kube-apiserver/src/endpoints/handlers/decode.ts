/**
 * Decoding a create/update body into an object of the endpoint's kind, with the 400 texts of
 * k8s.io/apiserver/pkg/endpoints/handlers/rest.go transformDecodeError and create.go:
 *
 * - not JSON/YAML, or not an object: `the object provided is unrecognized (must be of type
 *   Secret): couldn't get version/kind; json parse error: <Go json error> (<first 30 bytes>)`
 * - another kind: `ConfigMap in version "v1" cannot be handled as a Secret: <why>` where why is
 *   the scheme's `no kind "X" is registered for version "v" in scheme "…"` or its conversion
 *   error `converting (v1.ConfigMap) to (core.Secret): unknown conversion`
 * - the same kind in another version: `the API version in the data (events.k8s.io/v1) does not
 *   match the expected API version (v1)`
 *
 * Missing kind or apiVersion default to the endpoint's, as the decoder's default GVK does. The
 * Go json error texts are reproduced for the common cases only (end of input, a bad character).
 */
import { groupVersionString, lookupResourceByKind, newBadRequest, parseGroupVersion, StatusError } from '@tlsboot/api';
import type { KubeObject, ResourceInfo } from '@tlsboot/api';
import YAML from 'yaml';
import type { InputFormat } from './negotiation.js';
import { decodeProtobuf } from './protobuf/decode-protobuf.js';

/** The legacy scheme's name as it appears in registration errors. */
const schemeName = 'k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30';

/** summarizeData in rest.go: `<empty>`, the text of a JSON body cut at 30 bytes, or hex. */
export function summarizeData(data: Buffer, maxLength = 30): string {
  if (data.length === 0) return '<empty>';
  if (data[0] === 0x7b) return data.length > maxLength ? `${data.subarray(0, maxLength).toString('utf8')} ...` : data.toString('utf8');
  return data.length > maxLength ? `${data.subarray(0, maxLength).toString('hex')} ...` : data.toString('hex');
}

/** Go encoding/json's error for what JSON.parse refused (approximate beyond the two common texts). */
export function goJSONError(text: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (/end of JSON input/i.test(message) || text.trim() === '') return 'unexpected end of JSON input';
  const at = /position (\d+)/.exec(message);
  const ch = at ? text.charAt(Number(at[1])) : '';
  return ch === '' ? 'unexpected end of JSON input' : `invalid character '${ch}' looking for beginning of value`;
}

const notAnObjectTypes: Record<string, string> = { object: 'array', string: 'string', number: 'number', boolean: 'bool' };

/** encoding/json's scanner limit (encoding/json/scanner.go maxNestingDepth). */
export const maxNestingDepth = 10_000;

/**
 * Go encoding/json's error for a document nested deeper than 10000 arrays and objects
 * (scanner.go pushParseState: `invalid character '{' exceeded max depth`), found before parsing
 * (a stack of that depth in JSON.parse's consumers overflows the JS stack); undefined otherwise.
 */
export function nestingDepthError(text: string): string | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxNestingDepth) return `invalid character '${text[i]}' exceeded max depth`;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return undefined;
}

/** The deepest nesting of a parsed value (iterative: YAML has no scanner limit to borrow). */
function valueDepthExceeds(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (d + 1 > max) return true;
    for (const e of Array.isArray(v) ? v : Object.values(v)) stack.push([e, d + 1]);
  }
  return false;
}

/** Parses the body; every failure is 400 with the "unrecognized object" text. */
export function parseBody(body: Buffer, format: InputFormat, kind: string): Record<string, unknown> {
  if (format === 'protobuf') return decodeProtobuf(body);
  const text = body.toString('utf8');
  const unrecognized = (why: string) => newBadRequest(`the object provided is unrecognized (must be of type ${kind}): couldn't get version/kind; json parse error: ${why} (${summarizeData(body)})`);
  const tooDeep = format === 'json' ? nestingDepthError(text) : undefined;
  if (tooDeep !== undefined) throw unrecognized(tooDeep);
  let parsed: unknown;
  try {
    parsed = format === 'yaml' ? YAML.parse(text) : JSON.parse(text);
    // sigs.k8s.io/yaml converts YAML to JSON, which the JSON decoder then scans with the same limit
    if (format === 'yaml' && valueDepthExceeds(parsed, maxNestingDepth)) throw unrecognized("invalid character '{' exceeded max depth");
  } catch (err) {
    if (err instanceof StatusError) throw err;
    const why = format === 'yaml' ? `error converting YAML to JSON: ${(err as Error).message}` : goJSONError(text, err);
    throw newBadRequest(`the object provided is unrecognized (must be of type ${kind}): couldn't get version/kind; json parse error: ${why} (${summarizeData(body)})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    const got = parsed === null ? 'null' : Array.isArray(parsed) ? 'array' : (notAnObjectTypes[typeof parsed] ?? typeof parsed);
    const why = `json: cannot unmarshal ${got} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`;
    throw newBadRequest(`the object provided is unrecognized (must be of type ${kind}): couldn't get version/kind; json parse error: ${why} (${summarizeData(body)})`);
  }
  return parsed as Record<string, unknown>;
}

/** The Go package an internal type lives in (core.Secret, certificates.CertificateSigningRequest). */
function internalPackage(group: string): string {
  return group === '' ? 'core' : group.split('.')[0]!;
}

/**
 * The decoded object as the endpoint's kind: kind/apiVersion defaulted and checked, metadata an
 * object. `expected` is the resource the URL names.
 */
export function decodeObject(body: Buffer, format: InputFormat, expected: ResourceInfo): KubeObject {
  const obj = parseBody(body, format, expected.kind);
  const expectedGV = groupVersionString(expected);
  const apiVersion = typeof obj['apiVersion'] === 'string' && obj['apiVersion'] !== '' ? obj['apiVersion'] : expectedGV;
  const kind = typeof obj['kind'] === 'string' && obj['kind'] !== '' ? obj['kind'] : expected.kind;
  let gv;
  try {
    gv = parseGroupVersion(apiVersion);
  } catch (err) {
    throw newBadRequest(`${kind} in version "" cannot be handled as a ${expected.kind}: ${(err as Error).message}`);
  }
  if (gv.group !== expected.group || gv.version !== expected.version || kind !== expected.kind) {
    const registered = lookupResourceByKind({ ...gv, kind });
    if (registered === undefined) {
      throw newBadRequest(`${kind} in version "${gv.version}" cannot be handled as a ${expected.kind}: no kind "${kind}" is registered for version "${apiVersion}" in scheme "${schemeName}"`);
    }
    if (kind === expected.kind) {
      throw newBadRequest(`the API version in the data (${apiVersion}) does not match the expected API version (${expectedGV})`);
    }
    throw newBadRequest(
      `${kind} in version "${gv.version}" cannot be handled as a ${expected.kind}: converting (${gv.version}.${kind}) to (${internalPackage(expected.group)}.${expected.kind}): unknown conversion`,
    );
  }
  const metadata = obj['metadata'];
  if (metadata !== undefined && metadata !== null && (typeof metadata !== 'object' || Array.isArray(metadata))) {
    throw newBadRequest(`${kind} in version "${gv.version}" cannot be handled as a ${expected.kind}: json: cannot unmarshal ${Array.isArray(metadata) ? 'array' : typeof metadata} into Go struct field ${kind}.metadata of type v1.ObjectMeta`);
  }
  const typeError = metadata ? objectMetaTypeError(metadata as Record<string, unknown>) : undefined;
  if (typeError !== undefined) throw newBadRequest(`${kind} in version "${gv.version}" cannot be handled as a ${expected.kind}: ${typeError}`);
  const { kind: _k, apiVersion: _a, metadata: _m, ...rest } = obj;
  return { kind, apiVersion, metadata: (metadata as KubeObject['metadata'] | null) ?? {}, ...rest };
}

const jsonTypeWord = (v: unknown): string => (Array.isArray(v) ? 'array' : typeof v === 'boolean' ? 'bool' : typeof v);
const objectMetaStrings = ['name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion'] as const;
const objectMetaMaps = ['labels', 'annotations'] as const;

/**
 * encoding/json decoding metadata into v1.ObjectMeta (k8s.io/apimachinery/pkg/apis/meta/v1
 * types.go): the first UnmarshalTypeError of its string fields, its map[string]string fields,
 * int64 fields, timestamps (metav1.Time reads a string), ownerReferences and managedFields
 * (their scalar fields) and finalizers ([]string) — `json: cannot unmarshal object into Go struct field
 * ObjectMeta.metadata.name of type string`, a map value naming the map (`…metadata.labels of
 * type string`). JSON null is the zero value, as Go stores it: a null string field or map is
 * dropped, a null map value or list item becomes "" (the object is fixed in place).
 */
export function objectMetaTypeError(meta: Record<string, unknown>): string | undefined {
  const err = (field: string, v: unknown, type: string) => `json: cannot unmarshal ${jsonTypeWord(v)} into Go struct field ObjectMeta.metadata.${field} of type ${type}`;
  for (const f of objectMetaStrings) {
    const v = meta[f];
    if (v === null) delete meta[f];
    else if (v !== undefined && typeof v !== 'string') return err(f, v, 'string');
  }
  for (const f of objectMetaMaps) {
    const v = meta[f];
    if (v === null) delete meta[f];
    else if (v === undefined) continue;
    else if (typeof v !== 'object' || Array.isArray(v)) return err(f, v, 'map[string]string');
    else
      for (const [k, e] of Object.entries(v as Record<string, unknown>)) {
        if (e === null) (v as Record<string, unknown>)[k] = '';
        else if (typeof e !== 'string') return err(f, e, 'string');
      }
  }
  for (const f of ['generation', 'deletionGracePeriodSeconds'] as const) {
    const v = meta[f];
    if (v === null) delete meta[f];
    else if (v !== undefined && typeof v !== 'number') return err(f, v, 'int64');
  }
  for (const f of ['creationTimestamp', 'deletionTimestamp'] as const) {
    // metav1.Time.UnmarshalJSON reads a string (json.Unmarshal into string); null is the zero time
    const v = meta[f];
    if (v === null) delete meta[f];
    else if (v !== undefined && typeof v !== 'string') return err(f, v, 'string');
  }
  for (const [f, elem, strings, bools] of [
    ['ownerReferences', 'v1.OwnerReference', ['apiVersion', 'kind', 'name', 'uid'], ['controller', 'blockOwnerDeletion']],
    ['managedFields', 'v1.ManagedFieldsEntry', ['manager', 'operation', 'apiVersion', 'fieldsType', 'subresource'], []],
  ] as const) {
    const v = meta[f];
    if (v === null) delete meta[f];
    else if (v === undefined) continue;
    else if (!Array.isArray(v)) return err(f, v, `[]${elem}`);
    else
      for (const e of v as unknown[]) {
        if (e === null) continue;
        if (typeof e !== 'object' || Array.isArray(e)) return err(f, e, elem);
        for (const k of strings) if ((e as Record<string, unknown>)[k] != null && typeof (e as Record<string, unknown>)[k] !== 'string') return err(`${f}.${k}`, (e as Record<string, unknown>)[k], 'string');
        for (const k of bools) if ((e as Record<string, unknown>)[k] != null && typeof (e as Record<string, unknown>)[k] !== 'boolean') return err(`${f}.${k}`, (e as Record<string, unknown>)[k], 'bool');
      }
  }
  const finalizers = meta['finalizers'];
  if (finalizers === null) delete meta['finalizers'];
  else if (finalizers !== undefined) {
    if (!Array.isArray(finalizers)) return err('finalizers', finalizers, '[]string');
    for (let i = 0; i < finalizers.length; i++) {
      if (finalizers[i] === null) finalizers[i] = '';
      else if (typeof finalizers[i] !== 'string') return err('finalizers', finalizers[i], 'string');
    }
  }
  return undefined;
}
