/**
 * The anonymous authenticator (k8s.io/apiserver/pkg/authentication/request/anonymous):
 * everyone is `system:anonymous` in `system:unauthenticated`. It runs last, and only when the
 * chain before it found no credential at all (see fail-on-error in union.ts).
 */
import { allUnauthenticatedGroup, anonymousUser } from '@tlsboot/api';
import type { Authenticator } from './interfaces.js';

export function anonymousAuthenticator(): Authenticator {
  return {
    name: 'anonymous',
    async authenticate() {
      return { kind: 'authenticated', authenticator: 'anonymous', user: { name: anonymousUser, groups: [allUnauthenticatedGroup] } };
    },
  };
}
