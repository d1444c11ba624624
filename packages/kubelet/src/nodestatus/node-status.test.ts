// kubernetes/kubernetes pkg/kubelet/kubelet_node_status.go initialNode and
// pkg/kubelet/nodestatus/setters.go (NodeAddress with --node-ip, ReadyCondition, pressure conditions).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { initialNode } from './initial-node.js';
import { nodeAddresses } from './node-addresses.js';
import { setNodeStatus, shouldReportNodeStatus } from './node-status.js';
import { reconcileExisting } from './register.js';

test('kubelet_node_status.go initialNode: default labels and the attach-detach annotation', () => {
  const node = initialNode({ nodeName: 'n1', hostname: 'N1' });
  assert.equal(node.metadata.labels, {
    'kubernetes.io/hostname': 'n1',
    'kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'beta.kubernetes.io/arch': 'amd64',
  });
  assert.equal(node.metadata.annotations, { 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' });
});

test('setters.go NodeAddress: --node-ip → InternalIP then Hostname', () => {
  assert.equal(nodeAddresses({ nodeIP: '10.0.0.7', hostname: 'n1' }), [
    { type: 'InternalIP', address: '10.0.0.7' },
    { type: 'Hostname', address: 'n1' },
  ]);
});

test('setters.go: conditions in upstream order; lastTransitionTime kept while the status holds', () => {
  const t0 = new Date('2025-01-01T00:00:00Z');
  const t1 = new Date('2025-01-01T00:00:10Z');
  const input = { addresses: nodeAddresses({ nodeIP: '10.0.0.7', hostname: 'n1' }), kubeletPort: 10250 };
  const first = setNodeStatus(initialNode({ nodeName: 'n1', hostname: 'n1' }), { ...input, now: t0 });
  assert.equal(first.status?.conditions?.map((c) => [c.type, c.status, c.reason]), [
    ['MemoryPressure', 'False', 'KubeletHasSufficientMemory'],
    ['DiskPressure', 'False', 'KubeletHasNoDiskPressure'],
    ['PIDPressure', 'False', 'KubeletHasSufficientPID'],
    ['Ready', 'True', 'KubeletReady'],
  ]);
  assert.is(first.status?.conditions?.[3]?.message, 'kubelet is posting ready status');
  assert.equal(first.status?.daemonEndpoints, { kubeletEndpoint: { Port: 10250 } });
  const second = setNodeStatus(first, { ...input, now: t1 });
  assert.is(second.status?.conditions?.[3]?.lastHeartbeatTime, '2025-01-01T00:00:10Z');
  assert.is(second.status?.conditions?.[3]?.lastTransitionTime, '2025-01-01T00:00:00Z');
  assert.not.ok(shouldReportNodeStatus(first, second, t0.getTime(), t1.getTime()), 'only heartbeats changed');
  assert.ok(shouldReportNodeStatus(first, second, t0.getTime(), t0.getTime() + 5 * 60_000), 'nodeStatusReportFrequency passed');
});

test('kubelet_node_status.go reconcile: an existing node gets the default labels back, otherwise left as is', () => {
  const wanted = initialNode({ nodeName: 'n1', hostname: 'n1' });
  assert.is(reconcileExisting(wanted, wanted), wanted);
  const existing = { ...wanted, metadata: { ...wanted.metadata, labels: { custom: 'x' } } };
  assert.equal(reconcileExisting(existing, wanted).metadata.labels, { custom: 'x', ...wanted.metadata.labels });
});

test.run();
