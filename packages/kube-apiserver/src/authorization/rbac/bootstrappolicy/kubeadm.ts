// The RBAC objects `kubeadm init` v1.32 creates, as kubeadm sends them (kubernetes/kubernetes
// cmd/kubeadm/app): the subjects carry no apiGroup — the apiserver's rbac/v1 defaulting adds
// rbac.authorization.k8s.io to User and Group subjects — and no object has the bootstrapping label
// or the autoupdate annotation, so the apiserver's own reconcile never touches them. In the order
// the init phases run:
//   kubeconfig (EnsureAdminClusterRoleBinding, v1.29+)     kubeadm:cluster-admins
//   upload-config/kubeadm (uploadconfig.go)                 kubeadm:nodes-kubeadm-config
//   upload-config/kubelet (phases/kubelet/config.go)        kubeadm:kubelet-config
//   bootstrap-token (bootstraptoken/node/tlsbootstrap.go)   kubeadm:get-nodes, kubeadm:kubelet-bootstrap,
//                                                           kubeadm:node-autoapprove-bootstrap,
//                                                           kubeadm:node-autoapprove-certificate-rotation
//   bootstrap-token (bootstraptoken/clusterinfo)            kubeadm:bootstrap-signer-clusterinfo
//   addon/coredns (addons/dns/manifests.go)                 system:coredns
//   addon/kube-proxy (addons/proxy/proxy.go)                kubeadm:node-proxier, kube-proxy
// The ConfigMaps these roles name (kubeadm-config, kubelet-config, cluster-info, kube-proxy) and the
// other addon objects are not RBAC and are not created here.
import { anonymousUser, kubeadmDefaultNodeTokenGroup, namespacePublic, namespaceSystem, nodesGroup, rbacGroup } from '@tlsboot/api';
import type { ClusterRole, ClusterRoleBinding, KubeObject, Role, RoleBinding, Subject } from '@tlsboot/api';
import { rbacApiVersion } from './rule-builder.js';

/** constants.ClusterAdminsGroupAndClusterRoleBinding: the group of admin.conf (super-admin.conf uses system:masters). */
export const kubeadmClusterAdminsGroup = 'kubeadm:cluster-admins';
/** constants.GetNodesClusterRoleName. */
export const kubeadmGetNodesClusterRole = 'kubeadm:get-nodes';

const group = (name: string): Subject => ({ kind: 'Group', name });
const user = (name: string): Subject => ({ kind: 'User', name });
const serviceAccount = (namespace: string, name: string): Subject => ({ kind: 'ServiceAccount', name, namespace });

function clusterRoleBinding(name: string, clusterRole: string, subjects: Subject[]): ClusterRoleBinding {
  return { apiVersion: rbacApiVersion, kind: 'ClusterRoleBinding', metadata: { name }, subjects, roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: clusterRole } };
}

function roleBinding(namespace: string, name: string, subjects: Subject[]): RoleBinding {
  return { apiVersion: rbacApiVersion, kind: 'RoleBinding', metadata: { name, namespace }, subjects, roleRef: { apiGroup: rbacGroup, kind: 'Role', name } };
}

/** A Role that may get one ConfigMap, the shape kubeadm uses for all of them. */
function getConfigMapRole(namespace: string, name: string, configMap: string): Role {
  return { apiVersion: rbacApiVersion, kind: 'Role', metadata: { name, namespace }, rules: [{ verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: [configMap] }] };
}

/** The objects of the kubeadm preset, each with the resource it is created as, in creation order. */
export interface KubeadmObject {
  resource: 'clusterroles' | 'clusterrolebindings' | 'roles' | 'rolebindings' | 'serviceaccounts';
  object: KubeObject;
}

export function kubeadmObjects(): KubeadmObject[] {
  const cr = (object: ClusterRole): KubeadmObject => ({ resource: 'clusterroles', object });
  const crb = (object: ClusterRoleBinding): KubeadmObject => ({ resource: 'clusterrolebindings', object });
  const r = (object: Role): KubeadmObject => ({ resource: 'roles', object });
  const rb = (object: RoleBinding): KubeadmObject => ({ resource: 'rolebindings', object });
  const sa = (name: string): KubeadmObject => ({ resource: 'serviceaccounts', object: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: namespaceSystem } } });
  return [
    crb(clusterRoleBinding(kubeadmClusterAdminsGroup, 'cluster-admin', [group(kubeadmClusterAdminsGroup)])),
    r(getConfigMapRole(namespaceSystem, 'kubeadm:nodes-kubeadm-config', 'kubeadm-config')),
    rb(roleBinding(namespaceSystem, 'kubeadm:nodes-kubeadm-config', [group(kubeadmDefaultNodeTokenGroup), group(nodesGroup)])),
    r(getConfigMapRole(namespaceSystem, 'kubeadm:kubelet-config', 'kubelet-config')),
    rb(roleBinding(namespaceSystem, 'kubeadm:kubelet-config', [group(nodesGroup), group(kubeadmDefaultNodeTokenGroup)])),
    // AllowBoostrapTokensToGetNodes: a joining kubelet checks whether a Node of its name exists
    cr({ apiVersion: rbacApiVersion, kind: 'ClusterRole', metadata: { name: kubeadmGetNodesClusterRole }, rules: [{ verbs: ['get'], apiGroups: [''], resources: ['nodes'] }] }),
    crb(clusterRoleBinding(kubeadmGetNodesClusterRole, kubeadmGetNodesClusterRole, [group(kubeadmDefaultNodeTokenGroup)])),
    // AllowBootstrapTokensToPostCSRs
    crb(clusterRoleBinding('kubeadm:kubelet-bootstrap', 'system:node-bootstrapper', [group(kubeadmDefaultNodeTokenGroup)])),
    // AutoApproveNodeBootstrapTokens: the csrapproving controller approves the bootstrap CSRs
    crb(clusterRoleBinding('kubeadm:node-autoapprove-bootstrap', 'system:certificates.k8s.io:certificatesigningrequests:nodeclient', [group(kubeadmDefaultNodeTokenGroup)])),
    // AutoApproveNodeCertificateRotation: ... and the renewals of every node's client certificate
    crb(clusterRoleBinding('kubeadm:node-autoapprove-certificate-rotation', 'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', [group(nodesGroup)])),
    // CreateClusterInfoRBACRules: anonymous clients may read kube-public/cluster-info (discovery)
    r(getConfigMapRole(namespacePublic, 'kubeadm:bootstrap-signer-clusterinfo', 'cluster-info')),
    rb(roleBinding(namespacePublic, 'kubeadm:bootstrap-signer-clusterinfo', [user(anonymousUser)])),
    // CoreDNS
    sa('coredns'),
    cr({
      apiVersion: rbacApiVersion,
      kind: 'ClusterRole',
      metadata: { name: 'system:coredns' },
      rules: [
        { verbs: ['list', 'watch'], apiGroups: [''], resources: ['endpoints', 'services', 'pods', 'namespaces'] },
        { verbs: ['list', 'watch'], apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'] },
      ],
    }),
    crb(clusterRoleBinding('system:coredns', 'system:coredns', [serviceAccount(namespaceSystem, 'coredns')])),
    // kube-proxy runs as the ServiceAccount kube-system/kube-proxy; joining nodes read its ConfigMap
    sa('kube-proxy'),
    crb(clusterRoleBinding('kubeadm:node-proxier', 'system:node-proxier', [serviceAccount(namespaceSystem, 'kube-proxy')])),
    r(getConfigMapRole(namespaceSystem, 'kube-proxy', 'kube-proxy')),
    rb(roleBinding(namespaceSystem, 'kube-proxy', [group(kubeadmDefaultNodeTokenGroup)])),
  ];
}
