/**
 * The `system:authenticated` group adder (k8s.io/apiserver/pkg/authentication/group/
 * authenticated_group_adder.go): appended to every authenticated user's groups unless the user is
 * `system:anonymous` or already has `system:authenticated` or `system:unauthenticated`.
 */
import { allAuthenticatedGroup, allUnauthenticatedGroup, anonymousUser } from '@tlsboot/api';
import type { AuthenticationRequest, AuthenticationResult, Authenticator, UserInfo } from './interfaces.js';

export function withAuthenticatedGroup(user: UserInfo): UserInfo {
  if (user.name === anonymousUser) return user;
  if (user.groups.includes(allAuthenticatedGroup) || user.groups.includes(allUnauthenticatedGroup)) return user;
  return { ...user, groups: [...user.groups, allAuthenticatedGroup] };
}

export function authenticatedGroupAdder(inner: Authenticator): Authenticator {
  return {
    name: inner.name,
    async authenticate(request: AuthenticationRequest): Promise<AuthenticationResult> {
      const result = await inner.authenticate(request);
      return result.kind === 'authenticated' ? { ...result, user: withAuthenticatedGroup(result.user) } : result;
    },
  };
}
