// Test fixtures for the CSR tests of this folder (not exported from the package): CSR PEMs made
// with @tlsboot/pki and the certificate fixtures of upstream's validation_test.go.
import { createCertificateRequest, generateKeyPair } from '@tlsboot/pki';
import type { SubjectAltNames } from '@tlsboot/pki';

/** base64 of a CSR PEM, as spec.request carries it. */
export async function csrRequest(subject: { commonName?: string; organizations?: string[] } = { organizations: ['testing-org'] }, sans?: SubjectAltNames): Promise<string> {
  const keys = await generateKeyPair();
  const csr = await createCertificateRequest({ keys, subject, ...(sans ? { subjectAltNames: sans } : {}) });
  return Buffer.from(csr.pem).toString('base64');
}

export const b64 = (s: string): string => Buffer.from(s).toString('base64');

const leaf = `MIIBqDCCAU2gAwIBAgIUfbqeieihh/oERbfvRm38XvS/xHAwCgYIKoZIzj0EAwIw
GjEYMBYGA1UEAxMPSW50ZXJtZWRpYXRlLUNBMCAXDTE2MTAxMTA1MDYwMFoYDzIx
MTYwOTE3MDUwNjAwWjAUMRIwEAYDVQQDEwlNeSBDbGllbnQwWTATBgcqhkjOPQIB
BggqhkjOPQMBBwNCAARv6N4R/sjMR65iMFGNLN1GC/vd7WhDW6J4X/iAjkRLLnNb
KbRG/AtOUZ+7upJ3BWIRKYbOabbQGQe2BbKFiap4o3UwczAOBgNVHQ8BAf8EBAMC
BaAwEwYDVR0lBAwwCgYIKwYBBQUHAwIwDAYDVR0TAQH/BAIwADAdBgNVHQ4EFgQU
K/pZOWpNcYai6eHFpmJEeFpeQlEwHwYDVR0jBBgwFoAUX6nQlxjfWnP6aM1meO/Q
a6b3a9kwCgYIKoZIzj0EAwIDSQAwRgIhAIWTKw/sjJITqeuNzJDAKU4xo1zL+xJ5
MnVCuBwfwDXCAiEAw/1TA+CjPq9JC5ek1ifR0FybTURjeQqYkKpve1dveps=`;
const intermediate = `MIIBqDCCAU6gAwIBAgIUfqZtjoFgczZ+oQZbEC/BDSS2J6wwCgYIKoZIzj0EAwIw
EjEQMA4GA1UEAxMHUm9vdC1DQTAgFw0xNjEwMTEwNTA2MDBaGA8yMTE2MDkxNzA1
MDYwMFowGjEYMBYGA1UEAxMPSW50ZXJtZWRpYXRlLUNBMFkwEwYHKoZIzj0CAQYI
KoZIzj0DAQcDQgAEyWHEMMCctJg8Xa5YWLqaCPbk3MjB+uvXac42JM9pj4k9jedD
kpUJRkWIPzgJI8Zk/3cSzluUTixP6JBSDKtwwaN4MHYwDgYDVR0PAQH/BAQDAgGm
MBMGA1UdJQQMMAoGCCsGAQUFBwMCMA8GA1UdEwEB/wQFMAMBAf8wHQYDVR0OBBYE
FF+p0JcY31pz+mjNZnjv0Gum92vZMB8GA1UdIwQYMBaAFB7P6+i4/pfNjqZgJv/b
dgA7Fe4tMAoGCCqGSM49BAMCA0gAMEUCIQCTT1YWQZaAqfQ2oBxzOkJE2BqLFxhz
3smQlrZ5gCHddwIgcvT7puhYOzAgcvMn9+SZ1JOyZ7edODjshCVCRnuHK2c=`;

/** validation_test.go's certificate fixtures (raw PEM text). */
export const certificateFixtures = {
  valid: `\nLeading non-PEM content\n-----BEGIN CERTIFICATE-----\n${leaf}\n-----END CERTIFICATE-----\nIntermediate non-PEM content\n-----BEGIN CERTIFICATE-----\n${intermediate}\n-----END CERTIFICATE-----\nTrailing non-PEM content\n`,
  noPEM: 'no PEM content',
  nonCertificatePEM: `\nLeading non-PEM content\n-----BEGIN CERTIFICATE1-----\n${leaf}\n-----END CERTIFICATE1-----\nTrailing non-PEM content\n`,
  pemHeaders: `\nLeading non-PEM content\n-----BEGIN CERTIFICATE-----\nSome-Header: Some-Value\n${leaf}\n-----END CERTIFICATE-----\nTrailing non-PEM content\n`,
  nonBase64PEM: `\nLeading non-PEM content\n-----BEGIN CERTIFICATE-----\n${leaf.replace('Kpve1dveps=', 'Kpve1d?????????')}\n-----END CERTIFICATE-----\nTrailing non-PEM content\n`,
  emptyPEM: '\nLeading non-PEM content\n-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\nTrailing non-PEM content\n',
  nonASN1Data: `\nLeading non-PEM content\n-----BEGIN CERTIFICATE-----\n${leaf.replace('MTYwOTE3MDUwNjAwWjAUMRIw', 'MTYwOTE3MDUwNjAwWjAUNRIw')}\n-----END CERTIFICATE-----\nTrailing non-PEM content\n`,
};
