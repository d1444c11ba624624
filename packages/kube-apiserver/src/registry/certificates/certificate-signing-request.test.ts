// kubernetes/kubernetes pkg/registry/certificates/certificates/strategy.go (and strategy_test.go's
// condition-timestamp cases): what each strategy takes from the request and what it keeps.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { KubeObject } from '@tlsboot/api';
import {
  certificateSigningRequestApprovalStrategy as approval,
  certificateSigningRequestStatusStrategy as statusStrategy,
  certificateSigningRequestStrategy as main,
} from './certificate-signing-request.js';

const now = new Date('2026-01-02T03:04:05.678Z');
const user = { name: 'system:node:n1', uid: 'u-1', groups: ['system:nodes', 'system:authenticated'], extra: { 'authentication.kubernetes.io/credential-id': ['X509SHA256=ab'] } };
const ctx = { user, namespace: '', now };
const obj = (o: Record<string, unknown>): KubeObject => ({ metadata: { name: 'c' }, ...o }) as KubeObject;

test('strategy.go PrepareForCreate: requester fields from the user (extra only when non-empty), Go field order, status {}', () => {
  const o = obj({ spec: { usages: ['client auth'], signerName: 's.io/x', request: 'UQ==', username: 'forged', groups: ['system:masters'], extra: { x: ['y'] } }, status: { certificate: 'eA==' } });
  main.prepareForCreate(o, ctx);
  assert.equal(o['spec'], {
    request: 'UQ==',
    signerName: 's.io/x',
    usages: ['client auth'],
    username: 'system:node:n1',
    uid: 'u-1',
    groups: ['system:nodes', 'system:authenticated'],
    extra: { 'authentication.kubernetes.io/credential-id': ['X509SHA256=ab'] },
  });
  assert.equal(o['status'], {});
  const anon = obj({ spec: { extra: { x: ['y'] }, uid: 'x' } });
  main.prepareForCreate(anon, { ...ctx, user: { name: 'bob', groups: ['system:authenticated'], extra: {} } });
  assert.equal(anon['spec'], { username: 'bob', groups: ['system:authenticated'] });
});

const old = obj({
  spec: { request: 'UQ==', signerName: 's.io/x', usages: ['client auth'], username: 'u' },
  status: { conditions: [{ type: 'Approved', status: 'True', reason: 'A', lastUpdateTime: '2020-01-01T00:00:00Z', lastTransitionTime: '2020-01-01T00:00:00Z' }], certificate: 'Y2VydA==' },
});

test('strategy.go main PrepareForUpdate: spec and status are the old ones, metadata the new', () => {
  const o = obj({ metadata: { name: 'c', labels: { a: 'b' } }, spec: { usages: ['any'] }, status: {} });
  main.prepareForUpdate(o, old, ctx);
  assert.equal(o['spec'], old['spec']);
  assert.equal(o['status'], old['status']);
  assert.equal(o.metadata.labels, { a: 'b' });
});

test('strategy.go csrApprovalStrategy: conditions from the request with timestamps, certificate kept', () => {
  const o = obj({
    spec: {},
    status: {
      conditions: [
        { type: 'Approved', status: 'True', reason: 'A' },
        { message: 'm', type: 'Custom', status: 'False' },
      ],
      certificate: 'b3RoZXI=',
    },
  });
  approval.prepareForUpdate(o, old, ctx);
  assert.equal(o['spec'], old['spec']);
  assert.equal(o['status'], {
    conditions: [
      // lastTransitionTime kept from the old condition of the same type and status
      { type: 'Approved', status: 'True', reason: 'A', lastUpdateTime: '2026-01-02T03:04:05Z', lastTransitionTime: '2020-01-01T00:00:00Z' },
      { type: 'Custom', status: 'False', message: 'm', lastUpdateTime: '2026-01-02T03:04:05Z', lastTransitionTime: '2026-01-02T03:04:05Z' },
    ],
    certificate: 'Y2VydA==',
  });
});

test('strategy.go csrStatusStrategy: old Approved instances preserved when their count is unchanged; certificate from the request', () => {
  const o = obj({ spec: {}, status: { conditions: [{ type: 'Approved', status: 'True', reason: 'Changed' }, { type: 'Failed', status: 'True' }], certificate: 'bmV3' } });
  statusStrategy.prepareForUpdate(o, old, ctx);
  const s = o['status'] as { conditions: Record<string, unknown>[]; certificate: string };
  assert.equal(s.conditions[0], (old['status'] as { conditions: unknown[] }).conditions[0]);
  assert.equal(s.conditions[1], { type: 'Failed', status: 'True', lastUpdateTime: '2026-01-02T03:04:05Z', lastTransitionTime: '2026-01-02T03:04:05Z' });
  assert.is(s.certificate, 'bmV3');
  // a second Approved is not preserved (the count changed): validation refuses the addition
  const added = obj({ spec: {}, status: { conditions: [{ type: 'Approved', status: 'True' }, { type: 'Approved', status: 'True', reason: 'B' }] } });
  statusStrategy.prepareForUpdate(added, old, ctx);
  assert.is((added['status'] as { conditions: { reason?: string }[] }).conditions[1]!.reason, 'B');
});

test.run();
