// The bootstrap-token authenticator as a unit: TestTokenAuthenticator
// (plugin/pkg/auth/authenticator/token/bootstrap/bootstrap_test.go) case by case, the checks the
// table misses, lister errors, the clock, and constant-time comparison.
import { newInternalError, newNotFound } from '@tlsboot/api';
import type { Secret } from '@tlsboot/api';
import { VirtualClock } from '@tlsboot/util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bootstrapTokenAuthenticator, constantTimeEqual } from './bootstrap.js';
import { allCases, extraCases, secretName, tokenId, tokenSecret, upstreamCases, wireSecret } from './bootstrap-test-table.js';
import type { AuthenticatorCase } from './bootstrap-test-table.js';

const clock = new VirtualClock({ start: new Date('2024-06-01T00:00:00Z') });

/** A lister over fixed Secrets in kube-system, as bootstrap_test.go's fake lister. */
function lister(c: AuthenticatorCase) {
  const secrets = c.secrets.map((s) => wireSecret(s, clock.now().toISOString()) as unknown as Secret);
  const asked: string[] = [];
  return {
    asked,
    getSecret: async (namespace: string, name: string) => {
      asked.push(`${namespace}/${name}`);
      return secrets.find((s) => s.metadata.namespace === namespace && s.metadata.name === name);
    },
  };
}

async function run(c: AuthenticatorCase): Promise<void> {
  const l = lister(c);
  const result = await bootstrapTokenAuthenticator({ getSecret: l.getSecret, clock }).authenticateToken(c.token);
  if (c.wantUser) {
    assert.equal(result, { kind: 'authenticated', authenticator: 'bootstrap-token', user: c.wantUser }, c.name);
  } else if (c.wantSilent) {
    assert.equal(result, { kind: 'not-mine' }, c.name);
    assert.equal(l.asked, [], `${c.name}: a token of the wrong form never reaches the lister`);
  } else {
    assert.equal(result, { kind: 'not-mine', reason: c.wantReason }, c.name);
  }
}

for (const c of upstreamCases) test(`bootstrap_test.go TestTokenAuthenticator: ${c.name}`, () => run(c));
for (const c of extraCases) test(`bootstrap.go AuthenticateToken: ${c.name}`, () => run(c));

test('the Secret is looked up by name in kube-system only', async () => {
  const c = allCases[0]!;
  const l = lister(c);
  await bootstrapTokenAuthenticator({ getSecret: l.getSecret, clock }).authenticateToken(c.token);
  assert.equal(l.asked, [`kube-system/${secretName}`]);
  const elsewhere = { ...c, secrets: [] };
  const other = lister(elsewhere);
  const inDefault = wireSecret(c.secrets[0]!) as unknown as Secret;
  inDefault.metadata.namespace = 'default';
  const r = await bootstrapTokenAuthenticator({ getSecret: async (ns, name) => (ns === 'default' && name === secretName ? inDefault : other.getSecret(ns, name)), clock }).authenticateToken(c.token);
  assert.equal(r, { kind: 'not-mine', reason: `No secret of name ${secretName} to match bootstrap bearer token` });
});

test('a NotFound StatusError from the lister is "no secret"; any other failure is an error', async () => {
  const token = `${tokenId}.${tokenSecret}`;
  const notFound = bootstrapTokenAuthenticator({ getSecret: () => Promise.reject(newNotFound({ group: '', resource: 'secrets' }, secretName)), clock });
  assert.equal(await notFound.authenticateToken(token), { kind: 'not-mine', reason: `No secret of name ${secretName} to match bootstrap bearer token` });
  const broken = bootstrapTokenAuthenticator({ getSecret: () => Promise.reject(newInternalError(new Error('etcd is down'))), clock });
  assert.equal(await broken.authenticateToken(token), { kind: 'error', authenticator: 'bootstrap-token', error: 'Internal error occurred: etcd is down' });
});

test('expiration follows the clock: valid until the exact instant, refused from then on', async () => {
  const moving = new VirtualClock({ start: new Date('2030-01-01T00:00:00Z') });
  const secret = wireSecret({ name: secretName, data: { 'token-id': tokenId, 'token-secret': tokenSecret, 'usage-bootstrap-authentication': 'true', expiration: '2030-01-01T00:00:10Z' } }) as unknown as Secret;
  const a = bootstrapTokenAuthenticator({ getSecret: async () => secret, clock: moving });
  const token = `${tokenId}.${tokenSecret}`;
  assert.is((await a.authenticateToken(token)).kind, 'authenticated');
  await moving.advance(9_999);
  assert.is((await a.authenticateToken(token)).kind, 'authenticated');
  await moving.advance(1);
  assert.equal(await a.authenticateToken(token), { kind: 'not-mine', reason: 'Expired bootstrap token in kube-system/bootstrap-token-foobar Secret: 2030-01-01T00:00:10Z' });
});

test('subtle.ConstantTimeCompare semantics: different lengths are unequal without throwing', () => {
  assert.ok(constantTimeEqual('circumnavigation', 'circumnavigation'));
  assert.not.ok(constantTimeEqual('circumnavigation', 'circumnavigatioN'));
  assert.not.ok(constantTimeEqual('short', 'circumnavigation'));
  assert.not.ok(constantTimeEqual('', 'x'));
  assert.ok(constantTimeEqual('', ''));
});

test.run();
