/**
 * The authentication chain kube-apiserver assembles (pkg/kubeapiserver/authenticator/config.go
 * Config.New): x509, then bearer tokens, as one union wrapped in the `system:authenticated` group
 * adder; then, with `--anonymous-auth` (default true), NewFailOnError(chain, anonymous).
 */
import type { Certificate } from '@tlsboot/pki';
import type { Clock } from '@tlsboot/util';
import { anonymousAuthenticator } from './anonymous.js';
import { bearerTokenAuthenticator } from './bearer-token.js';
import { authenticatedGroupAdder } from './group-adder.js';
import type { Authenticator, TokenAuthenticator } from './interfaces.js';
import { failOnErrorUnion, unionAuthenticator } from './union.js';
import { x509Authenticator } from './x509.js';

export interface AuthenticationConfig {
  clock: Clock;
  /** `--client-ca-file`; no bundle means no x509 authenticator. */
  clientCAs?: readonly Certificate[] | (() => readonly Certificate[]);
  /** Bootstrap-token, service-account-token … authenticators, in upstream order. */
  tokenAuthenticators?: readonly TokenAuthenticator[];
  /** `--anonymous-auth`, default true. */
  anonymousAuth?: boolean;
}

export function newAuthenticator(config: AuthenticationConfig): Authenticator {
  const chain: Authenticator[] = [];
  if (config.clientCAs !== undefined) chain.push(x509Authenticator({ clientCAs: config.clientCAs, clock: config.clock }));
  chain.push(bearerTokenAuthenticator(config.tokenAuthenticators ?? []));
  const authenticated = authenticatedGroupAdder(unionAuthenticator(chain));
  return config.anonymousAuth === false ? authenticated : failOnErrorUnion([authenticated, anonymousAuthenticator()]);
}
