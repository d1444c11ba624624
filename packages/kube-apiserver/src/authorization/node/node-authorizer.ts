/**
 * The Node authorizer's decision (kubernetes/kubernetes:
 * plugin/pkg/auth/authorizer/node/node_authorizer.go), a pure function of the request and the
 * graph. Only node identities (pkg/auth/nodeidentifier) get an opinion:
 *
 * - secrets and configmaps: get, list or watch of one named object related to the node;
 * - pvcs (get; status update/patch), pvs, resourceclaims, volumeattachments: get of a related object;
 * - serviceaccounts/token: create for a service account of a pod on the node;
 * - leases: only in kube-node-lease, only the node's own (create is left to NodeRestriction);
 * - csinodes: only its own, same verbs; resourceslices: its own, or lists scoped to it;
 * - nodes and pods (AuthorizeNodeWithSelectors, beta and on in v1.32): reads of its own Node
 *   (by name or a `metadata.name` field selector) and of related pods or pods listed with
 *   `spec.nodeName=<self>`; writes are allowed and policed by NodeRestriction;
 * - everything else, CSRs included, against the static system:node rules.
 *
 * Anything not allowed is NoOpinion (never Deny) with upstream's reason, so RBAC still runs.
 */
import { namespaceNodeLease, parseFieldSelector } from '@tlsboot/api';
import type { FieldRequirement, PolicyRule } from '@tlsboot/api';
import { nodeIdentity } from '../../auth/nodeidentifier.js';
import type { UserInfo } from '../../authentication/interfaces.js';
import type { Attributes, AuthorizationResult, RulesForResult } from '../interfaces.js';
import { rulesAllow } from '../rbac/rbac.js';
import type { Graph, VertexType } from './graph.js';
import { nodeRules } from './node-rules.js';

export interface NodeAuthorizerFeatures {
  /** AuthorizeNodeWithSelectors: beta and on by default in v1.32. Off: nodes and pods fall through to the static rules. */
  authorizeNodeWithSelectors: boolean;
}

export const defaultNodeAuthorizerFeatures: NodeAuthorizerFeatures = Object.freeze({ authorizeNodeWithSelectors: true });

const allow: AuthorizationResult = Object.freeze({ decision: 'Allow', reason: '' });
const noOpinion = (reason: string): AuthorizationResult => ({ decision: 'NoOpinion', reason });

/** The reason of every relationship miss; the authorizer reads storage through only on this answer. */
export const noRelationshipPrefix = 'no relationship found between node ';
const noRelationship = (nodeName: string): AuthorizationResult => noOpinion(`no relationship found between node '${nodeName}' and this object`);

/** attrs.GetFieldSelector(): the parsed requirements, none when absent or unparseable. */
function fieldRequirements(a: Attributes): readonly FieldRequirement[] {
  if (a.fieldSelector === undefined) return [];
  try {
    return parseFieldSelector(a.fieldSelector).requirements;
  } catch {
    return [];
  }
}

const selects = (a: Attributes, field: string, value: string): boolean => fieldRequirements(a).some((r) => r.field === field && r.operator === '=' && r.value === value);

const key = (a: Attributes): string => `${a.apiGroup}/${a.resource}`;

export class NodeAuthorizerDecider {
  constructor(
    readonly graph: Graph,
    readonly features: NodeAuthorizerFeatures = defaultNodeAuthorizerFeatures,
    readonly rules: readonly PolicyRule[] = nodeRules,
  ) {}

  /** RulesFor: nodes do not have fully enumerated permissions. */
  rulesFor(user: UserInfo): RulesForResult {
    if (nodeIdentity(user).isNode) {
      return { resourceRules: [], nonResourceRules: [], incomplete: true, evaluationError: 'node authorizer does not support user rule resolution' };
    }
    return { resourceRules: [], nonResourceRules: [], incomplete: false };
  }

  authorize(a: Attributes): AuthorizationResult {
    const { name: nodeName, isNode } = nodeIdentity(a.user);
    if (!isNode) return noOpinion('');
    if (nodeName === '') return noOpinion(`unknown node for user "${a.user.name}"`);
    if (a.isResourceRequest) {
      switch (key(a)) {
        case '/secrets':
          return this.#readNamespacedObject(nodeName, 'secret', a);
        case '/configmaps':
          return this.#readNamespacedObject(nodeName, 'configmap', a);
        case '/persistentvolumeclaims':
          return a.subresource === 'status' ? this.#statusUpdate(nodeName, 'pvc', a) : this.#get(nodeName, 'pvc', a);
        case '/persistentvolumes':
          return this.#get(nodeName, 'pv', a);
        case 'resource.k8s.io/resourceclaims':
          return this.#get(nodeName, 'resourceclaim', a);
        case 'storage.k8s.io/volumeattachments':
          return this.#get(nodeName, 'volumeattachment', a);
        case '/serviceaccounts':
          return this.#createToken(nodeName, a);
        case 'coordination.k8s.io/leases':
          return this.#lease(nodeName, a);
        case 'storage.k8s.io/csinodes':
          return this.#csiNode(nodeName, a);
        case 'resource.k8s.io/resourceslices':
          return this.#resourceSlice(nodeName, a);
        case '/nodes':
          if (this.features.authorizeNodeWithSelectors) return this.#node(nodeName, a);
          break;
        case '/pods':
          if (this.features.authorizeNodeWithSelectors) return this.#pod(nodeName, a);
          break;
      }
    }
    // Access to other resources is not subdivided: the statically defined node rules.
    return rulesAllow(a, this.rules) ? allow : noOpinion('');
  }

  #statusUpdate(nodeName: string, type: VertexType, a: Attributes): AuthorizationResult {
    if (a.verb !== 'update' && a.verb !== 'patch') return noOpinion('can only get/update/patch this type');
    if (a.subresource !== 'status') return noOpinion('can only update status subresource');
    return this.#related(nodeName, type, a);
  }

  #get(nodeName: string, type: VertexType, a: Attributes): AuthorizationResult {
    if (a.verb !== 'get') return noOpinion('can only get individual resources of this type');
    if (a.subresource !== '') return noOpinion('cannot get subresource');
    return this.#related(nodeName, type, a);
  }

  #readNamespacedObject(nodeName: string, type: VertexType, a: Attributes): AuthorizationResult {
    if (a.verb !== 'get' && a.verb !== 'list' && a.verb !== 'watch') return noOpinion('can only read resources of this type');
    if (a.subresource !== '') return noOpinion('cannot read subresource');
    if (a.namespace === '') return noOpinion('can only read namespaced object of this type');
    return this.#related(nodeName, type, a);
  }

  /** authorize(): a named object with a path to the node. */
  #related(nodeName: string, type: VertexType, a: Attributes): AuthorizationResult {
    if (a.name === '') return noOpinion('No Object name found');
    return this.graph.hasPathFrom(nodeName, type, a.namespace, a.name).found ? allow : noRelationship(nodeName);
  }

  #createToken(nodeName: string, a: Attributes): AuthorizationResult {
    if (a.verb !== 'create' || a.name === '') return noOpinion('can only create tokens for individual service accounts');
    if (a.subresource !== 'token') return noOpinion('can only create token subresource of serviceaccount');
    return this.graph.hasPathFrom(nodeName, 'serviceAccount', a.namespace, a.name).found ? allow : noRelationship(nodeName);
  }

  #lease(nodeName: string, a: Attributes): AuthorizationResult {
    if (!['get', 'create', 'update', 'patch', 'delete'].includes(a.verb)) return noOpinion('can only get, create, update, patch, or delete a node lease');
    if (a.namespace !== namespaceNodeLease) return noOpinion(`can only access leases in the "${namespaceNodeLease}" system namespace`);
    // create is not name-checked: the authorizer does not know the name; NodeRestriction checks it
    if (a.verb !== 'create' && a.name !== nodeName) return noOpinion('can only access node lease with the same name as the requesting node');
    return allow;
  }

  #csiNode(nodeName: string, a: Attributes): AuthorizationResult {
    if (!['get', 'create', 'update', 'patch', 'delete'].includes(a.verb)) return noOpinion('can only get, create, update, patch, or delete a CSINode');
    if (a.subresource !== '') return noOpinion('cannot authorize CSINode subresources');
    if (a.verb !== 'create' && a.name !== nodeName) return noOpinion('can only access CSINode with the same name as the requesting node');
    return allow;
  }

  #resourceSlice(nodeName: string, a: Attributes): AuthorizationResult {
    if (a.subresource !== '') return noOpinion('cannot authorize ResourceSlice subresources');
    switch (a.verb) {
      case 'create':
        return allow; // NodeRestriction checks spec.nodeName
      case 'get':
      case 'update':
      case 'patch':
      case 'delete':
        return this.#related(nodeName, 'resourceslice', a);
      case 'watch':
      case 'list':
      case 'deletecollection':
        if (!this.features.authorizeNodeWithSelectors) return allow;
        // resourceapi.ResourceSliceSelectorNodeName is spec.nodeName in resource.k8s.io/v1beta1
        if (selects(a, 'spec.nodeName', nodeName)) return allow;
        return noOpinion('can only list/watch/deletecollection resourceslices with nodeName field selector');
      default:
        return noOpinion('only the following verbs are allowed for a ResourceSlice: get, watch, list, create, update, patch, delete, deletecollection');
    }
  }

  #node(nodeName: string, a: Attributes): AuthorizationResult {
    if (a.subresource === '') {
      switch (a.verb) {
        case 'create':
        case 'update':
        case 'patch':
          return allow; // NodeRestriction limits a node to its own Node object
        case 'get':
        case 'list':
        case 'watch':
          // compared by name, not through the graph, so a kubelet can read its Node before creating it
          if (a.name === nodeName) return allow;
          if (a.name === '') return noOpinion(`node '${nodeName}' cannot read all nodes, only its own Node object`);
          return noOpinion(`node '${nodeName}' cannot read '${a.name}', only its own Node object`);
      }
    } else if (a.subresource === 'status' && (a.verb === 'update' || a.verb === 'patch')) {
      return allow;
    }
    return noOpinion('');
  }

  #pod(nodeName: string, a: Attributes): AuthorizationResult {
    if (a.subresource === '') {
      switch (a.verb) {
        case 'get':
          return this.#get(nodeName, 'pod', a);
        case 'list':
        case 'watch':
          if (selects(a, 'spec.nodeName', nodeName)) return allow;
          if (a.name !== '') return this.#related(nodeName, 'pod', a);
          return noOpinion('can only list/watch pods with spec.nodeName field selector');
        case 'create':
        case 'delete':
          return allow; // mirror pods; NodeRestriction limits them to pods bound to the node
      }
    } else if (a.subresource === 'status') {
      if (a.verb === 'update' || a.verb === 'patch') return allow;
    } else if (a.subresource === 'eviction') {
      if (a.verb === 'create') return allow;
    }
    return noOpinion('');
  }
}
