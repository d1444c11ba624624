// plugin/pkg/auth/authorizer/node/node_authorizer_test.go, ported: TestNodeAuthorizer (every
// table case, run with AuthorizeNodeWithSelectors off and on where the case does not pin it)
// and TestNodeAuthorizerSharedResources; then the reasons and RulesFor, which upstream's
// tables do not check.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Attributes, Decision } from '../interfaces.js';
import { Graph } from './graph.js';
import { NodeAuthorizerDecider } from './node-authorizer.js';
import type { NodeAuthorizerFeatures } from './node-authorizer.js';
import { sampleGraph } from './node-authorizer-testdata.js';

const node0 = { name: 'system:node:node0', groups: ['system:nodes'] };
const nodeunregistered = { name: 'system:node:nodeunregistered', groups: ['system:nodes'] };

const graph = sampleGraph({
  nodes: 2,
  namespaces: 2,
  podsPerNode: 2,
  attachmentsPerNode: 1,
  sharedConfigMapsPerPod: 0,
  uniqueConfigMapsPerPod: 1,
  sharedSecretsPerPod: 1,
  uniqueSecretsPerPod: 1,
  sharedPVCsPerPod: 0,
  uniquePVCsPerPod: 1,
  uniqueResourceClaimsPerPod: 1,
  uniqueResourceClaimTemplatesPerPod: 1,
  uniqueResourceClaimTemplatesWithClaimPerPod: 1,
  nodeResourceCapacitiesPerNode: 2,
});

type A = Partial<Attributes> & { user: Attributes['user'] };
const attrs = (a: A): Attributes => ({
  verb: '',
  isResourceRequest: true,
  path: '',
  namespace: '',
  apiGroup: '',
  apiVersion: 'v1',
  resource: '',
  subresource: '',
  name: '',
  ...a,
});

const disabled: NodeAuthorizerFeatures = { authorizeNodeWithSelectors: false };
const enabled: NodeAuthorizerFeatures = { authorizeNodeWithSelectors: true };

interface Case {
  name: string;
  attrs: A;
  expect: Decision;
  features?: NodeAuthorizerFeatures;
}

const u = node0;
const lease = { apiGroup: 'coordination.k8s.io', resource: 'leases' };
const csinode = { apiGroup: 'storage.k8s.io', resource: 'csinodes' };
const slice = { apiGroup: 'resource.k8s.io', resource: 'resourceslices' };

const cases: Case[] = [
  { name: 'allowed configmap', attrs: { user: u, verb: 'get', resource: 'configmaps', name: 'configmap0-pod0-node0', namespace: 'ns0' }, expect: 'Allow' },
  { name: 'allowed secret via pod', attrs: { user: u, verb: 'get', resource: 'secrets', name: 'secret0-pod0-node0', namespace: 'ns0' }, expect: 'Allow' },
  { name: 'list allowed secret via pod', attrs: { user: u, verb: 'list', resource: 'secrets', name: 'secret0-pod0-node0', namespace: 'ns0' }, expect: 'Allow' },
  { name: 'watch allowed secret via pod', attrs: { user: u, verb: 'watch', resource: 'secrets', name: 'secret0-pod0-node0', namespace: 'ns0' }, expect: 'Allow' },
  { name: 'disallowed list many secrets', attrs: { user: u, verb: 'list', resource: 'secrets', namespace: 'ns0' }, expect: 'NoOpinion' },
  { name: 'disallowed watch many secrets', attrs: { user: u, verb: 'watch', resource: 'secrets', namespace: 'ns0' }, expect: 'NoOpinion' },
  { name: 'disallowed list secrets from all namespaces with name', attrs: { user: u, verb: 'list', resource: 'secrets', name: 'secret0-pod0-node0' }, expect: 'NoOpinion' },
  { name: 'allowed shared secret via pod', attrs: { user: u, verb: 'get', resource: 'secrets', name: 'secret0-shared', namespace: 'ns0' }, expect: 'Allow' },
  { name: 'allowed shared secret via pvc', attrs: { user: u, verb: 'get', resource: 'secrets', name: 'secret-pv0-pod0-node0-ns0', namespace: 'ns0' }, expect: 'Allow' },
  { name: 'allowed pvc', attrs: { user: u, verb: 'get', resource: 'persistentvolumeclaims', name: 'pvc0-pod0-node0', namespace: 'ns0' }, expect: 'Allow' },
  { name: 'allowed resource claim', attrs: { user: u, verb: 'get', resource: 'resourceclaims', apiGroup: 'resource.k8s.io', name: 'claim0-pod0-node0-ns0', namespace: 'ns0' }, expect: 'Allow' },
  {
    name: 'allowed resource claim with template',
    attrs: { user: u, verb: 'get', resource: 'resourceclaims', apiGroup: 'resource.k8s.io', name: 'generated-claim-pod0-node0-ns0-0', namespace: 'ns0' },
    expect: 'Allow',
  },
  { name: 'allowed pv', attrs: { user: u, verb: 'get', resource: 'persistentvolumes', name: 'pv0-pod0-node0-ns0' }, expect: 'Allow' },
  { name: 'disallowed configmap', attrs: { user: u, verb: 'get', resource: 'configmaps', name: 'configmap0-pod0-node1', namespace: 'ns0' }, expect: 'NoOpinion' },
  { name: 'disallowed secret via pod', attrs: { user: u, verb: 'get', resource: 'secrets', name: 'secret0-pod0-node1', namespace: 'ns0' }, expect: 'NoOpinion' },
  { name: 'disallowed shared secret via pvc', attrs: { user: u, verb: 'get', resource: 'secrets', name: 'secret-pv0-pod0-node1-ns0', namespace: 'ns0' }, expect: 'NoOpinion' },
  { name: 'disallowed pvc', attrs: { user: u, verb: 'get', resource: 'persistentvolumeclaims', name: 'pvc0-pod0-node1', namespace: 'ns0' }, expect: 'NoOpinion' },
  {
    name: 'disallowed resource claim, other node',
    attrs: { user: u, verb: 'get', resource: 'resourceclaims', apiGroup: 'resource.k8s.io', name: 'claim0-pod0-node1-ns0', namespace: 'ns0' },
    expect: 'NoOpinion',
  },
  {
    name: 'disallowed resource claim with template',
    attrs: { user: u, verb: 'get', resource: 'resourceclaims', apiGroup: 'resource.k8s.io', name: 'pod0-node1-claimtemplate0', namespace: 'ns0' },
    expect: 'NoOpinion',
  },
  { name: 'disallowed pv', attrs: { user: u, verb: 'get', resource: 'persistentvolumes', name: 'pv0-pod0-node1-ns0' }, expect: 'NoOpinion' },
  { name: 'allowed attachment', attrs: { user: u, verb: 'get', resource: 'volumeattachments', apiGroup: 'storage.k8s.io', name: 'attachment0-node0' }, expect: 'Allow' },
  { name: 'allowed svcacct token create', attrs: { user: u, verb: 'create', resource: 'serviceaccounts', subresource: 'token', name: 'svcacct0-node0', namespace: 'ns0' }, expect: 'Allow' },
  {
    name: 'disallowed svcacct token create - serviceaccount not attached to node',
    attrs: { user: u, verb: 'create', resource: 'serviceaccounts', subresource: 'token', name: 'svcacct0-node1', namespace: 'ns0' },
    expect: 'NoOpinion',
  },
  { name: 'disallowed svcacct token create - no subresource', attrs: { user: u, verb: 'create', resource: 'serviceaccounts', name: 'svcacct0-node0', namespace: 'ns0' }, expect: 'NoOpinion' },
  {
    name: 'disallowed svcacct token create - non create',
    attrs: { user: u, verb: 'update', resource: 'serviceaccounts', subresource: 'token', name: 'svcacct0-node0', namespace: 'ns0' },
    expect: 'NoOpinion',
  },
  ...(['get', 'create', 'update', 'patch', 'delete'] as const).map(
    (verb): Case => ({ name: `disallowed ${verb} lease in namespace other than kube-node-lease - feature enabled`, attrs: { user: u, verb, ...lease, name: 'node0', namespace: 'foo' }, expect: 'NoOpinion' }),
  ),
  ...(['get', 'update', 'patch', 'delete'] as const).map(
    (verb): Case => ({ name: `disallowed ${verb} another node's lease - feature enabled`, attrs: { user: u, verb, ...lease, name: 'node1', namespace: 'kube-node-lease' }, expect: 'NoOpinion' }),
  ),
  { name: 'disallowed list node leases - feature enabled', attrs: { user: u, verb: 'list', ...lease, namespace: 'kube-node-lease' }, expect: 'NoOpinion' },
  { name: 'disallowed watch node leases - feature enabled', attrs: { user: u, verb: 'watch', ...lease, namespace: 'kube-node-lease' }, expect: 'NoOpinion' },
  ...(['get', 'create', 'update', 'patch', 'delete'] as const).map(
    (verb): Case => ({ name: `allowed ${verb} node lease - feature enabled`, attrs: { user: u, verb, ...lease, name: 'node0', namespace: 'kube-node-lease' }, expect: 'Allow' }),
  ),
  // CSINode
  { name: 'disallowed CSINode with subresource - feature enabled', attrs: { user: u, verb: 'get', ...csinode, subresource: 'csiDrivers', name: 'node0' }, expect: 'NoOpinion' },
  ...(['get', 'update', 'patch', 'delete'] as const).map(
    (verb): Case => ({ name: `disallowed ${verb} another node's CSINode`, attrs: { user: u, verb, ...csinode, name: 'node1' }, expect: 'NoOpinion' }),
  ),
  { name: 'disallowed list CSINodes', attrs: { user: u, verb: 'list', ...csinode }, expect: 'NoOpinion' },
  { name: 'disallowed watch CSINodes', attrs: { user: u, verb: 'watch', ...csinode }, expect: 'NoOpinion' },
  ...(['get', 'create', 'update', 'patch', 'delete'] as const).map(
    (verb): Case => ({ name: `allowed ${verb} CSINode`, attrs: { user: u, verb, ...csinode, name: 'node0' }, expect: 'Allow' }),
  ),
  // ResourceSlice (the v1.32 field selector is spec.nodeName; upstream's older table wrote nodeName)
  { name: 'disallowed ResourceSlice with subresource', attrs: { user: u, verb: 'get', ...slice, subresource: 'status', name: 'slice0-node0' }, expect: 'NoOpinion' },
  ...(['get', 'update', 'patch', 'delete'] as const).map(
    (verb): Case => ({ name: `disallowed ${verb} another node's ResourceSlice`, attrs: { user: u, verb, ...slice, name: 'slice0-node1' }, expect: 'NoOpinion' }),
  ),
  { name: 'allowed filtered list ResourceSlices', attrs: { user: u, verb: 'list', ...slice, fieldSelector: 'spec.nodeName==node0' }, expect: 'Allow' },
  { name: 'allowed unfiltered list ResourceSlices - selector authz disabled', attrs: { user: u, verb: 'list', ...slice }, expect: 'Allow', features: disabled },
  { name: 'disallowed unfiltered list ResourceSlices - selector authz enabled', attrs: { user: u, verb: 'list', ...slice }, expect: 'NoOpinion', features: enabled },
  { name: 'allowed filtered watch ResourceSlices', attrs: { user: u, verb: 'watch', ...slice, fieldSelector: 'spec.nodeName==node0' }, expect: 'Allow' },
  { name: 'allowed unfiltered watch ResourceSlices - selector authz disabled', attrs: { user: u, verb: 'watch', ...slice }, expect: 'Allow', features: disabled },
  { name: 'disallowed unfiltered watch ResourceSlices - selector authz enabled', attrs: { user: u, verb: 'watch', ...slice }, expect: 'NoOpinion', features: enabled },
  ...(['get', 'create', 'update', 'patch', 'delete'] as const).map(
    (verb): Case => ({ name: `allowed ${verb} ResourceSlice`, attrs: { user: u, verb, ...slice, name: 'slice0-node0' }, expect: 'Allow' }),
  ),
  // pods: get
  { name: 'get related pod', attrs: { user: u, verb: 'get', resource: 'pods', name: 'pod0-node0', namespace: 'ns0' }, expect: 'Allow' },
  { name: 'get unrelated pod - selector disabled', attrs: { user: u, verb: 'get', resource: 'pods', name: 'pod0-node1', namespace: 'ns0' }, expect: 'Allow', features: disabled },
  { name: 'get unrelated pod - selector enabled', attrs: { user: u, verb: 'get', resource: 'pods', name: 'pod0-node1', namespace: 'ns0' }, expect: 'NoOpinion', features: enabled },
  // pods: list, watch
  { name: 'list related pods', attrs: { user: u, verb: 'list', resource: 'pods', fieldSelector: 'spec.nodeName=node0' }, expect: 'Allow' },
  { name: 'list related pods - alternate selector', attrs: { user: u, verb: 'list', resource: 'pods', fieldSelector: 'spec.nodeName==node0' }, expect: 'Allow' },
  { name: 'list single related pod', attrs: { user: u, verb: 'list', resource: 'pods', name: 'pod0-node0', namespace: 'ns0' }, expect: 'Allow' },
  { name: 'list unrelated pods - selector disabled', attrs: { user: u, verb: 'list', resource: 'pods' }, expect: 'Allow', features: disabled },
  { name: 'list unrelated pods - selector enabled', attrs: { user: u, verb: 'list', resource: 'pods' }, expect: 'NoOpinion', features: enabled },
  { name: 'watch related pods', attrs: { user: u, verb: 'watch', resource: 'pods', fieldSelector: 'spec.nodeName=node0' }, expect: 'Allow' },
  { name: 'watch related pods (==)', attrs: { user: u, verb: 'watch', resource: 'pods', fieldSelector: 'spec.nodeName==node0' }, expect: 'Allow' },
  { name: 'watch single related pod', attrs: { user: u, verb: 'watch', resource: 'pods', name: 'pod0-node0', namespace: 'ns0' }, expect: 'Allow' },
  { name: 'watch unrelated pods - selector disabled', attrs: { user: u, verb: 'watch', resource: 'pods' }, expect: 'Allow', features: disabled },
  { name: 'watch unrelated pods - selector enabled', attrs: { user: u, verb: 'watch', resource: 'pods' }, expect: 'NoOpinion', features: enabled },
  // pods: create, delete, status, eviction
  { name: 'create unnamed pod', attrs: { user: u, verb: 'create', resource: 'pods', namespace: 'ns0' }, expect: 'Allow' },
  { name: 'create pod proxy subresource forbidden', attrs: { user: u, verb: 'create', resource: 'pods', subresource: 'proxy', namespace: 'ns0' }, expect: 'NoOpinion' },
  { name: 'delete related pod', attrs: { user: u, verb: 'delete', resource: 'pods', name: 'pod0-node0', namespace: 'ns0' }, expect: 'Allow' },
  { name: 'delete unrelated pod', attrs: { user: u, verb: 'delete', resource: 'pods', name: 'pod0-node1', namespace: 'ns0' }, expect: 'Allow' },
  { name: 'delete pod proxy subresource forbidden', attrs: { user: u, verb: 'delete', resource: 'pods', name: 'pod0-node0', subresource: 'proxy', namespace: 'ns0' }, expect: 'NoOpinion' },
  { name: 'update related pod status', attrs: { user: u, verb: 'update', resource: 'pods', subresource: 'status', name: 'pod0-node0', namespace: 'ns0' }, expect: 'Allow' },
  { name: 'update unrelated pod status', attrs: { user: u, verb: 'update', resource: 'pods', subresource: 'status', name: 'pod0-node1', namespace: 'ns0' }, expect: 'Allow' },
  { name: 'patch related pod status', attrs: { user: u, verb: 'patch', resource: 'pods', subresource: 'status', name: 'pod0-node0', namespace: 'ns0' }, expect: 'Allow' },
  { name: 'patch unrelated pod status', attrs: { user: u, verb: 'patch', resource: 'pods', subresource: 'status', name: 'pod0-node1', namespace: 'ns0' }, expect: 'Allow' },
  { name: 'get pod status', attrs: { user: u, verb: 'get', resource: 'pods', subresource: 'status', name: 'pod0-node0', namespace: 'ns0' }, expect: 'NoOpinion' },
  { name: 'create related pod eviction', attrs: { user: u, verb: 'create', resource: 'pods', subresource: 'eviction', name: 'pod0-node0', namespace: 'ns0' }, expect: 'Allow' },
  { name: 'create unrelated pod eviction', attrs: { user: u, verb: 'create', resource: 'pods', subresource: 'eviction', name: 'pod0-node1', namespace: 'ns0' }, expect: 'Allow' },
  // nodes
  { name: 'get related unregistered node', attrs: { user: nodeunregistered, verb: 'get', resource: 'nodes', name: 'nodeunregistered' }, expect: 'Allow' },
  { name: 'get related node', attrs: { user: u, verb: 'get', resource: 'nodes', name: 'node0' }, expect: 'Allow' },
  { name: 'get unrelated node - selector disabled', attrs: { user: u, verb: 'get', resource: 'nodes', name: 'node1' }, expect: 'Allow', features: disabled },
  { name: 'get unrelated node - selector enabled', attrs: { user: u, verb: 'get', resource: 'nodes', name: 'node1' }, expect: 'NoOpinion', features: enabled },
  { name: 'list single related node', attrs: { user: u, verb: 'list', resource: 'nodes', name: 'node0' }, expect: 'Allow' },
  { name: 'list single unrelated node - selector disabled', attrs: { user: u, verb: 'list', resource: 'nodes', name: 'node1' }, expect: 'Allow', features: disabled },
  { name: 'list single unrelated node - selector enabled', attrs: { user: u, verb: 'list', resource: 'nodes', name: 'node1' }, expect: 'NoOpinion', features: enabled },
  { name: 'list all nodes - selector disabled', attrs: { user: u, verb: 'list', resource: 'nodes' }, expect: 'Allow', features: disabled },
  { name: 'list all nodes - selector enabled', attrs: { user: u, verb: 'list', resource: 'nodes' }, expect: 'NoOpinion', features: enabled },
  { name: 'watch single related node', attrs: { user: u, verb: 'watch', resource: 'nodes', name: 'node0' }, expect: 'Allow' },
  { name: 'watch single unrelated node - selector disabled', attrs: { user: u, verb: 'watch', resource: 'nodes', name: 'node1' }, expect: 'Allow', features: disabled },
  { name: 'watch single unrelated node - selector enabled', attrs: { user: u, verb: 'watch', resource: 'nodes', name: 'node1' }, expect: 'NoOpinion', features: enabled },
  { name: 'watch all nodes - selector disabled', attrs: { user: u, verb: 'watch', resource: 'nodes' }, expect: 'Allow', features: disabled },
  { name: 'watch all nodes - selector enabled', attrs: { user: u, verb: 'watch', resource: 'nodes' }, expect: 'NoOpinion', features: enabled },
  { name: 'create node', attrs: { user: u, verb: 'create', resource: 'nodes' }, expect: 'Allow' },
  { name: 'update related node', attrs: { user: u, verb: 'update', resource: 'nodes', name: 'node0' }, expect: 'Allow' },
  { name: 'update unrelated node', attrs: { user: u, verb: 'update', resource: 'nodes', name: 'node1' }, expect: 'Allow' },
  { name: 'patch related node', attrs: { user: u, verb: 'patch', resource: 'nodes', name: 'node0' }, expect: 'Allow' },
  { name: 'patch unrelated node', attrs: { user: u, verb: 'patch', resource: 'nodes', name: 'node1' }, expect: 'Allow' },
  { name: 'update related node status', attrs: { user: u, verb: 'update', resource: 'nodes', subresource: 'status', name: 'node0' }, expect: 'Allow' },
  { name: 'update unrelated node status', attrs: { user: u, verb: 'update', resource: 'nodes', subresource: 'status', name: 'node1' }, expect: 'Allow' },
  { name: 'patch related node status', attrs: { user: u, verb: 'patch', resource: 'nodes', subresource: 'status', name: 'node0' }, expect: 'Allow' },
  { name: 'patch unrelated node status', attrs: { user: u, verb: 'patch', resource: 'nodes', subresource: 'status', name: 'node1' }, expect: 'Allow' },
];

for (const c of cases) {
  const variants: [string, NodeAuthorizerFeatures][] = c.features ? [['', c.features]] : [['_selector_disabled', disabled], ['_selector_enabled', enabled]];
  for (const [suffix, features] of variants) {
    test(`node_authorizer_test.go TestNodeAuthorizer: ${c.name}${suffix}`, () => {
      const r = new NodeAuthorizerDecider(graph, features).authorize(attrs(c.attrs));
      assert.is(r.decision, c.expect, r.reason);
    });
  }
}

test('node_authorizer_test.go TestNodeAuthorizerSharedResources', () => {
  const g = new Graph();
  const authz = new NodeAuthorizerDecider(g);
  const user = (n: string) => ({ name: `system:node:${n}`, groups: ['system:nodes'] });
  const pod = (name: string, nodeName: string, secrets: string[]) => ({
    metadata: { name, namespace: 'ns1' },
    spec: { nodeName, volumes: secrets.map((secretName) => ({ secret: { secretName } })) },
  });
  g.addPod(pod('pod1-node1', 'node1', ['node1-only', 'node1-node2-only', 'shared-all']));
  g.addPod(pod('pod2-node2', 'node2', ['node1-node2-only', 'shared-all']));
  g.addPod(pod('pod3-node3', 'node3', ['shared-all']));
  const get = (n: string, secret: string) => authz.authorize(attrs({ user: user(n), verb: 'get', resource: 'secrets', namespace: 'ns1', name: secret })).decision;
  const table: [string, string, Decision][] = [
    ['node1', 'node1-only', 'Allow'],
    ['node1', 'node1-node2-only', 'Allow'],
    ['node1', 'shared-all', 'Allow'],
    ['node2', 'node1-only', 'NoOpinion'],
    ['node2', 'node1-node2-only', 'Allow'],
    ['node2', 'shared-all', 'Allow'],
    ['node3', 'node1-only', 'NoOpinion'],
    ['node3', 'node1-node2-only', 'NoOpinion'],
    ['node3', 'shared-all', 'Allow'],
  ];
  for (const [n, secret, want] of table) assert.is(get(n, secret), want, `${n} ${secret}`);
  // re-adding pod3 without volumes drops its edge to the shared secret
  g.addPod(pod('pod3-node3', 'node3', []));
  assert.is(get('node3', 'shared-all'), 'NoOpinion');
  assert.is(get('node1', 'shared-all'), 'Allow');
});

// ---- reasons (node_authorizer.go's strings; upstream's tables check only the decision) ----

const reason = (a: A, features = enabled): string => new NodeAuthorizerDecider(graph, features).authorize(attrs(a)).reason;

test('node_authorizer.go: non-nodes get NoOpinion with no reason; a node user without a name is an unknown node', () => {
  assert.equal(new NodeAuthorizerDecider(graph).authorize(attrs({ user: { name: 'system:node:node0', groups: [] }, verb: 'get', resource: 'nodes', name: 'node0' })), { decision: 'NoOpinion', reason: '' });
  assert.equal(new NodeAuthorizerDecider(graph).authorize(attrs({ user: { name: 'system:node:', groups: ['system:nodes'] }, verb: 'get', resource: 'nodes' })), {
    decision: 'NoOpinion',
    reason: 'unknown node for user "system:node:"',
  });
});

test('node_authorizer.go: reasons of the graph-restricted types', () => {
  assert.is(reason({ user: u, verb: 'get', resource: 'secrets', name: 'secret0-pod0-node1', namespace: 'ns0' }), "no relationship found between node 'node0' and this object");
  assert.is(reason({ user: u, verb: 'get', resource: 'secrets', name: 'never-heard-of', namespace: 'ns0' }), "no relationship found between node 'node0' and this object");
  assert.is(reason({ user: u, verb: 'create', resource: 'secrets', namespace: 'ns0' }), 'can only read resources of this type');
  assert.is(reason({ user: u, verb: 'get', resource: 'configmaps', subresource: 'x', name: 'a', namespace: 'ns0' }), 'cannot read subresource');
  assert.is(reason({ user: u, verb: 'list', resource: 'secrets', name: 'a' }), 'can only read namespaced object of this type');
  assert.is(reason({ user: u, verb: 'list', resource: 'secrets', namespace: 'ns0' }), 'No Object name found');
  assert.is(reason({ user: u, verb: 'list', resource: 'persistentvolumes' }), 'can only get individual resources of this type');
  assert.is(reason({ user: u, verb: 'get', resource: 'persistentvolumeclaims', subresource: 'status', name: 'pvc0-pod0-node0', namespace: 'ns0' }), 'can only get/update/patch this type');
  assert.is(reason({ user: u, verb: 'update', resource: 'persistentvolumeclaims', subresource: 'status', name: 'pvc0-pod0-node0', namespace: 'ns0' }), '');
  assert.is(reason({ user: u, verb: 'create', resource: 'serviceaccounts', namespace: 'ns0' }), 'can only create tokens for individual service accounts');
  assert.is(reason({ user: u, verb: 'create', resource: 'serviceaccounts', name: 'svcacct0-node0', namespace: 'ns0' }), 'can only create token subresource of serviceaccount');
});

test('node_authorizer.go: reasons for leases, csinodes, nodes and pods', () => {
  assert.is(reason({ user: u, verb: 'list', ...lease, namespace: 'kube-node-lease' }), 'can only get, create, update, patch, or delete a node lease');
  assert.is(reason({ user: u, verb: 'get', ...lease, name: 'node0', namespace: 'foo' }), 'can only access leases in the "kube-node-lease" system namespace');
  assert.is(reason({ user: u, verb: 'get', ...lease, name: 'node1', namespace: 'kube-node-lease' }), 'can only access node lease with the same name as the requesting node');
  assert.is(reason({ user: u, verb: 'list', ...csinode }), 'can only get, create, update, patch, or delete a CSINode');
  assert.is(reason({ user: u, verb: 'get', ...csinode, subresource: 's', name: 'node0' }), 'cannot authorize CSINode subresources');
  assert.is(reason({ user: u, verb: 'get', ...csinode, name: 'node1' }), 'can only access CSINode with the same name as the requesting node');
  assert.is(reason({ user: u, verb: 'list', resource: 'nodes' }), "node 'node0' cannot read all nodes, only its own Node object");
  assert.is(reason({ user: u, verb: 'get', resource: 'nodes', name: 'node1' }), "node 'node0' cannot read 'node1', only its own Node object");
  assert.is(reason({ user: u, verb: 'delete', resource: 'nodes', name: 'node0' }), '');
  assert.is(reason({ user: u, verb: 'list', resource: 'pods' }), 'can only list/watch pods with spec.nodeName field selector');
  assert.is(reason({ user: u, verb: 'list', resource: 'pods', fieldSelector: 'spec.nodeName=node1' }), 'can only list/watch pods with spec.nodeName field selector');
  assert.is(reason({ user: u, verb: 'list', resource: 'pods', fieldSelector: 'spec.nodeName!=node1' }), 'can only list/watch pods with spec.nodeName field selector');
  assert.is(reason({ user: u, verb: 'list', ...slice }), 'can only list/watch/deletecollection resourceslices with nodeName field selector');
});

test('node_authorizer.go: a field selector that does not parse selects nothing; the alias spec.host is not spec.nodeName', () => {
  assert.is(new NodeAuthorizerDecider(graph).authorize(attrs({ user: u, verb: 'list', resource: 'pods', fieldSelector: 'spec.nodeName=node0,bad' })).decision, 'NoOpinion');
  assert.is(new NodeAuthorizerDecider(graph).authorize(attrs({ user: u, verb: 'list', resource: 'pods', fieldSelector: 'spec.host=node0' })).decision, 'NoOpinion');
  assert.is(new NodeAuthorizerDecider(graph).authorize(attrs({ user: u, verb: 'list', resource: 'pods', fieldSelector: 'status.phase=Running,spec.nodeName=node0' })).decision, 'Allow');
});

test('node_authorizer.go: everything else goes to the static node rules (CSRs: any node may create, get, list, watch any CSR)', () => {
  const d = new NodeAuthorizerDecider(graph);
  const csr = (verb: string, extra: A | object = {}) => d.authorize(attrs({ user: u, verb, apiGroup: 'certificates.k8s.io', resource: 'certificatesigningrequests', ...extra })).decision;
  assert.is(csr('create'), 'Allow');
  assert.is(csr('get', { name: 'csr-of-another-node' }), 'Allow');
  assert.is(csr('list'), 'Allow');
  assert.is(csr('watch'), 'Allow');
  assert.is(csr('delete', { name: 'x' }), 'NoOpinion');
  assert.is(csr('update', { name: 'x', subresource: 'approval' }), 'NoOpinion');
  assert.is(csr('create', { subresource: 'selfnodeclient' }), 'NoOpinion');
  assert.is(d.authorize(attrs({ user: u, verb: 'get', resource: 'services', name: 'kubernetes', namespace: 'default' })).decision, 'Allow');
  assert.is(d.authorize(attrs({ user: u, verb: 'create', resource: 'events', namespace: 'default' })).decision, 'Allow');
  assert.is(d.authorize(attrs({ user: u, verb: 'get', resource: 'namespaces', name: 'default' })).decision, 'NoOpinion');
  assert.is(d.authorize(attrs({ user: u, verb: 'get', isResourceRequest: false, path: '/healthz' })).decision, 'NoOpinion');
});

test('node_authorizer.go RulesFor: nodes are incomplete with an evaluation error; others are empty and complete', () => {
  const d = new NodeAuthorizerDecider(graph);
  assert.equal(d.rulesFor(node0), { resourceRules: [], nonResourceRules: [], incomplete: true, evaluationError: 'node authorizer does not support user rule resolution' });
  assert.equal(d.rulesFor({ name: 'alice', groups: [] }), { resourceRules: [], nonResourceRules: [], incomplete: false });
});

test.run();
