// requestPath (request-path.ts): the kubelet server's reading of a request-target as Go's net/http
// url.ParseRequestURI does (net/http/request.go readRequest). Found by the server fuzzer
// (test/fuzz/servers.ts): "GET // HTTP/1.1" made new URL('//', base) throw inside the request
// listener and took the whole process down.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { requestPath } from './request-path.js';

test('net/http ParseRequestURI: origin-form targets are paths as they stand, "//" included (no host)', () => {
  assert.is(requestPath('/pods'), '/pods');
  assert.is(requestPath('/pods?x=1'), '/pods');
  assert.is(requestPath('//'), '//');
  assert.is(requestPath('//x/pods'), '//x/pods');
  assert.is(requestPath('/containerLogs/default/x/y#frag'), '/containerLogs/default/x/y');
  assert.is(requestPath(undefined), '/');
});

test('net/http ParseRequestURI: an absolute-form target gives its path; a target no parser takes never throws', () => {
  assert.is(requestPath('https://127.0.0.1:10250/healthz'), '/healthz');
  assert.is(requestPath('*'), '*');
  assert.is(requestPath('http://[::1/x'), 'http://[::1/x');
  assert.not.throws(() => requestPath('//a b/%zz'));
});

test.run();
