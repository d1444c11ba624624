// The client `tlsboot token` talks through: the admin kubeconfig `tlsboot up` wrote into its work
// directory, as `kubeadm token` uses /etc/kubernetes/admin.conf (cmd/kubeadm/app/cmd/util
// GetClientSet).
import { join } from 'node:path';
import { restClientFromKubeconfig } from '@tlsboot/client';
import type { RestClient } from '@tlsboot/client';
import { errorMessage, isTlsbootError } from '@tlsboot/util';
import { controlPlaneFiles } from '../control-plane/admin-kubeconfig.js';
import { TokenError } from './errors.js';

/** Options every `tlsboot token` operation takes. */
export interface TokenCommandOptions {
  /** The work directory of `tlsboot up` (absolute); its `admin.kubeconfig` is used. */
  workdir: string;
}

/** A REST client as the admin of the control plane in `workdir`. */
export async function adminClient(options: TokenCommandOptions): Promise<RestClient> {
  const path = join(options.workdir, controlPlaneFiles.adminKubeconfig);
  try {
    return await restClientFromKubeconfig(path, { component: 'tlsboot-token' });
  } catch (err) {
    const hint = isTlsbootError(err, 'KUBECONFIG_READ') ? `; start a control plane first: tlsboot up --workdir ${options.workdir}` : '';
    throw new TokenError('KUBECONFIG', `failed to load admin kubeconfig: ${errorMessage(err)}${hint}`, { cause: err });
  }
}

/** The hint for an apiserver that did not answer: the control plane of `workdir` is not running. */
export function unreachableHint(err: unknown, workdir: string): string {
  return isTlsbootError(err, 'CONNECTION_FAILED') ? ` (is "tlsboot up --workdir ${workdir}" running?)` : '';
}
