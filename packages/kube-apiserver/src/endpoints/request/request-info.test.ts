import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isWatchParam, parseRequestInfo } from './request-info.js';

const parse = (method: string, url: string) => {
  const u = new URL(url, 'https://x');
  return parseRequestInfo(method, u.pathname, u.searchParams);
};

// Cases from k8s.io/apiserver/pkg/endpoints/request/requestinfo_test.go (TestGetAPIRequestInfo).
test('requestinfo_test: resource requests', () => {
  const cases: [string, string, string, string, string, string, string, string][] = [
    // method, url, verb, group, namespace, resource, name, subresource
    ['GET', '/api/v1/namespaces', 'list', '', '', 'namespaces', '', ''],
    ['GET', '/api/v1/namespaces/other', 'get', '', 'other', 'namespaces', 'other', ''],
    ['GET', '/api/v1/namespaces/other/pods', 'list', '', 'other', 'pods', '', ''],
    ['GET', '/api/v1/namespaces/other/pods/foo', 'get', '', 'other', 'pods', 'foo', ''],
    ['HEAD', '/api/v1/namespaces/other/pods/foo', 'get', '', 'other', 'pods', 'foo', ''],
    ['GET', '/api/v1/pods', 'list', '', '', 'pods', '', ''],
    ['GET', '/api/v1/namespaces/other/pods/foo/status', 'get', '', 'other', 'pods', 'foo', 'status'],
    ['GET', '/api/v1/namespaces/other/finalize', 'get', '', 'other', 'namespaces', 'other', 'finalize'],
    ['PUT', '/api/v1/namespaces/other/status', 'update', '', 'other', 'namespaces', 'other', 'status'],
    ['GET', '/api/v1/watch/pods', 'watch', '', '', 'pods', '', ''],
    ['GET', '/api/v1/pods?watch=true', 'watch', '', '', 'pods', '', ''],
    ['GET', '/api/v1/pods?watch=1', 'watch', '', '', 'pods', '', ''],
    ['GET', '/api/v1/pods?watch=false', 'list', '', '', 'pods', '', ''],
    ['GET', '/api/v1/watch/namespaces/other/pods', 'watch', '', 'other', 'pods', '', ''],
    ['POST', '/api/v1/namespaces/other/pods', 'create', '', 'other', 'pods', '', ''],
    ['PUT', '/api/v1/namespaces/other/pods/foo', 'update', '', 'other', 'pods', 'foo', ''],
    ['PATCH', '/api/v1/namespaces/other/pods/foo', 'patch', '', 'other', 'pods', 'foo', ''],
    ['DELETE', '/api/v1/namespaces/other/pods/foo', 'delete', '', 'other', 'pods', 'foo', ''],
    ['DELETE', '/api/v1/namespaces/other/pods', 'deletecollection', '', 'other', 'pods', '', ''],
    ['GET', '/api/v1/namespaces/other/pods?fieldSelector=metadata.name%3Dfoo', 'list', '', 'other', 'pods', 'foo', ''],
    ['GET', '/apis/certificates.k8s.io/v1/certificatesigningrequests/x/approval', 'get', 'certificates.k8s.io', '', 'certificatesigningrequests', 'x', 'approval'],
    ['POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', 'create', 'authentication.k8s.io', '', 'selfsubjectreviews', '', ''],
  ];
  for (const [method, url, verb, group, ns, resource, name, sub] of cases) {
    const info = parse(method, url);
    assert.ok(info.isResourceRequest, url);
    assert.equal([info.verb, info.apiGroup, info.namespace, info.resource, info.name, info.subresource], [verb, group, ns, resource, name, sub], `${method} ${url}`);
  }
});

test('requestinfo_test: non-resource requests keep the lower-case method as verb', () => {
  for (const url of ['/', '/api', '/apis', '/apis/certificates.k8s.io', '/api/v1', '/apis/certificates.k8s.io/v1', '/healthz', '/version', '/openapi/v3']) {
    const info = parse('GET', url);
    assert.not.ok(info.isResourceRequest, url);
    assert.is(info.verb, 'get');
    assert.is(info.path, url);
  }
  assert.is(parse('POST', '/healthz').verb, 'post');
});

test('a metadata.name field selector that is not a valid path segment does not set Name', () => {
  assert.is(parse('GET', '/api/v1/pods?fieldSelector=metadata.name%3Da%2Fb').name, '');
  assert.is(parse('GET', '/api/v1/pods?fieldSelector=%3D%3D%3D').name, '');
});

test('watch parameter: anything but "", false and 0 is true', () => {
  assert.ok(isWatchParam(['true']));
  assert.ok(isWatchParam(['yes']));
  assert.not.ok(isWatchParam(['0']));
  assert.not.ok(isWatchParam(['FALSE']));
  assert.not.ok(isWatchParam([]));
});

test('/watch without a resource is an error', () => {
  assert.throws(() => parse('GET', '/api/v1/watch'), /unable to determine kind and namespace/);
});

test.run();
