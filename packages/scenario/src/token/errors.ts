import { TlsbootError } from '@tlsboot/util';

/**
 * Why a `tlsboot token` operation failed, with kubeadm's message: the flags or the token argument
 * are invalid (INVALID_ARGUMENT), the admin kubeconfig cannot be used (KUBECONFIG), a token with
 * that id exists already (EXISTS), or the apiserver refused or could not be reached (API).
 */
export type TokenErrorCode = 'INVALID_ARGUMENT' | 'KUBECONFIG' | 'EXISTS' | 'API';

export class TokenError extends TlsbootError<TokenErrorCode> {}
