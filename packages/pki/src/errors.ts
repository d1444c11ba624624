import { TlsbootError } from '@tlsboot/util';

/**
 * Stable codes of every failure the pki package reports. Messages name the input (a file
 * name or a field) and say what was wrong; callers branch on the code.
 */
export type PkiErrorCode =
  | 'PEM_MALFORMED' // no PEM block, unterminated block, bad base64
  | 'PEM_WRONG_TYPE' // a PEM block of another type than the one expected
  | 'DER_MALFORMED' // the bytes are not the ASN.1 structure expected
  | 'KEY_UNSUPPORTED' // a key algorithm, curve or size tlsboot does not handle
  | 'KEY_MISMATCH' // a certificate and a private key that do not belong together
  | 'CSR_BAD_SIGNATURE' // a CSR whose signature does not verify with its own public key
  | 'USAGE_UNKNOWN' // a key usage string outside the Kubernetes / cfssl set
  | 'CERT_EXPIRED' // verification: a certificate of the chain is past its NotAfter
  | 'CERT_NOT_YET_VALID' // verification: a certificate of the chain is before its NotBefore
  | 'CERT_UNKNOWN_ISSUER' // verification: no chain to a trusted root
  | 'CERT_BAD_SIGNATURE' // verification: an issuer was found but its signature does not verify
  | 'CERT_WRONG_USAGE' // verification: the leaf may not be used for the requested purpose
  | 'CERT_NOT_CA' // an issuer certificate that is not a CA
  | 'SIGNER_EXPIRED' // signing: the CA is expired at signing time
  | 'SIGN_INVALID' // signing: a profile that cannot produce a certificate
  | 'CFSSL_INVALID' // a cfssl CSR JSON or ca-config.json that is not valid JSON or breaks its schema
  | 'WRITE_FAILED'; // output files could not be written (nothing was left behind)

export class PkiError extends TlsbootError<PkiErrorCode> {}
