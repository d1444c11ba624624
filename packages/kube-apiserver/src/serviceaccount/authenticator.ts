/**
 * The service-account token authenticator kube-apiserver installs
 * (pkg/kubeapiserver/authenticator/config.go): the legacy one (issuer `kubernetes/serviceaccount`,
 * newLegacyServiceAccountAuthenticator) and the bound one (the --service-account-issuer values,
 * newServiceAccountAuthenticator), both over the same public keys and --api-audiences, tried in
 * that order as the token union tries them. A token neither issuer claims is not ours (the next
 * token authenticator may take it); a token one of them claims but refuses is an error whose
 * text is upstream's (`service account token has expired`, `serviceaccounts "x" not found`, …):
 * the client sees only 401 Unauthorized, the trace sees the reason.
 */
import type { KeyPair } from '@tlsboot/pki';
import type { Clock } from '@tlsboot/util';
import type { AuthenticationResult, TokenAuthenticator } from '../authentication/interfaces.js';
import { boundTokenValidator } from './claims.js';
import { aggregateMessage, jwtTokenAuthenticator } from './jwt.js';
import type { JWTTokenAuthenticator } from './jwt.js';
import { legacyIssuer, legacyTokenValidator } from './legacy.js';
import { serviceAccountUserInfo } from './service-account-info.js';
import type { ServiceAccountTokenGetter } from './token-getter.js';

export const serviceAccountTokenAuthenticatorName = 'service-account-token';

/** The default --service-account-issuer (kubeadm's). */
export const defaultServiceAccountIssuer = 'https://kubernetes.default.svc.cluster.local';

export interface ServiceAccountTokenAuthenticatorOptions {
  /** --service-account-key-file: the public keys that verify tokens (any of them may have signed). */
  keys: readonly KeyPair['publicKey'][];
  /** --service-account-issuer: the issuers of bound tokens (the first one signs new tokens). */
  issuers: readonly string[];
  /** --api-audiences (default: the first issuer). */
  audiences: readonly string[];
  clock: Clock;
  getters: ServiceAccountTokenGetter;
  /** --service-account-lookup (default true): legacy tokens must match their Secret. */
  lookup?: boolean;
}

/** An authenticated result also says which of the requested audiences the token is good for. */
export type ServiceAccountAuthenticationResult = AuthenticationResult & { audiences?: string[] };

export interface ServiceAccountTokenAuthenticator extends TokenAuthenticator {
  /**
   * `requestedAudiences`: the audiences the caller accepts (a TokenReview's spec.audiences);
   * default the API audiences, as for every request the apiserver serves.
   */
  authenticateToken(token: string, requestedAudiences?: readonly string[]): Promise<ServiceAccountAuthenticationResult>;
  /** The same, in the shape TokenReview asks audience-aware authenticators for (token-review.ts). */
  authenticateTokenForAudiences(token: string, audiences: readonly string[] | undefined): Promise<{ result: AuthenticationResult; audiences: string[] }>;
}

export function serviceAccountTokenAuthenticator(options: ServiceAccountTokenAuthenticatorOptions): ServiceAccountTokenAuthenticator {
  const audiences = options.audiences.length > 0 ? options.audiences : options.issuers.slice(0, 1);
  const common = { keys: options.keys, implicitAudiences: audiences };
  const authenticators: JWTTokenAuthenticator[] = [
    jwtTokenAuthenticator({ ...common, issuers: [legacyIssuer], validator: legacyTokenValidator({ lookup: options.lookup ?? true, getter: options.getters, clock: options.clock }) }),
    jwtTokenAuthenticator({ ...common, issuers: options.issuers, validator: boundTokenValidator(options.getters, options.clock) }),
  ];
  const self: ServiceAccountTokenAuthenticator = {
    name: serviceAccountTokenAuthenticatorName,
    async authenticateTokenForAudiences(token, requested) {
      const { audiences: matched, ...result } = await self.authenticateToken(token, requested);
      return { result: result as AuthenticationResult, audiences: matched ?? [] };
    },
    async authenticateToken(token, requestedAudiences) {
      const errors: string[] = [];
      for (const a of authenticators) {
        const result = await a.authenticateToken(token, requestedAudiences);
        if (result.kind === 'authenticated') {
          return { kind: 'authenticated', user: serviceAccountUserInfo(result.info), authenticator: serviceAccountTokenAuthenticatorName, audiences: result.audiences };
        }
        if (result.kind === 'error') errors.push(result.error);
      }
      if (errors.length === 0) return { kind: 'not-mine' };
      return { kind: 'error', authenticator: serviceAccountTokenAuthenticatorName, error: aggregateMessage(errors) };
    },
  };
  return self;
}
