import { TlsbootError } from '@tlsboot/util';

/**
 * Why a bootstrap-token value was refused, with upstream's message: a token string not of the
 * form `[a-z0-9]{6}.[a-z0-9]{16}` (TOKEN_INVALID), an extra group that does not match the group
 * pattern (GROUP_INVALID), an unknown usage (USAGE_INVALID), an RFC 3339 time Go would not parse
 * (TIME_INVALID), or a token Secret kubeadm cannot read back (SECRET_INVALID).
 */
export type BootstrapTokenErrorCode = 'TOKEN_INVALID' | 'GROUP_INVALID' | 'USAGE_INVALID' | 'TIME_INVALID' | 'SECRET_INVALID';

export class BootstrapTokenError extends TlsbootError<BootstrapTokenErrorCode> {}
