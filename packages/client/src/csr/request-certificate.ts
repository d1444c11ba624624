// RequestCertificate from k8s.io/client-go/util/certificate/csr/csr.go (v1.32): create the
// CertificateSigningRequest (v1, falling back to v1beta1), or — when a fixed name is taken —
// reuse the one there if it is compatible with ours.
import type { CertificateSigningRequest } from '@tlsboot/api';
import { isAlreadyExists, isNotFound } from '@tlsboot/api';
import type { Clock } from '@tlsboot/util';
import { realClock } from '@tlsboot/util';
import { resourcePath } from '../resource-path.js';
import type { RestClient } from '../rest-client.js';
import { createsThroughV1, newCertificateSigningRequest } from './certificate-signing-request.js';
import type { CertificateSigningRequestInput } from './certificate-signing-request.js';
import { ensureCompatible } from './ensure-compatible.js';
import type { CertificateRequestCrypto } from './ensure-compatible.js';
import { CsrError } from './errors.js';
import { formatError } from './format-error.js';

export interface RequestCertificateOptions extends CertificateSigningRequestInput {
  /** The key the request was signed with; checked against an existing CSR of the same name. */
  privateKey?: unknown;
  /** X.509 parsing and signature checks for that comparison (see CertificateRequestCrypto). */
  x509?: CertificateRequestCrypto;
  /** When an issued certificate counts as expired; default the wall clock (upstream: time.Now()). */
  clock?: Clock;
}

/** What WaitForCertificate needs: the name and UID of the CSR created (or reused). */
export interface CertificateSigningRequestRef {
  name: string;
  uid: string;
}

const group = 'certificates.k8s.io';
const resource = 'certificatesigningrequests';
const target = { resource: { group, resource } };

function collection(version: 'v1' | 'v1beta1'): string {
  return resourcePath({ group, version, resource });
}

/**
 * Creates the CSR and returns its name and UID. Errors: API errors keep their Status with the
 * message prefixed `cannot create certificate signing request: ` (or `cannot retrieve …` for the
 * read-back); an existing CSR that is not ours → CsrError CSR_INCOMPATIBLE `retrieved csr is not
 * compatible: …`.
 */
export async function requestCertificate(
  client: RestClient,
  options: RequestCertificateOptions,
): Promise<CertificateSigningRequestRef> {
  const csr = newCertificateSigningRequest(options);
  let created: CertificateSigningRequest;
  try {
    created = await create(client, csr);
  } catch (err) {
    if (!(isAlreadyExists(err) && options.name)) {
      throw formatError('cannot create certificate signing request: ', err, 'CSR_REQUEST_FAILED');
    }
    // "csr for this node already exists, reusing"
    let existing: CertificateSigningRequest;
    try {
      existing = await get(client, options.name);
    } catch (getErr) {
      throw formatError('cannot retrieve certificate signing request: ', getErr, 'CSR_REQUEST_FAILED');
    }
    const reason = await ensureCompatible({
      existing,
      wanted: csr,
      privateKey: options.privateKey,
      crypto: options.x509,
      nowMs: (options.clock ?? realClock).nowMs(),
    });
    if (reason !== undefined) throw new CsrError('CSR_INCOMPATIBLE', `retrieved csr is not compatible: ${reason}`);
    // "csr for this node is still valid"
    created = existing;
  }
  return { name: created.metadata?.name ?? '', uid: created.metadata?.uid ?? '' };
}

/** create(): v1 when it applies and is served, else v1beta1 (its spec has the same fields). */
async function create(client: RestClient, csr: CertificateSigningRequest): Promise<CertificateSigningRequest> {
  if (createsThroughV1(csr)) {
    try {
      return await client.create<CertificateSigningRequest>(collection('v1'), csr, target);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      // the v1 CSR API was not found: try v1beta1
    }
  }
  const v1beta1 = { ...csr, apiVersion: 'certificates.k8s.io/v1beta1' };
  return client.create<CertificateSigningRequest>(collection('v1beta1'), v1beta1, target);
}

/** get(): v1, and v1beta1 when v1 answers NotFound. */
async function get(client: RestClient, name: string): Promise<CertificateSigningRequest> {
  const options = { ...target, name };
  try {
    return await client.get<CertificateSigningRequest>(resourcePath({ group, version: 'v1', resource, name }), options);
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  return client.get<CertificateSigningRequest>(resourcePath({ group, version: 'v1beta1', resource, name }), options);
}
