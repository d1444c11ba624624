// Manifests as scenarios give them: one object inline, a file, or YAML text — each may hold
// several documents, and any document may be a `List` (or `<Kind>List`) as `kubectl get -o yaml`
// prints it. Objects are resolved against the apiserver's resource table by apiVersion and kind.
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, dirname } from 'node:path';
import { groupVersionKindOf, lookupResourceByKind } from '@tlsboot/api';
import type { KubeObject, ResourceInfo } from '@tlsboot/api';
import { parseAllDocuments } from 'yaml';
import type { ObjectSource } from '../format/types.js';

/** The objects of a source, Lists expanded, in document order. */
export async function readObjectSource(source: ObjectSource, scenarioFile: string): Promise<KubeObject[]> {
  if ('manifest' in source) return expandLists([source.manifest as KubeObject]);
  const where = 'file' in source ? (isAbsolute(source.file) ? source.file : join(dirname(scenarioFile), source.file)) : `${scenarioFile} (yaml)`;
  const text = 'file' in source ? await readFile(where, 'utf8') : source.yaml;
  const docs = parseAllDocuments(text);
  const objects: KubeObject[] = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length > 0) throw new Error(`${where}: ${doc.errors[0]!.message}`);
    const value = doc.toJS() as unknown;
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) throw new Error(`${where}: a document is not an object`);
    objects.push(value as KubeObject);
  }
  return expandLists(objects);
}

function expandLists(objects: KubeObject[]): KubeObject[] {
  return objects.flatMap((o) => (typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray((o as { items?: unknown }).items) ? expandLists((o as unknown as { items: KubeObject[] }).items) : [o]));
}

/** The resource of an object's apiVersion and kind, or an error naming what is unknown. */
export function resourceOf(apiVersion: string | undefined, kind: string | undefined): ResourceInfo {
  const info = apiVersion && kind ? lookupResourceByKind(groupVersionKindOf(apiVersion, kind)) : undefined;
  // kubectl's wording (meta.NoKindMatchError)
  if (!info) throw new Error(`no matches for kind ${JSON.stringify(kind ?? '')} in version ${JSON.stringify(apiVersion ?? '')}`);
  return info;
}
