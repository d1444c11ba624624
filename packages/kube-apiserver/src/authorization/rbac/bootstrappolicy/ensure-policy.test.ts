// ensureBootstrapPolicy against a live apiserver (kubernetes/kubernetes
// pkg/registry/rbac/rest/storage_rbac.go ensureRBACPolicy and pkg/registry/rbac/reconciliation):
// what it creates, that a second call writes nothing, what it restores and what autoupdate "false"
// protects; then, with the RBAC authorizer in front, what the upstream and kubeadm presets allow.
import type { ClusterRole, ClusterRoleBinding } from '@tlsboot/api';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestServer } from '../../../server/testing.js';
import type { TestServer } from '../../../server/testing.js';
import { rbacAuthorizer } from '../config.js';
import { bootstrapPolicy } from './bootstrap-policy.js';
import type { BootstrapPolicyPreset } from './bootstrap-policy.js';
import { ensureBootstrapPolicy } from './ensure-policy.js';

const rbac = '/apis/rbac.authorization.k8s.io/v1';
const servers: TestServer[] = [];

async function server(preset?: BootstrapPolicyPreset, withRBAC = false): Promise<TestServer> {
  const t = await startTestServer(
    withRBAC
      ? {
          policy: 'none',
          authorizers: async (ctx) => {
            await ensureBootstrapPolicy(ctx.registry, { preset: preset ?? 'upstream' });
            return [await rbacAuthorizer(ctx)];
          },
        }
      : // a server whose bootstrap-roles hook has not run: the store starts empty
        { policy: 'none', authorizationModes: ['AlwaysAllow'] },
  );
  servers.push(t);
  return t;
}

test.after(async () => {
  for (const t of servers) await t.close();
});

test('storage_rbac.go ensureRBACPolicy on an empty store: creates the whole v1.32 policy, then the aggregation fills admin, edit and view', async () => {
  const t = await server();
  const result = await ensureBootstrapPolicy(t.server.registry);
  assert.is(result.created.length, 64 + 45 + 7 + 7);
  assert.equal(result.updated, []);
  assert.equal(result.protected, []);
  assert.equal([...result.aggregated].sort(), ['admin', 'edit', 'view']);
  assert.ok(result.created.includes('clusterroles//system:node-bootstrapper'));
  assert.ok(result.created.includes('rolebindings/kube-public/system:controller:bootstrap-signer'));

  const got = await t.request('GET', `${rbac}/clusterroles/system:node-bootstrapper`);
  assert.is(got.status, 200);
  assert.equal(got.json.rules, [{ verbs: ['create', 'get', 'list', 'watch'], apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests'] }]);
  assert.equal(got.json.metadata.labels, { 'kubernetes.io/bootstrapping': 'rbac-defaults' });
  assert.equal(got.json.metadata.annotations, { 'rbac.authorization.kubernetes.io/autoupdate': 'true' });

  const admin = (await t.request('GET', `${rbac}/clusterroles/admin`)).json as ClusterRole;
  const expected = bootstrapPolicy('upstream').clusterRoles.find((r) => r.metadata.name === 'admin')!;
  assert.equal(admin.rules, expected.rules);
  assert.equal(admin.aggregationRule, expected.aggregationRule);

  const list = await t.request('GET', `${rbac}/clusterrolebindings`);
  assert.is(list.json.items.length, 45);
  assert.not.ok(list.json.items.some((b: ClusterRoleBinding) => b.roleRef.name === 'system:node-bootstrapper'));
  const roles = await t.request('GET', `${rbac}/namespaces/kube-system/roles`);
  assert.is(roles.json.items.length, 6);
});

test('idempotent: a second call creates, updates and aggregates nothing', async () => {
  const t = await server();
  await ensureBootstrapPolicy(t.server.registry);
  const before = (await t.request('GET', `${rbac}/clusterroles`)).json.metadata.resourceVersion;
  const again = await ensureBootstrapPolicy(t.server.registry);
  assert.equal(again, { created: [], updated: [], protected: [], aggregated: [] });
  assert.is((await t.request('GET', `${rbac}/clusterroles`)).json.metadata.resourceVersion, before);
});

test('reconciliation (reconcile_role.go, reconcile_rolebindings.go): deleted defaults come back, missing rules and subjects are added, extras kept', async () => {
  const t = await server();
  await ensureBootstrapPolicy(t.server.registry);
  assert.is((await t.request('DELETE', `${rbac}/clusterroles/system:node-proxier`)).status, 200);
  const discovery = (await t.request('GET', `${rbac}/clusterroles/system:discovery`)).json;
  discovery.rules = [{ verbs: ['get'], nonResourceURLs: ['/extra'] }, { verbs: ['get'], nonResourceURLs: ['/api', '/apis'] }];
  assert.is((await t.request('PUT', `${rbac}/clusterroles/system:discovery`, { body: discovery })).status, 200);
  const basicUser = (await t.request('GET', `${rbac}/clusterrolebindings/system:basic-user`)).json;
  basicUser.subjects = [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' }];
  assert.is((await t.request('PUT', `${rbac}/clusterrolebindings/system:basic-user`, { body: basicUser })).status, 200);

  const result = await ensureBootstrapPolicy(t.server.registry);
  assert.equal(result.created, ['clusterroles//system:node-proxier']);
  assert.equal(result.updated, ['clusterroles//system:discovery', 'clusterrolebindings//system:basic-user']);
  const rules = (await t.request('GET', `${rbac}/clusterroles/system:discovery`)).json.rules;
  // the extra rule stays; the uncovered URLs come back one (url, verb) atom at a time
  assert.equal(rules.slice(0, 3), [{ verbs: ['get'], nonResourceURLs: ['/extra'] }, { verbs: ['get'], nonResourceURLs: ['/api', '/apis'] }, { verbs: ['get'], nonResourceURLs: ['/api/*'] }]);
  assert.is(rules.length, 2 + 9);
  const subjects = (await t.request('GET', `${rbac}/clusterrolebindings/system:basic-user`)).json.subjects;
  assert.equal(subjects, [
    { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' },
    { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:authenticated' },
  ]);
});

test('rbac.authorization.kubernetes.io/autoupdate: "false" protects an edited default from the reconcile', async () => {
  const t = await server();
  await ensureBootstrapPolicy(t.server.registry);
  const role = (await t.request('GET', `${rbac}/clusterroles/system:basic-user`)).json;
  role.metadata.annotations['rbac.authorization.kubernetes.io/autoupdate'] = 'false';
  role.rules = [];
  assert.is((await t.request('PUT', `${rbac}/clusterroles/system:basic-user`, { body: role })).status, 200);
  const result = await ensureBootstrapPolicy(t.server.registry);
  assert.equal(result.protected, ['clusterroles//system:basic-user']);
  assert.equal(result.updated, []);
  assert.equal((await t.request('GET', `${rbac}/clusterroles/system:basic-user`)).json.rules, []);
});

test('kubeadm preset: the kubeadm objects exist as kubeadm v1.32 leaves them, subjects defaulted by the apiserver; idempotent', async () => {
  const t = await server();
  const result = await ensureBootstrapPolicy(t.server.registry, { preset: 'kubeadm' });
  assert.is(result.created.length, 64 + 45 + 7 + 7 + 2 + 7 + 4 + 4 + 2);
  const crb = (await t.request('GET', `${rbac}/clusterrolebindings/kubeadm:kubelet-bootstrap`)).json;
  assert.equal(crb.roleRef, { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:node-bootstrapper' });
  assert.equal(crb.subjects, [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:bootstrappers:kubeadm:default-node-token' }]);
  assert.is(crb.metadata.labels, undefined);
  const anon = (await t.request('GET', `${rbac}/namespaces/kube-public/rolebindings/kubeadm:bootstrap-signer-clusterinfo`)).json;
  assert.equal(anon.subjects, [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'system:anonymous' }]);
  const proxier = (await t.request('GET', `${rbac}/clusterrolebindings/kubeadm:node-proxier`)).json;
  assert.equal(proxier.subjects, [{ kind: 'ServiceAccount', name: 'kube-proxy', namespace: 'kube-system' }]);
  assert.is((await t.request('GET', '/api/v1/namespaces/kube-system/serviceaccounts/kube-proxy')).status, 200);
  assert.equal(await ensureBootstrapPolicy(t.server.registry, { preset: 'kubeadm' }), { created: [], updated: [], protected: [], aggregated: [] });
});

test('kubeadm objects an admin changed are left alone (kubeadm runs once; only missing ones are created)', async () => {
  const t = await server();
  await ensureBootstrapPolicy(t.server.registry, { preset: 'kubeadm' });
  const crb = (await t.request('GET', `${rbac}/clusterrolebindings/kubeadm:node-autoapprove-bootstrap`)).json;
  crb.subjects = [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'someone-else' }];
  assert.is((await t.request('PUT', `${rbac}/clusterrolebindings/kubeadm:node-autoapprove-bootstrap`, { body: crb })).status, 200);
  const result = await ensureBootstrapPolicy(t.server.registry, { preset: 'kubeadm' });
  assert.equal(result.updated, []);
  assert.equal((await t.request('GET', `${rbac}/clusterrolebindings/kubeadm:node-autoapprove-bootstrap`)).json.subjects.map((s: { name: string }) => s.name), ['someone-else']);
});

const bootstrapIdentity = { commonName: 'system:bootstrap:abcdef', organizations: ['system:bootstrappers', 'system:bootstrappers:kubeadm:default-node-token'] };

test('RBAC over the upstream preset: a bootstrap-token identity may not list CSRs (no default binding); anonymous reads /version but not /api or cluster-info', async () => {
  const t = await server('upstream', true);
  const bootstrapper = await t.server.issueClientCertificate(bootstrapIdentity);
  const csrs = await t.request('GET', '/apis/certificates.k8s.io/v1/certificatesigningrequests', { identity: bootstrapper });
  assert.is(csrs.status, 403);
  assert.is(
    csrs.json.message,
    'certificatesigningrequests.certificates.k8s.io is forbidden: User "system:bootstrap:abcdef" cannot list resource "certificatesigningrequests" in API group "certificates.k8s.io" at the cluster scope',
  );
  assert.is((await t.request('GET', '/version', { identity: null })).status, 200);
  assert.is((await t.request('GET', '/api', { identity: null })).status, 403);
  assert.is((await t.request('GET', '/api/v1/namespaces/kube-public/configmaps/cluster-info', { identity: null })).status, 403);
  // any authenticated user has system:discovery and system:basic-user
  assert.is((await t.request('GET', '/api', { identity: bootstrapper })).status, 200);
});

test('RBAC over the kubeadm preset: the bootstrap group may list CSRs and get nodes; anonymous may get kube-public/cluster-info', async () => {
  const t = await server('kubeadm', true);
  const bootstrapper = await t.server.issueClientCertificate(bootstrapIdentity);
  assert.is((await t.request('GET', '/apis/certificates.k8s.io/v1/certificatesigningrequests', { identity: bootstrapper })).status, 200);
  // allowed by kubeadm:get-nodes, then NotFound
  assert.is((await t.request('GET', '/api/v1/nodes/worker-1', { identity: bootstrapper })).status, 404);
  assert.is((await t.request('GET', '/api/v1/nodes', { identity: bootstrapper })).status, 403);
  assert.is((await t.request('GET', '/api/v1/namespaces/kube-public/configmaps/cluster-info', { identity: null })).status, 404);
  assert.is((await t.request('GET', '/api/v1/namespaces/kube-public/configmaps/other', { identity: null })).status, 403);
});

test.run();
