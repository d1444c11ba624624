// Table printers (k/k pkg/printers/internalversion/printers.go): the CSR condition rules
// (reference/k8s-csr-kubelet.md §6.6), node status and roles, the default convertor.
import type { KubeObject } from '@tlsboot/api';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { nodeRoles, nodeStatus } from './core-printers.js';
import { certificateSigningRequestPrinter, csrCondition } from './other-printers.js';
import { defaultTableConvertor, parseIncludeObject, toTable } from './table.js';

const obj = (o: Record<string, unknown>): KubeObject => ({ metadata: { name: 'x', creationTimestamp: '2024-01-01T00:00:00Z' }, ...o }) as KubeObject;
const conditions = (...types: string[]) => obj({ status: { conditions: types.map((type) => ({ type, status: 'True' })) } });

test('csr condition: Denied over Approved over Pending, then Failed and Issued', () => {
  assert.is(csrCondition(conditions()), 'Pending');
  assert.is(csrCondition(conditions('Approved')), 'Approved');
  assert.is(csrCondition(conditions('Approved', 'Denied')), 'Denied');
  assert.is(csrCondition(conditions('Approved', 'Failed')), 'Approved,Failed');
  assert.is(csrCondition(obj({ status: { conditions: [{ type: 'Approved' }], certificate: 'Zm9v' } })), 'Approved,Issued');
});

test('csr row: <none> for a missing signer and duration', () => {
  const now = new Date('2024-01-01T00:02:00Z');
  assert.equal(certificateSigningRequestPrinter.cells(obj({ spec: { username: 'u' } }), now), ['x', '2m', '<none>', 'u', '<none>', 'Pending']);
  assert.equal(certificateSigningRequestPrinter.cells(obj({ spec: { signerName: 's', username: 'u', expirationSeconds: 86400 } }), now).slice(2, 5), ['s', 'u', '24h']);
});

test('node status and roles', () => {
  assert.is(nodeStatus(obj({})), 'Unknown');
  assert.is(nodeStatus(obj({ status: { conditions: [{ type: 'Ready', status: 'False' }] } })), 'NotReady');
  assert.is(nodeStatus(obj({ spec: { unschedulable: true }, status: { conditions: [{ type: 'Ready', status: 'True' }] } })), 'Ready,SchedulingDisabled');
  const labelled = obj({});
  labelled.metadata.labels = { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'worker', 'node-role.kubernetes.io/': 'x' };
  assert.is(nodeRoles(labelled), 'control-plane,worker');
  assert.is(nodeRoles(obj({})), '<none>');
});

test('default table: Name and Created At; includeObject', () => {
  const t = toTable(defaultTableConvertor, [obj({})], { resourceVersion: '7' }, new Date(), { includeObject: 'Object', typeMeta: { kind: 'Lease', apiVersion: 'coordination.k8s.io/v1' } });
  assert.equal(t.columnDefinitions.map((c) => c.name), ['Name', 'Created At']);
  assert.equal(t.rows[0]!.cells, ['x', '2024-01-01T00:00:00Z']);
  assert.equal((t.rows[0]!.object as KubeObject).kind, 'Lease');
  assert.equal(t.metadata, { resourceVersion: '7' });
  assert.throws(() => parseIncludeObject('Everything'), /unrecognized includeObject value: "Everything"/);
});

test.run();
