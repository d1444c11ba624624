// k8s.io/component-helpers/apimachinery/lease/controller.go newLease and
// pkg/kubelet/util/nodelease.go setNodeOwnerFunc.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatMicroTime, newLease } from './lease.js';

test('controller.go newLease: kube-node-lease/<node>, holder = node, 40 s, MicroTime renewTime, owned by the Node', () => {
  const now = new Date('2025-01-02T03:04:05.678Z');
  assert.is(formatMicroTime(now), '2025-01-02T03:04:05.678000Z');
  const lease = newLease({ nodeName: 'n1', now });
  assert.equal(lease, {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: 'n1', namespace: 'kube-node-lease' },
    spec: { holderIdentity: 'n1', leaseDurationSeconds: 40, renewTime: '2025-01-02T03:04:05.678000Z' },
  });
  const owned = newLease({ nodeName: 'n1', now, base: lease, node: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', uid: 'u-1' } } });
  assert.equal(owned.metadata.ownerReferences, [{ apiVersion: 'v1', kind: 'Node', name: 'n1', uid: 'u-1' }]);
});

test.run();
