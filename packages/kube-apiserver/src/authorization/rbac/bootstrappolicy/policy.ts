// ClusterRoles() and ClusterRoleBindings() of kubernetes/kubernetes
// plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go at v1.32 with the default feature gates
// (golden files testdata/cluster-roles.yaml and cluster-role-bindings.yaml). In declaration order,
// which is the order the apiserver creates them in. Left out because their gates are off by default
// in v1.32: the DynamicResourceAllocation rules (aggregate-to-edit/view, kube-scheduler), the
// KubeletFineGrainedAuthz rule of system:kubelet-api-admin (nodes/pods, nodes/healthz,
// nodes/configz), the MultiCIDRServiceAllocator rule of system:node-proxier (servicecidrs), and
// the ClusterTrustBundle role and binding system:cluster-trust-bundle-discovery.
import {
  allAuthenticatedGroup,
  allServiceAccountsGroup,
  allUnauthenticatedGroup,
  kubeControllerManagerUser,
  kubeProxyUser,
  kubeSchedulerUser,
  monitoringGroup,
  namespaceSystem,
  rbacGroup as rbacAPIGroup,
  systemPrivilegedGroup,
} from '@tlsboot/api';
import type { ClusterRole, ClusterRoleBinding, PolicyRule } from '@tlsboot/api';
import { nodeRules } from './node-rules.js';
import { clusterRole, newClusterBinding, newRule, rbacApiVersion, withDefaultMetadata } from './rule-builder.js';
import {
  Read,
  ReadUpdate,
  ReadWrite,
  Write,
  appsGroup,
  authenticationGroup,
  authorizationGroup,
  autoscalingGroup,
  batchGroup,
  certificatesGroup,
  coordinationGroup,
  discoveryGroup,
  eventsRule,
  extensionsGroup,
  legacyGroup,
  networkingGroup,
  policyGroup,
  rbacGroup,
  storageGroup,
} from './verbs.js';

export const systemNodeRoleName = 'system:node';

/** The aggregation labels of admin, edit and view. */
export const aggregateToAdmin = { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' };
export const aggregateToEdit = { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' };
export const aggregateToView = { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' };

/** The signer names of k8s.io/api/certificates/v1beta1. */
const signers = {
  legacyUnknown: 'kubernetes.io/legacy-unknown',
  kubeletServing: 'kubernetes.io/kubelet-serving',
  kubeAPIServerClient: 'kubernetes.io/kube-apiserver-client',
  kubeAPIServerClientKubelet: 'kubernetes.io/kube-apiserver-client-kubelet',
};

const approver = (name: string, signer: string): ClusterRole => clusterRole(name, [newRule('approve').groups(certificatesGroup).resources('signers').names(signer).rule()]);

function aggregateToEditRules(): PolicyRule[] {
  return [
    // Allow read on escalating resources
    newRule(...Read).groups(legacyGroup).resources('pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward', 'secrets', 'services/proxy').rule(),
    newRule('impersonate').groups(legacyGroup).resources('serviceaccounts').rule(),
    newRule(...Write).groups(legacyGroup).resources('pods', 'pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward').rule(),
    newRule('create').groups(legacyGroup).resources('pods/eviction').rule(),
    newRule(...Write)
      .groups(legacyGroup)
      .resources('replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/proxy', 'persistentvolumeclaims', 'configmaps', 'secrets', 'events')
      .rule(),
    newRule('create').groups(legacyGroup).resources('serviceaccounts/token').rule(),
    newRule(...Write)
      .groups(appsGroup)
      .resources('statefulsets', 'statefulsets/scale', 'daemonsets', 'deployments', 'deployments/scale', 'deployments/rollback', 'replicasets', 'replicasets/scale')
      .rule(),
    newRule(...Write).groups(autoscalingGroup).resources('horizontalpodautoscalers').rule(),
    newRule(...Write).groups(batchGroup).resources('jobs', 'cronjobs').rule(),
    newRule(...Write)
      .groups(extensionsGroup)
      .resources('daemonsets', 'deployments', 'deployments/scale', 'deployments/rollback', 'ingresses', 'replicasets', 'replicasets/scale', 'replicationcontrollers/scale', 'networkpolicies')
      .rule(),
    newRule(...Write).groups(policyGroup).resources('poddisruptionbudgets').rule(),
    newRule(...Write).groups(networkingGroup).resources('networkpolicies', 'ingresses').rule(),
    newRule(...ReadWrite).groups(coordinationGroup).resources('leases').rule(),
  ];
}

function aggregateToViewRules(): PolicyRule[] {
  return [
    newRule(...Read)
      .groups(legacyGroup)
      .resources('pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'configmaps')
      .rule(),
    newRule(...Read)
      .groups(legacyGroup)
      .resources('limitranges', 'resourcequotas', 'bindings', 'events', 'pods/status', 'resourcequotas/status', 'namespaces/status', 'replicationcontrollers/status', 'pods/log')
      .rule(),
    // read access to namespaces at the namespace scope means you can read *this* namespace
    newRule(...Read).groups(legacyGroup).resources('namespaces').rule(),
    newRule(...Read).groups(discoveryGroup).resources('endpointslices').rule(),
    newRule(...Read)
      .groups(appsGroup)
      .resources(
        'controllerrevisions',
        'statefulsets',
        'statefulsets/status',
        'statefulsets/scale',
        'daemonsets',
        'daemonsets/status',
        'deployments',
        'deployments/status',
        'deployments/scale',
        'replicasets',
        'replicasets/status',
        'replicasets/scale',
      )
      .rule(),
    newRule(...Read).groups(autoscalingGroup).resources('horizontalpodautoscalers', 'horizontalpodautoscalers/status').rule(),
    newRule(...Read).groups(batchGroup).resources('jobs', 'cronjobs', 'cronjobs/status', 'jobs/status').rule(),
    newRule(...Read)
      .groups(extensionsGroup)
      .resources(
        'daemonsets',
        'daemonsets/status',
        'deployments',
        'deployments/scale',
        'deployments/status',
        'ingresses',
        'ingresses/status',
        'replicasets',
        'replicasets/scale',
        'replicasets/status',
        'replicationcontrollers/scale',
        'networkpolicies',
      )
      .rule(),
    newRule(...Read).groups(policyGroup).resources('poddisruptionbudgets', 'poddisruptionbudgets/status').rule(),
    newRule(...Read).groups(networkingGroup).resources('networkpolicies', 'ingresses', 'ingresses/status').rule(),
  ];
}

function kubeSchedulerRules(): PolicyRule[] {
  return [
    eventsRule(),
    // leader election (the lease candidates are Coordinated Leader Election's, v1.31)
    newRule('create').groups(coordinationGroup).resources('leases').rule(),
    newRule('get', 'update', 'list', 'watch').groups(coordinationGroup).resources('leases').names('kube-scheduler').rule(),
    newRule(...ReadWrite).groups(coordinationGroup).resources('leasecandidates').rule(),
    // Fundamental resources
    newRule(...Read).groups(legacyGroup).resources('nodes').rule(),
    newRule('get', 'list', 'watch', 'delete').groups(legacyGroup).resources('pods').rule(),
    newRule('create').groups(legacyGroup).resources('pods/binding', 'bindings').rule(),
    newRule('patch', 'update').groups(legacyGroup).resources('pods/status').rule(),
    // Things that select pods
    newRule(...Read).groups(legacyGroup).resources('services', 'replicationcontrollers').rule(),
    newRule(...Read).groups(appsGroup, extensionsGroup).resources('replicasets').rule(),
    newRule(...Read).groups(appsGroup).resources('statefulsets').rule(),
    // Things that pods use or applies to them
    newRule(...Read).groups(policyGroup).resources('poddisruptionbudgets').rule(),
    newRule(...Read).groups(legacyGroup).resources('persistentvolumeclaims', 'persistentvolumes').rule(),
    // Needed to check API access. These creates are non-mutating
    newRule('create').groups(authenticationGroup).resources('tokenreviews').rule(),
    newRule('create').groups(authorizationGroup).resources('subjectaccessreviews').rule(),
    // Needed for volume limits
    newRule(...Read).groups(storageGroup).resources('csinodes').rule(),
    newRule('get', 'list', 'watch').groups(storageGroup).resources('volumeattachments').rule(),
    // Needed for namespaceSelector feature in pod affinity
    newRule(...Read).groups(legacyGroup).resources('namespaces').rule(),
    newRule(...Read).groups(storageGroup).resources('csidrivers').rule(),
    newRule(...Read).groups(storageGroup).resources('csistoragecapacities').rule(),
  ];
}

/** ClusterRoles(): the default cluster roles, labelled and annotated (aggregated roles without rules). */
export function clusterRoles(): ClusterRole[] {
  const roles: ClusterRole[] = [
    // a "root" role which can do absolutely anything
    clusterRole('cluster-admin', [newRule('*').groups('*').resources('*').rule(), newRule('*').urls('*').rule()]),
    // just enough power to determine if the server is ready and discover API versions for negotiation
    clusterRole('system:discovery', [newRule('get').urls('/livez', '/readyz', '/healthz', '/version', '/version/', '/openapi', '/openapi/*', '/api', '/api/*', '/apis', '/apis/*').rule()]),
    // minimal read access to the monitoring endpoints
    clusterRole('system:monitoring', [newRule('get').urls('/metrics', '/metrics/slis', '/livez', '/readyz', '/healthz', '/livez/*', '/readyz/*', '/healthz/*').rule()]),
    // minimal resource access to allow a "normal" user to learn information about themselves
    clusterRole('system:basic-user', [
      newRule('create').groups(authorizationGroup).resources('selfsubjectaccessreviews', 'selfsubjectrulesreviews').rule(),
      newRule('create').groups(authenticationGroup).resources('selfsubjectreviews').rule(),
    ]),
    // just enough power to read insensitive cluster information
    clusterRole('system:public-info-viewer', [newRule('get').urls('/livez', '/readyz', '/healthz', '/version', '/version/').rule()]),
    // a namespace level admin: edit plus the power to grant permissions to other users
    clusterRole('admin', undefined, { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { ...aggregateToAdmin } }] } }),
    // a namespace level editor: all user level actions in a namespace, nothing "privileged"
    clusterRole('edit', undefined, { labels: { ...aggregateToAdmin }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { ...aggregateToEdit } }] } }),
    // namespace level viewing: read-only access to non-escalating resources
    clusterRole('view', undefined, { labels: { ...aggregateToEdit }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { ...aggregateToView } }] } }),
    clusterRole(
      'system:aggregate-to-admin',
      [newRule('create').groups(authorizationGroup).resources('localsubjectaccessreviews').rule(), newRule(...ReadWrite).groups(rbacGroup).resources('roles', 'rolebindings').rule()],
      { labels: { ...aggregateToAdmin } },
    ),
    clusterRole('system:aggregate-to-edit', aggregateToEditRules(), { labels: { ...aggregateToEdit } }),
    clusterRole('system:aggregate-to-view', aggregateToViewRules(), { labels: { ...aggregateToView } }),
    // heapster's connections back to the API server
    clusterRole('system:heapster', [newRule(...Read).groups(legacyGroup).resources('events', 'pods', 'nodes', 'namespaces').rule(), newRule(...Read).groups(extensionsGroup).resources('deployments').rule()]),
    // what nodes need for running pods
    clusterRole(systemNodeRoleName, nodeRules()),
    // node-problem-detector; not bound by default since deployment locations vary
    clusterRole('system:node-problem-detector', [
      newRule('get').groups(legacyGroup).resources('nodes').rule(),
      newRule('patch').groups(legacyGroup).resources('nodes/status').rule(),
      eventsRule(),
    ]),
    // bootstrapping a node's client certificates: create a CSR and watch for it to be signed
    clusterRole('system:node-bootstrapper', [newRule('create', 'get', 'list', 'watch').groups(certificatesGroup).resources('certificatesigningrequests').rule()]),
    // authentication and authorization delegation
    clusterRole('system:auth-delegator', [
      newRule('create').groups(authenticationGroup).resources('tokenreviews').rule(),
      newRule('create').groups(authorizationGroup).resources('subjectaccessreviews').rule(),
    ]),
    // the API registry, summarization, and proxy handling
    clusterRole('system:kube-aggregator', [newRule(...Read).groups(legacyGroup).resources('services', 'endpoints').rule()]),
    // bootstrapping the kube-controller-manager: shared informers, and the service accounts and
    // secrets behind one identity per controller. No CSR approve, sign or status rights.
    clusterRole('system:kube-controller-manager', [
      eventsRule(),
      newRule('create').groups(coordinationGroup).resources('leases').rule(),
      newRule('get', 'update').groups(coordinationGroup).resources('leases').names('kube-controller-manager').rule(),
      newRule('create').groups(legacyGroup).resources('secrets', 'serviceaccounts').rule(),
      newRule('delete').groups(legacyGroup).resources('secrets').rule(),
      newRule('get').groups(legacyGroup).resources('namespaces', 'secrets', 'serviceaccounts', 'configmaps').rule(),
      newRule('update').groups(legacyGroup).resources('secrets', 'serviceaccounts').rule(),
      newRule('create').groups(authenticationGroup).resources('tokenreviews').rule(),
      newRule('create').groups(authorizationGroup).resources('subjectaccessreviews').rule(),
      // Needed for all shared informers
      newRule('list', 'watch').groups('*').resources('*').rule(),
      newRule('create').groups(legacyGroup).resources('serviceaccounts/token').rule(),
    ]),
    clusterRole('system:kube-dns', [newRule('list', 'watch').groups(legacyGroup).resources('endpoints', 'services').rule()]),
    // an external/out-of-tree persistent volume provisioner
    clusterRole('system:persistent-volume-provisioner', [
      newRule('get', 'list', 'watch', 'create', 'delete').groups(legacyGroup).resources('persistentvolumes').rule(),
      newRule('get', 'list', 'watch', 'update').groups(legacyGroup).resources('persistentvolumeclaims').rule(),
      newRule(...Read).groups(storageGroup).resources('storageclasses').rule(),
      newRule('watch').groups(legacyGroup).resources('events').rule(),
      eventsRule(),
    ]),
    // makes the csrapproving controller approve a node client CSR (the SubjectAccessReview it asks)
    clusterRole('system:certificates.k8s.io:certificatesigningrequests:nodeclient', [newRule('create').groups(certificatesGroup).resources('certificatesigningrequests/nodeclient').rule()]),
    // ... and a node client CSR requested by the node itself (renewal)
    clusterRole('system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', [newRule('create').groups(certificatesGroup).resources('certificatesigningrequests/selfnodeclient').rule()]),
    clusterRole('system:volume-scheduler', [
      newRule(...ReadUpdate).groups(legacyGroup).resources('persistentvolumes').rule(),
      newRule(...Read).groups(storageGroup).resources('storageclasses').rule(),
      newRule(...ReadUpdate).groups(legacyGroup).resources('persistentvolumeclaims').rule(),
    ]),
    approver('system:certificates.k8s.io:legacy-unknown-approver', signers.legacyUnknown),
    approver('system:certificates.k8s.io:kubelet-serving-approver', signers.kubeletServing),
    approver('system:certificates.k8s.io:kube-apiserver-client-approver', signers.kubeAPIServerClient),
    approver('system:certificates.k8s.io:kube-apiserver-client-kubelet-approver', signers.kubeAPIServerClientKubelet),
    // the ServiceAccountIssuerDiscovery endpoints, with the slash-ended URLs old generated clients use
    clusterRole('system:service-account-issuer-discovery', [
      newRule('get').urls('/.well-known/openid-configuration', '/.well-known/openid-configuration/', '/openid/v1/jwks', '/openid/v1/jwks/').rule(),
    ]),
    // full access to the kubelet API
    clusterRole('system:kubelet-api-admin', [
      newRule('get', 'list', 'watch').groups(legacyGroup).resources('nodes').rule(),
      newRule('proxy').groups(legacyGroup).resources('nodes').rule(),
      newRule('*').groups(legacyGroup).resources('nodes/proxy', 'nodes/metrics', 'nodes/stats', 'nodes/log').rule(),
    ]),
    // kube-proxy
    clusterRole('system:node-proxier', [
      newRule('list', 'watch').groups(legacyGroup).resources('services', 'endpoints').rule(),
      newRule('get', 'list', 'watch').groups(legacyGroup).resources('nodes').rule(),
      eventsRule(),
      newRule('list', 'watch').groups(discoveryGroup).resources('endpointslices').rule(),
    ]),
    clusterRole('system:kube-scheduler', kubeSchedulerRules()),
  ];
  return roles.map(withDefaultMetadata);
}

/** ClusterRoleBindings(): the default bindings of the default roles. */
export function clusterRoleBindings(): ClusterRoleBinding[] {
  const bindings: ClusterRoleBinding[] = [
    newClusterBinding('cluster-admin').groups(systemPrivilegedGroup).binding(),
    newClusterBinding('system:monitoring').groups(monitoringGroup).binding(),
    newClusterBinding('system:discovery').groups(allAuthenticatedGroup).binding(),
    newClusterBinding('system:basic-user').groups(allAuthenticatedGroup).binding(),
    newClusterBinding('system:public-info-viewer').groups(allAuthenticatedGroup, allUnauthenticatedGroup).binding(),
    newClusterBinding('system:node-proxier').users(kubeProxyUser).binding(),
    newClusterBinding('system:kube-controller-manager').users(kubeControllerManagerUser).binding(),
    newClusterBinding('system:kube-dns').sas(namespaceSystem, 'kube-dns').binding(),
    newClusterBinding('system:kube-scheduler').users(kubeSchedulerUser).binding(),
    newClusterBinding('system:volume-scheduler').users(kubeSchedulerUser).binding(),
    // The binding of system:node to the system:nodes group was deprecated in 1.7 with the Node
    // authorizer: it stays, with no subjects, so that tightening reconciliation can remove them.
    {
      apiVersion: rbacApiVersion,
      kind: 'ClusterRoleBinding',
      metadata: { name: systemNodeRoleName },
      roleRef: { apiGroup: rbacAPIGroup, kind: 'ClusterRole', name: systemNodeRoleName },
    },
    // every service account may read the OIDC discovery endpoints
    newClusterBinding('system:service-account-issuer-discovery').groups(allServiceAccountsGroup).binding(),
  ];
  return bindings.map(withDefaultMetadata);
}
