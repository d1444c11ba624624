/**
 * POST of a new object (handlers/create.go createHandler): negotiate and decode the body, check
 * its kind, make its namespace match the URL (rest.EnsureObjectNamespaceMatchesRequestNamespace),
 * mutating admission, then the Store (system fields, generateName, strategy, validation,
 * validating admission, storage). 201 with the stored object.
 */
import { newBadRequest } from '@tlsboot/api';
import type { KubeObject, ResourceInfo } from '@tlsboot/api';
import { csrDecodeProblem } from '../../registry/certificates/csr-decode.js';
import { secretDecodeProblem } from '../../registry/core/secret.js';
import { decodeObject } from './decode.js';
import { parseDryRun } from './dry-run.js';
import { negotiateInput } from './negotiation.js';
import type { ApiResponse, RequestScope } from './scope.js';
import { objectResponse, requestNamespace } from './scope.js';

/** The decoder's checks of fields that are not plain JSON in Go ([]byte is base64). */
function checkWireFormat(obj: KubeObject, info: ResourceInfo): void {
  if (info.group === '' && info.resource === 'secrets') {
    const problem = secretDecodeProblem(obj);
    if (problem !== undefined) throw newBadRequest(`Secret in version "v1" cannot be handled as a Secret: ${problem}`);
  }
  if (info.group === 'certificates.k8s.io' && info.resource === 'certificatesigningrequests') {
    const problem = csrDecodeProblem(obj);
    if (problem !== undefined) throw newBadRequest(`CertificateSigningRequest in version "${info.version}" cannot be handled as a CertificateSigningRequest: ${problem}`);
  }
}

/** Decodes the body of a create or update for `scope.resource`. */
export function decodeRequestObject(scope: RequestScope): KubeObject {
  const format = negotiateInput(headerOf(scope.headers['content-type']));
  const obj = decodeObject(scope.body, format, scope.resource);
  checkWireFormat(obj, scope.resource);
  return obj;
}

export function headerOf(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/**
 * EnsureObjectNamespaceMatchesRequestNamespace: an empty namespace takes the request's, a
 * cluster-scoped object loses its namespace, a different one is 400.
 */
export function ensureNamespace(obj: KubeObject, requestNs: string): void {
  const objNs = obj.metadata.namespace ?? '';
  if (objNs === requestNs) return;
  if (objNs === '' || requestNs === '') {
    if (requestNs === '') delete obj.metadata.namespace;
    else obj.metadata.namespace = requestNs;
    return;
  }
  throw newBadRequest('the namespace of the provided object does not match the namespace sent on the request');
}

export async function createResource(scope: RequestScope): Promise<ApiResponse> {
  const dryRun = parseDryRun(scope.query, 'CreateOptions');
  const obj = decodeRequestObject(scope);
  const namespace = requestNamespace(scope);
  ensureNamespace(obj, namespace);
  const base = { resource: scope.resource, subresource: '', namespace, user: scope.user };
  await scope.admission.admit({ ...base, operation: 'CREATE', name: obj.metadata.name ?? '', object: obj });
  const created = await scope.store!.create(obj, scope.user, (o) => scope.admission.validate({ ...base, operation: 'CREATE', name: o.metadata.name ?? '', object: o }), { dryRun });
  return objectResponse(201, created);
}
