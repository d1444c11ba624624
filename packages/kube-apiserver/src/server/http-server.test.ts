// Live-server tests of the HTTP adapter's fast path (http-server.ts): with the default trace sink
// (which drops everything, so no event is built) every request is still authenticated and
// authorized — including a client certificate that was verified earlier on the same keep-alive
// connection and has since expired on the apiserver's clock (x509.go verifies at the
// apiserver's time, not once per connection) — and answers keep kube-apiserver's exact headers.
import { Agent, request as httpsRequest } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { VirtualClock, realClock } from '@tlsboot/util';
import { discardTrace } from '../trace.js';
import { foreignIdentity, startTestServer } from './testing.js';
import type { TestServer } from './testing.js';
import type { ClientCertificatePem } from './start-api-server.js';

let t: TestServer;
let clock: VirtualClock;
const warnings: Error[] = [];
const onWarning = (w: Error): void => void warnings.push(w);

test.before(async () => {
  process.on('warning', onWarning);
  clock = new VirtualClock({ start: realClock.nowMs() });
  t = await startTestServer({ clock, trace: discardTrace });
});
test.after(async () => {
  process.off('warning', onWarning);
  await t.close();
});

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  json: any;
}

/** GET over `agent` (a keep-alive agent reuses its connection). */
function get(agent: Agent, path: string, identity: ClientCertificatePem): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(`${t.server.url}${path}`, { agent, ca: t.server.caPem, cert: identity.certPem, key: identity.keyPem }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('without a trace: an object is served with the upstream headers (Content-Type without charset, Audit-Id)', async () => {
  const r = await t.request('GET', '/api/v1/namespaces/default');
  assert.is(r.status, 200);
  assert.is(r.json.metadata.name, 'default');
  assert.is(r.headers['content-type'], 'application/json');
  assert.is(r.headers['cache-control'], 'no-cache, private');
  assert.match(String(r.headers['audit-id']), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.is(Number(r.headers['content-length']), Buffer.byteLength(r.text));
  assert.ok(r.text.endsWith('}\n'), 'Go encoders end JSON with a newline');
});

test('without a trace: a certificate from another CA is 401, anonymous is judged by the authorizer (403)', async () => {
  const foreign = await t.request('GET', '/api/v1/namespaces/default/secrets', { identity: await foreignIdentity('mallory', clock.now()) });
  assert.is(foreign.status, 401);
  assert.is(foreign.headers['content-type'], 'application/json');
  assert.is(foreign.json.reason, 'Unauthorized');
  const anonymous = await t.request('GET', '/api/v1/namespaces/default/secrets', { identity: null });
  assert.is(anonymous.status, 403);
  assert.is(anonymous.json.message, 'secrets is forbidden: User "system:anonymous" cannot list resource "secrets" in API group "" in the namespace "default"');
});

test('kube-apiserver x509.go: one keep-alive connection, its certificate expires on the apiserver clock → 401 on the next request', async () => {
  const shortLived = await t.server.issueClientCertificate({ commonName: 'short-lived', organizations: ['system:masters'], ttlMs: 3_600_000 });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const sockets = new Set<unknown>();
  agent.on('free', (socket) => sockets.add(socket));
  try {
    assert.is((await get(agent, '/api/v1/namespaces/default/secrets', shortLived)).status, 200);
    assert.is((await get(agent, '/api/v1/namespaces/default/secrets', shortLived)).status, 200);
    await clock.advance(2 * 3_600_000);
    const expired = await get(agent, '/api/v1/namespaces/default/secrets', shortLived);
    assert.is(expired.status, 401);
    assert.is(expired.json.message, 'Unauthorized');
    assert.is(sockets.size, 1, 'all three requests went over one connection');
  } finally {
    agent.destroy();
  }
});

test('starting the server and serving requests prints no warning (fastify deprecations included)', () => {
  assert.equal(
    warnings.map((w) => `${w.name}: ${w.message}`),
    [],
  );
});

test.run();
