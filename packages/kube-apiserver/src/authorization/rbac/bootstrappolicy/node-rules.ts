// NodeRules() of kubernetes/kubernetes plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go
// at v1.32 with the default feature gates: the rules of the system:node ClusterRole, which the Node
// authorizer also checks every node request against. Left out because their gates are off by
// default in v1.32: DynamicResourceAllocation (get resourceclaims — beta, off) and
// ClusterTrustBundle (get/list/watch clustertrustbundles — alpha). ExpandPersistentVolumes,
// CSINodeInfo and RuntimeClass are GA and their rules unconditional.
import type { PolicyRule } from '@tlsboot/api';
import { newRule } from './rule-builder.js';
import { Read, authenticationGroup, authorizationGroup, certificatesGroup, coordinationGroup, legacyGroup, storageGroup } from './verbs.js';

export function nodeRules(): PolicyRule[] {
  return [
    // Needed to check API access. These creates are non-mutating
    newRule('create').groups(authenticationGroup).resources('tokenreviews').rule(),
    newRule('create').groups(authorizationGroup).resources('subjectaccessreviews', 'localsubjectaccessreviews').rule(),
    // Needed to build serviceLister, to populate env vars for services
    newRule(...Read).groups(legacyGroup).resources('services').rule(),
    // Nodes can register Node API objects and report status (NodeRestriction limits them to their own)
    newRule('create', 'get', 'list', 'watch').groups(legacyGroup).resources('nodes').rule(),
    newRule('update', 'patch').groups(legacyGroup).resources('nodes/status').rule(),
    newRule('update', 'patch').groups(legacyGroup).resources('nodes').rule(),
    newRule('create', 'update', 'patch').groups(legacyGroup).resources('events').rule(),
    // the Node authorizer limits get to pods related to the node, list/watch to node field selectors
    newRule(...Read).groups(legacyGroup).resources('pods').rule(),
    // mirror pods, pod status and evictions (NodeRestriction: pods bound to the node)
    newRule('create', 'delete').groups(legacyGroup).resources('pods').rule(),
    newRule('update', 'patch').groups(legacyGroup).resources('pods/status').rule(),
    newRule('create').groups(legacyGroup).resources('pods/eviction').rule(),
    // secrets and configmaps referenced by pods bound to the node (Node authorizer)
    newRule('get', 'list', 'watch').groups(legacyGroup).resources('secrets', 'configmaps').rule(),
    newRule('get').groups(legacyGroup).resources('persistentvolumeclaims', 'persistentvolumes').rule(),
    newRule('get').groups(legacyGroup).resources('endpoints').rule(),
    // Used to create a certificatesigningrequest for a node-specific client certificate, and watch
    // for it to be signed. This allows the kubelet to rotate its own certificate.
    newRule('create', 'get', 'list', 'watch').groups(certificatesGroup).resources('certificatesigningrequests').rule(),
    // Leases
    newRule('get', 'create', 'update', 'patch', 'delete').groups(coordinationGroup).resources('leases').rule(),
    // CSI
    newRule('get').groups(storageGroup).resources('volumeattachments').rule(),
    // tokens for service accounts of pods on the node (Node authorizer, NodeRestriction)
    newRule('create').groups(legacyGroup).resources('serviceaccounts/token').rule(),
    newRule('get', 'update', 'patch').groups(legacyGroup).resources('persistentvolumeclaims/status').rule(),
    newRule('get', 'watch', 'list').groups(storageGroup).resources('csidrivers').rule(),
    newRule('get', 'create', 'update', 'patch', 'delete').groups(storageGroup).resources('csinodes').rule(),
    newRule('get', 'list', 'watch').groups('node.k8s.io').resources('runtimeclasses').rule(),
  ];
}
