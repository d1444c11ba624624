// The TLS side of a client identity (client-go's transport: one tls.Config per transport,
// k8s.io/client-go/transport/transport.go): TLS contexts are shared per identity, and every
// connection presents the identity of the client that opened it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RestClient } from './rest-client.js';
import { fixtures, sendJSON, startTestServer } from './test-server.js';

const ok = (_req: unknown, res: import('node:http').ServerResponse): void => sendJSON(res, 200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' });

test('transport.go: clients with the same identity and clients with another one each present their own certificate on new connections', async () => {
  const server = await startTestServer(ok);
  try {
    const order = [
      { cert: fixtures.aliceCert, key: fixtures.aliceKey, cn: 'alice' },
      { cert: fixtures.malloryCert, key: fixtures.malloryKey, cn: 'mallory' },
      { cert: fixtures.aliceCert, key: fixtures.aliceKey, cn: 'alice' },
      { cert: undefined, key: undefined, cn: undefined },
      { cert: fixtures.malloryCert, key: fixtures.malloryKey, cn: 'mallory' },
    ];
    for (const [i, o] of order.entries()) {
      const client = new RestClient({ server: server.url, ca: fixtures.ca, ...(o.cert ? { clientCert: o.cert, clientKey: o.key } : {}) });
      await client.get('/api/v1/namespaces');
      await client.get('/api/v1/namespaces');
      await client.close();
      assert.is(server.requests[2 * i]!.clientCN, o.cn, `client ${i}`);
      assert.is(server.requests[2 * i + 1]!.clientCN, o.cn, `client ${i}, second request`);
    }
  } finally {
    await server.close();
  }
});

test('a key that does not match fails the request (as tls.connect does), not the construction of the client', async () => {
  const server = await startTestServer(ok);
  try {
    const client = new RestClient({ server: server.url, ca: fixtures.ca, clientCert: fixtures.aliceCert, clientKey: fixtures.malloryKey });
    for (let i = 0; i < 2; i++) {
      try {
        await client.get('/api/v1/namespaces');
        assert.unreachable('a mismatched key was accepted');
      } catch (err) {
        assert.match(String((err as Error).message), /key values mismatch|KEY_VALUES_MISMATCH/i);
      }
    }
    await client.close();
  } finally {
    await server.close();
  }
});

test('transport.go (VerifyConnection): the deferred verifier gets exactly the chain the server sent, leaf first, on every new connection', async () => {
  const der = (pem: string): string[] => [...pem.matchAll(/-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----/g)].map((m) => m[1]!.replace(/\s+/g, ''));
  for (const sent of [fixtures.serverCert, fixtures.serverCert + fixtures.ca]) {
    const server = await startTestServer(ok, { cert: sent });
    try {
      const seen: { chain: string[]; name: string }[] = [];
      const verifyServer = async (chain: Uint8Array[], name: string): Promise<void> => {
        seen.push({ chain: chain.map((c) => Buffer.from(c).toString('base64')), name });
      };
      for (let i = 0; i < 2; i++) {
        const client = new RestClient({ server: server.url, ca: fixtures.ca, clientCert: fixtures.aliceCert, clientKey: fixtures.aliceKey, verifyServer });
        await client.get('/api/v1/namespaces');
        await client.close();
      }
      assert.is(seen.length, 2);
      // the test server also holds the CA in its store, so OpenSSL completes a leaf-only chain with it: the wire carries [leaf, CA] both times
      for (const s of seen) assert.equal(s.chain, der(fixtures.serverCert + fixtures.ca));
      for (const s of seen) assert.is(s.name, '127.0.0.1');
      assert.is(server.requests[0]!.clientCN, 'alice');
    } finally {
      await server.close();
    }
  }
});

test('transport.go: a deferred verifier that refuses the server fails the request before anything is sent', async () => {
  const server = await startTestServer(ok);
  try {
    const client = new RestClient({ server: server.url, ca: fixtures.ca, verifyServer: async () => { throw new Error('x509: certificate has expired or is not yet valid'); } });
    try {
      await client.get('/api/v1/namespaces');
      assert.unreachable('an untrusted server was accepted');
    } catch (err) {
      assert.match(String((err as Error).message), /tls: failed to verify certificate: x509: certificate has expired/);
    }
    await client.close();
    assert.is(server.requests.length, 0);
  } finally {
    await server.close();
  }
});

test.run();
