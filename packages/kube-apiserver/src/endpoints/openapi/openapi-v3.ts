/**
 * Just enough OpenAPI v3 for kubectl (reference/k8s-csr-kubelet.md §6.9): `GET /openapi/v3` lists
 * one document per group-version (`{"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=…"}}}`),
 * and each document has, for every resource and subresource path, the operations the resource
 * serves; the PATCH operations carry `x-kubernetes-group-version-kind` and a `fieldValidation`
 * query parameter, which is what kubectl's query-param verifier (cli-runtime
 * query_param_verifier_v3.go) looks for before a `kubectl create -f` with the default
 * `--validate=strict`. There are no schemas: kubectl then computes apply patches from its
 * compiled-in types, and server-side field validation does not reject unknown fields.
 */
import { createHash } from 'node:crypto';
import { groupVersionString } from '@tlsboot/api';
import type { ResourceInfo } from '@tlsboot/api';

type Doc = Record<string, unknown>;

/** `api/v1`, `apis/certificates.k8s.io/v1`. */
export function openAPIPathOf(group: string, version: string): string {
  return group === '' ? `api/${version}` : `apis/${group}/${version}`;
}

function groupVersions(table: readonly ResourceInfo[]): { group: string; version: string }[] {
  const seen = new Map<string, { group: string; version: string }>();
  for (const r of table) seen.set(groupVersionString(r), { group: r.group, version: r.version });
  return [...seen.values()];
}

const fieldValidationParameter = {
  name: 'fieldValidation',
  in: 'query',
  description:
    'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore - Warn - Strict.',
  schema: { type: 'string', uniqueItems: true },
};
const pathParameter = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string', uniqueItems: true } });

function operation(action: string, gvk: { group: string; version: string; kind: string }, extra: Doc = {}): Doc {
  return { ...extra, responses: { '200': { description: 'OK' } }, 'x-kubernetes-action': action, 'x-kubernetes-group-version-kind': gvk };
}

/** The OpenAPI v3 document of one group-version. */
export function openAPIDocument(group: string, version: string, table: readonly ResourceInfo[]): Doc {
  const paths: Record<string, Doc> = {};
  const prefix = `/${openAPIPathOf(group, version)}`;
  for (const r of table.filter((x) => x.group === group && x.version === version)) {
    const gvk = { group: r.group, version: r.version, kind: r.kind };
    const base = r.namespaced ? `${prefix}/namespaces/{namespace}/${r.resource}` : `${prefix}/${r.resource}`;
    const nsParams = r.namespaced ? [pathParameter('namespace')] : [];
    const collection: Doc = { parameters: nsParams };
    if (r.verbs.includes('list')) collection['get'] = operation('list', gvk);
    if (r.verbs.includes('create')) collection['post'] = operation('post', gvk, { parameters: [fieldValidationParameter] });
    if (r.verbs.includes('deletecollection')) collection['delete'] = operation('deletecollection', gvk);
    paths[base] = collection;
    if (!r.verbs.includes('get')) continue;
    const item: Doc = { parameters: [pathParameter('name'), ...nsParams], get: operation('get', gvk) };
    if (r.verbs.includes('update')) item['put'] = operation('put', gvk, { parameters: [fieldValidationParameter] });
    if (r.verbs.includes('patch')) {
      // No requestBody: kubectl apply would then look for a schema to build a strategic merge patch from.
      item['patch'] = operation('patch', gvk, { parameters: [fieldValidationParameter] });
    }
    if (r.verbs.includes('delete')) item['delete'] = operation('delete', gvk);
    paths[`${base}/{name}`] = item;
    for (const s of r.subresources) {
      const sgvk = { group: s.group, version: s.version, kind: s.kind };
      const sub: Doc = { parameters: [pathParameter('name'), ...nsParams] };
      if (s.verbs.includes('get')) sub['get'] = operation('get', sgvk);
      if (s.verbs.includes('update')) sub['put'] = operation('put', sgvk, { parameters: [fieldValidationParameter] });
      if (s.verbs.includes('patch')) sub['patch'] = operation('patch', sgvk, { parameters: [fieldValidationParameter] });
      if (s.verbs.includes('create')) sub['post'] = operation('post', sgvk, { parameters: [fieldValidationParameter] });
      paths[`${base}/{name}/${s.name}`] = sub;
    }
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.0' }, paths, components: { schemas: {} } };
}

export interface OpenAPIService {
  /** `GET /openapi/v3`. */
  index(): Doc;
  /** `GET /openapi/v3/<path>`: the document, or undefined for a path that is not served. */
  document(path: string): Doc | undefined;
}

/** Documents built once (the table does not change while serving), with content hashes in the index. */
export function openAPIService(table: readonly ResourceInfo[]): OpenAPIService {
  const docs = new Map<string, Doc>();
  const index: Record<string, { serverRelativeURL: string }> = {};
  for (const { group, version } of groupVersions(table)) {
    const path = openAPIPathOf(group, version);
    const doc = openAPIDocument(group, version, table);
    docs.set(path, doc);
    const hash = createHash('sha512').update(JSON.stringify(doc)).digest('hex').toUpperCase();
    index[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${hash}` };
  }
  return { index: () => ({ paths: index }), document: (path) => docs.get(path.replace(/^\/+|\/+$/g, '')) };
}
