/**
 * The errors the apiserver's router gives when no handler applies, built as
 * errors.NewGenericServerResponse does (k8s.io/apimachinery/pkg/api/errors/errors.go) from the
 * go-restful service error handler (k8s.io/apiserver/pkg/server/handler.go serviceErrorHandler):
 * a fixed message per code and an empty `details: {}`.
 */
import { StatusError } from '@tlsboot/api';
import type { StatusReason } from '@tlsboot/api';

function generic(code: number, reason: StatusReason, message: string): StatusError {
  return new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, details: {}, code });
}

/** 404 for a path no route serves: `the server could not find the requested resource`. */
export const newNoRouteNotFound = (): StatusError => generic(404, 'NotFound', 'the server could not find the requested resource');

/** 405 for a method the route does not serve: `the server does not allow this method on the requested resource`. */
export const newNoRouteMethodNotAllowed = (): StatusError => generic(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');

/** 422 for a JSON patch that does not apply (patch.go applyJSPatch). */
export const newPatchRejected = (): StatusError => generic(422, 'Invalid', 'the server rejected our request due to an error in our request');
