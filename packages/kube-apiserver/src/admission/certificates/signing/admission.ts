/**
 * CertificateSigning (kubernetes/kubernetes: plugin/pkg/admission/certificates/signing/admission.go):
 * an UPDATE of certificatesigningrequests/status that changes status.certificate or
 * status.conditions needs `sign` on signers/<old signerName> (or `<domain>/*`). Validating
 * plugin, so it sees the object after the status strategy prepared it.
 */
import { decodeBytesField, goQuote } from '@tlsboot/api';
import type { Authorizer } from '../../../authorization/interfaces.js';
import type { AdmissionAttributes, AdmissionPlugin } from '../../interfaces.js';
import { admissionForbidden } from '../../noderestriction/new-forbidden.js';
import { asCertificateSigningRequest, isAuthorizedForSignerName, isCSRResource, signerNameOf } from '../util.js';

export const certificateSigningPluginName = 'CertificateSigning';

type Obj = Record<string, unknown>;
const status = (csr: Obj): Obj => (csr['status'] as Obj | undefined) ?? {};

/** reflect.DeepEqual of the certificate bytes (nil and empty are the same). */
function certificateBytes(csr: Obj): Buffer {
  const v = status(csr)['certificate'];
  if (typeof v !== 'string') return Buffer.alloc(0);
  return Buffer.from(decodeBytesField(v) ?? Buffer.from(v, 'latin1'));
}

const conditionFields = ['type', 'status', 'reason', 'message', 'lastUpdateTime', 'lastTransitionTime'];

/** apiequality.Semantic.DeepEqual of the two condition lists. */
function conditionsEqual(a: Obj, b: Obj): boolean {
  const ca = (status(a)['conditions'] as Obj[] | undefined) ?? [];
  const cb = (status(b)['conditions'] as Obj[] | undefined) ?? [];
  return ca.length === cb.length && ca.every((c, i) => conditionFields.every((f) => (c[f] ?? '') === (cb[i]![f] ?? '')));
}

export function certificateSigning(authorizer: Authorizer): AdmissionPlugin {
  return {
    name: certificateSigningPluginName,
    async validate(a: AdmissionAttributes) {
      if (a.operation !== 'UPDATE' || a.subresource !== 'status' || !isCSRResource(a)) return;
      const old = asCertificateSigningRequest(a.oldObject);
      if ('error' in old) throw admissionForbidden(a, old.error);
      const csr = asCertificateSigningRequest(a.object);
      if ('error' in csr) throw admissionForbidden(a, csr.error);
      if (certificateBytes(old.csr).equals(certificateBytes(csr.csr)) && conditionsEqual(old.csr, csr.csr)) return;
      const signerName = signerNameOf(old.csr);
      if (!(await isAuthorizedForSignerName(authorizer, a.user, 'sign', signerName))) {
        throw admissionForbidden(a, `user not permitted to sign requests with signerName ${goQuote(signerName)}`);
      }
    },
  };
}
