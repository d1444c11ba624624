// The CSR helpers the controllers share: the condition readers of
// pkg/controller/certificates/certificate_controller_utils.go (GetCertApprovalCondition,
// IsCertificateRequestApproved, HasTrueCondition — the pure versions live in @tlsboot/api and are
// re-exported here) and ParseCSR (pkg/apis/certificates/helpers.go): the PEM rule from
// @tlsboot/api, the DER parse from @tlsboot/pki.
import { certificateRequestDerFromPem, decodeBytesField } from '@tlsboot/api';
import { parseCertificateRequestDer } from '@tlsboot/pki';
import type { CertificateRequest } from '@tlsboot/pki';

export { getCertApprovalCondition, hasTrueCondition, isCertificateRequestApproved } from '@tlsboot/api';

/**
 * ParseCSR over spec.request (base64 of PEM in JSON): the first PEM block must be a
 * `CERTIFICATE REQUEST` (else upstream's `PEM block type must be CERTIFICATE REQUEST`), then x509-parsed.
 */
export function parseCSR(request: string): CertificateRequest {
  const bytes = decodeBytesField(request) ?? new Uint8Array();
  const block = certificateRequestDerFromPem(bytes);
  if ('error' in block) throw new Error(block.error);
  return parseCertificateRequestDer(block.der, 'spec.request');
}
