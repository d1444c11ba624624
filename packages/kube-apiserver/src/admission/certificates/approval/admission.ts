/**
 * CertificateApproval (kubernetes/kubernetes: plugin/pkg/admission/certificates/approval/admission.go):
 * an UPDATE of certificatesigningrequests/approval needs `approve` on signers/<signerName> (or
 * `<domain>/*`), checked against the OLD object's signerName so that changing the signer in the
 * same request gains nothing. Validating plugin; needs the server's authorizer.
 */
import { goQuote } from '@tlsboot/api';
import type { Authorizer } from '../../../authorization/interfaces.js';
import type { AdmissionAttributes, AdmissionPlugin } from '../../interfaces.js';
import { admissionForbidden } from '../../noderestriction/new-forbidden.js';
import { asCertificateSigningRequest, isAuthorizedForSignerName, isCSRResource, signerNameOf } from '../util.js';

export const certificateApprovalPluginName = 'CertificateApproval';

export function certificateApproval(authorizer: Authorizer): AdmissionPlugin {
  return {
    name: certificateApprovalPluginName,
    async validate(a: AdmissionAttributes) {
      if (a.operation !== 'UPDATE' || a.subresource !== 'approval' || !isCSRResource(a)) return;
      const old = asCertificateSigningRequest(a.oldObject);
      if ('error' in old) throw admissionForbidden(a, old.error);
      const signerName = signerNameOf(old.csr);
      if (!(await isAuthorizedForSignerName(authorizer, a.user, 'approve', signerName))) {
        throw admissionForbidden(a, `user not permitted to approve requests with signerName ${goQuote(signerName)}`);
      }
    },
  };
}
