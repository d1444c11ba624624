// Tables ported from kubernetes/kubernetes pkg/kubelet/server/auth_test.go (TestIsSubPath,
// TestGetRequestAttributes with KubeletFineGrainedAuthz off, as v1.32 runs by default).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { authorizationErrorBody, forbiddenBody, isSubpath, nodeRequestAttributes } from './auth.js';

test('auth_test.go TestIsSubPath', () => {
  const cases: [string, string, string, boolean][] = [
    ['empty', '', '', true],
    ['match 1', 'foo', 'foo', true],
    ['match 2', '/foo', '/foo', true],
    ['match 3', '/foo/', '/foo/', true],
    ['match 4', '/foo/bar', '/foo/bar', true],
    ['subpath of root 1', '/foo', '/', true],
    ['subpath of root 2', '/foo/', '/', true],
    ['subpath of root 3', '/foo/bar', '/', true],
    ['subpath of path 1', '/foo', '/foo', true],
    ['subpath of path 2', '/foo/', '/foo', true],
    ['subpath of path 3', '/foo/bar', '/foo', true],
    ['mismatch 1', '/foo', '/bar', false],
    ['mismatch 2', '/foo', '/foobar', false],
    ['mismatch 3', '/foobar', '/foo', false],
  ];
  for (const [name, subpath, path, expected] of cases) assert.is(isSubpath(subpath, path), expected, name);
});

// Differs from the newest auth_test.go (fine-grained table): /checkpoint/... is `proxy` in v1.32's
// auth.go, which special-cases only /stats, /metrics and /logs; there is no `spec` subresource.
const paths: Record<string, string> = {
  '/attach/{podNamespace}/{podID}/{containerName}': 'proxy',
  '/attach/{podNamespace}/{podID}/{uid}/{containerName}': 'proxy',
  '/checkpoint/{podNamespace}/{podID}/{containerName}': 'proxy',
  '/configz': 'proxy',
  '/containerLogs/{podNamespace}/{podID}/{containerName}': 'proxy',
  '/debug/flags/v': 'proxy',
  '/debug/pprof/{subpath:*}': 'proxy',
  '/exec/{podNamespace}/{podID}/{containerName}': 'proxy',
  '/exec/{podNamespace}/{podID}/{uid}/{containerName}': 'proxy',
  '/healthz': 'proxy',
  '/healthz/log': 'proxy',
  '/healthz/ping': 'proxy',
  '/healthz/syncloop': 'proxy',
  '/logs/': 'log',
  '/logs/{logpath:*}': 'log',
  '/metrics': 'metrics',
  '/metrics/cadvisor': 'metrics',
  '/metrics/probes': 'metrics',
  '/metrics/resource': 'metrics',
  '/pods/': 'proxy',
  '/portForward/{podNamespace}/{podID}': 'proxy',
  '/portForward/{podNamespace}/{podID}/{uid}': 'proxy',
  '/run/{podNamespace}/{podID}/{containerName}': 'proxy',
  '/run/{podNamespace}/{podID}/{uid}/{containerName}': 'proxy',
  '/runningpods/': 'proxy',
  '/spec/': 'proxy',
  '/stats/': 'stats',
  '/stats/summary': 'stats',
};

test('auth_test.go TestGetRequestAttributes (v1.32, fine-grained authz off): every path × method', () => {
  const user = { name: 'phibby', groups: [] };
  const verbs: [string, string][] = [['POST', 'create'], ['GET', 'get'], ['PUT', 'update'], ['PATCH', 'patch'], ['DELETE', 'delete'], ['OPTIONS', '']];
  for (const [path, subresource] of Object.entries(paths)) {
    for (const [method, verb] of verbs) {
      assert.equal(
        nodeRequestAttributes(user, method, path, 'test'),
        { user, verb, namespace: '', apiGroup: '', apiVersion: 'v1', resource: 'nodes', subresource, name: 'test', resourceRequest: true, path },
        `${method}:${path}`,
      );
    }
  }
});

test('server.go InstallAuthFilter: the plain-text 403 and 500 bodies', () => {
  const a = nodeRequestAttributes({ name: 'jane', groups: ['system:authenticated'] }, 'GET', '/pods', 'n1');
  assert.is(forbiddenBody(a), 'Forbidden (user=jane, verb=get, resource=nodes, subresource=proxy)');
  assert.is(authorizationErrorBody(a), 'Authorization error (user=jane, verb=get, resource=nodes, subresource=proxy)');
});

test.run();
