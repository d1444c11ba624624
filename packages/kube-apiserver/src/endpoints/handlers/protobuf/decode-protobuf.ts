/**
 * Decoding `application/vnd.kubernetes.protobuf` request bodies
 * (k8s.io/apimachinery/pkg/runtime/serializer/protobuf): the 4-byte magic `k8s\0`, then a
 * runtime.Unknown envelope carrying the TypeMeta and the object's own protobuf bytes. The object
 * becomes the JSON form the rest of the apiserver works on: Time as RFC 3339, bytes as base64,
 * ExtraValue as a list, absent fields absent.
 */
import { createRequire } from 'node:module';
import { newBadRequest, newUnsupportedMediaType } from '@tlsboot/api';
import type protobuf from 'protobufjs';
import { k8sProto, protoMessages } from './k8s-proto.js';

export const protobufMediaType = 'application/vnd.kubernetes.protobuf';
const magic = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

let root: protobuf.Root | undefined;
// protobufjs (≈ 45 files, ≈ 80 ms to load) is loaded on the first protobuf body, not with the
// apiserver: only kubectl's typed clients send one, and most processes (`tlsboot run`) never do
const types = (): protobuf.Root =>
  (root ??= (createRequire(import.meta.url)('protobufjs') as typeof protobuf).parse(k8sProto, { keepCase: true }).root);

const timeFields = new Set(['creationTimestamp', 'deletionTimestamp', 'lastUpdateTime', 'lastTransitionTime']);

function toRFC3339(t: { seconds?: number; nanos?: number }): string {
  return `${new Date((t.seconds ?? 0) * 1000).toISOString().slice(0, 19)}Z`;
}

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === '' || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && v !== null && Object.keys(v).length === 0;
}

/** Time messages → strings, ExtraValue → lists, recursively. */
function normalize(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => normalize(v));
  if (typeof value !== 'object' || value === null) return value;
  const o = value as Record<string, unknown>;
  if (timeFields.has(key)) return o['seconds'] === undefined ? undefined : toRFC3339(o as { seconds?: number });
  if (key === 'extra') return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, (v as { items?: string[] }).items ?? []]));
  // Go writes every non-pointer field, empty or not, and reads them back as its zero values,
  // which its JSON encoding then omits (omitempty): drop them here too. A zero metav1.Time is an
  // empty message.
  return Object.fromEntries(
    Object.entries(o).flatMap(([k, v]) => {
      const n = normalize(v, k);
      return isEmpty(n) ? [] : [[k, n]];
    }),
  );
}

/** The object in a protobuf body, as JSON with its kind and apiVersion. */
export function decodeProtobuf(body: Buffer): Record<string, unknown> {
  if (body.length < magic.length || !body.subarray(0, magic.length).equals(magic)) {
    throw newBadRequest('provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]');
  }
  const t = types();
  let unknown: { typeMeta?: { apiVersion?: string; kind?: string }; raw?: Uint8Array };
  try {
    unknown = t.lookupType('k8s.Unknown').toObject(t.lookupType('k8s.Unknown').decode(body.subarray(magic.length)), { defaults: false }) as typeof unknown;
  } catch (err) {
    throw newBadRequest(`unable to decode protobuf envelope: ${(err as Error).message}`);
  }
  const apiVersion = unknown.typeMeta?.apiVersion ?? '';
  const kind = unknown.typeMeta?.kind ?? '';
  const message = protoMessages[`${apiVersion}/${kind}`];
  // kinds without a message here: tell the client to send JSON
  if (message === undefined) throw newUnsupportedMediaType(['application/json', 'application/yaml']);
  const type = t.lookupType(`k8s.${message}`);
  let obj: Record<string, unknown>;
  try {
    obj = type.toObject(type.decode(unknown.raw ?? new Uint8Array()), { longs: Number, bytes: String, defaults: false }) as Record<string, unknown>;
  } catch (err) {
    throw newBadRequest(`${kind} in version "${apiVersion}" cannot be handled as a ${kind}: ${(err as Error).message}`);
  }
  return { apiVersion, kind, ...(normalize(obj) as Record<string, unknown>) };
}
