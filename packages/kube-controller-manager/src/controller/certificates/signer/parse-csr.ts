/**
 * certificates.ParseCSR on a CSR object's spec.request (kubernetes/kubernetes
 * pkg/apis/certificates/helpers.go): the first PEM block must be a `CERTIFICATE REQUEST`, then
 * x509 parsing — the PEM half comes from @tlsboot/api, the DER half from @tlsboot/pki.
 */
import { certificateRequestDerFromPem, decodeBytesField } from '@tlsboot/api';
import { parseCertificateRequestDer } from '@tlsboot/pki';
import type { CertificateRequest } from '@tlsboot/pki';

/** spec.request is base64 of the PEM bytes on the wire; throws with ParseCSR's error text. */
export function parseCSR(request: string): CertificateRequest {
  const bytes = decodeBytesField(request);
  const pem = certificateRequestDerFromPem(bytes ?? new Uint8Array());
  if ('error' in pem) throw new Error(pem.error);
  return parseCertificateRequestDer(pem.der);
}
