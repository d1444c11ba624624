// The real kubectl (v1.32) `auth` commands against a live tlsboot apiserver with its defaults
// (--authorization-mode=Node,RBAC over the kubeadm policy, bootstrap tokens on):
// staging/src/k8s.io/kubectl/pkg/cmd/auth/cani.go and whoami.go on the client; on the server
// pkg/registry/authorization/*/rest.go, filters/impersonation.go, the authenticators
// (plugin/pkg/auth/authenticator/token/bootstrap/bootstrap.go, pkg/serviceaccount/jwt.go, x509)
// and the authorizers (plugin/pkg/auth/authorizer/node/node_authorizer.go, rbac/rbac.go).
// `auth can-i` (a protobuf SelfSubjectAccessReview; "yes"/"no" and the exit code), `auth can-i
// --list` (a SelfSubjectRulesReview printed as a table), `--as`/`--as-group` (impersonation
// headers), and `auth whoami`, for every identity the issue names: a client certificate, a
// bootstrap token, a service-account token and a node certificate. One kubeconfig per identity,
// so adding one is one line. Skips (with a `skip:` line) when kubectl is absent.
import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapTokenToSecret, newBootstrapTokenString } from '@tlsboot/api';
import { MemoryTraceSink, startApiServer } from '@tlsboot/kube-apiserver';
import type { ApiServer, BootstrapPolicyPreset, RequestAuthenticatedEvent, RequestImpersonatedEvent } from '@tlsboot/kube-apiserver';
import { realClock } from '@tlsboot/util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hasKubectl, kubectlEnv, runKubectl, writeCertKubeconfig, writeTestKubeconfig } from './support/kubectl.js';
import type { KubeconfigCredentials, KubectlRun } from './support/kubectl.js';

/** A live apiserver with one default policy preset. */
interface Cluster {
  preset: BootstrapPolicyPreset;
  server: ApiServer;
  trace: MemoryTraceSink;
}

/** A kubeconfig of its own for one client identity on one cluster. */
interface Identity {
  name: string;
  kubeconfig: string;
  /** The client certificate, for certificate identities. */
  certPem?: string;
}

let dir: string;
const clusters: Partial<Record<BootstrapPolicyPreset, Cluster>> = {};
const identities: Record<string, Identity> = {};

/** kubeadm's default node-joining token: `kubeadm token create` writes exactly this Secret. */
const bootstrapToken = {
  token: newBootstrapTokenString('abcdef.0123456789abcdef'),
  description: 'kubectl-auth test token',
  usages: ['authentication', 'signing'],
  groups: ['system:bootstrappers:kubeadm:default-node-token'],
  ttlMs: 24 * 3600_000,
};

const kubeconfigFile = (c: Cluster, name: string, namespace?: string) => ({ dir, file: `${c.preset}-${name}`, server: c.server, user: name, cluster: c.preset, ...(namespace ? { namespace } : {}) });

async function writeIdentity(c: Cluster, name: string, credentials: KubeconfigCredentials, namespace?: string): Promise<Identity> {
  return { name: `${c.preset}-${name}`, kubeconfig: await writeTestKubeconfig(kubeconfigFile(c, name, namespace), credentials) };
}

/** A client certificate from the cluster CA (CN = user, O = groups). */
async function certIdentity(c: Cluster, name: string, commonName: string, organizations: string[] = []): Promise<Identity> {
  const { kubeconfig, certPem } = await writeCertKubeconfig(kubeconfigFile(c, name), commonName, organizations);
  return { name: `${c.preset}-${name}`, kubeconfig, certPem };
}

/** x509.go CommonNameUserConversion's credential id: `X509SHA256=<lowercase hex SHA-256 of the leaf's DER>`. */
const credentialId = (who: Identity): string => `X509SHA256=${new X509Certificate(who.certPem!).fingerprint256.replaceAll(':', '').toLowerCase()}`;

/** whoami.go's table: a tabwriter with 3 spaces of padding after the widest attribute. */
function whoamiTable(rows: [string, string][]): string {
  const all: [string, string][] = [['ATTRIBUTE', 'VALUE'], ...rows];
  const width = Math.max(...all.map(([k]) => k.length)) + 3;
  return all.map(([k, v]) => `${k.padEnd(width)}${v}\n`).join('');
}

function kubectl(who: Identity, ...args: string[]): Promise<KubectlRun> {
  return runKubectl(kubectlEnv(dir, who.kubeconfig, join('cache', who.name)), args);
}

/** kubectl must succeed; its stdout. */
async function ok(who: Identity, ...args: string[]): Promise<string> {
  const r = await kubectl(who, ...args);
  assert.is(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/**
 * A manifest file for `kubectl create|apply -f`: a stream of JSON objects, one a line (a `kind:
 * List` would make kubectl validate against /openapi/v2, which is not served here).
 */
async function manifest(name: string, objects: object[]): Promise<string> {
  const file = join(dir, `${name}.json`);
  await writeFile(file, objects.map((o) => JSON.stringify(o)).join('\n'));
  return file;
}

async function startCluster(preset: BootstrapPolicyPreset): Promise<Cluster> {
  const trace = new MemoryTraceSink();
  // kubectl checks the serving certificate against the wall clock: run on the real clock
  const server = await startApiServer({ clock: realClock, trace, policy: preset });
  const c: Cluster = { preset, server, trace };
  clusters[preset] = c;
  const admin = (identities[`${preset}-admin`] = await certIdentity(c, 'admin', 'kubernetes-admin', ['system:masters']));
  // the bootstrap token's Secret, created by the admin as `kubeadm token create` does
  await ok(admin, 'create', '-f', await manifest(`${preset}-bootstrap-token`, [bootstrapTokenToSecret(bootstrapToken, realClock.now())]));
  identities[`${preset}-bootstrap`] = await writeIdentity(c, 'bootstrap', { token: 'abcdef.0123456789abcdef' });
  return c;
}

test.before(async () => {
  if (!hasKubectl) return;
  // uvu does not print the error of a failing hook: say it here
  await setUp().catch((err: unknown) => {
    console.error('kubectl-auth: set-up failed:', err);
    throw err;
  });
});

async function setUp(): Promise<void> {
  dir = await mkdtemp(join(tmpdir(), 'tlsboot-kubectl-auth-'));
  const c = await startCluster('kubeadm');
  await startCluster('upstream');
  const admin = identities['kubeadm-admin']!;
  identities['alice'] = await certIdentity(c, 'alice', 'alice', ['devs']);
  identities['static'] = await writeIdentity(c, 'static', { token: 'not-a-known-token' });
  identities['node-n1'] = await certIdentity(c, 'node-n1', 'system:node:n1', ['system:nodes']);
  // alice reads pods in `default` through a Role and a RoleBinding, as an admin would grant it
  await ok(
    admin,
    'apply',
    '-f',
    await manifest('alice-pods', [
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: 'pod-reader', namespace: 'default' },
        rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }],
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'alice-reads-pods', namespace: 'default' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice' }],
      },
    ]),
  );
  // a ServiceAccount and a TokenRequest token for it (`kubectl create token`)
  await ok(admin, 'create', 'namespace', 'ci');
  await ok(admin, 'create', 'serviceaccount', 'robot', '-n', 'ci');
  const token = (await ok(admin, 'create', 'token', 'robot', '-n', 'ci')).trim();
  identities['robot'] = await writeIdentity(c, 'robot', { token }, 'ci');
}

test.after(async () => {
  if (!hasKubectl) return;
  for (const c of Object.values(clusters)) await c.server.close();
  await rm(dir, { recursive: true, force: true });
});

const id = (name: string): Identity => identities[name]!;

/** Which authenticator identified the last request of `user`. */
function authenticatorOf(c: Cluster, user: string): string | undefined {
  const events = c.trace.events.filter((e): e is RequestAuthenticatedEvent => e.type === 'request.authenticated' && e.user === user);
  return events.at(-1)?.authenticator;
}

/** The rows every authenticated user gets from system:basic-user, system:discovery and system:public-info-viewer, as cani.go sorts them. */
const publicRules = {
  resources: [
    'selfsubjectreviews.authentication.k8s.io [] [] [create]',
    'selfsubjectaccessreviews.authorization.k8s.io [] [] [create]',
    'selfsubjectrulesreviews.authorization.k8s.io [] [] [create]',
  ],
  // discovery and public-info-viewer both grant /healthz, /livez, /readyz and /version: kubectl prints each rule once per ClusterRole
  nonResource: [
    '[/api/*]', '[/api]', '[/apis/*]', '[/apis]', '[/healthz]', '[/healthz]', '[/livez]', '[/livez]', '[/openapi/*]', '[/openapi]', '[/readyz]', '[/readyz]',
    '[/version/]', '[/version/]', '[/version]', '[/version]',
  ],
};

/** `can-i --list` rows with each run of padding squeezed to one space (the widths follow the widest name). */
const rows = (stdout: string): string[] => stdout.split('\n').filter((l) => l !== '').map((l) => l.replace(/\s+/g, ' ').trim());

if (!hasKubectl) {
  console.log('skip: kubectl-auth: `kubectl` is not installed');
} else {
  test('cani.go: `kubectl auth can-i create secrets` — yes for system:masters (exit 0), no for alice (exit 1)', async () => {
    assert.equal(await kubectl(id('kubeadm-admin'), 'auth', 'can-i', 'create', 'secrets'), { code: 0, stdout: 'yes\n', stderr: '' });
    assert.equal(await kubectl(id('alice'), 'auth', 'can-i', 'create', 'secrets'), { code: 1, stdout: 'no\n', stderr: '' });
    assert.equal(await kubectl(id('alice'), 'auth', 'can-i', 'list', 'pods', '-n', 'default'), { code: 0, stdout: 'yes\n', stderr: '' });
    assert.equal(await kubectl(id('alice'), 'auth', 'can-i', 'list', 'pods', '-n', 'kube-system'), { code: 1, stdout: 'no\n', stderr: '' });
    // a non-resource URL: system:discovery
    assert.equal(await kubectl(id('alice'), 'auth', 'can-i', 'get', '/api'), { code: 0, stdout: 'yes\n', stderr: '' });
    assert.is(authenticatorOf(clusters.kubeadm!, 'alice'), 'x509');
  });

  test('cani.go: `kubectl auth can-i --list` prints the SelfSubjectRulesReview: the Role, then the default policy every user gets', async () => {
    const r = await kubectl(id('alice'), 'auth', 'can-i', '--list');
    assert.is(r.code, 0);
    assert.is(r.stdout.split('\n')[0], 'Resources                                       Non-Resource URLs   Resource Names   Verbs');
    assert.equal(rows(r.stdout), [
      'Resources Non-Resource URLs Resource Names Verbs',
      ...publicRules.resources,
      'pods [] [] [get list]',
      ...publicRules.nonResource.map((u) => `${u} [] [get]`),
    ]);
    // kube-system: no RoleBinding there, only the cluster-wide defaults
    const other = await kubectl(id('alice'), 'auth', 'can-i', '--list', '-n', 'kube-system');
    assert.equal(rows(other.stdout), ['Resources Non-Resource URLs Resource Names Verbs', ...publicRules.resources, ...publicRules.nonResource.map((u) => `${u} [] [get]`)]);
  });

  test('cani.go: `kubectl auth can-i get nodes --as someone --as-group g` asks as the impersonated user', async () => {
    const trace = clusters.kubeadm!.trace;
    const before = trace.events.length;
    const r = await kubectl(id('kubeadm-admin'), 'auth', 'can-i', 'get', 'nodes', '--as', 'someone', '--as-group', 'g');
    assert.equal([r.code, r.stdout], [1, 'no\n']);
    assert.match(r.stderr, "Warning: resource 'nodes' is not namespace scoped");
    const impersonated = trace.events.slice(before).find((e) => e.type === 'request.impersonated') as RequestImpersonatedEvent;
    assert.equal([impersonated.requestor, impersonated.user, impersonated.groups], ['kubernetes-admin', 'someone', ['g', 'system:authenticated']]);
    // alice may not impersonate: kubectl reports the 403
    const refused = await kubectl(id('alice'), 'auth', 'can-i', 'get', 'pods', '--as', 'bob');
    assert.is(refused.code, 1);
    assert.match(refused.stderr, 'users "bob" is forbidden: User "alice" cannot impersonate resource "users" in API group "" at the cluster scope');
  });

  test('whoami.go: `kubectl auth whoami` with the admin certificate and with --as / --as-group', async () => {
    const me = await kubectl(id('kubeadm-admin'), 'auth', 'whoami');
    assert.is(
      me.stdout,
      whoamiTable([
        ['Username', 'kubernetes-admin'],
        ['Groups', '[system:masters system:authenticated]'],
        ['Extra: authentication.kubernetes.io/credential-id', `[${credentialId(id('kubeadm-admin'))}]`],
      ]),
    );
    // the impersonated user is built from the Impersonate-* headers only: no credential id
    const as = await kubectl(id('kubeadm-admin'), 'auth', 'whoami', '--as', 'someone', '--as-group', 'g1', '--as-group', 'g2');
    assert.is(as.stdout, whoamiTable([['Username', 'someone'], ['Groups', '[g1 g2 system:authenticated]']]));
    const sa = await kubectl(id('kubeadm-admin'), 'auth', 'whoami', '--as', 'system:serviceaccount:kube-system:builder', '-o', 'json');
    assert.equal(JSON.parse(sa.stdout).status.userInfo, { username: 'system:serviceaccount:kube-system:builder', groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'] });
  });

  test('a bearer token nobody accepts: 401 for every auth command', async () => {
    const r = await kubectl(id('static'), 'auth', 'can-i', 'create', 'secrets');
    assert.is(r.code, 1);
    assert.match(r.stderr, 'error: You must be logged in to the server (Unauthorized)');
    const w = await kubectl(id('static'), 'auth', 'whoami');
    assert.is(w.code, 1);
    assert.match(w.stderr, 'error: You must be logged in to the server (Unauthorized)');
  });

  test('bootstrap token (bootstrap.go): whoami is system:bootstrap:<id> with the bootstrappers groups', async () => {
    const r = await kubectl(id('kubeadm-bootstrap'), 'auth', 'whoami');
    assert.equal(r, {
      code: 0,
      stdout: whoamiTable([
        ['Username', 'system:bootstrap:abcdef'],
        ['Groups', '[system:bootstrappers system:bootstrappers:kubeadm:default-node-token system:authenticated]'],
      ]),
      stderr: '',
    });
    assert.is(authenticatorOf(clusters.kubeadm!, 'system:bootstrap:abcdef'), 'bootstrap-token');
  });

  test('bootstrap token, kubeadm policy: may create CSRs (kubeadm:kubelet-bootstrap → system:node-bootstrapper), not read secrets', async () => {
    const csr = await kubectl(id('kubeadm-bootstrap'), 'auth', 'can-i', 'create', 'certificatesigningrequests.certificates.k8s.io');
    assert.equal([csr.code, csr.stdout], [0, 'yes\n']);
    assert.match(csr.stderr, "Warning: resource 'certificatesigningrequests' is not namespace scoped in group 'certificates.k8s.io'");
    // kubeadm:node-autoapprove-bootstrap: the nodeclient subresource the csrapproving controller checks
    assert.is((await kubectl(id('kubeadm-bootstrap'), 'auth', 'can-i', 'create', 'certificatesigningrequests.certificates.k8s.io', '--subresource', 'nodeclient')).stdout, 'yes\n');
    assert.equal(await kubectl(id('kubeadm-bootstrap'), 'auth', 'can-i', 'get', 'secrets'), { code: 1, stdout: 'no\n', stderr: '' });
    assert.equal(await kubectl(id('kubeadm-bootstrap'), 'auth', 'can-i', 'get', 'secrets', '-n', 'kube-system'), { code: 1, stdout: 'no\n', stderr: '' });
  });

  test('bootstrap token, upstream policy: nothing binds system:bootstrappers, so no CSRs', async () => {
    const whoami = await kubectl(id('upstream-bootstrap'), 'auth', 'whoami');
    assert.match(whoami.stdout, 'Username    system:bootstrap:abcdef\n');
    const csr = await kubectl(id('upstream-bootstrap'), 'auth', 'can-i', 'create', 'certificatesigningrequests.certificates.k8s.io');
    assert.equal([csr.code, csr.stdout], [1, 'no\n']);
  });

  test('service-account token (jwt.go): whoami is the ServiceAccount with its UID and credential id', async () => {
    const uid = (await ok(id('kubeadm-admin'), 'get', 'serviceaccount', 'robot', '-n', 'ci', '-o', 'jsonpath={.metadata.uid}')).trim();
    const r = await kubectl(id('robot'), 'auth', 'whoami');
    assert.is(r.code, 0);
    const jti = /\[JTI=([0-9a-f-]{36})\]/.exec(r.stdout)?.[1];
    assert.ok(jti, r.stdout);
    assert.is(
      r.stdout,
      whoamiTable([
        ['Username', 'system:serviceaccount:ci:robot'],
        ['UID', uid],
        ['Groups', '[system:serviceaccounts system:serviceaccounts:ci system:authenticated]'],
        ['Extra: authentication.kubernetes.io/credential-id', `[JTI=${jti}]`],
      ]),
    );
    assert.is(authenticatorOf(clusters.kubeadm!, 'system:serviceaccount:ci:robot'), 'service-account-token');
  });

  test('service-account token: may not list pods until a RoleBinding grants it, then only in its namespace', async () => {
    assert.equal(await kubectl(id('robot'), 'auth', 'can-i', 'list', 'pods'), { code: 1, stdout: 'no\n', stderr: '' });
    assert.is(await ok(id('kubeadm-admin'), 'create', 'rolebinding', 'robot-view', '--clusterrole=view', '--serviceaccount=ci:robot', '-n', 'ci'), 'rolebinding.rbac.authorization.k8s.io/robot-view created\n');
    assert.equal(await kubectl(id('robot'), 'auth', 'can-i', 'list', 'pods'), { code: 0, stdout: 'yes\n', stderr: '' });
    assert.equal(await kubectl(id('robot'), 'auth', 'can-i', 'list', 'pods', '-n', 'default'), { code: 1, stdout: 'no\n', stderr: '' });
    // view reads, never writes
    assert.equal(await kubectl(id('robot'), 'auth', 'can-i', 'delete', 'pods'), { code: 1, stdout: 'no\n', stderr: '' });
  });

  test('node certificate (node_authorizer.go): system:node:n1 reads its own Node only, and may create CSRs', async () => {
    const me = await kubectl(id('node-n1'), 'auth', 'whoami');
    assert.is(
      me.stdout,
      whoamiTable([
        ['Username', 'system:node:n1'],
        ['Groups', '[system:nodes system:authenticated]'],
        ['Extra: authentication.kubernetes.io/credential-id', `[${credentialId(id('node-n1'))}]`],
      ]),
    );
    assert.is(authenticatorOf(clusters.kubeadm!, 'system:node:n1'), 'x509');
    const own = await kubectl(id('node-n1'), 'auth', 'can-i', 'get', 'nodes/n1');
    assert.equal([own.code, own.stdout], [0, 'yes\n']);
    // AuthorizeNodeWithSelectors (beta, on in v1.32): the Node authorizer's reason is printed after "no"
    const other = await kubectl(id('node-n1'), 'auth', 'can-i', 'get', 'nodes/n2');
    assert.equal([other.code, other.stdout], [1, "no - node 'n1' cannot read 'n2', only its own Node object\n"]);
    const all = await kubectl(id('node-n1'), 'auth', 'can-i', 'list', 'nodes');
    assert.equal([all.code, all.stdout], [1, "no - node 'n1' cannot read all nodes, only its own Node object\n"]);
    const csr = await kubectl(id('node-n1'), 'auth', 'can-i', 'create', 'certificatesigningrequests.certificates.k8s.io');
    assert.equal([csr.code, csr.stdout], [0, 'yes\n']);
    // kubeadm:node-autoapprove-certificate-rotation: renewals are auto-approved
    assert.is((await kubectl(id('node-n1'), 'auth', 'can-i', 'create', 'certificatesigningrequests.certificates.k8s.io', '--subresource', 'selfnodeclient')).stdout, 'yes\n');
    // secrets only by name, and only those of its pods (the graph)
    assert.equal(await kubectl(id('node-n1'), 'auth', 'can-i', 'get', 'secrets'), { code: 1, stdout: 'no - No Object name found\n', stderr: '' });
    assert.equal(await kubectl(id('node-n1'), 'auth', 'can-i', 'get', 'secrets/s1'), { code: 1, stdout: "no - no relationship found between node 'n1' and this object\n", stderr: '' });
  });

  test('node certificate: `can-i --list` warns that the Node authorizer cannot list its rules', async () => {
    const r = await kubectl(id('node-n1'), 'auth', 'can-i', '--list');
    assert.is(r.code, 0);
    assert.is(r.stderr, 'Warning: the list may be incomplete: node authorizer does not support user rule resolution\n');
    assert.ok(rows(r.stdout).includes('certificatesigningrequests.certificates.k8s.io/selfnodeclient [] [] [create]'));
  });
}

test.run();
