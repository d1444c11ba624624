// Typed resource clients over the resource table (client-go kubernetes/typed/*, gentype).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CertificateSigningRequest, Secret } from '@tlsboot/api';
import { isStatusError } from '@tlsboot/api';
import { isTlsbootError, SeededRandom, VirtualClock } from '@tlsboot/util';
import { RestClient } from './rest-client.js';
import { fixtures, sendJSON, startTestServer } from './test-server.js';
import { certificateSigningRequests, configMaps, endpointSlices, events, leases, namespaces, nodes, pods, resourceClient, secrets, serviceAccounts, services } from './typed.js';

const secret: Secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'kube-system', resourceVersion: '3' }, type: 'Opaque' };

test('paths of the helpers come from the resource table', () => {
  const c = new RestClient({ server: 'https://127.0.0.1:1' });
  assert.is(namespaces(c).path('default'), '/api/v1/namespaces/default');
  assert.is(nodes(c).path('n1', 'status'), '/api/v1/nodes/n1/status');
  assert.is(secrets(c, 'kube-system').path('s'), '/api/v1/namespaces/kube-system/secrets/s');
  assert.is(secrets(c).path(), '/api/v1/secrets');
  assert.is(configMaps(c, 'a').path(), '/api/v1/namespaces/a/configmaps');
  assert.is(serviceAccounts(c, 'a').path('default'), '/api/v1/namespaces/a/serviceaccounts/default');
  assert.is(pods(c, 'a').path(), '/api/v1/namespaces/a/pods');
  assert.is(services(c, 'a').path(), '/api/v1/namespaces/a/services');
  assert.is(events(c, 'a').path(), '/api/v1/namespaces/a/events');
  assert.is(leases(c, 'kube-node-lease').path('n1'), '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/n1');
  assert.is(endpointSlices(c, 'default').path(), '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices');
  assert.is(certificateSigningRequests(c).path('csr-1', 'approval'), '/apis/certificates.k8s.io/v1/certificatesigningrequests/csr-1/approval');
  // A cluster-scoped resource ignores a namespace.
  assert.is(resourceClient(c, { group: '', version: 'v1', resource: 'nodes', namespaced: false }, 'x').path(), '/api/v1/nodes');
});

test('every verb on a namespaced resource: method and path on the wire', async () => {
  const server = await startTestServer((req, res) => {
    if (req.query.get('watch') === 'true') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`${JSON.stringify({ type: 'ADDED', object: secret })}\n`);
      return;
    }
    if (req.method === 'GET' && req.path.endsWith('/secrets')) return sendJSON(res, 200, { kind: 'SecretList', apiVersion: 'v1', metadata: { resourceVersion: '3' }, items: [secret] });
    if (req.method === 'DELETE') return sendJSON(res, 200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: 's', kind: 'secrets' } });
    sendJSON(res, req.method === 'POST' ? 201 : 200, req.body ? JSON.parse(req.body) : secret);
  });
  const client = new RestClient({ server: server.url, ca: fixtures.ca });
  try {
    const s = secrets(client, 'kube-system');
    assert.equal(await s.get('s'), secret);
    assert.equal((await s.list({ labelSelector: 'a=b' })).items, [secret]);
    await s.create(secret);
    await s.update(secret);
    await s.updateStatus(secret);
    await s.patch('s', { metadata: { labels: { x: 'y' } } }, 'merge');
    await s.patch('s', { status: {} }, 'merge', { subresource: 'status' });
    const deleted = await s.delete('s');
    assert.is((deleted as { status?: string }).status, 'Success');
    const seen: string[] = [];
    for await (const e of s.watch({ resourceVersion: '3' })) seen.push(`${e.type} ${(e.object as Secret).metadata.name}`);
    assert.equal(seen, ['ADDED s']);
    // All namespaces: the object's own namespace is used for create.
    await secrets(client).create({ ...secret, metadata: { name: 't', namespace: 'other' } });
    assert.equal(
      server.requests.map((r) => `${r.method} ${r.path}`),
      [
        'GET /api/v1/namespaces/kube-system/secrets/s',
        'GET /api/v1/namespaces/kube-system/secrets',
        'POST /api/v1/namespaces/kube-system/secrets',
        'PUT /api/v1/namespaces/kube-system/secrets/s',
        'PUT /api/v1/namespaces/kube-system/secrets/s/status',
        'PATCH /api/v1/namespaces/kube-system/secrets/s',
        'PATCH /api/v1/namespaces/kube-system/secrets/s/status',
        'DELETE /api/v1/namespaces/kube-system/secrets/s',
        'GET /api/v1/namespaces/kube-system/secrets',
        'POST /api/v1/namespaces/other/secrets',
      ],
    );
    assert.is(server.requests[1]!.query.get('labelSelector'), 'a=b');
  } finally {
    await client.close();
    await server.close();
  }
});

test('errors built from a bare status name the resource and object, as client-go does', async () => {
  const server = await startTestServer((_req, res) => {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('404 page not found\n');
  });
  const client = new RestClient({ server: server.url, ca: fixtures.ca });
  try {
    await certificateSigningRequests<CertificateSigningRequest>(client).get('csr-1');
    assert.unreachable();
  } catch (err) {
    assert.ok(isStatusError(err));
    assert.is(err.message, 'the server could not find the requested resource (get certificatesigningrequests.certificates.k8s.io csr-1)');
    assert.equal(err.status.details, {
      name: 'csr-1',
      group: 'certificates.k8s.io',
      kind: 'certificatesigningrequests',
      causes: [{ reason: 'UnexpectedServerResponse', message: '404 page not found' }],
    });
  } finally {
    await client.close();
    await server.close();
  }
});

test('a namespaced resource without a namespace, and an object without a name, are refused before sending', async () => {
  const client = new RestClient({ server: 'https://127.0.0.1:1' });
  const code = async (p: () => Promise<unknown>): Promise<string> => {
    try {
      await p();
    } catch (err) {
      return isTlsbootError(err) ? `${err.code}: ${err.message}` : String(err);
    }
    return 'no error';
  };
  assert.is(await code(() => secrets(client).get('x')), 'REQUEST_INVALID: secrets "x": a namespace is required for a namespaced resource');
  assert.is(await code(() => secrets(client).create({ ...secret, metadata: { name: 'x' } })), 'REQUEST_INVALID: secrets: a namespace is required for a namespaced resource');
  assert.is(await code(() => secrets(client, 'a').update({ ...secret, metadata: {} })), 'REQUEST_INVALID: secrets: the object has no metadata.name');
  await client.close();
});

test('informer() from a typed client lists and watches that resource', async () => {
  const server = await startTestServer((req, res) => {
    if (req.query.get('watch') === 'true') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return; // held open
    }
    sendJSON(res, 200, { kind: 'NodeList', apiVersion: 'v1', metadata: { resourceVersion: '9' }, items: [{ metadata: { name: 'n1', resourceVersion: '9' } }] });
  });
  const client = new RestClient({ server: server.url, ca: fixtures.ca });
  const informer = nodes(client).informer({ clock: new VirtualClock(), random: new SeededRandom('n'), fieldSelector: 'metadata.name=n1' });
  try {
    informer.start();
    await informer.waitForSync();
    assert.equal(informer.listKeys(), ['n1']);
    assert.is(server.requests[0]!.path, '/api/v1/nodes');
    assert.is(server.requests[0]!.query.get('fieldSelector'), 'metadata.name=n1');
  } finally {
    await informer.stop();
    await client.close();
    await server.close();
  }
});

test.run();
