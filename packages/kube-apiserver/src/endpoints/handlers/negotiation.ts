/**
 * Content negotiation (k8s.io/apiserver/pkg/endpoints/handlers/negotiation): which body format
 * the client accepts (Accept, with q-values; the Table and aggregated-discovery media types are
 * recognised by their `as`, `g`, `v` parameters, compared as a set), and which format a request
 * body is in (Content-Type; empty means JSON). Responses are never protobuf: a client that
 * accepts only protobuf gets 406; protobuf bodies are read for a few kinds (protobuf/).
 */
import { newNotAcceptable, newUnsupportedMediaType } from '@tlsboot/api';

export interface MediaRange {
  type: string;
  subtype: string;
  params: Record<string, string>;
  q: number;
}

/** The media types a response can be sent as (serializers of the legacy codec factory, minus protobuf). */
export const supportedMediaTypes = ['application/json', 'application/yaml'] as const;
/** What a create or update body may be (protobuf for the kinds kubectl's typed clients write, see protobuf/). */
export const supportedInputTypes = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'] as const;
/** PATCH bodies tlsboot applies (apply-patch+yaml, server-side apply, is not served). */
export const supportedPatchTypes = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'] as const;

export type PatchType = (typeof supportedPatchTypes)[number];

/** goautoneg.ParseAccept, reduced: ranges sorted by q (stable), then specificity does not matter for us. */
export function parseAccept(header: string | undefined): MediaRange[] {
  if (header === undefined || header.trim() === '') return [];
  const ranges: MediaRange[] = [];
  for (const part of header.split(',')) {
    const [mt, ...rawParams] = part.split(';').map((s) => s.trim());
    if (!mt) continue;
    const [type = '', subtype = ''] = mt.toLowerCase().split('/');
    const params: Record<string, string> = {};
    let q = 1;
    for (const p of rawParams) {
      const eq = p.indexOf('=');
      if (eq < 0) continue;
      const k = p.slice(0, eq).trim().toLowerCase();
      const v = p.slice(eq + 1).trim().replace(/^"|"$/g, '');
      if (k === 'q') q = Number.parseFloat(v);
      else params[k] = v;
    }
    if (!Number.isNaN(q) && q > 0) ranges.push({ type, subtype, params, q });
  }
  return ranges.map((r, i) => ({ r, i })).sort((a, b) => b.r.q - a.r.q || a.i - b.i).map(({ r }) => r);
}

export type OutputFormat = 'json' | 'yaml' | 'table' | 'discovery';

export interface NegotiateOptions {
  /** The endpoint can answer with a meta.k8s.io/v1 Table (GET and LIST of resources). */
  table?: boolean;
  /** The endpoint can answer with an apidiscovery.k8s.io/v2 APIGroupDiscoveryList (`/api`, `/apis`). */
  aggregatedDiscovery?: boolean;
}

const matchesJSON = (r: MediaRange) => (r.type === 'application' || r.type === '*') && (r.subtype === 'json' || r.subtype === '*');

/**
 * Formats already negotiated, by options and Accept header: clients send the same few headers on
 * every request. Only successes are kept (a 406 is built afresh); bounded by dropping everything.
 */
const negotiated = new Map<string, OutputFormat>();
const maxNegotiated = 256;

/**
 * The format to answer in. A range with `as=` that this endpoint cannot produce is skipped (as
 * upstream skips a Table request to a resource without a convertor); nothing acceptable is 406.
 */
export function negotiateOutput(accept: string | undefined, options: NegotiateOptions = {}): OutputFormat {
  if (accept === undefined || accept === 'application/json') return 'json';
  const key = `${options.table ? 't' : '-'}${options.aggregatedDiscovery ? 'd' : '-'}${accept}`;
  let format = negotiated.get(key);
  if (format === undefined) {
    format = negotiate(accept, options);
    if (negotiated.size >= maxNegotiated) negotiated.clear();
    negotiated.set(key, format);
  }
  return format;
}

function negotiate(accept: string, options: NegotiateOptions): OutputFormat {
  const ranges = parseAccept(accept);
  if (ranges.length === 0) return 'json';
  for (const r of ranges) {
    const as = r.params['as'];
    if (as !== undefined) {
      if (!matchesJSON(r) && r.subtype !== 'yaml') continue;
      if (as === 'Table' && options.table && r.params['g'] === 'meta.k8s.io' && r.params['v'] === 'v1') return 'table';
      if (as === 'APIGroupDiscoveryList' && options.aggregatedDiscovery && r.params['g'] === 'apidiscovery.k8s.io' && r.params['v'] === 'v2') {
        return 'discovery';
      }
      continue;
    }
    if (r.type === 'application' && r.subtype === 'yaml') return 'yaml';
    if (matchesJSON(r)) return 'json';
  }
  throw newNotAcceptable([...supportedMediaTypes]);
}

export type InputFormat = 'json' | 'yaml' | 'protobuf';

/** The media type without parameters, lower case ('' for an absent header). */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** NegotiateInputSerializer: the body format of a create or update; 415 for anything else. */
export function negotiateInput(contentType: string | undefined): InputFormat {
  const mt = mediaTypeOf(contentType);
  // only an absent or empty header defaults to JSON: ";;;" fails mime.ParseMediaType ("mime: no media type") → 415
  if (mt === '' ? (contentType ?? '').trim() === '' : mt === 'application/json') return 'json';
  if (mt === 'application/yaml') return 'yaml';
  if (mt === 'application/vnd.kubernetes.protobuf') return 'protobuf';
  throw newUnsupportedMediaType([...supportedInputTypes]);
}

/** The patch type of a PATCH body (patch.go: the Content-Type must be one of the patch types); 415 otherwise. */
export function negotiatePatchType(contentType: string | undefined): PatchType {
  const mt = mediaTypeOf(contentType);
  if ((supportedPatchTypes as readonly string[]).includes(mt)) return mt as PatchType;
  throw newUnsupportedMediaType([...supportedPatchTypes]);
}
