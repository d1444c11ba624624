/**
 * genericrest.GenericHttpResponseChecker (k8s.io/apiserver/pkg/registry/generic/rest/response_checker.go)
 * with errors.NewGenericServerResponse (k8s.io/apimachinery/pkg/api/errors/errors.go): a kubelet
 * answer outside 200–206 becomes a Status — 500 as InternalError with the body as the error, 400 as
 * BadRequest with the body as message, anything else as the generic server response for the code
 * (verb "", so `Forbidden (…) ( pods/log p)` with two spaces, exactly as kubectl users see it).
 */
import { newBadRequest, newGenericServerResponse, newInternalError } from '@tlsboot/api';
import type { GroupResource, StatusError } from '@tlsboot/api';

/** maxReadLength: at most this much of a failed response's body is read. */
export const maxReadLength = 50_000;

/** GenericHttpResponseChecker.Check: undefined for 200–206, else the error for the code and (first 50,000 bytes of the) body. */
export function checkHttpResponse(statusCode: number, body: string, gr: GroupResource, name: string): StatusError | undefined {
  if (statusCode >= 200 && statusCode <= 206) return undefined;
  if (statusCode === 500) return newInternalError(new Error(body));
  if (statusCode === 400) return newBadRequest(body);
  return newGenericServerResponse(statusCode, '', gr, name, body, 0, false);
}
