// bootstrap-kubelet.conf exactly as `kubeadm join` writes it: cmd/kubeadm/app/cmd/phases/join/
// kubelet.go (runKubeletStartJoinPhase → kubeconfigutil.CreateWithToken) and
// cmd/kubeadm/app/util/kubeconfig/kubeconfig.go (CreateBasic: cluster = the discovered cluster's
// name with the server and the embedded CA, user `tls-bootstrap-token-user` with the token,
// context `<user>@<cluster>`, made current).
import { buildKubeconfig, type Kubeconfig } from '@tlsboot/client';

/** kubeadm constants.TLSBootstrapUser. */
export const tlsBootstrapUser = 'tls-bootstrap-token-user';

export interface BootstrapKubeletKubeconfigInput {
  /** The apiserver URL discovery found. */
  server: string;
  /** The cluster CA discovery found (embedded as certificate-authority-data). */
  caPem: string;
  /** The bootstrap token `<id>.<secret>`. */
  token: string;
  /** The cluster's name in the discovered kubeconfig. */
  clusterName: string;
}

export function bootstrapKubeletKubeconfig(input: BootstrapKubeletKubeconfigInput): Kubeconfig {
  return buildKubeconfig({
    server: input.server,
    caPem: input.caPem,
    token: input.token,
    cluster: input.clusterName,
    user: tlsBootstrapUser,
    context: `${tlsBootstrapUser}@${input.clusterName}`,
  });
}
