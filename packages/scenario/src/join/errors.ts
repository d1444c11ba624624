import { TlsbootError } from '@tlsboot/util';

/**
 * Why a node could not join: a bad argument (INVALID_ARGUMENT: the token or the node name), a
 * file of the control plane's work directory missing or unreadable (MISSING_FILE: run
 * `tlsboot up` first), or the kubelet / kube-proxy failed to start (KUBELET_FAILED, KUBE_PROXY_FAILED).
 */
export type JoinErrorCode = 'INVALID_ARGUMENT' | 'MISSING_FILE' | 'KUBELET_FAILED' | 'KUBE_PROXY_FAILED';

export class JoinError extends TlsbootError<JoinErrorCode> {}
