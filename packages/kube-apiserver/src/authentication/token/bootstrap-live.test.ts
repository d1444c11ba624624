// The bootstrap-token authenticator through HTTP against a live apiserver: every case of
// TestTokenAuthenticator (plugin/pkg/auth/authenticator/token/bootstrap/bootstrap_test.go) and the
// extra checks, each Secret created through the API as admin and the token presented without a
// client certificate to POST selfsubjectreviews. Success is 201 with the user (plus
// system:authenticated); refusal is 401 Unauthorized with nothing else, and the trace holds the
// real reason. Malformed headers and tokens are 401 (or anonymous, when upstream treats the header
// as "no credential"), never a leak.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { VirtualClock } from '@tlsboot/util';
import { foreignIdentity, startTestServer } from '../../server/testing.js';
import type { Response, TestServer } from '../../server/testing.js';
import type { RequestAuthenticatedEvent } from '../../trace.js';
import { allCases, tokenId, tokenSecret, wireSecret } from './bootstrap-test-table.js';
import type { AuthenticatorCase } from './bootstrap-test-table.js';

/** The body a real apiserver sends with every 401 (reference §3.5). */
const unauthorizedBody = '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}';
const review = { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' };
const secrets = '/api/v1/namespaces/kube-system/secrets';
const finalizer = 'tlsboot.test/keep';

let t: TestServer;
test.before(async () => {
  // --enable-bootstrap-token-auth is on by default (as kubeadm sets it): the server's own authenticator
  t = await startTestServer();
});
test.after(async () => {
  await t.close();
});

/** POST selfsubjectreviews with no client certificate and the given Authorization header (none when undefined). */
const whoami = (authorization?: string): Promise<Response> =>
  t.request('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { identity: null, body: review, headers: authorization === undefined ? {} : { authorization } });

function authEvent(r: Response): RequestAuthenticatedEvent {
  const id = r.headers['audit-id'] as string;
  const e = t.trace.forRequest(id).find((x) => x.type === 'request.authenticated');
  assert.ok(e, `a request.authenticated event for ${id}`);
  return e as RequestAuthenticatedEvent;
}

function assertUnauthorized(r: Response, what: string): void {
  assert.is(r.status, 401, what);
  assert.is(r.text.trim(), unauthorizedBody, `${what}: the client sees only Unauthorized`);
  assert.is(r.headers['www-authenticate'], undefined);
}

async function createSecrets(c: AuthenticatorCase): Promise<void> {
  for (const s of c.secrets) {
    const body = wireSecret(s);
    if (s.deleted) (body['metadata'] as Record<string, unknown>)['finalizers'] = [finalizer];
    const created = await t.request('POST', secrets, { body });
    assert.is(created.status, 201, `${c.name}: create ${s.name}: ${created.text}`);
    if (s.deleted) {
      const deleted = await t.request('DELETE', `${secrets}/${s.name}`);
      assert.is(deleted.status, 200, `${c.name}: delete ${s.name}`);
      assert.type(deleted.json.metadata.deletionTimestamp, 'string', 'the finalizer keeps the Secret, now with a deletionTimestamp');
    }
  }
}

async function removeSecrets(c: AuthenticatorCase): Promise<void> {
  for (const s of c.secrets) {
    if (s.deleted) {
      const r = await t.request('PATCH', `${secrets}/${s.name}`, { body: '{"metadata":{"finalizers":null}}', headers: { 'content-type': 'application/merge-patch+json' } });
      assert.ok(r.status === 200 || r.status === 404, r.text);
    } else {
      assert.is((await t.request('DELETE', `${secrets}/${s.name}`)).status, 200);
    }
  }
  assert.equal((await t.request('GET', secrets)).json.items, [], 'clean for the next case');
}

for (const c of allCases) {
  test(`live: bootstrap_test.go case "${c.name}"`, async () => {
    await createSecrets(c);
    try {
      const r = await whoami(`Bearer ${c.token}`);
      const event = authEvent(r);
      if (c.wantUser) {
        assert.is(r.status, 201, r.text);
        assert.equal(r.json.status.userInfo, { username: c.wantUser.name, groups: [...c.wantUser.groups, 'system:authenticated'] });
        assert.is(event.authenticator, 'bootstrap-token');
        assert.is(event.user, c.wantUser.name);
      } else {
        assertUnauthorized(r, c.name);
        assert.is(event.authenticated, false);
        assert.is(event.failure, c.wantSilent ? 'invalid bearer token' : `invalid bearer token (bootstrap-token: ${c.wantReason})`, 'the trace holds the server-side reason');
      }
    } finally {
      await removeSecrets(c);
    }
  });
}

const valid = { name: `bootstrap-token-${tokenId}`, data: { 'token-id': tokenId, 'token-secret': tokenSecret, 'usage-bootstrap-authentication': 'true' } };

test('live: a token stops working at its expiration on the apiserver clock (virtual time), without the tokencleaner', async () => {
  const expiration = new Date(t.clock.now().getTime() + 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const c: AuthenticatorCase = { name: 'expires in a minute', token: `${tokenId}.${tokenSecret}`, secrets: [{ ...valid, data: { ...valid.data, expiration } }] };
  await createSecrets(c);
  try {
    assert.is((await whoami(`Bearer ${c.token}`)).status, 201);
    assert.instance(t.clock, VirtualClock);
    await (t.clock as VirtualClock).advance(61_000);
    const r = await whoami(`Bearer ${c.token}`);
    assertUnauthorized(r, 'after expiration');
    assert.is(authEvent(r).failure, `invalid bearer token (bootstrap-token: Expired bootstrap token in kube-system/bootstrap-token-foobar Secret: ${expiration})`);
  } finally {
    await removeSecrets(c);
  }
});

test('live: deleting the Secret revokes the token at once — differs from upstream, whose tokencache keeps a success for 10 s (pkg/kubeapiserver/authenticator/config.go); the simulation has no token cache', async () => {
  const c: AuthenticatorCase = { name: 'revoked', token: `${tokenId}.${tokenSecret}`, secrets: [valid] };
  await createSecrets(c);
  assert.is((await whoami(`Bearer ${c.token}`)).status, 201);
  await removeSecrets(c);
  assertUnauthorized(await whoami(`Bearer ${c.token}`), 'after delete');
});

test('bad input: tokens of the wrong length or alphabet are 401 with nothing leaked, and no Secret is read', async () => {
  const c: AuthenticatorCase = { name: 'present', token: '', secrets: [valid] };
  await createSecrets(c);
  try {
    const bad = [
      'FOOBAR.circumnavigation',
      'foobar.CIRCUMNAVIGATION',
      'foobar.circumnavigatio',
      'foobar.circumnavigationn',
      'fooba.circumnavigation',
      'foobar:circumnavigation',
      'foobarcircumnavigation',
      'foobar.circumnavigatiön',
      'foobar.circumnavigation.',
      '.',
      'x'.repeat(5000),
    ];
    for (const token of bad) {
      const r = await whoami(`Bearer ${token}`);
      assertUnauthorized(r, token);
      assert.is(authEvent(r).failure, 'invalid bearer token', `${token}: not a bootstrap token, so no reason`);
    }
  } finally {
    await removeSecrets(c);
  }
});

test('bad input: malformed Authorization headers — a bad token is 401; a header without a bearer token is anonymous', async () => {
  // `Bearer <token> trailing`: the token is the second word → an unknown token → 401.
  const r1 = await whoami(`Bearer abcdef.0123456789abcdef extra`);
  assertUnauthorized(r1, 'token plus trailing text');
  assert.is(authEvent(r1).failure, 'invalid bearer token (bootstrap-token: No secret of name bootstrap-token-abcdef to match bootstrap bearer token)');
  // lower-case scheme is still bearer
  assertUnauthorized(await whoami('bearer abcdef.0123456789abcdef'), 'lower-case bearer');
  // No credential at all, "Bearer" with nothing, "Bearer  x" (double space: empty token), Basic: not a bearer token → anonymous (then authorization decides).
  for (const header of [undefined, 'Bearer', 'Bearer ', '  Bearer  ', 'Bearer  abcdef.0123456789abcdef', 'Basic Zm9vOmJhcg==', 'abcdef.0123456789abcdef']) {
    const r = await whoami(header);
    const e = authEvent(r);
    assert.is(e.user, 'system:anonymous', `${JSON.stringify(header)} is no credential`);
    assert.equal(e.groups, ['system:unauthenticated']);
    assert.is.not(r.status, 401);
  }
});

test('a valid token with a client certificate from another CA: the x509 error is noted, the token wins', async () => {
  const c: AuthenticatorCase = { name: 'token and foreign cert', token: `${tokenId}.${tokenSecret}`, secrets: [valid] };
  await createSecrets(c);
  try {
    const foreign = await foreignIdentity('mallory', t.clock.now());
    const r = await t.request('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { identity: foreign, body: review, headers: { authorization: `Bearer ${c.token}` } });
    assert.is(r.status, 201, r.text);
    assert.is(r.json.status.userInfo.username, 'system:bootstrap:foobar');
    // and with the admin certificate, x509 runs first and wins over the token
    const admin = await t.request('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { body: review, headers: { authorization: `Bearer ${c.token}` } });
    assert.is(admin.json.status.userInfo.username, 'kubernetes-admin');
  } finally {
    await removeSecrets(c);
  }
});

test('real kubectl: auth whoami with a bootstrap token (--token, no client certificate); a bad token is "Unauthorized"', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tlsboot-bootstrap-kubectl-'));
  const c: AuthenticatorCase = { name: 'kubectl', token: `${tokenId}.${tokenSecret}`, secrets: [{ ...valid, data: { ...valid.data, 'auth-extra-groups': 'system:bootstrappers:kubeadm:default-node-token' } }] };
  await createSecrets(c);
  try {
    await writeFile(join(dir, 'ca.crt'), t.server.caPem);
    const kubectl = (token: string) =>
      new Promise<{ code: number; stdout: string; stderr: string; missing: boolean }>((resolve) => {
        const args = ['--kubeconfig=/dev/null', `--server=${t.server.url}`, `--certificate-authority=${join(dir, 'ca.crt')}`, `--token=${token}`, 'auth', 'whoami', '-o', 'json'];
        execFile('kubectl', args, { timeout: 30_000, env: { ...process.env, KUBECACHEDIR: join(dir, 'cache'), HOME: dir } }, (err, stdout, stderr) => {
          resolve({ code: err ? 1 : 0, stdout, stderr, missing: (err as NodeJS.ErrnoException | null)?.code === 'ENOENT' });
        });
      });
    const ok = await kubectl(c.token);
    if (ok.missing) {
      console.log('skip: kubectl is not installed; the kubectl auth whoami check of the bootstrap-token authenticator did not run');
      return;
    }
    assert.is(ok.code, 0, ok.stderr);
    assert.equal(JSON.parse(ok.stdout).status.userInfo, {
      username: 'system:bootstrap:foobar',
      groups: ['system:bootstrappers', 'system:bootstrappers:kubeadm:default-node-token', 'system:authenticated'],
    });
    const bad = await kubectl(`${tokenId}.wrongwrongwrong0`);
    assert.is(bad.code, 1);
    assert.match(bad.stderr, 'error: You must be logged in to the server (Unauthorized)');
  } finally {
    await removeSecrets(c);
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
