/** Identity helpers of k8s.io/apiserver (serviceaccount/util.go) and k/k pkg/auth/nodeidentifier. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  builtInSignerNames,
  keyUsages,
  nodeNameOf,
  nodeUserName,
  serviceAccountGroups,
  serviceAccountUserName,
  systemNamespaces,
} from './well-known.js';

test('node user names', () => {
  assert.is(nodeUserName('node-1'), 'system:node:node-1');
  assert.is(nodeNameOf({ name: 'system:node:node-1', groups: ['system:nodes', 'system:authenticated'] }), 'node-1');
  assert.is(nodeNameOf({ name: 'system:node:node-1', groups: ['system:authenticated'] }), undefined);
  assert.is(nodeNameOf({ name: 'system:node:', groups: ['system:nodes'] }), '');
  assert.is(nodeNameOf({ name: 'alice', groups: ['system:nodes'] }), undefined);
});

test('service account names and groups', () => {
  assert.is(serviceAccountUserName('kube-system', 'certificate-controller'), 'system:serviceaccount:kube-system:certificate-controller');
  assert.equal(serviceAccountGroups('kube-system'), ['system:serviceaccounts', 'system:serviceaccounts:kube-system']);
});

test('lists: 23 key usages sorted, four signers, four system namespaces', () => {
  assert.is(keyUsages.length, 23);
  assert.equal([...keyUsages], [...keyUsages].sort());
  assert.is(builtInSignerNames.length, 4);
  assert.equal(systemNamespaces, ['default', 'kube-system', 'kube-public', 'kube-node-lease']);
});

test.run();
