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
import { groupVersionString, lookupResourceByKind, newBadRequest, parseGroupVersion } from '@tlsboot/api';
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

/** Parses the body; every failure is 400 with the "unrecognized object" text. */
export function parseBody(body: Buffer, format: InputFormat, kind: string): Record<string, unknown> {
  if (format === 'protobuf') return decodeProtobuf(body);
  const text = body.toString('utf8');
  let parsed: unknown;
  try {
    parsed = format === 'yaml' ? YAML.parse(text) : JSON.parse(text);
  } catch (err) {
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
  const { kind: _k, apiVersion: _a, metadata: _m, ...rest } = obj;
  return { kind, apiVersion, metadata: (metadata as KubeObject['metadata'] | null) ?? {}, ...rest };
}
