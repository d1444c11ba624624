// formatError from k8s.io/client-go/util/certificate/csr/csr.go: an API error keeps its Status
// (reason, code, details) and only its message gets the prefix; anything else becomes a new error
// wrapping it.
import { StatusError, isStatusError } from '@tlsboot/api';
import { errorMessage } from '@tlsboot/util';
import { CsrError } from './errors.js';
import type { CsrErrorCode } from './errors.js';

/** `prefix` is the format string up to its `%v`, e.g. `cannot create certificate signing request: `. */
export function formatError(prefix: string, err: unknown, code: CsrErrorCode): Error {
  if (isStatusError(err)) {
    return new StatusError({ ...err.status, message: prefix + (err.status.message ?? '') });
  }
  return new CsrError(code, prefix + errorMessage(err), { cause: err });
}
