// Live-server tests: serving, health, version, discovery shapes, OpenAPI, trace order.
import { aggregatedDiscoveryMediaType } from '@tlsboot/api';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestServer } from './testing.js';
import type { TestServer } from './testing.js';

let t: TestServer;
test.before(async () => {
  t = await startTestServer();
});
test.after(async () => {
  await t.close();
});

test('serving certificate: CN kube-apiserver, the in-cluster names, server auth, signed by CN=kubernetes', () => {
  const c = t.server.servingCertificate;
  assert.is(c.subject.commonName, 'kube-apiserver');
  assert.is(c.issuer.commonName, 'kubernetes');
  assert.equal(c.subjectAltNames.dnsNames, ['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local']);
  assert.equal(c.subjectAltNames.ipAddresses, ['127.0.0.1', '10.96.0.1']);
  assert.equal(c.extKeyUsageNames, ['server auth']);
  assert.match(t.server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
});

test('/healthz, /livez, /readyz answer ok, also to anonymous clients', async () => {
  for (const path of ['/healthz', '/livez', '/readyz']) {
    const r = await t.request('GET', path, { identity: null });
    assert.is(r.status, 200, path);
    assert.is(r.text, 'ok');
    assert.is(r.headers['content-type'], 'text/plain; charset=utf-8');
  }
  const verbose = await t.request('GET', '/healthz?verbose');
  assert.match(verbose.text, /^\[\+\]ping ok\n/);
  assert.match(verbose.text, /healthz check passed\n$/);
});

test('/version is a v1.32 version.Info', async () => {
  const r = await t.request('GET', '/version', { identity: null });
  assert.is(r.status, 200);
  assert.is(r.json.major, '1');
  assert.is(r.json.minor, '32');
  assert.match(r.json.gitVersion, /^v1\.32\.\d+-tlsboot$/);
  assert.is(r.headers['content-type'], 'application/json');
});

test('legacy discovery: /api, /apis, /api/v1, /apis/<group>, /apis/<group>/<version>', async () => {
  const api = await t.request('GET', '/api');
  assert.equal(api.json.kind, 'APIVersions');
  assert.equal(api.json.versions, ['v1']);
  assert.equal(api.json.serverAddressByClientCIDRs, [{ clientCIDR: '0.0.0.0/0', serverAddress: `127.0.0.1:${t.server.port}` }]);
  const apis = await t.request('GET', '/apis');
  assert.is(apis.json.kind, 'APIGroupList');
  assert.ok(apis.json.groups.some((g: { name: string }) => g.name === 'certificates.k8s.io'));
  const v1 = await t.request('GET', '/api/v1');
  const secrets = v1.json.resources.find((r: { name: string }) => r.name === 'secrets');
  assert.equal(secrets.verbs, ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']);
  const group = await t.request('GET', '/apis/certificates.k8s.io');
  assert.equal(group.json.preferredVersion, { groupVersion: 'certificates.k8s.io/v1', version: 'v1' });
  const gv = await t.request('GET', '/apis/certificates.k8s.io/v1');
  assert.equal(
    gv.json.resources.map((r: { name: string }) => r.name),
    ['certificatesigningrequests', 'certificatesigningrequests/approval', 'certificatesigningrequests/status'],
  );
  assert.is(gv.json.resources[0].shortNames[0], 'csr');
  assert.is((await t.request('GET', '/apis/nothing.example.com')).status, 404);
});

test('aggregated discovery: the exact Content-Type and an APIGroupDiscoveryList', async () => {
  const accept = `${aggregatedDiscoveryMediaType},application/json`;
  const r = await t.request('GET', '/apis', { headers: { accept } });
  assert.is(r.headers['content-type'], 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
  assert.is(r.json.kind, 'APIGroupDiscoveryList');
  const certs = r.json.items.find((i: { metadata: { name: string } }) => i.metadata.name === 'certificates.k8s.io');
  assert.equal(certs.versions[0].resources[0].responseKind, { group: 'certificates.k8s.io', version: 'v1', kind: 'CertificateSigningRequest' });
  const core = await t.request('GET', '/api', { headers: { accept } });
  assert.equal(core.json.items[0].metadata, { creationTimestamp: null });
});

test('discovery needs authentication: anonymous gets 403 on /api (system:discovery is bound to system:authenticated)', async () => {
  const r = await t.request('GET', '/api', { identity: null });
  assert.is(r.status, 403);
  assert.is(r.json.message, 'forbidden: User "system:anonymous" cannot get path "/api"');
});

test('OpenAPI v3: an index, and PATCH operations with x-kubernetes-group-version-kind and fieldValidation', async () => {
  const index = await t.request('GET', '/openapi/v3');
  const url: string = index.json.paths['api/v1'].serverRelativeURL;
  assert.match(url, /^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]+$/);
  const doc = await t.request('GET', url);
  const op = doc.json.paths['/api/v1/namespaces/{namespace}/secrets/{name}'].patch;
  assert.equal(op['x-kubernetes-group-version-kind'], { group: '', version: 'v1', kind: 'Secret' });
  assert.ok(op.parameters.some((p: { name: string; in: string }) => p.name === 'fieldValidation' && p.in === 'query'));
  assert.is((await t.request('GET', '/openapi/v3/apis/nothing/v1')).status, 404);
  assert.is((await t.request('GET', '/openapi/v2')).status, 404);
});

test('an unknown non-API path is the plain 404 of http.NotFound', async () => {
  const r = await t.request('GET', '/nothing');
  assert.is(r.status, 404);
  assert.is(r.text, '404 page not found\n');
});

test('trace: received, authenticated, authorized, responded — in order, one request id, the Audit-Id header', async () => {
  const r = await t.request('GET', '/api/v1/namespaces/default');
  const id = r.headers['audit-id'] as string;
  const events = t.trace.forRequest(id);
  assert.equal(
    events.map((e) => e.type),
    ['request.received', 'request.authenticated', 'request.authorized', 'request.responded'],
  );
  const [received, authn, authz, resp] = events as any[];
  assert.is(received.method, 'GET');
  assert.is(received.path, '/api/v1/namespaces/default');
  assert.match(received.remote, /^127\.0\.0\.1:\d+$/);
  assert.equal([authn.user, authn.groups, authn.authenticator], ['kubernetes-admin', ['system:masters', 'system:authenticated'], 'x509']);
  assert.equal([authz.decision, authz.authorizer], ['Allow', 'privileged-groups']);
  // RequestInfo puts a namespace's own name in Namespace, as upstream
  assert.is(authz.attributes, 'get namespaces "default" in namespace "default"');
  assert.is(resp.statusCode, 200);
});

test.run();
