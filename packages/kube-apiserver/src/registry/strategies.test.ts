// Per-resource strategies: what each endpoint keeps, clears and refuses.
import { lookupResource } from '@tlsboot/api';
import type { KubeObject } from '@tlsboot/api';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { strategyFor, subresourceStrategyFor } from './strategies.js';

const ctx = { user: { name: 'alice', uid: 'u-1', groups: ['devs', 'system:authenticated'] }, namespace: '', now: new Date(0) };
const r = (group: string, resource: string) => lookupResource(group, 'v1', resource)!;
const messages = (errs: { error(): string }[]) => errs.map((e) => e.error());

test('secrets: stringData merged, type defaulted and immutable, tls keys required, keys validated', () => {
  const s = strategyFor(r('', 'secrets'));
  const obj: KubeObject = { metadata: { name: 's', namespace: 'default' }, data: { a: 'YQ==' }, stringData: { b: 'c' } };
  s.prepareForCreate(obj, ctx);
  assert.equal(obj['data'], { a: 'YQ==', b: 'Yw==' });
  assert.is(obj['type'], 'Opaque');
  assert.is(obj['stringData'], undefined);
  assert.equal(messages(s.validate({ metadata: { name: 's', namespace: 'd' }, type: 'kubernetes.io/tls', data: { 'bad key!': '' } })), [
    'data[bad key!]: Invalid value: "bad key!": a valid config key must consist of alphanumeric characters, \'-\', \'_\' or \'.\' (e.g. \'key.name\',  or \'KEY_NAME\',  or \'key-name\', regex used for validation is \'[-._a-zA-Z0-9]+\')',
    'data[tls.crt]: Required value',
    'data[tls.key]: Required value',
  ]);
  const old: KubeObject = { metadata: { name: 's', namespace: 'd', resourceVersion: '1' }, type: 'Opaque' };
  assert.ok(messages(s.validateUpdate({ ...old, type: 'kubernetes.io/tls', data: { 'tls.crt': '', 'tls.key': '' } }, old)).includes('type: Invalid value: "kubernetes.io/tls": field is immutable'));
});

test('namespaces: Active, the kubernetes finalizer and the name label on create; spec and status kept on update', () => {
  const s = strategyFor(r('', 'namespaces'));
  const ns: KubeObject = { metadata: { name: 'team' }, status: { phase: 'Terminating' } };
  s.prepareForCreate(ns, ctx);
  assert.equal(ns['status'], { phase: 'Active' });
  assert.equal(ns['spec'], { finalizers: ['kubernetes'] });
  assert.is(ns.metadata.labels?.['kubernetes.io/metadata.name'], 'team');
  const update: KubeObject = { metadata: { name: 'team' }, spec: { finalizers: [] }, status: { phase: 'Gone' } };
  s.prepareForUpdate(update, ns, ctx);
  assert.equal([update['spec'], update['status']], [{ finalizers: ['kubernetes'] }, { phase: 'Active' }]);
  assert.match(messages(s.validate({ metadata: { name: 'Not.A.Label' } }))[0]!, /^metadata.name: Invalid value: "Not.A.Label": a lowercase RFC 1123 label/);
});

test('CSRs: the requester is stamped from the user; /approval takes the conditions only; /status the status', () => {
  const info = r('certificates.k8s.io', 'certificatesigningrequests');
  const csr: KubeObject = { metadata: { name: 'c' }, spec: { request: 'AA==', username: 'forged', groups: ['system:masters'] }, status: { certificate: 'x' } };
  strategyFor(info).prepareForCreate(csr, ctx);
  assert.equal(csr['spec'], { request: 'AA==', username: 'alice', uid: 'u-1', groups: ['devs', 'system:authenticated'] });
  assert.equal(csr['status'], {}); // strategy.go: an empty status, conditions omitted
  const stored: KubeObject = { ...csr, metadata: { name: 'c', resourceVersion: '5' } };
  const approval: KubeObject = { metadata: { name: 'c', resourceVersion: '5' }, spec: { username: 'changed' }, status: { conditions: [{ type: 'Approved' }], certificate: 'sneaky' } };
  subresourceStrategyFor(info, 'approval')!.prepareForUpdate(approval, stored, ctx);
  assert.equal(approval['status'], { conditions: [{ type: 'Approved', lastUpdateTime: '1970-01-01T00:00:00Z', lastTransitionTime: '1970-01-01T00:00:00Z' }] });
  assert.is((approval['spec'] as { username: string }).username, 'alice');
  const status: KubeObject = { metadata: { name: 'c' }, status: { certificate: 'Y2VydA==' } };
  subresourceStrategyFor(info, 'status')!.prepareForUpdate(status, stored, ctx);
  assert.equal(status['status'], { certificate: 'Y2VydA==' });
  assert.is(subresourceStrategyFor(r('', 'pods'), 'log'), undefined);
});

test('services use DNS-1035 names; other kinds DNS subdomains; RBAC path segments', () => {
  assert.ok(messages(strategyFor(r('', 'services')).validate({ metadata: { name: '1svc', namespace: 'd' } })).length > 0);
  assert.is(messages(strategyFor(r('', 'configmaps')).validate({ metadata: { name: 'a.b', namespace: 'd' } })).length, 0);
  assert.is(messages(strategyFor(r('rbac.authorization.k8s.io', 'clusterroles')).validate({ metadata: { name: 'system:node' } })).length, 0);
  assert.ok(messages(strategyFor(r('', 'nodes')).validate({ metadata: { name: 'n', namespace: 'x' } })).includes('metadata.namespace: Forbidden: not allowed on this type'));
});

test.run();
