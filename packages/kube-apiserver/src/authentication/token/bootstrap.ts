/**
 * The bootstrap-token authenticator (plugin/pkg/auth/authenticator/token/bootstrap/bootstrap.go,
 * AuthenticateToken): `<id>.<secret>` bearer tokens backed by `kube-system/bootstrap-token-<id>`
 * Secrets. The checks run in upstream's order; every refusal is "not mine" with upstream's V(3)
 * log line as the reason (the trace shows it; the client only ever sees 401 Unauthorized). A
 * failure to read the Secret other than NotFound is an error. Success is user
 * `system:bootstrap:<id>` with the sorted, de-duplicated groups of GetGroups; the
 * `system:authenticated` group is added later by the chain.
 */
import { timingSafeEqual } from 'node:crypto';
import {
  bootstrapTokenExtraGroupsKey,
  bootstrapTokenIdKey,
  bootstrapTokenSecretKey,
  bootstrapTokenSecretName,
  bootstrapTokenUsageAuthenticationKey,
  bootstrapUserPrefix,
  getBootstrapGroups,
  getExpiration,
  getSecretData,
  hasNoData,
  isNotFound,
  matchBootstrapToken,
  namespaceSystem,
  secretKey,
  secretTypeBootstrapToken,
} from '@tlsboot/api';
import type { Secret } from '@tlsboot/api';
import type { Clock } from '@tlsboot/util';
import { errorMessage } from '@tlsboot/util';
import type { ServerContext } from '../../server/start-api-server.js';
import type { AuthenticationResult, TokenAuthenticator } from '../interfaces.js';
import { notMine } from '../interfaces.js';

export const bootstrapTokenAuthenticatorName = 'bootstrap-token';

export interface BootstrapTokenAuthenticatorOptions {
  /**
   * Reads a Secret (upstream: the kube-system Secret lister). Resolves to undefined when there is
   * none; rejects for any other failure (an error whose reason is NotFound also counts as none).
   */
  getSecret(namespace: string, name: string): Promise<Secret | undefined>;
  /** Expiration is checked against this clock. */
  clock: Clock;
}

/** subtle.ConstantTimeCompare: unequal lengths are unequal at once; equal lengths compare in constant time. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

const refused = (reason: string): AuthenticationResult => ({ kind: 'not-mine', reason });

export function bootstrapTokenAuthenticator(options: BootstrapTokenAuthenticatorOptions): TokenAuthenticator {
  return {
    name: bootstrapTokenAuthenticatorName,
    async authenticateToken(token: string): Promise<AuthenticationResult> {
      // 1. Not of the form [a-z0-9]{6}.[a-z0-9]{16}: not a bootstrap token, nothing logged.
      const parsed = matchBootstrapToken(token);
      if (!parsed) return notMine;

      // 2. The Secret, from kube-system only.
      const secretName = bootstrapTokenSecretName(parsed.id);
      let secret: Secret | undefined;
      try {
        secret = await options.getSecret(namespaceSystem, secretName);
      } catch (err) {
        if (!isNotFound(err)) return { kind: 'error', authenticator: bootstrapTokenAuthenticatorName, error: errorMessage(err) };
      }
      if (secret === undefined) return refused(`No secret of name ${secretName} to match bootstrap bearer token`);
      const tokenError = (message: string): AuthenticationResult => refused(`Bootstrap secret ${secretKey(secret!)} matching bearer token ${message}`);

      // 3. Deleted, awaiting removal (finalizers).
      if (secret.metadata?.deletionTimestamp) return tokenError('is deleted and awaiting removal');
      // 4. The bootstrap type, with data.
      if (secret.type !== secretTypeBootstrapToken || hasNoData(secret)) return tokenError(`has invalid type, expected ${secretTypeBootstrapToken}.`);
      // 5. The secret, compared in constant time (upstream logs the presented secret here).
      if (!constantTimeEqual(getSecretData(secret, bootstrapTokenSecretKey), parsed.secret)) {
        return tokenError(`has invalid value for key ${bootstrapTokenSecretKey}, expected ${parsed.secret}.`);
      }
      // 6. The id in the data matches the id of the token.
      const id = getSecretData(secret, bootstrapTokenIdKey);
      if (id !== parsed.id) return tokenError(`has invalid value for key ${bootstrapTokenIdKey}, expected ${parsed.id}.`);
      // 7. Not expired: an unparseable expiration is expired; so is the exact instant.
      const expiration = getExpiration(secret, options.clock.now());
      if (expiration.expired) return refused(expiration.reason!);
      // 8. usage-bootstrap-authentication exactly "true".
      if (getSecretData(secret, bootstrapTokenUsageAuthenticationKey) !== 'true') return tokenError(`not marked ${bootstrapTokenUsageAuthenticationKey}=true.`);
      // 9. Every extra group valid; one bad group refuses the token.
      let groups: string[];
      try {
        groups = getBootstrapGroups(secret);
      } catch (err) {
        return tokenError(`has invalid value for key ${bootstrapTokenExtraGroupsKey}: ${errorMessage(err)}.`);
      }
      return { kind: 'authenticated', authenticator: bootstrapTokenAuthenticatorName, user: { name: bootstrapUserPrefix + id, groups } };
    },
  };
}

/** What the factory needs of the server: its clock and its registry. */
export type BootstrapTokenContext = Pick<ServerContext, 'clock' | 'registry'>;

/**
 * The token authenticators factory for startApiServer's `tokenAuthenticators` option: the
 * bootstrap-token authenticator reading Secrets from the server's own registry (upstream reads an
 * informer cache of the same objects).
 */
export function bootstrapTokenAuthenticators(context: BootstrapTokenContext): TokenAuthenticator[] {
  const secrets = context.registry.store('', 'secrets');
  return [
    bootstrapTokenAuthenticator({
      clock: context.clock,
      getSecret: async (namespace, name) => {
        try {
          return (await secrets.get(namespace, name)) as Secret;
        } catch (err) {
          if (isNotFound(err)) return undefined;
          throw err;
        }
      },
    }),
  ];
}
