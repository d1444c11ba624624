/**
 * Combining authenticators, as k8s.io/apiserver/pkg/authentication/request/union (union.go):
 * `unionAuthenticator` tries each in order, the first success wins and errors are collected
 * (union.New); `failOnErrorUnion` stops at the first error (union.NewFailOnError), which is how
 * kube-apiserver puts anonymous last: it answers only when nothing before it saw a credential.
 */
import type { AuthenticationRequest, AuthenticationResult, Authenticator } from './interfaces.js';
import { notMine } from './interfaces.js';

function aggregate(errors: readonly string[]): string {
  return errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`;
}

export function unionAuthenticator(authenticators: readonly Authenticator[], name = 'union'): Authenticator {
  return {
    name,
    async authenticate(request: AuthenticationRequest): Promise<AuthenticationResult> {
      const errors: { error: string; authenticator: string }[] = [];
      for (const a of authenticators) {
        const result = await a.authenticate(request);
        if (result.kind === 'authenticated') return result;
        if (result.kind === 'error') errors.push(result);
      }
      if (errors.length === 0) return notMine;
      return { kind: 'error', error: aggregate(errors.map((e) => e.error)), authenticator: errors.map((e) => e.authenticator).join(',') };
    },
  };
}

export function failOnErrorUnion(authenticators: readonly Authenticator[], name = 'union'): Authenticator {
  return {
    name,
    async authenticate(request: AuthenticationRequest): Promise<AuthenticationResult> {
      for (const a of authenticators) {
        const result = await a.authenticate(request);
        if (result.kind !== 'not-mine') return result;
      }
      return notMine;
    },
  };
}
