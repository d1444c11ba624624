import { TlsbootError } from '@tlsboot/util';

/**
 * Why a control plane could not start: the work directory is unusable (WORKDIR), a file could
 * not be written (FILE_WRITE), the port is taken (PORT_IN_USE), or the apiserver never answered
 * its readiness check with the admin credentials (NOT_READY), or the kube-controller-manager refused
 * its flags or could not start (KCM_FAILED).
 */
export type ControlPlaneErrorCode = 'WORKDIR' | 'FILE_WRITE' | 'PORT_IN_USE' | 'NOT_READY' | 'KCM_FAILED';

export class ControlPlaneError extends TlsbootError<ControlPlaneErrorCode> {}
