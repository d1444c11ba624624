/**
 * The authenticator contract, modelled on k8s.io/apiserver/pkg/authentication/authenticator
 * (interfaces.go) and user.Info (pkg/authentication/user/user.go). An authenticator sees a narrow
 * view of the request (headers and the certificates the client presented in the TLS handshake),
 * never the HTTP framework's request, so each one can be tested alone.
 */
import type { Certificate } from '@tlsboot/pki';

/** user.Info. */
export interface UserInfo {
  name: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

/** What an authenticator may look at. */
export interface AuthenticationRequest {
  /** Header names in lower case, as Node gives them. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /**
   * The client's certificates as presented in the handshake, leaf first, parsed but not
   * verified (the handshake never rejects a certificate; see DESIGN.md "Time"). Empty when none.
   */
  peerCertificates: readonly Certificate[];
}

/**
 * The three outcomes of authenticator.Request.AuthenticateRequest: `(resp, true, nil)`,
 * `(nil, false, nil)` and `(nil, false, err)`.
 */
export type AuthenticationResult =
  | { kind: 'authenticated'; user: UserInfo; authenticator: string }
  /**
   * Not this authenticator's credential, or (as upstream's bootstrap-token authenticator does) a
   * credential refused without an error. `reason` is the server-side explanation for the trace,
   * never shown to the client (upstream logs it at V(3)).
   */
  | { kind: 'not-mine'; reason?: string }
  | { kind: 'error'; error: string; authenticator: string };

export interface Authenticator {
  /** Shown in the trace: `x509`, `bearer-token`, `anonymous`, … */
  readonly name: string;
  authenticate(request: AuthenticationRequest): Promise<AuthenticationResult>;
}

/** authenticator.Token: a bearer token authenticator (bootstrap tokens, service-account tokens …, later issues). */
export interface TokenAuthenticator {
  readonly name: string;
  authenticateToken(token: string): Promise<AuthenticationResult>;
}

export const notMine: AuthenticationResult = Object.freeze({ kind: 'not-mine' });
