/**
 * IsAuthorizedForSignerName (kubernetes/kubernetes: plugin/pkg/admission/certificates/util.go;
 * pkg/certauthorization in newer trees): may `user` perform `verb` (approve, sign) on the
 * synthetic `signers` resource of certificates.k8s.io named `signerName`, or else on
 * `<domain>/*`? An authorizer error counts as "no" for that attempt.
 */
import { certificatesGroup, signerNameWildcard } from '@tlsboot/api';
import type { UserInfo } from '../../authentication/interfaces.js';
import type { Attributes, Authorizer } from '../../authorization/interfaces.js';

/** The attributes of one check (buildAttributes). */
export function signerAttributes(user: UserInfo, verb: string, name: string): Attributes {
  return {
    user,
    verb,
    isResourceRequest: true,
    path: '',
    namespace: '',
    apiGroup: certificatesGroup,
    apiVersion: '*',
    resource: 'signers',
    subresource: '',
    name,
  };
}

async function allowed(authorizer: Authorizer, attributes: Attributes): Promise<boolean> {
  try {
    return (await authorizer.authorize(attributes)).decision === 'Allow';
  } catch {
    return false; // upstream logs "cannot authorize ..." at V(3) and goes on
  }
}

export async function isAuthorizedForSignerName(authorizer: Authorizer, user: UserInfo, verb: string, signerName: string): Promise<boolean> {
  if (await allowed(authorizer, signerAttributes(user, verb, signerName))) return true;
  return allowed(authorizer, signerAttributes(user, verb, signerNameWildcard(signerName)));
}

/** The CSR an attribute carries, or the Forbidden text upstream gives for another type. */
export function asCertificateSigningRequest(obj: { kind?: string } | undefined): { csr: Record<string, unknown> } | { error: string } {
  if (obj === undefined || obj === null) return { error: 'expected type CertificateSigningRequest, got: <nil>' };
  if (obj.kind !== undefined && obj.kind !== 'CertificateSigningRequest') return { error: `expected type CertificateSigningRequest, got: *certificates.${obj.kind}` };
  return { csr: obj as Record<string, unknown> };
}

/** spec.signerName of a CSR object. */
export function signerNameOf(csr: Record<string, unknown>): string {
  const v = (csr['spec'] as Record<string, unknown> | undefined)?.['signerName'];
  return typeof v === 'string' ? v : '';
}

/** The group-resource the plugins act on. */
export function isCSRResource(a: { resource: { group: string; resource: string } }): boolean {
  return a.resource.group === certificatesGroup && a.resource.resource === 'certificatesigningrequests';
}
