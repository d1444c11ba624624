// ControllerRoles() and ControllerRoleBindings() of kubernetes/kubernetes
// plugin/pkg/auth/authorizer/rbac/bootstrappolicy/controller_policy.go at v1.32 with the default
// feature gates (golden files testdata/controller-roles.yaml, controller-role-bindings.yaml): one
// `system:controller:<name>` ClusterRole per kube-controller-manager controller, bound to the
// ServiceAccount kube-system/<name> it runs as under --use-service-account-credentials. Left out
// because their gates are off by default in v1.32: resource-claim-controller
// (DynamicResourceAllocation), service-cidrs-controller (MultiCIDRServiceAllocator),
// storage-version-garbage-collector (StorageVersionAPI), storage-version-migrator-controller
// (StorageVersionMigrator), selinux-warning-controller (SELinuxChangePolicy),
// volumeattributesclass-protection-controller (VolumeAttributesClass) and
// kube-apiserver-serving-clustertrustbundle-publisher (ClusterTrustBundle).
import { namespaceSystem } from '@tlsboot/api';
import type { ClusterRole, ClusterRoleBinding, PolicyRule } from '@tlsboot/api';
import { clusterRole, newClusterBinding, newRule, withDefaultMetadata } from './rule-builder.js';
import {
  admissionRegistrationGroup,
  appsGroup,
  authorizationGroup,
  autoscalingGroup,
  batchGroup,
  certificatesGroup,
  customMetricsGroup,
  discoveryGroup,
  eventsRule,
  extensionsGroup,
  externalMetricsGroup,
  legacyGroup,
  policyGroup,
  rbacGroup,
  resMetricsGroup,
  storageGroup,
} from './verbs.js';

/** saRolePrefix. */
export const controllerRolePrefix = 'system:controller:';

/** legacytokentracking.ConfigMapName. */
const legacyTokenTrackingConfigMap = 'kube-apiserver-legacy-service-account-token-tracking';

const controllers: readonly (readonly [string, () => PolicyRule[]])[] = [
  [
    'attachdetach-controller',
    () => [
      newRule('list', 'watch').groups(legacyGroup).resources('persistentvolumes', 'persistentvolumeclaims').rule(),
      newRule('get', 'list', 'watch').groups(legacyGroup).resources('nodes').rule(),
      newRule('patch', 'update').groups(legacyGroup).resources('nodes/status').rule(),
      newRule('list', 'watch').groups(legacyGroup).resources('pods').rule(),
      eventsRule(),
      newRule('get', 'create', 'delete', 'list', 'watch').groups(storageGroup).resources('volumeattachments').rule(),
      newRule('get', 'watch', 'list').groups(storageGroup).resources('csidrivers').rule(),
      newRule('get', 'watch', 'list').groups(storageGroup).resources('csinodes').rule(),
    ],
  ],
  // full permissions on clusterroles, to mutate them in any way
  ['clusterrole-aggregation-controller', () => [newRule('escalate', 'get', 'list', 'watch', 'update', 'patch').groups(rbacGroup).resources('clusterroles').rule()]],
  [
    'cronjob-controller',
    () => [
      newRule('get', 'list', 'watch', 'update').groups(batchGroup).resources('cronjobs').rule(),
      newRule('get', 'list', 'watch', 'create', 'update', 'delete', 'patch').groups(batchGroup).resources('jobs').rule(),
      newRule('update').groups(batchGroup).resources('cronjobs/status').rule(),
      newRule('update').groups(batchGroup).resources('cronjobs/finalizers').rule(),
      newRule('list', 'delete').groups(legacyGroup).resources('pods').rule(),
      eventsRule(),
    ],
  ],
  [
    'daemon-set-controller',
    () => [
      newRule('get', 'list', 'watch').groups(extensionsGroup, appsGroup).resources('daemonsets').rule(),
      newRule('update').groups(extensionsGroup, appsGroup).resources('daemonsets/status').rule(),
      newRule('update').groups(extensionsGroup, appsGroup).resources('daemonsets/finalizers').rule(),
      newRule('list', 'watch').groups(legacyGroup).resources('nodes').rule(),
      newRule('list', 'watch', 'create', 'delete', 'patch').groups(legacyGroup).resources('pods').rule(),
      newRule('create').groups(legacyGroup).resources('pods/binding').rule(),
      newRule('get', 'list', 'watch', 'create', 'delete', 'update', 'patch').groups(appsGroup).resources('controllerrevisions').rule(),
      eventsRule(),
    ],
  ],
  [
    'deployment-controller',
    () => [
      newRule('get', 'list', 'watch', 'update').groups(extensionsGroup, appsGroup).resources('deployments').rule(),
      newRule('update').groups(extensionsGroup, appsGroup).resources('deployments/status').rule(),
      newRule('update').groups(extensionsGroup, appsGroup).resources('deployments/finalizers').rule(),
      newRule('get', 'list', 'watch', 'create', 'update', 'patch', 'delete').groups(appsGroup, extensionsGroup).resources('replicasets').rule(),
      newRule('get', 'list', 'watch', 'update').groups(legacyGroup).resources('pods').rule(),
      eventsRule(),
    ],
  ],
  [
    'disruption-controller',
    () => [
      newRule('get', 'list', 'watch').groups(extensionsGroup, appsGroup).resources('deployments').rule(),
      newRule('get', 'list', 'watch').groups(appsGroup, extensionsGroup).resources('replicasets').rule(),
      newRule('get', 'list', 'watch').groups(legacyGroup).resources('replicationcontrollers').rule(),
      newRule('get', 'list', 'watch').groups(policyGroup).resources('poddisruptionbudgets').rule(),
      newRule('get', 'list', 'watch').groups(appsGroup).resources('statefulsets').rule(),
      newRule('update').groups(policyGroup).resources('poddisruptionbudgets/status').rule(),
      newRule('patch', 'update').groups(legacyGroup).resources('pods/status').rule(),
      newRule('get').groups('*').resources('*/scale').rule(),
      eventsRule(),
    ],
  ],
  [
    'endpoint-controller',
    () => [
      newRule('get', 'list', 'watch').groups(legacyGroup).resources('services', 'pods').rule(),
      newRule('get', 'list', 'create', 'update', 'delete').groups(legacyGroup).resources('endpoints').rule(),
      newRule('create').groups(legacyGroup).resources('endpoints/restricted').rule(),
      eventsRule(),
    ],
  ],
  [
    'endpointslice-controller',
    () => [
      newRule('get', 'list', 'watch').groups(legacyGroup).resources('services', 'pods', 'nodes').rule(),
      // to own EndpointSlices with blockOwnerDeletion=true, the controller sets the service's finalizers
      newRule('update').groups(legacyGroup).resources('services/finalizers').rule(),
      newRule('get', 'list', 'create', 'update', 'delete').groups(discoveryGroup).resources('endpointslices').rule(),
      eventsRule(),
    ],
  ],
  [
    'endpointslicemirroring-controller',
    () => [
      newRule('get', 'list', 'watch').groups(legacyGroup).resources('services', 'endpoints').rule(),
      newRule('update').groups(legacyGroup).resources('services/finalizers').rule(),
      newRule('update').groups(legacyGroup).resources('endpoints/finalizers').rule(),
      newRule('get', 'list', 'create', 'update', 'delete').groups(discoveryGroup).resources('endpointslices').rule(),
      eventsRule(),
    ],
  ],
  [
    'expand-controller',
    () => [
      newRule('get', 'list', 'watch', 'update', 'patch').groups(legacyGroup).resources('persistentvolumes').rule(),
      newRule('update', 'patch').groups(legacyGroup).resources('persistentvolumeclaims/status').rule(),
      newRule('get', 'list', 'watch').groups(legacyGroup).resources('persistentvolumeclaims').rule(),
      // (the glusterfs rules went in v1.32, kubernetes/kubernetes#125995)
      eventsRule(),
    ],
  ],
  [
    'ephemeral-volume-controller',
    () => [
      newRule('get', 'list', 'watch').groups(legacyGroup).resources('pods').rule(),
      newRule('update').groups(legacyGroup).resources('pods/finalizers').rule(),
      newRule('get', 'list', 'watch', 'create').groups(legacyGroup).resources('persistentvolumeclaims').rule(),
      eventsRule(),
    ],
  ],
  // the GC controller runs list/watches, selective gets, and updates against any resource
  ['generic-garbage-collector', () => [newRule('get', 'list', 'watch', 'patch', 'update', 'delete').groups('*').resources('*').rule(), eventsRule()]],
  [
    'horizontal-pod-autoscaler',
    () => [
      newRule('get', 'list', 'watch').groups(autoscalingGroup).resources('horizontalpodautoscalers').rule(),
      newRule('update').groups(autoscalingGroup).resources('horizontalpodautoscalers/status').rule(),
      newRule('get', 'update').groups('*').resources('*/scale').rule(),
      newRule('list').groups(legacyGroup).resources('pods').rule(),
      // allow listing resource, custom, and external metrics
      newRule('list').groups(resMetricsGroup).resources('pods').rule(),
      newRule('get', 'list').groups(customMetricsGroup).resources('*').rule(),
      newRule('get', 'list').groups(externalMetricsGroup).resources('*').rule(),
      eventsRule(),
    ],
  ],
  [
    'job-controller',
    () => [
      newRule('get', 'list', 'watch', 'update', 'patch').groups(batchGroup).resources('jobs').rule(),
      newRule('update').groups(batchGroup).resources('jobs/status').rule(),
      newRule('update').groups(batchGroup).resources('jobs/finalizers').rule(),
      newRule('list', 'watch', 'create', 'delete', 'patch').groups(legacyGroup).resources('pods').rule(),
      eventsRule(),
    ],
  ],
  [
    'namespace-controller',
    () => [
      newRule('get', 'list', 'watch', 'delete').groups(legacyGroup).resources('namespaces').rule(),
      newRule('update').groups(legacyGroup).resources('namespaces/finalize', 'namespaces/status').rule(),
      newRule('get', 'list', 'delete', 'deletecollection').groups('*').resources('*').rule(),
    ],
  ],
  [
    'node-controller',
    () => [
      newRule('get', 'list', 'update', 'delete', 'patch').groups(legacyGroup).resources('nodes').rule(),
      newRule('patch', 'update').groups(legacyGroup).resources('nodes/status').rule(),
      // used for pod deletion
      newRule('patch', 'update').groups(legacyGroup).resources('pods/status').rule(),
      newRule('list', 'get', 'delete').groups(legacyGroup).resources('pods').rule(),
      eventsRule(),
    ],
  ],
  [
    'persistent-volume-binder',
    () => [
      newRule('get', 'list', 'watch', 'update', 'create', 'delete').groups(legacyGroup).resources('persistentvolumes').rule(),
      newRule('update').groups(legacyGroup).resources('persistentvolumes/status').rule(),
      newRule('get', 'list', 'watch', 'update').groups(legacyGroup).resources('persistentvolumeclaims').rule(),
      newRule('update').groups(legacyGroup).resources('persistentvolumeclaims/status').rule(),
      newRule('list', 'watch', 'get', 'create', 'delete').groups(legacyGroup).resources('pods').rule(),
      // (the glusterfs and openstack rules went in v1.32, kubernetes/kubernetes#125995)
      newRule('get', 'list', 'watch').groups(storageGroup).resources('storageclasses').rule(),
      // recyclerClient.WatchPod
      newRule('watch').groups(legacyGroup).resources('events').rule(),
      eventsRule(),
    ],
  ],
  [
    'pod-garbage-collector',
    () => [
      newRule('list', 'watch', 'delete').groups(legacyGroup).resources('pods').rule(),
      newRule('get', 'list').groups(legacyGroup).resources('nodes').rule(),
      newRule('patch').groups(legacyGroup).resources('pods/status').rule(),
    ],
  ],
  [
    'replicaset-controller',
    () => [
      newRule('get', 'list', 'watch', 'update').groups(appsGroup, extensionsGroup).resources('replicasets').rule(),
      newRule('update').groups(appsGroup, extensionsGroup).resources('replicasets/status').rule(),
      newRule('update').groups(appsGroup, extensionsGroup).resources('replicasets/finalizers').rule(),
      newRule('list', 'watch', 'patch', 'create', 'delete').groups(legacyGroup).resources('pods').rule(),
      eventsRule(),
    ],
  ],
  [
    'replication-controller',
    () => [
      // 1.0 controllers needed get, update, so without these old controllers break on new servers
      newRule('get', 'list', 'watch', 'update').groups(legacyGroup).resources('replicationcontrollers').rule(),
      newRule('update').groups(legacyGroup).resources('replicationcontrollers/status').rule(),
      newRule('update').groups(legacyGroup).resources('replicationcontrollers/finalizers').rule(),
      newRule('list', 'watch', 'patch', 'create', 'delete').groups(legacyGroup).resources('pods').rule(),
      eventsRule(),
    ],
  ],
  [
    'resourcequota-controller',
    () => [
      // quota can count quota on anything for reconciliation, so it needs full viewing powers
      newRule('list', 'watch').groups('*').resources('*').rule(),
      newRule('update').groups(legacyGroup).resources('resourcequotas/status').rule(),
      eventsRule(),
    ],
  ],
  ['route-controller', () => [newRule('list', 'watch').groups(legacyGroup).resources('nodes').rule(), newRule('patch').groups(legacyGroup).resources('nodes/status').rule(), eventsRule()]],
  ['service-account-controller', () => [newRule('create').groups(legacyGroup).resources('serviceaccounts').rule(), eventsRule()]],
  [
    'service-controller',
    () => [
      newRule('get', 'list', 'watch').groups(legacyGroup).resources('services').rule(),
      newRule('patch', 'update').groups(legacyGroup).resources('services/status').rule(),
      newRule('list', 'watch').groups(legacyGroup).resources('nodes').rule(),
      eventsRule(),
    ],
  ],
  [
    'statefulset-controller',
    () => [
      newRule('list', 'watch').groups(legacyGroup).resources('pods').rule(),
      newRule('get', 'list', 'watch').groups(appsGroup).resources('statefulsets').rule(),
      newRule('update').groups(appsGroup).resources('statefulsets/status').rule(),
      newRule('update').groups(appsGroup).resources('statefulsets/finalizers').rule(),
      newRule('get', 'create', 'delete', 'update', 'patch').groups(legacyGroup).resources('pods').rule(),
      newRule('get', 'create', 'delete', 'update', 'patch', 'list', 'watch').groups(appsGroup).resources('controllerrevisions').rule(),
      newRule('get', 'create').groups(legacyGroup).resources('persistentvolumeclaims').rule(),
      eventsRule(),
      // StatefulSetAutoDeletePVC (GA in v1.32)
      newRule('update', 'delete').groups(legacyGroup).resources('persistentvolumeclaims').rule(),
    ],
  ],
  ['ttl-controller', () => [newRule('update', 'patch', 'list', 'watch').groups(legacyGroup).resources('nodes').rule(), eventsRule()]],
  [
    'certificate-controller',
    () => [
      newRule('get', 'list', 'watch', 'delete').groups(certificatesGroup).resources('certificatesigningrequests').rule(),
      newRule('update').groups(certificatesGroup).resources('certificatesigningrequests/status', 'certificatesigningrequests/approval').rule(),
      newRule('approve').groups(certificatesGroup).resources('signers').names('kubernetes.io/kube-apiserver-client-kubelet').rule(),
      newRule('sign')
        .groups(certificatesGroup)
        .resources('signers')
        .names('kubernetes.io/legacy-unknown', 'kubernetes.io/kube-apiserver-client', 'kubernetes.io/kube-apiserver-client-kubelet', 'kubernetes.io/kubelet-serving')
        .rule(),
      newRule('create').groups(authorizationGroup).resources('subjectaccessreviews').rule(),
      eventsRule(),
    ],
  ],
  [
    'pvc-protection-controller',
    () => [newRule('get', 'list', 'watch', 'update').groups(legacyGroup).resources('persistentvolumeclaims').rule(), newRule('list', 'watch', 'get').groups(legacyGroup).resources('pods').rule(), eventsRule()],
  ],
  ['pv-protection-controller', () => [newRule('get', 'list', 'watch', 'update').groups(legacyGroup).resources('persistentvolumes').rule(), eventsRule()]],
  ['ttl-after-finished-controller', () => [newRule('get', 'list', 'watch', 'delete').groups(batchGroup).resources('jobs').rule(), eventsRule()]],
  ['root-ca-cert-publisher', () => [newRule('create', 'update').groups(legacyGroup).resources('configmaps').rule(), eventsRule()]],
  [
    'validatingadmissionpolicy-status-controller',
    () => [
      newRule('get', 'list', 'watch').groups(admissionRegistrationGroup).resources('validatingadmissionpolicies').rule(),
      newRule('get', 'patch', 'update').groups(admissionRegistrationGroup).resources('validatingadmissionpolicies/status').rule(),
      eventsRule(),
    ],
  ],
  [
    'legacy-service-account-token-cleaner',
    () => [newRule('get').groups(legacyGroup).resources('configmaps').names(legacyTokenTrackingConfigMap).rule(), newRule('patch', 'delete').groups(legacyGroup).resources('secrets').rule()],
  ],
];

/** ControllerRoles(). */
export function controllerRoles(): ClusterRole[] {
  return controllers.map(([name, rules]) => withDefaultMetadata(clusterRole(controllerRolePrefix + name, rules())));
}

/** ControllerRoleBindings(): each role bound to the ServiceAccount kube-system/<controller>. */
export function controllerRoleBindings(): ClusterRoleBinding[] {
  return controllers.map(([name]) => withDefaultMetadata(newClusterBinding(controllerRolePrefix + name).sas(namespaceSystem, name).binding()));
}
