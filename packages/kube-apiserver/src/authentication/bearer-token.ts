/**
 * The bearer-token request authenticator (k8s.io/apiserver/pkg/authentication/request/bearertoken):
 * reads `Authorization: Bearer <token>` and asks the token authenticators in order (a union, as
 * kube-apiserver builds one from the token file, service-account, bootstrap-token, OIDC and
 * webhook authenticators). A header that is absent, not `bearer`, or has an empty token is "not
 * mine", so the request may still be anonymous; a token nobody accepts is the error `invalid
 * bearer token` (→ 401, never anonymous).
 *
 * Upstream only installs this authenticator when some token authenticator is configured; a real
 * kube-apiserver always has the service-account one, so it is installed here even while the list
 * is empty (bootstrap and service-account tokens arrive in later issues).
 */
import type { AuthenticationRequest, AuthenticationResult, Authenticator, TokenAuthenticator } from './interfaces.js';
import { notMine } from './interfaces.js';

export const invalidBearerTokenMessage = 'invalid bearer token';

/** The token of an Authorization header, or undefined when it holds no bearer token. */
export function bearerTokenOf(header: string | string[] | undefined): string | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim() ?? '';
  if (value === '') return undefined;
  const parts = value.split(' ');
  if (parts.length < 2 || parts[0]!.toLowerCase() !== 'bearer') return undefined;
  const token = parts[1]!;
  return token === '' ? undefined : token;
}

export function bearerTokenAuthenticator(tokenAuthenticators: readonly TokenAuthenticator[]): Authenticator {
  return {
    name: 'bearer-token',
    async authenticate(request: AuthenticationRequest): Promise<AuthenticationResult> {
      const token = bearerTokenOf(request.headers['authorization']);
      if (token === undefined) return notMine;
      const errors: string[] = [];
      const reasons: string[] = [];
      for (const t of tokenAuthenticators) {
        const result = await t.authenticateToken(token);
        if (result.kind === 'authenticated') return result;
        if (result.kind === 'error') errors.push(result.error);
        else if (result.reason !== undefined) reasons.push(`${t.name}: ${result.reason}`);
      }
      // union.New aggregates the token errors; with none, the request authenticator's own text.
      // The refusals' reasons ride along for the trace (the client only ever sees 401 Unauthorized).
      const error = errors.length === 0 ? invalidBearerTokenMessage : aggregate(errors);
      return { kind: 'error', authenticator: 'bearer-token', error: reasons.length === 0 ? error : `${error} (${reasons.join('; ')})` };
    },
  };
}

function aggregate(errors: readonly string[]): string {
  return errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`;
}
