// REST paths as client-go's Request builds them (rest/request.go URL, Name, Namespace).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isTlsbootError } from '@tlsboot/util';
import { groupVersionPath, resourcePath } from './resource-path.js';

test('core group under /api, named groups under /apis', () => {
  assert.is(groupVersionPath('', 'v1'), '/api/v1');
  assert.is(groupVersionPath('certificates.k8s.io', 'v1'), '/apis/certificates.k8s.io/v1');
  assert.is(resourcePath({ group: '', version: 'v1', resource: 'secrets', namespace: 'kube-system', name: 'bootstrap-token-abcdef' }), '/api/v1/namespaces/kube-system/secrets/bootstrap-token-abcdef');
  assert.is(resourcePath({ group: '', version: 'v1', resource: 'secrets' }), '/api/v1/secrets');
  assert.is(resourcePath({ group: '', version: 'v1', resource: 'namespaces', name: 'default' }), '/api/v1/namespaces/default');
  assert.is(
    resourcePath({ group: 'certificates.k8s.io', version: 'v1', resource: 'certificatesigningrequests', name: 'csr-x', subresource: 'approval' }),
    '/apis/certificates.k8s.io/v1/certificatesigningrequests/csr-x/approval',
  );
  assert.is(resourcePath({ group: '', version: 'v1', resource: 'nodes', name: 'n1', subresource: 'status' }), '/api/v1/nodes/n1/status');
  assert.is(resourcePath({ group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespace: 'kube-node-lease', name: 'n1' }), '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/n1');
});

test('names client-go refuses to put in a path', () => {
  const message = (f: () => unknown): string => {
    try {
      f();
    } catch (err) {
      assert.ok(isTlsbootError(err, 'REQUEST_INVALID'));
      return (err as Error).message;
    }
    throw new Error('expected an error');
  };
  assert.is(message(() => resourcePath({ group: '', version: 'v1', resource: 'secrets', namespace: 'a', name: 'x/y%' })), `invalid resource name "x/y%": [may not contain '/' may not contain '%']`);
  assert.is(message(() => resourcePath({ group: '', version: 'v1', resource: 'secrets', namespace: 'a', name: '..' })), `invalid resource name "..": [may not be '..']`);
  assert.is(message(() => resourcePath({ group: '', version: 'v1', resource: 'secrets', namespace: 'a/b' })), `invalid namespace "a/b": [may not contain '/']`);
  assert.is(message(() => resourcePath({ group: '', version: 'v1', resource: 'secrets', name: '' })), 'resource name may not be empty');
  assert.match(message(() => resourcePath({ group: '', version: 'v1', resource: 'nodes', subresource: 'status' })), 'needs a resource name');
});

test.run();
