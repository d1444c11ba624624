/**
 * The 403 an authorization denial gets, as responsewriters.Forbidden and forbiddenMessage
 * (k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go): the inner message names
 * the user, verb and resource (or path), `&`, `<`, `>` are escaped, the authorizers' reason is
 * appended after `: `, and the whole is wrapped by NewForbidden with the request's GroupResource
 * and name.
 */
import { newForbidden } from '@tlsboot/api';
import type { StatusError } from '@tlsboot/api';
import type { Attributes } from './interfaces.js';

const quote = (s: string): string => JSON.stringify(s);

export function forbiddenMessage(a: Attributes): string {
  if (!a.isResourceRequest) return `User ${quote(a.user.name)} cannot ${a.verb} path ${quote(a.path)}`;
  const resource = a.subresource === '' ? a.resource : `${a.resource}/${a.subresource}`;
  if (a.namespace !== '') {
    return `User ${quote(a.user.name)} cannot ${a.verb} resource ${quote(resource)} in API group ${quote(a.apiGroup)} in the namespace ${quote(a.namespace)}`;
  }
  return `User ${quote(a.user.name)} cannot ${a.verb} resource ${quote(resource)} in API group ${quote(a.apiGroup)} at the cluster scope`;
}

const sanitize = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function forbiddenError(a: Attributes, reason: string): StatusError {
  const msg = sanitize(forbiddenMessage(a));
  const text = reason === '' ? msg : `${msg}: ${reason}`;
  return newForbidden({ group: a.apiGroup, resource: a.resource }, a.name, text);
}
