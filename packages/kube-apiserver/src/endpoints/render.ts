/**
 * Turning a handler's answer into bytes in the negotiated format (handlers/response.go
 * transformResponseObject and responsewriters.WriteObjectNegotiated): JSON (with Go's trailing
 * newline), YAML, or a meta.k8s.io/v1 Table built by the resource's printer. Watch events are
 * rendered one per line, their objects as Tables when the watch asked for them.
 */
import { tableMediaType } from '@tlsboot/api';
import type { KubeList, KubeObject, ResourceInfo, Table } from '@tlsboot/api';
import YAML from 'yaml';
import { tableConvertorFor } from '../registry/printers/printers.js';
import { parseIncludeObject, toTable } from '../registry/printers/table.js';
import type { WatchEvent } from '../storage/index.js';
import type { OutputFormat } from './handlers/negotiation.js';
import type { ObjectResponse } from './handlers/scope.js';

export interface Rendered {
  contentType: string;
  body: string;
}

export function renderJSON(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

const isList = (v: unknown): v is KubeList => typeof v === 'object' && v !== null && Array.isArray((v as KubeList).items);

/** A Table of an object or a list of `info` (includeObject from the query). */
export function asTable(info: ResourceInfo, body: KubeObject | KubeList, query: URLSearchParams, now: Date): Table {
  const options = {
    includeObject: parseIncludeObject(query.get('includeObject')),
    typeMeta: { kind: info.kind, apiVersion: info.group === '' ? info.version : `${info.group}/${info.version}` },
  };
  const convertor = tableConvertorFor(info);
  if (isList(body)) return toTable(convertor, body.items, { ...body.metadata }, now, options);
  const rv = body.metadata.resourceVersion;
  return toTable(convertor, [body], rv ? { resourceVersion: rv } : {}, now, options);
}

export function renderObject(resp: ObjectResponse, format: OutputFormat, info: ResourceInfo, query: URLSearchParams, now: Date): Rendered {
  if (format === 'table' && resp.tableable) {
    return { contentType: tableMediaType, body: renderJSON(asTable(info, resp.body as KubeObject | KubeList, query, now)) };
  }
  if (format === 'yaml') return { contentType: 'application/yaml', body: YAML.stringify(resp.body) };
  return { contentType: 'application/json', body: renderJSON(resp.body) };
}

/** One watch line; BOOKMARK and ERROR objects are never tables. */
export function renderWatchEvent(event: WatchEvent, format: OutputFormat, info: ResourceInfo, query: URLSearchParams, now: Date): string {
  if (format === 'table' && event.type !== 'ERROR' && event.type !== 'BOOKMARK') {
    return renderJSON({ type: event.type, object: asTable(info, event.object as unknown as KubeObject, query, now) });
  }
  return renderJSON(event);
}

/**
 * JSON watch lines already rendered, so that one change fanned out to many watchers is turned
 * into a typed object and text once, not once per watcher. An object event's line is fixed by
 * the resource, the event type and the object's uid and resourceVersion: a revision of an object
 * has one content, and a DELETED event at revision R always carries the state before R stamped
 * with R (a deletion, or a change that leaves a watcher's selection — never both at one R).
 * BOOKMARK and ERROR lines, Tables and objects without uid or resourceVersion are not kept.
 * Bounded: when full, everything is dropped.
 */
export class WatchLineCache {
  readonly #lines = new Map<string, string>();
  constructor(readonly maxEntries = 64) {}

  /** The JSON line of `event` (raw, as the watcher gave it); `render` runs only on a miss. */
  line(event: WatchEvent, info: ResourceInfo, render: () => string): string {
    if (event.type === 'ERROR' || event.type === 'BOOKMARK') return render();
    const meta = (event.object as { metadata?: { uid?: string; resourceVersion?: string } }).metadata;
    const uid = meta?.uid ?? '';
    const rv = meta?.resourceVersion ?? '';
    if (uid === '' || rv === '') return render();
    const key = `${info.group}/${info.version}/${info.resource} ${event.type} ${uid} ${rv}`;
    let line = this.#lines.get(key);
    if (line === undefined) {
      line = render();
      if (this.#lines.size >= this.maxEntries) this.#lines.clear();
      this.#lines.set(key, line);
    }
    return line;
  }
}

/** The Content-Type of a watch response (handlers/watch.go: `;stream=watch` unless plain JSON). */
export function watchContentType(format: OutputFormat): string {
  return format === 'table' ? `${tableMediaType};stream=watch` : 'application/json';
}
