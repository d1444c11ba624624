/**
 * CertificateSubjectRestriction (kubernetes/kubernetes:
 * plugin/pkg/admission/certificates/subjectrestriction/admission.go): a CSR created for the
 * kubernetes.io/kube-apiserver-client signer may not ask for the system:masters group (an O in
 * its subject), which would be a cluster-admin certificate. Validating plugin, CREATE only.
 */
import { kubeAPIServerClientSignerName, systemPrivilegedGroup } from '@tlsboot/api';
import { parseCSR } from '../../../registry/certificates/parse-csr.js';
import type { AdmissionAttributes, AdmissionPlugin } from '../../interfaces.js';
import { admissionForbidden } from '../../noderestriction/new-forbidden.js';
import { asCertificateSigningRequest, isCSRResource, signerNameOf } from '../util.js';

export const certificateSubjectRestrictionPluginName = 'CertificateSubjectRestriction';

export function certificateSubjectRestriction(): AdmissionPlugin {
  return {
    name: certificateSubjectRestrictionPluginName,
    validate(a: AdmissionAttributes) {
      if (a.operation !== 'CREATE' || !isCSRResource(a) || a.subresource !== '') return;
      const csr = asCertificateSigningRequest(a.object);
      if ('error' in csr) throw admissionForbidden(a, csr.error);
      if (signerNameOf(csr.csr) !== kubeAPIServerClientSignerName) return;
      const parsed = parseCSR((csr.csr['spec'] as Record<string, unknown> | undefined)?.['request']);
      if (!parsed.ok) throw admissionForbidden(a, `failed to parse CSR: ${parsed.error}`);
      if ((parsed.request.subject.organizations ?? []).includes(systemPrivilegedGroup)) {
        throw admissionForbidden(a, `use of ${kubeAPIServerClientSignerName} signer with ${systemPrivilegedGroup} group is not allowed`);
      }
    },
  };
}
