// The failures of k8s.io/client-go/util/certificate/csr/csr.go that are not API errors. API
// errors keep their Status (reason, code) and only get csr.go's prefix (formatError).
import { TlsbootError } from '@tlsboot/util';

export type CsrErrorCode =
  | 'CSR_REQUEST_FAILED' // create or get failed below the API (connection, TLS): "cannot create certificate signing request: …"
  | 'CSR_INCOMPATIBLE' // AlreadyExists and the stored CSR is not ours: "retrieved csr is not compatible: …"
  | 'CSR_DENIED' // "cannot watch on the certificate signing request: certificate signing request is denied, reason: …, message: …"
  | 'CSR_FAILED' // "… certificate signing request failed, reason: …, message: …"
  | 'CSR_DELETED' // "… csr \"name\" was deleted"
  | 'CSR_UID_CHANGED' // "… csr \"name\" changed UIDs" (deleted and created again under the same name)
  | 'CSR_WATCH_FAILED' // "… UntilWithSync: unable to sync caches: context deadline exceeded"
  | 'CSR_WAIT_TIMEOUT'; // wait.ErrWaitTimeout: "timed out waiting for the condition" (deadline or cancel)

export class CsrError extends TlsbootError<CsrErrorCode> {}

/** wait.ErrWaitTimeout's text (k8s.io/apimachinery/pkg/util/wait/error.go). */
export const errWaitTimeoutMessage = 'timed out waiting for the condition';
