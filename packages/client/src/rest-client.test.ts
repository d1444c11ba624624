// The REST client against a local HTTPS server answering with upstream-shaped responses.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { X509Certificate } from 'node:crypto';
import { isStatusError } from '@tlsboot/api';
import { isTlsbootError } from '@tlsboot/util';
import { RestClient, encodeQuery } from './rest-client.js';
import { fixtures, sendJSON, startTestServer } from './test-server.js';
import type { TestServer } from './test-server.js';

const notFound = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'secrets "missing" not found',
  reason: 'NotFound',
  details: { name: 'missing', kind: 'secrets' },
  code: 404,
};

const secret = { kind: 'Secret', apiVersion: 'v1', metadata: { name: 's', namespace: 'default', resourceVersion: '7' }, type: 'Opaque' };

async function withServer(fn: (server: TestServer) => Promise<void>, handler = defaultHandler): Promise<void> {
  const server = await startTestServer(handler);
  try {
    await fn(server);
  } finally {
    await server.close();
  }
}

function defaultHandler(req: { method: string; path: string; body: string }, res: import('node:http').ServerResponse): void {
  if (req.path.endsWith('/missing')) return sendJSON(res, 404, notFound);
  if (req.path === '/text500') {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end('the database is on fire\n');
    return;
  }
  if (req.method === 'DELETE') return sendJSON(res, 200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: 's', kind: 'secrets' } });
  if (req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH') return sendJSON(res, req.method === 'POST' ? 201 : 200, JSON.parse(req.body));
  if (req.path === '/failure-in-200') return sendJSON(res, 200, { ...notFound });
  if (req.path === '/empty') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end();
    return;
  }
  sendJSON(res, 200, secret);
}

async function rejection(p: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await p;
  } catch (err) {
    return err as Error & { code?: string };
  }
  throw new Error('expected a rejection');
}

test('mTLS: the server sees the client certificate CN; Accept, User-Agent, no Authorization', () =>
  withServer(async (server) => {
    const client = new RestClient({ server: server.url, ca: fixtures.ca, clientCert: fixtures.aliceCert, clientKey: fixtures.aliceKey, component: 'kubelet' });
    try {
      assert.equal(await client.get('/api/v1/namespaces/default/secrets/s'), secret);
      const seen = server.requests[0]!;
      assert.is(seen.clientCN, 'alice');
      assert.is(seen.clientAuthorized, true);
      assert.is(seen.headers['accept'], 'application/json');
      assert.is(seen.headers['user-agent'], 'tlsboot/kubelet');
      assert.is(seen.headers['authorization'], undefined);
    } finally {
      await client.close();
    }
  }));

test('bearer token: Authorization header, no client certificate', () =>
  withServer(async (server) => {
    const client = new RestClient({ server: server.url, ca: fixtures.ca, token: '07401b.f395accd246ae52d' });
    await client.get('/api/v1/namespaces');
    await client.close();
    assert.is(server.requests[0]!.headers['authorization'], 'Bearer 07401b.f395accd246ae52d');
    assert.is(server.requests[0]!.clientCN, undefined);
  }));

test('keep-alive: several requests share one connection', () =>
  withServer(async (server) => {
    const client = new RestClient({ server: server.url, ca: fixtures.ca, connections: 1 });
    for (let i = 0; i < 3; i++) await client.get('/api/v1/namespaces');
    await client.close();
    const ports = new Set(server.requests.map((r) => r.remotePort));
    assert.is(server.requests.length, 3);
    assert.is(ports.size, 1);
  }));

test('a Status error keeps its reason, code, message and details', () =>
  withServer(async (server) => {
    const client = new RestClient({ server: server.url, ca: fixtures.ca });
    const err = await rejection(client.get('/api/v1/namespaces/default/secrets/missing'));
    await client.close();
    assert.ok(isStatusError(err));
    assert.is(err.reason, 'NotFound');
    assert.is(err.statusCode, 404);
    assert.is(err.message, 'secrets "missing" not found');
    assert.equal(err.status, notFound);
  }));

test('a text error page becomes client-go\'s generic error, naming the resource', () =>
  withServer(async (server) => {
    const client = new RestClient({ server: server.url, ca: fixtures.ca });
    const err = await rejection(client.get('/text500', { resource: { group: '', resource: 'secrets' }, name: 's' }));
    await client.close();
    assert.ok(isStatusError(err));
    assert.is(err.message, 'an error on the server ("the database is on fire") has prevented the request from succeeding (get secrets s)');
    assert.is(err.reason, 'InternalError');
  }));

test('a 2xx Status that is not Success is an error; an empty 2xx body is malformed', () =>
  withServer(async (server) => {
    const client = new RestClient({ server: server.url, ca: fixtures.ca });
    const failure = await rejection(client.get('/failure-in-200'));
    assert.ok(isStatusError(failure));
    assert.is(failure.reason, 'NotFound');
    const empty = await rejection(client.get('/empty'));
    assert.ok(isTlsbootError(empty, 'RESPONSE_MALFORMED'));
    assert.is(empty.message, '0-length response with status code: 200 and content type: application/json');
    await client.close();
  }));

test('create/update/patch/delete: methods, bodies and content types', () =>
  withServer(async (server) => {
    const client = new RestClient({ server: server.url, ca: fixtures.ca });
    assert.equal(await client.create('/api/v1/namespaces/default/secrets', secret), secret);
    await client.update('/api/v1/namespaces/default/secrets/s', secret);
    await client.patch('/api/v1/namespaces/default/secrets/s', { metadata: { labels: { a: 'b' } } }, 'merge');
    await client.patch('/api/v1/namespaces/default/secrets/s', { metadata: { labels: { a: 'c' } } }, 'strategic');
    await client.patch('/api/v1/namespaces/default/secrets/s', [{ op: 'remove', path: '/data' }], 'json');
    const deleted = await client.delete('/api/v1/namespaces/default/secrets/s', { propagationPolicy: 'Background' });
    await client.close();
    assert.equal(deleted, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: 's', kind: 'secrets' } });
    const seen = server.requests.map((r) => [r.method, r.headers['content-type'], r.body === '' ? '' : JSON.parse(r.body)]);
    assert.equal(seen, [
      ['POST', 'application/json', secret],
      ['PUT', 'application/json', secret],
      ['PATCH', 'application/merge-patch+json', { metadata: { labels: { a: 'b' } } }],
      ['PATCH', 'application/strategic-merge-patch+json', { metadata: { labels: { a: 'c' } } }],
      ['PATCH', 'application/json-patch+json', [{ op: 'remove', path: '/data' }]],
      ['DELETE', 'application/json', { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' }],
    ]);
  }));

test('list options go in the query, sorted as url.Values.Encode sorts them', () =>
  withServer(async (server) => {
    const client = new RestClient({ server: `${server.url}/prefix/`, ca: fixtures.ca });
    await client.list('/apis/certificates.k8s.io/v1/certificatesigningrequests', { fieldSelector: 'metadata.name=csr-1', limit: 500, resourceVersion: '0' });
    await client.close();
    const seen = server.requests[0]!;
    assert.is(seen.path, '/prefix/apis/certificates.k8s.io/v1/certificatesigningrequests');
    assert.is(seen.query.toString(), 'fieldSelector=metadata.name%3Dcsr-1&limit=500&resourceVersion=0');
    assert.is(encodeQuery({ b: '1', a: ['x', 'y'], c: undefined }), '?a=x&a=y&b=1');
    assert.is(encodeQuery({}), '');
  }));

test('the default verification refuses a server whose CA is not trusted', () =>
  withServer(async (server) => {
    const client = new RestClient({ server: server.url, ca: fixtures.otherCa });
    const err = await rejection(client.get('/api'));
    await client.close();
    assert.ok(isTlsbootError(err, 'TLS_SERVER_UNTRUSTED'), String(err));
    assert.is(err.message, `Get "${server.url}/api": tls: failed to verify certificate: x509: certificate signed by unknown authority`);
  }));

test('tls-server-name: the certificate is checked against it (kubernetes is a SAN, example.com is not)', () =>
  withServer(async (server) => {
    const good = new RestClient({ server: server.url, ca: fixtures.ca, tlsServerName: 'kubernetes' });
    await good.get('/api');
    await good.close();
    const bad = new RestClient({ server: server.url, ca: fixtures.ca, tlsServerName: 'example.com' });
    const err = await rejection(bad.get('/api'));
    await bad.close();
    assert.ok(isTlsbootError(err, 'TLS_SERVER_UNTRUSTED'), String(err));
    assert.match(err.message, 'example.com');
  }));

test('verifyServer: called with the peer chain (DER, leaf first) and the server name; its refusal is reported', () =>
  withServer(async (server) => {
    const calls: Array<{ subjects: string[]; name: string }> = [];
    const verifyServer = async (chain: Uint8Array[], name: string): Promise<void> => {
      calls.push({ subjects: chain.map((der) => new X509Certificate(der).subject), name });
    };
    // otherCa would fail Node's own check: the hook replaces it.
    const client = new RestClient({ server: server.url, ca: fixtures.otherCa, verifyServer });
    await client.get('/api');
    await client.close();
    // Leaf first; Node's server also sends the CA it built the chain with.
    assert.equal(calls[0], { subjects: ['CN=kube-apiserver', 'CN=tlsboot-test-ca'], name: '127.0.0.1' });

    const refusing = new RestClient({
      server: server.url,
      tlsServerName: 'kubernetes',
      verifyServer: async (_chain, name) => {
        throw new Error(`x509: certificate has expired or is not yet valid (checked for ${name})`);
      },
    });
    const err = await rejection(refusing.get('/api'));
    await refusing.close();
    assert.ok(isTlsbootError(err, 'TLS_SERVER_UNTRUSTED'), String(err));
    assert.is(err.message, `Get "${server.url}/api": tls: failed to verify certificate: x509: certificate has expired or is not yet valid (checked for kubernetes)`);
    assert.is(server.requests.length, 1);
  }));

test('insecure-skip-tls-verify accepts any server certificate', () =>
  withServer(async (server) => {
    const client = new RestClient({ server: server.url, insecureSkipTLSVerify: true });
    assert.equal(await client.get('/api'), secret);
    await client.close();
  }));

for (const maxVersion of ['TLSv1.3', 'TLSv1.2'] as const) {
  test(`a server that rejects the client certificate (${maxVersion}): a clear TLS_CLIENT_CERT_REJECTED`, async () => {
    const server = await startTestServer(defaultHandler, { rejectUnauthorized: true, maxVersion });
    try {
      const mallory = new RestClient({ server: server.url, ca: fixtures.ca, clientCert: fixtures.malloryCert, clientKey: fixtures.malloryKey });
      const err = await rejection(mallory.get('/api'));
      await mallory.close();
      assert.ok(isTlsbootError(err, 'TLS_CLIENT_CERT_REJECTED'), `${err.code}: ${err.message}`);
      assert.match(err.message, 'the server most likely rejected the client certificate');
      const anonymous = new RestClient({ server: server.url, ca: fixtures.ca });
      const none = await rejection(anonymous.get('/api'));
      await anonymous.close();
      assert.ok(isTlsbootError(none, 'TLS_CLIENT_CERT_REJECTED'), `${none.code}: ${none.message}`);
      assert.match(none.message, 'requires a client certificate and none was presented');
      assert.is(server.requests.length, 0);
    } finally {
      await server.close();
    }
  });
}

test('connection refused is worded as Go words it', async () => {
  const server = await startTestServer(defaultHandler);
  const url = server.url;
  await server.close();
  const client = new RestClient({ server: url, ca: fixtures.ca });
  const err = await rejection(client.get('/api/v1/namespaces'));
  await client.close();
  assert.ok(isTlsbootError(err, 'CONNECTION_FAILED'), String(err));
  assert.is(err.message, `Get "${url}/api/v1/namespaces": dial tcp ${url.slice('https://'.length)}: connect: connection refused`);
});

test('an aborted request rejects with the signal\'s reason', () =>
  withServer(async (server) => {
    const client = new RestClient({ server: server.url, ca: fixtures.ca });
    const controller = new AbortController();
    const reason = new Error('stop now');
    controller.abort(reason);
    const err = await rejection(client.get('/api', { signal: controller.signal }));
    await client.close();
    assert.is(err, reason);
  }));

test('bad server URLs are refused up front', () => {
  assert.throws(() => new RestClient({ server: 'not a url' }), /invalid server URL "not a url"/);
  assert.throws(() => new RestClient({ server: 'ftp://x' }), /must be https:\/\/ or http:\/\//);
});

test.run();
