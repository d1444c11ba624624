// The authentication chain: x509 (TestX509 cases of k8s.io/apiserver/pkg/authentication/request/x509/x509_test.go,
// restated), bearer tokens, the unions, anonymous and the system:authenticated group adder
// (reference/k8s-authn-authz.md §2–3).
import { createHash } from 'node:crypto';
import { createCertificateAuthority } from '@tlsboot/pki';
import type { Certificate } from '@tlsboot/pki';
import { VirtualClock } from '@tlsboot/util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { issueCertificate } from '../server/certificates.js';
import { anonymousAuthenticator } from './anonymous.js';
import { bearerTokenAuthenticator, bearerTokenOf } from './bearer-token.js';
import { newAuthenticator } from './config.js';
import { authenticatedGroupAdder, withAuthenticatedGroup } from './group-adder.js';
import type { AuthenticationResult, Authenticator, TokenAuthenticator } from './interfaces.js';
import { failOnErrorUnion, unionAuthenticator } from './union.js';
import { x509Authenticator } from './x509.js';

const start = new Date('2024-01-01T00:00:00Z');
const clock = new VirtualClock({ start });
let ca: Awaited<ReturnType<typeof createCertificateAuthority>>;
let client: Certificate;
let serverOnly: Certificate;
let noCN: Certificate;
let foreign: Certificate;

test.before(async () => {
  ca = await createCertificateAuthority({ subject: { commonName: 'kubernetes' }, now: start });
  const issue = async (commonName: string, usages: string[], organizations?: string[]) =>
    (await issueCertificate(ca, start, { commonName, usages, ttlMs: 3_600_000, ...(organizations ? { organizations } : {}) })).certificate;
  client = await issue('system:node:n1', ['digital signature', 'client auth'], ['system:nodes', 'extra-org']);
  serverOnly = await issue('127.0.0.1', ['digital signature', 'server auth'], ['My Org']);
  noCN = await issue('', ['client auth']);
  const other = await createCertificateAuthority({ subject: { commonName: 'other' }, now: start });
  foreign = (await issueCertificate(other, start, { commonName: 'mallory', usages: ['client auth'] })).certificate;
});

const req = (peerCertificates: Certificate[], headers: Record<string, string> = {}) => ({ headers, peerCertificates });

test('x509 (x509.go CommonNameUserConversion): CN is the user, each O a group in order, the credential id the SHA-256 of the DER', async () => {
  const a = x509Authenticator({ clientCAs: [ca.certificate], clock });
  const id = `X509SHA256=${createHash('sha256').update(client.der).digest('hex')}`;
  const expected = { kind: 'authenticated', authenticator: 'x509', user: { name: 'system:node:n1', groups: ['system:nodes', 'extra-org'], extra: { 'authentication.kubernetes.io/credential-id': [id] } } };
  assert.equal(await a.authenticate(req([client])), expected);
  assert.equal(await a.authenticate(req([client])), expected, 'the same once the verification is remembered');
});

test('x509: no certificate, an empty CA bundle or an empty CN is not mine', async () => {
  assert.is((await x509Authenticator({ clientCAs: [ca.certificate], clock }).authenticate(req([]))).kind, 'not-mine');
  assert.is((await x509Authenticator({ clientCAs: [], clock }).authenticate(req([client]))).kind, 'not-mine');
  assert.is((await x509Authenticator({ clientCAs: [ca.certificate], clock }).authenticate(req([noCN]))).kind, 'not-mine');
});

test('x509: unknown issuer, server-only usage, expired and not-yet-valid at the clock are errors', async () => {
  const a = x509Authenticator({ clientCAs: [ca.certificate], clock });
  const err = async (c: Certificate) => {
    const r = await a.authenticate(req([c]));
    assert.is(r.kind, 'error');
    return (r as { error: string }).error;
  };
  assert.match(await err(foreign), /^verifying certificate SN=\d+, SKID=, AKID=[0-9A-F:]+ failed: x509: certificate signed by unknown authority/);
  assert.match(await err(serverOnly), /x509: certificate specifies an incompatible key usage/);
  const later = new VirtualClock({ start: start.getTime() + 2 * 3_600_000 });
  const r = await x509Authenticator({ clientCAs: () => [ca.certificate], clock: later }).authenticate(req([client]));
  assert.match((r as { error: string }).error, /certificate has expired or is not yet valid: current time .* is after/);
  const earlier = new VirtualClock({ start: start.getTime() - 3_600_000 });
  const r2 = await x509Authenticator({ clientCAs: [ca.certificate], clock: earlier }).authenticate(req([client]));
  assert.match((r2 as { error: string }).error, /is before/);
});

test('x509: a remembered verification still expires with the clock', async () => {
  const moving = new VirtualClock({ start });
  const a = x509Authenticator({ clientCAs: [ca.certificate], clock: moving });
  assert.is((await a.authenticate(req([client]))).kind, 'authenticated');
  assert.is((await a.authenticate(req([client]))).kind, 'authenticated');
  await moving.advance(2 * 3_600_000);
  assert.is((await a.authenticate(req([client]))).kind, 'error');
});

test('bearer header parsing: only a non-empty bearer token counts', () => {
  assert.is(bearerTokenOf('Bearer abc'), 'abc');
  assert.is(bearerTokenOf('bearer abc'), 'abc');
  assert.is(bearerTokenOf('  Bearer abc  '), 'abc');
  assert.is(bearerTokenOf('Bearer '), undefined);
  assert.is(bearerTokenOf('Basic abc'), undefined);
  assert.is(bearerTokenOf(undefined), undefined);
});

test('bearer tokens: no header is not mine; a token nobody accepts is "invalid bearer token"', async () => {
  const known: TokenAuthenticator = {
    name: 'static',
    authenticateToken: async (token) => (token === 'good' ? { kind: 'authenticated', authenticator: 'static', user: { name: 'bob', groups: [] } } : { kind: 'not-mine' }),
  };
  const a = bearerTokenAuthenticator([known]);
  assert.is((await a.authenticate(req([]))).kind, 'not-mine');
  assert.equal(await a.authenticate(req([], { authorization: 'Bearer bad' })), { kind: 'error', authenticator: 'bearer-token', error: 'invalid bearer token' });
  assert.is(((await a.authenticate(req([], { authorization: 'Bearer good' }))) as { user: { name: string } }).user.name, 'bob');
});

test('union: first success wins; errors are collected; fail-on-error stops at an error', async () => {
  const fixed = (r: AuthenticationResult): Authenticator => ({ name: 'fixed', authenticate: async () => r });
  const err: AuthenticationResult = { kind: 'error', error: 'boom', authenticator: 'a' };
  const ok: AuthenticationResult = { kind: 'authenticated', authenticator: 'b', user: { name: 'u', groups: [] } };
  assert.equal(await unionAuthenticator([fixed(err), fixed(ok)]).authenticate(req([])), ok);
  assert.is((await unionAuthenticator([fixed(err), fixed({ kind: 'not-mine' })]).authenticate(req([]))).kind, 'error');
  assert.is((await unionAuthenticator([fixed({ kind: 'not-mine' })]).authenticate(req([]))).kind, 'not-mine');
  assert.is((await failOnErrorUnion([fixed(err), anonymousAuthenticator()]).authenticate(req([]))).kind, 'error');
  assert.is((await failOnErrorUnion([fixed({ kind: 'not-mine' }), anonymousAuthenticator()]).authenticate(req([]))).kind, 'authenticated');
});

test('group adder: system:authenticated appended, never for anonymous or twice', async () => {
  assert.equal(withAuthenticatedGroup({ name: 'u', groups: ['g'] }).groups, ['g', 'system:authenticated']);
  assert.equal(withAuthenticatedGroup({ name: 'system:anonymous', groups: ['system:unauthenticated'] }).groups, ['system:unauthenticated']);
  assert.equal(withAuthenticatedGroup({ name: 'u', groups: ['system:authenticated', 'g'] }).groups, ['system:authenticated', 'g']);
  const wrapped = authenticatedGroupAdder(anonymousAuthenticator());
  assert.equal(((await wrapped.authenticate(req([]))) as { user: { groups: string[] } }).user.groups, ['system:unauthenticated']);
});

test('the assembled chain: the outcome table of reference §3.6', async () => {
  const chain = newAuthenticator({ clock, clientCAs: [ca.certificate] });
  const who = async (certs: Certificate[], headers: Record<string, string> = {}) => {
    const r = await chain.authenticate(req(certs, headers));
    return r.kind === 'authenticated' ? `${r.authenticator}:${r.user.name}:${r.user.groups.join(',')}` : r.kind;
  };
  assert.is(await who([]), 'anonymous:system:anonymous:system:unauthenticated');
  assert.is(await who([client]), 'x509:system:node:n1:system:nodes,extra-org,system:authenticated');
  assert.is(await who([], { authorization: 'Bearer unknown' }), 'error');
  assert.is(await who([], { authorization: 'Bearer ' }), 'anonymous:system:anonymous:system:unauthenticated');
  assert.is(await who([foreign]), 'error');
  assert.is(await who([client], { authorization: 'Bearer unknown' }), 'x509:system:node:n1:system:nodes,extra-org,system:authenticated');
  assert.is(await who([noCN]), 'anonymous:system:anonymous:system:unauthenticated');
  const noAnonymous = newAuthenticator({ clock, clientCAs: [ca.certificate], anonymousAuth: false });
  assert.is((await noAnonymous.authenticate(req([]))).kind, 'not-mine');
});

test.run();
