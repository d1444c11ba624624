// Controller names and aliases: cmd/kube-controller-manager/names/controller_names.go (v1.32)
// and KCMControllerAliases(). Every controller kube-controller-manager v1.32 knows, so that
// `--controllers` accepts and refuses exactly the names the real binary does, although tlsboot
// runs only the CSR and bootstrap-token controllers.

/** Canonical name → legacy alias (the name used before 1.28, still accepted by --controllers). */
export const knownControllers: ReadonlyArray<readonly [name: string, alias: string | undefined]> = [
  ['serviceaccount-token-controller', 'serviceaccount-token'],
  ['endpoints-controller', 'endpoint'],
  ['endpointslice-controller', 'endpointslice'],
  ['endpointslice-mirroring-controller', 'endpointslicemirroring'],
  ['replicationcontroller-controller', 'replicationcontroller'],
  ['pod-garbage-collector-controller', 'podgc'],
  ['resourcequota-controller', 'resourcequota'],
  ['namespace-controller', 'namespace'],
  ['serviceaccount-controller', 'serviceaccount'],
  ['garbage-collector-controller', 'garbagecollector'],
  ['daemonset-controller', 'daemonset'],
  ['job-controller', 'job'],
  ['deployment-controller', 'deployment'],
  ['replicaset-controller', 'replicaset'],
  ['horizontal-pod-autoscaler-controller', 'horizontalpodautoscaling'],
  ['disruption-controller', 'disruption'],
  ['statefulset-controller', 'statefulset'],
  ['cronjob-controller', 'cronjob'],
  ['certificatesigningrequest-signing-controller', 'csrsigning'],
  ['certificatesigningrequest-approving-controller', 'csrapproving'],
  ['certificatesigningrequest-cleaner-controller', 'csrcleaner'],
  ['ttl-controller', 'ttl'],
  ['bootstrap-signer-controller', 'bootstrapsigner'],
  ['token-cleaner-controller', 'tokencleaner'],
  ['node-ipam-controller', 'nodeipam'],
  ['node-lifecycle-controller', 'nodelifecycle'],
  ['taint-eviction-controller', undefined],
  ['persistentvolume-binder-controller', 'persistentvolume-binder'],
  ['persistentvolume-attach-detach-controller', 'attachdetach'],
  ['persistentvolume-expander-controller', 'persistentvolume-expander'],
  ['clusterrole-aggregation-controller', 'clusterrole-aggregation'],
  ['persistentvolumeclaim-protection-controller', 'pvc-protection'],
  ['persistentvolume-protection-controller', 'pv-protection'],
  ['ttl-after-finished-controller', 'ttl-after-finished'],
  ['root-ca-certificate-publisher-controller', 'root-ca-cert-publisher'],
  ['ephemeral-volume-controller', 'ephemeral-volume'],
  ['storageversion-garbage-collector-controller', 'storage-version-gc'],
  ['resourceclaim-controller', 'resource-claim-controller'],
  ['legacy-serviceaccount-token-cleaner-controller', 'legacy-service-account-token-cleaner'],
  ['validatingadmissionpolicy-status-controller', 'validatingadmissionpolicy-status'],
  ['service-cidr-controller', 'service-cidr-controller'],
  ['storage-version-migrator-controller', 'storage-version-migrator-controller'],
  ['selinux-warning-controller', 'selinux-warning-controller'],
  ['service-lb-controller', 'service'],
  ['node-route-controller', 'route'],
  ['cloud-node-lifecycle-controller', 'cloud-node-lifecycle'],
];

/**
 * Disabled by default in v1.32 (`*` does not turn them on): the bootstrap-token pair (kubeadm
 * passes `--controllers=*,bootstrapsigner,tokencleaner`) and the alpha-gated ones.
 */
export const disabledByDefaultControllers: readonly string[] = [
  'bootstrap-signer-controller',
  'token-cleaner-controller',
  'selinux-warning-controller',
];

export const csrApprovingControllerName = 'certificatesigningrequest-approving-controller';
export const csrSigningControllerName = 'certificatesigningrequest-signing-controller';
export const csrCleanerControllerName = 'certificatesigningrequest-cleaner-controller';
export const bootstrapSignerControllerName = 'bootstrap-signer-controller';
export const tokenCleanerControllerName = 'token-cleaner-controller';

/** Alias → canonical name. */
export const controllerAliases: ReadonlyMap<string, string> = new Map(
  knownControllers.flatMap(([name, alias]) => (alias !== undefined && alias !== name ? [[alias, name] as const] : [])),
);

export const allControllerNames: readonly string[] = knownControllers.map(([name]) => name);
