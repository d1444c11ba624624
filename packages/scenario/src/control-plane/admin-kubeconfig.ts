// The admin credentials and kubeconfig as kubeadm makes them: cmd/kubeadm/app/phases/kubeconfig/
// kubeconfig.go (getKubeConfigSpecsBase, buildKubeConfigFromSpec) and cmd/kubeadm/app/constants/
// constants.go. kubeadm's admin.conf embeds the CA and the client pair (certificate-authority-data,
// client-certificate-data, client-key-data) and names the user `kubernetes-admin`, the context
// `<user>@<cluster>`.
import { buildKubeconfig, type Kubeconfig } from '@tlsboot/client';

/** The cluster name in the kubeconfigs (kubeadm's ClusterConfiguration.clusterName defaults to `kubernetes`). */
export const clusterName = 'tlsboot';

/**
 * The admin identity. kubeadm before v1.29 put `kubernetes-admin` in `system:masters` in
 * admin.conf; since v1.29 admin.conf carries `kubeadm:cluster-admins` (bound to cluster-admin by a
 * ClusterRoleBinding of the kubeadm policy) and super-admin.conf carries `system:masters`. tlsboot
 * keeps `system:masters` — allowed everything by the apiserver itself, whatever the RBAC policy —
 * so the admin works under `--policy upstream` too (which has no kubeadm:cluster-admins binding).
 */
export const adminUser = { commonName: 'kubernetes-admin', organizations: ['system:masters'] } as const;

/** kubeadm's context name: `<user>@<cluster>`. */
export const adminContext = `${adminUser.commonName}@${clusterName}`;

/** File names in the work directory, laid out as kubeadm lays out /etc/kubernetes. */
export const controlPlaneFiles = {
  adminKubeconfig: 'admin.kubeconfig',
  caCertificate: 'pki/ca.crt',
  caKey: 'pki/ca.key',
  apiserverCertificate: 'pki/apiserver.crt',
  controllerManagerKubeconfig: 'controller-manager.kubeconfig',
} as const;

/** kubeadm's controller-manager.conf identity (constants.ControllerManagerUser, no organization). */
export const controllerManagerUser = { commonName: 'system:kube-controller-manager' } as const;

export interface AdminKubeconfigInput {
  /** `https://127.0.0.1:<port>`. */
  server: string;
  caPem: string;
  clientCertPem: string;
  clientKeyPem: string;
}

/** admin.kubeconfig: one cluster, one user, one context, everything embedded, as kubeadm's admin.conf. */
export function adminKubeconfig(input: AdminKubeconfigInput): Kubeconfig {
  return componentKubeconfig(input, adminUser.commonName);
}

/** A kubeconfig as kubeadm's buildKubeConfigFromSpec writes one for `user` (admin.conf, controller-manager.conf …). */
export function componentKubeconfig(input: AdminKubeconfigInput, user: string): Kubeconfig {
  return buildKubeconfig({
    server: input.server,
    caPem: input.caPem,
    clientCertPem: input.clientCertPem,
    clientKeyPem: input.clientKeyPem,
    cluster: clusterName,
    user,
    context: `${user}@${clusterName}`,
  });
}
