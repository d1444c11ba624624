// `tlsboot token create/list/delete` end to end against a control plane from startControlPlane
// (cmd/kubeadm/app/cmd/token.go RunCreateToken / RunListTokens / RunDeleteTokens), with the
// bootstrap-token authenticator (plugin/pkg/auth/authenticator/token/bootstrap) wired in: a
// created token authenticates over HTTPS as system:bootstrap:<id>; list shows it as kubeadm does;
// a deleted token is refused.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RestClient, restClientFromKubeconfig, secrets } from '@tlsboot/client';
import { isUnauthorized, parseRFC3339 } from '@tlsboot/api';
import type { Secret } from '@tlsboot/api';
import { SeededRandom, isTlsbootError, realClock } from '@tlsboot/util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startControlPlane } from '../control-plane/start-control-plane.js';
import type { ControlPlane } from '../control-plane/start-control-plane.js';
import { createToken } from './create-token.js';
import { deleteTokens } from './delete-tokens.js';
import { listTokens } from './list-tokens.js';
import { formatTokenList } from './token-list-printer.js';

const base = await mkdtemp(join(tmpdir(), 'tlsboot-token-'));
const workdir = join(base, 'cluster');
let cp: ControlPlane;

test.before(async () => {
  cp = await startControlPlane({ workdir, clock: realClock });
});
test.after(async () => {
  await cp.stop();
  await rm(base, { recursive: true, force: true });
});

/** POST selfsubjectreviews with the token and no client certificate: the user the apiserver sees. */
async function whoami(token: string): Promise<{ username: string; groups: string[] }> {
  const client = new RestClient({ server: cp.url, ca: cp.apiserver.caPem, token, component: 'token-test' });
  try {
    const review = await client.create<{ status: { userInfo: { username: string; groups: string[] } } }>('/apis/authentication.k8s.io/v1/selfsubjectreviews', {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'SelfSubjectReview',
    });
    return review.status.userInfo;
  } finally {
    await client.close();
  }
}

async function storedSecret(id: string): Promise<Secret> {
  return (await cp.apiserver.registry.store('', 'secrets').get('kube-system', `bootstrap-token-${id}`)) as Secret;
}
/** uvu has no async throws: the promise must reject, and `check` accept the error. */
async function rejects(promise: Promise<unknown>, check: RegExp | ((err: unknown) => boolean)): Promise<void> {
  let error: unknown;
  try {
    await promise;
  } catch (err) {
    error = err;
  }
  assert.ok(error !== undefined, 'expected a rejection');
  if (check instanceof RegExp) assert.match(String(error), check);
  else assert.ok(check(error), String(error));
}
const decoded = (s: Secret): Record<string, string> => Object.fromEntries(Object.entries(s.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]));

test('create with the defaults: a new token, its Secret as kubeadm writes it, and it authenticates', async () => {
  const now = new Date();
  const token = await createToken({ workdir, now: () => now });
  assert.match(token, /^[a-z0-9]{6}\.[a-z0-9]{16}$/);
  const [id, secret] = token.split('.') as [string, string];
  const stored = await storedSecret(id);
  assert.is(stored.type, 'bootstrap.kubernetes.io/token');
  assert.equal(decoded(stored), {
    'auth-extra-groups': 'system:bootstrappers:kubeadm:default-node-token',
    expiration: new Date(Math.floor(now.getTime() / 1000) * 1000 + 24 * 3_600_000).toISOString().replace('.000Z', 'Z'),
    'token-id': id,
    'token-secret': secret,
    'usage-bootstrap-authentication': 'true',
    'usage-bootstrap-signing': 'true',
  });
  assert.equal(await whoami(token), {
    username: `system:bootstrap:${id}`,
    groups: ['system:bootstrappers', 'system:bootstrappers:kubeadm:default-node-token', 'system:authenticated'],
  });
  await deleteTokens({ workdir, tokens: [id] });
});

test('create with a given token, --ttl 0, groups, usages and a description; list shows it; delete revokes it', async () => {
  const token = 'abcdef.0123456789abcdef';
  assert.is(
    await createToken({ workdir, token, ttlMs: 0, groups: ['system:bootstrappers:worker', 'system:bootstrappers:rack-1'], usages: ['authentication'], description: 'node join' }),
    token,
  );
  assert.equal(decoded(await storedSecret('abcdef')), {
    'auth-extra-groups': 'system:bootstrappers:worker,system:bootstrappers:rack-1',
    description: 'node join',
    'token-id': 'abcdef',
    'token-secret': '0123456789abcdef',
    'usage-bootstrap-authentication': 'true',
  });
  assert.equal((await whoami(token)).groups, ['system:bootstrappers', 'system:bootstrappers:rack-1', 'system:bootstrappers:worker', 'system:authenticated'], 'sorted by the authenticator');

  const listed = await listTokens({ workdir });
  assert.equal(listed.errors, []);
  assert.equal(listed.tokens, [{ token: { id: 'abcdef', secret: '0123456789abcdef' }, description: 'node join', usages: ['authentication'], groups: ['system:bootstrappers:worker', 'system:bootstrappers:rack-1'] }]);
  assert.is(
    formatTokenList(listed.tokens, new Date()),
    'TOKEN                     TTL         EXPIRES   USAGES                   DESCRIPTION                                                EXTRA GROUPS\n' +
      `abcdef.0123456789abcdef   <forever>   <never>   authentication           ${'node join'.padEnd(56)}   system:bootstrappers:worker,system:bootstrappers:rack-1\n`,
  );

  await rejects(createToken({ workdir, token }), (err: unknown) => isTlsbootError(err, 'EXISTS') && (err as Error).message === 'a token with id "abcdef" already exists');

  assert.equal(await deleteTokens({ workdir, tokens: [token] }), ['bootstrap token "abcdef" deleted'], 'a whole token names its id');
  try {
    await whoami(token);
    assert.unreachable();
  } catch (err) {
    assert.ok(isUnauthorized(err), String(err));
  }
  assert.equal(await listTokens({ workdir }), { tokens: [], errors: [] });
});

test('a signing-only token does not authenticate (usage-bootstrap-authentication is not set)', async () => {
  const token = 'signer.0123456789abcdef';
  await createToken({ workdir, token, usages: ['signing'], groups: [] });
  await rejects(whoami(token), (err: unknown) => isUnauthorized(err));
  await deleteTokens({ workdir, tokens: ['signer'] });
});

test('list: expirations and TTLs from the clock; a Secret kubeadm cannot read is reported, not listed', async () => {
  const now = new Date('2030-06-01T00:00:00Z');
  await createToken({ workdir, token: 'aaaaaa.0123456789abcdef', ttlMs: 90 * 60_000, now: () => now, random: new SeededRandom(1) });
  const admin = await restClientFromKubeconfig(cp.kubeconfigPath);
  await secrets<Secret>(admin, 'kube-system').create({
    metadata: { name: 'bootstrap-token-zzzzzz' },
    type: 'bootstrap.kubernetes.io/token',
    data: { 'token-id': Buffer.from('zzzzzz').toString('base64') },
  });
  await admin.close();
  const listed = await listTokens({ workdir });
  assert.equal(listed.errors, ['bootstrap Token Secret has no token-secret data: bootstrap-token-zzzzzz']);
  assert.equal(listed.tokens.map((t) => t.token.id), ['aaaaaa']);
  assert.equal(listed.tokens[0]!.expires, parseRFC3339('2030-06-01T01:30:00Z'));
  assert.match(formatTokenList(listed.tokens, new Date('2030-06-01T00:00:00Z')), /\naaaaaa\.0123456789abcdef   1h          2030-06-01T01:30:00Z   authentication,signing   <none> {53}system:bootstrappers:kubeadm:default-node-token\n$/);
  assert.equal(await deleteTokens({ workdir, tokens: ['aaaaaa', 'zzzzzz'] }), ['bootstrap token "aaaaaa" deleted', 'bootstrap token "zzzzzz" deleted']);
});

test('kubeadm errors: a bad token argument, bad usages or groups, an unknown id to delete, no arguments', async () => {
  await rejects(createToken({ workdir, token: 'ABCDEF.0123456789abcdef' }), /^TokenError: the bootstrap token "ABCDEF.0123456789abcdef" was not of the form/);
  await rejects(
    createToken({ workdir, usages: ['authentication', 'magic'] }),
    (e: unknown) =>
      (e as Error).message ===
      'bootstrapTokens.0.usages: Invalid value: []string{"authentication", "magic"}: invalid bootstrap token usage string: magic, valid usage options: signing,authentication',
  );
  await rejects(
    createToken({ workdir, usages: ['signing', 'magic'] }),
    (e: unknown) =>
      (e as Error).message ===
      '[bootstrapTokens.0.usages: Invalid value: []string{"signing", "magic"}: invalid bootstrap token usage string: magic, valid usage options: signing,authentication, ' +
        'bootstrapTokens.0.groups: Invalid value: []string{"system:bootstrappers:kubeadm:default-node-token"}: token groups cannot be specified unless --usages includes "authentication"]',
  );
  await rejects(createToken({ workdir, groups: ['system:nodes'] }), (e: unknown) => isTlsbootError(e, 'INVALID_ARGUMENT') && (e as Error).message.includes('bootstrap group "system:nodes" is invalid'));
  await rejects(deleteTokens({ workdir, tokens: ['nope00'] }), (e: unknown) => (e as Error).message === 'failed to delete bootstrap token "nope00": secrets "bootstrap-token-nope00" not found');
  await rejects(deleteTokens({ workdir, tokens: ['not a token'] }), (e: unknown) => (e as Error).message.startsWith(`given token didn't match pattern "\\\\A([a-z0-9]{6})`));
  await rejects(deleteTokens({ workdir, tokens: [] }), (e: unknown) => (e as Error).message.startsWith("missing argument; 'token delete' is missing token of form"));
});

test('no control plane in the work directory: the kubeconfig error and what to do', async () => {
  const elsewhere = join(base, 'nothing-here');
  await rejects(listTokens({ workdir: elsewhere }), (e: unknown) => {
    const m = (e as Error).message;
    return isTlsbootError(e, 'KUBECONFIG') && m.startsWith(`failed to load admin kubeconfig: error loading config file "${elsewhere}/admin.kubeconfig"`) && m.endsWith(`start a control plane first: tlsboot up --workdir ${elsewhere}`);
  });
});

test('a control plane that is not running: kubeadm\'s wrapping, the connection error, and what to do', async () => {
  const stopped = join(base, 'stopped');
  const other = await startControlPlane({ workdir: stopped, clock: realClock });
  await other.stop();
  await rejects(createToken({ workdir: stopped, token: 'abcdef.0123456789abcdef' }), (e: unknown) => {
    const m = (e as Error).message;
    return (
      isTlsbootError(e, 'API') &&
      m.startsWith(`failed to create or update bootstrap token with name bootstrap-token-abcdef: unable to create Secret: Post "${other.url}/api/v1/namespaces/kube-system/secrets": dial tcp 127.0.0.1:${other.port}: connect: connection refused`) &&
      m.endsWith(` (is "tlsboot up --workdir ${stopped}" running?)`)
    );
  });
  await rejects(listTokens({ workdir: stopped }), (e: unknown) => isTlsbootError(e, 'API') && (e as Error).message.startsWith('failed to list bootstrap tokens: Get "'));
});

test.run();
