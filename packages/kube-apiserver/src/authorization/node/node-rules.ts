/**
 * The static rules the Node authorizer applies to every request it does not subdivide: these
 * equal bootstrappolicy.NodeRules() (kubernetes/kubernetes:
 * plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go), i.e. the rules of the
 * `system:node` ClusterRole in testdata/cluster-roles.yaml, with the v1.32 default feature gates
 * (DynamicResourceAllocation and ClusterTrustBundleProjection off, so their rules are absent).
 * Kept as data here so the Node authorizer does not depend on the RBAC bootstrap policy;
 * node-rules.test.ts checks that the two agree.
 */
import type { PolicyRule } from '@tlsboot/api';

const rule = (verbs: string[], apiGroups: string[], resources: string[]): PolicyRule => ({ verbs, apiGroups, resources });

export const nodeRules: readonly PolicyRule[] = Object.freeze([
  // Needed to check API access. These creates are non-mutating.
  rule(['create'], ['authentication.k8s.io'], ['tokenreviews']),
  rule(['create'], ['authorization.k8s.io'], ['localsubjectaccessreviews', 'subjectaccessreviews']),
  // Needed to build serviceLister, to populate env vars for services.
  rule(['get', 'list', 'watch'], [''], ['services']),
  // Nodes can register Node API objects and report status (NodeRestriction limits them to their own).
  rule(['create', 'get', 'list', 'watch'], [''], ['nodes']),
  rule(['patch', 'update'], [''], ['nodes/status']),
  rule(['patch', 'update'], [''], ['nodes']),
  rule(['create', 'patch', 'update'], [''], ['events']),
  rule(['get', 'list', 'watch'], [''], ['pods']),
  // Mirror pods, pod status, evictions (NodeRestriction limits them to pods bound to the node).
  rule(['create', 'delete'], [''], ['pods']),
  rule(['patch', 'update'], [''], ['pods/status']),
  rule(['create'], [''], ['pods/eviction']),
  // Secrets and configmaps of pods; the Node authorizer limits them to pods bound to the node.
  rule(['get', 'list', 'watch'], [''], ['configmaps', 'secrets']),
  rule(['get'], [''], ['persistentvolumeclaims', 'persistentvolumes']),
  rule(['get'], [''], ['endpoints']),
  // The kubelet's own client (and serving) certificate requests: any CSR, not only its own.
  rule(['create', 'get', 'list', 'watch'], ['certificates.k8s.io'], ['certificatesigningrequests']),
  rule(['create', 'delete', 'get', 'patch', 'update'], ['coordination.k8s.io'], ['leases']),
  rule(['get'], ['storage.k8s.io'], ['volumeattachments']),
  rule(['create'], [''], ['serviceaccounts/token']),
  rule(['get', 'patch', 'update'], [''], ['persistentvolumeclaims/status']),
  rule(['get', 'list', 'watch'], ['storage.k8s.io'], ['csidrivers']),
  rule(['create', 'delete', 'get', 'patch', 'update'], ['storage.k8s.io'], ['csinodes']),
  rule(['get', 'list', 'watch'], ['node.k8s.io'], ['runtimeclasses']),
]);
