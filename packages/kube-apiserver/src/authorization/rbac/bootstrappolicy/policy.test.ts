// The v1.32 default policy against what kubernetes/kubernetes
// plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/{cluster-roles,cluster-role-bindings,
// controller-roles,controller-role-bindings,namespace-roles,namespace-role-bindings}.yaml say
// (read upstream; the golden files cannot be fetched at test time, so their content for these
// objects is written out here).
import type { ClusterRole, ClusterRoleBinding, PolicyRule } from '@tlsboot/api';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { controllerRoleBindings, controllerRoles } from './controller-policy.js';
import { namespaceRoleBindings, namespaceRoles } from './namespace-policy.js';
import { nodeRules } from './node-rules.js';
import { clusterRoleBindings, clusterRoles } from './policy.js';
import { newRule } from './rule-builder.js';

const roles = clusterRoles();
const bindings = clusterRoleBindings();
const roleNamed = (name: string, list: ClusterRole[] = roles): ClusterRole => {
  const r = list.find((x) => x.metadata.name === name);
  if (!r) throw new Error(`no ClusterRole ${name}`);
  return r;
};
const bindingNamed = (name: string, list: ClusterRoleBinding[] = bindings): ClusterRoleBinding => {
  const b = list.find((x) => x.metadata.name === name);
  if (!b) throw new Error(`no ClusterRoleBinding ${name}`);
  return b;
};
const r = (verbs: string[], apiGroups: string[], resources: string[], resourceNames?: string[]): PolicyRule => ({ verbs, apiGroups, resources, ...(resourceNames ? { resourceNames } : {}) });
const urls = (verbs: string[], nonResourceURLs: string[]): PolicyRule => ({ verbs, nonResourceURLs });
const csrs = 'certificatesigningrequests';

test('rbacv1helpers.NewRule(...).RuleOrDie() sorts and deduplicates as policy.go relies on (pkg/apis/rbac/v1/helpers.go)', () => {
  assert.equal(newRule('update', 'create', 'patch').groups('events.k8s.io', '').resources('events').rule(), r(['create', 'patch', 'update'], ['', 'events.k8s.io'], ['events']));
  assert.equal(newRule('get').groups('').groups('').resources('b', 'a').resources('a').names('y', 'x').rule(), r(['get'], [''], ['a', 'b'], ['x', 'y']));
  assert.equal(newRule('get').urls('/version/', '/api').rule(), urls(['get'], ['/api', '/version/']));
  assert.throws(() => newRule('get').resources('pods').rule(), /resource rule must have apiGroups/);
  assert.throws(() => newRule().groups('').resources('pods').rule(), /verbs are required/);
  assert.throws(() => newRule('get').groups('').urls('/x').rule(), /non-resource rule may not have apiGroups/);
});

test('cluster-roles.yaml (v1.32, default feature gates): the 31 ClusterRoles, in policy.go order', () => {
  assert.equal(
    roles.map((x) => x.metadata.name),
    [
      'cluster-admin',
      'system:discovery',
      'system:monitoring',
      'system:basic-user',
      'system:public-info-viewer',
      'admin',
      'edit',
      'view',
      'system:aggregate-to-admin',
      'system:aggregate-to-edit',
      'system:aggregate-to-view',
      'system:heapster',
      'system:node',
      'system:node-problem-detector',
      'system:node-bootstrapper',
      'system:auth-delegator',
      'system:kube-aggregator',
      'system:kube-controller-manager',
      'system:kube-dns',
      'system:persistent-volume-provisioner',
      'system:certificates.k8s.io:certificatesigningrequests:nodeclient',
      'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient',
      'system:volume-scheduler',
      'system:certificates.k8s.io:legacy-unknown-approver',
      'system:certificates.k8s.io:kubelet-serving-approver',
      'system:certificates.k8s.io:kube-apiserver-client-approver',
      'system:certificates.k8s.io:kube-apiserver-client-kubelet-approver',
      'system:service-account-issuer-discovery',
      'system:kubelet-api-admin',
      'system:node-proxier',
      'system:kube-scheduler',
    ],
  );
  // feature-gated roles stay out at v1.32 defaults
  assert.not.ok(roles.some((x) => x.metadata.name === 'system:cluster-trust-bundle-discovery'));
});

test('every default object carries kubernetes.io/bootstrapping: rbac-defaults and autoupdate "true" (policy.go addDefaultMetadata)', () => {
  const all = [...roles, ...bindings, ...controllerRoles(), ...controllerRoleBindings(), ...namespaceRoles(), ...namespaceRoleBindings()];
  for (const o of all) {
    assert.is(o.metadata.labels?.['kubernetes.io/bootstrapping'], 'rbac-defaults', o.metadata.name);
    assert.equal(o.metadata.annotations, { 'rbac.authorization.kubernetes.io/autoupdate': 'true' }, o.metadata.name);
  }
  assert.equal(roleNamed('edit').metadata.labels, { 'kubernetes.io/bootstrapping': 'rbac-defaults', 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' });
});

test('system:node-bootstrapper = create, get, list, watch certificatesigningrequests (cluster-roles.yaml)', () => {
  assert.equal(roleNamed('system:node-bootstrapper').rules, [r(['create', 'get', 'list', 'watch'], ['certificates.k8s.io'], [csrs])]);
});

test('the csrapproving ClusterRoles: nodeclient and selfnodeclient subresources, and the four signer approvers (cluster-roles.yaml)', () => {
  assert.equal(roleNamed('system:certificates.k8s.io:certificatesigningrequests:nodeclient').rules, [r(['create'], ['certificates.k8s.io'], [`${csrs}/nodeclient`])]);
  assert.equal(roleNamed('system:certificates.k8s.io:certificatesigningrequests:selfnodeclient').rules, [r(['create'], ['certificates.k8s.io'], [`${csrs}/selfnodeclient`])]);
  for (const [role, signer] of [
    ['legacy-unknown-approver', 'kubernetes.io/legacy-unknown'],
    ['kubelet-serving-approver', 'kubernetes.io/kubelet-serving'],
    ['kube-apiserver-client-approver', 'kubernetes.io/kube-apiserver-client'],
    ['kube-apiserver-client-kubelet-approver', 'kubernetes.io/kube-apiserver-client-kubelet'],
  ] as const) {
    assert.equal(roleNamed(`system:certificates.k8s.io:${role}`).rules, [r(['approve'], ['certificates.k8s.io'], ['signers'], [signer])]);
  }
});

test('system:node: the 22 rules of NodeRules() in order, with its CSR and node rules (cluster-roles.yaml)', () => {
  const expected = [
    r(['create'], ['authentication.k8s.io'], ['tokenreviews']),
    r(['create'], ['authorization.k8s.io'], ['localsubjectaccessreviews', 'subjectaccessreviews']),
    r(['get', 'list', 'watch'], [''], ['services']),
    r(['create', 'get', 'list', 'watch'], [''], ['nodes']),
    r(['patch', 'update'], [''], ['nodes/status']),
    r(['patch', 'update'], [''], ['nodes']),
    r(['create', 'patch', 'update'], [''], ['events']),
    r(['get', 'list', 'watch'], [''], ['pods']),
    r(['create', 'delete'], [''], ['pods']),
    r(['patch', 'update'], [''], ['pods/status']),
    r(['create'], [''], ['pods/eviction']),
    r(['get', 'list', 'watch'], [''], ['configmaps', 'secrets']),
    r(['get'], [''], ['persistentvolumeclaims', 'persistentvolumes']),
    r(['get'], [''], ['endpoints']),
    r(['create', 'get', 'list', 'watch'], ['certificates.k8s.io'], [csrs]),
    r(['create', 'delete', 'get', 'patch', 'update'], ['coordination.k8s.io'], ['leases']),
    r(['get'], ['storage.k8s.io'], ['volumeattachments']),
    r(['create'], [''], ['serviceaccounts/token']),
    r(['get', 'patch', 'update'], [''], ['persistentvolumeclaims/status']),
    r(['get', 'list', 'watch'], ['storage.k8s.io'], ['csidrivers']),
    r(['create', 'delete', 'get', 'patch', 'update'], ['storage.k8s.io'], ['csinodes']),
    r(['get', 'list', 'watch'], ['node.k8s.io'], ['runtimeclasses']),
  ];
  assert.equal(nodeRules(), expected);
  assert.equal(roleNamed('system:node').rules, expected);
  // no CSR approval or subresource rights for nodes
  assert.not.ok(nodeRules().some((x) => (x.resources ?? []).some((res) => res.startsWith(`${csrs}/`))));
});

test('system:node-proxier: services/endpoints list+watch, nodes, events in both groups, endpointslices (cluster-roles.yaml)', () => {
  assert.equal(roleNamed('system:node-proxier').rules, [
    r(['list', 'watch'], [''], ['endpoints', 'services']),
    r(['get', 'list', 'watch'], [''], ['nodes']),
    r(['create', 'patch', 'update'], ['', 'events.k8s.io'], ['events']),
    r(['list', 'watch'], ['discovery.k8s.io'], ['endpointslices']),
  ]);
});

test('system:kube-controller-manager: informers, its service accounts and secrets, and no CSR approve/sign/status rights (cluster-roles.yaml)', () => {
  const rules = roleNamed('system:kube-controller-manager').rules!;
  assert.equal(rules, [
    r(['create', 'patch', 'update'], ['', 'events.k8s.io'], ['events']),
    r(['create'], ['coordination.k8s.io'], ['leases']),
    r(['get', 'update'], ['coordination.k8s.io'], ['leases'], ['kube-controller-manager']),
    r(['create'], [''], ['secrets', 'serviceaccounts']),
    r(['delete'], [''], ['secrets']),
    r(['get'], [''], ['configmaps', 'namespaces', 'secrets', 'serviceaccounts']),
    r(['update'], [''], ['secrets', 'serviceaccounts']),
    r(['create'], ['authentication.k8s.io'], ['tokenreviews']),
    r(['create'], ['authorization.k8s.io'], ['subjectaccessreviews']),
    r(['list', 'watch'], ['*'], ['*']),
    r(['create'], [''], ['serviceaccounts/token']),
  ]);
  assert.not.ok(rules.some((x) => x.verbs.some((v) => v === 'approve' || v === 'sign')));
});

test('system:basic-user, system:discovery, system:public-info-viewer, cluster-admin (cluster-roles.yaml)', () => {
  assert.equal(roleNamed('system:basic-user').rules, [
    r(['create'], ['authorization.k8s.io'], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews']),
    r(['create'], ['authentication.k8s.io'], ['selfsubjectreviews']),
  ]);
  assert.equal(roleNamed('system:discovery').rules, [urls(['get'], ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'])]);
  assert.equal(roleNamed('system:public-info-viewer').rules, [urls(['get'], ['/healthz', '/livez', '/readyz', '/version', '/version/'])]);
  assert.equal(roleNamed('cluster-admin').rules, [r(['*'], ['*'], ['*']), urls(['*'], ['*'])]);
  assert.equal(roleNamed('system:monitoring').rules, [urls(['get'], ['/healthz', '/healthz/*', '/livez', '/livez/*', '/metrics', '/metrics/slis', '/readyz', '/readyz/*'])]);
});

test('admin, edit and view are declared with an aggregationRule and no rules (cluster-roles.yaml `rules: null`)', () => {
  assert.equal(roleNamed('admin').aggregationRule, { clusterRoleSelectors: [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' } }] });
  assert.equal(roleNamed('view').aggregationRule, { clusterRoleSelectors: [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }] });
  for (const name of ['admin', 'edit', 'view']) assert.is(roleNamed(name).rules, undefined);
});

test('cluster-role-bindings.yaml: 12 bindings; cluster-admin bound to Group system:masters; system:node bound to nobody', () => {
  assert.equal(
    bindings.map((b) => b.metadata.name),
    [
      'cluster-admin',
      'system:monitoring',
      'system:discovery',
      'system:basic-user',
      'system:public-info-viewer',
      'system:node-proxier',
      'system:kube-controller-manager',
      'system:kube-dns',
      'system:kube-scheduler',
      'system:volume-scheduler',
      'system:node',
      'system:service-account-issuer-discovery',
    ],
  );
  const admin = bindingNamed('cluster-admin');
  assert.equal(admin.roleRef, { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' });
  assert.equal(admin.subjects, [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:masters' }]);
  assert.is(bindingNamed('system:node').subjects, undefined);
  assert.equal(bindingNamed('system:discovery').subjects, [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:authenticated' }]);
  assert.equal(
    bindingNamed('system:public-info-viewer').subjects!.map((s) => s.name),
    ['system:authenticated', 'system:unauthenticated'],
  );
  assert.equal(bindingNamed('system:node-proxier').subjects, [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'system:kube-proxy' }]);
  assert.equal(bindingNamed('system:kube-dns').subjects, [{ kind: 'ServiceAccount', name: 'kube-dns', namespace: 'kube-system' }]);
});

test('NO default binding for the bootstrap roles (node-bootstrapper, nodeclient, selfnodeclient): kubeadm creates those', () => {
  const bound = new Set([...bindings, ...controllerRoleBindings()].map((b) => b.roleRef.name));
  for (const name of ['system:node-bootstrapper', 'system:certificates.k8s.io:certificatesigningrequests:nodeclient', 'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient']) {
    assert.not.ok(bound.has(name), name);
  }
});

test('controller-roles.yaml: 33 system:controller: roles at v1.32 defaults, each bound to kube-system/<controller> (controller-role-bindings.yaml)', () => {
  const names = controllerRoles().map((x) => x.metadata.name!.slice('system:controller:'.length));
  assert.is(names.length, 33);
  assert.ok(names.includes('certificate-controller') && names.includes('legacy-service-account-token-cleaner') && names.includes('validatingadmissionpolicy-status-controller'));
  for (const gated of ['resource-claim-controller', 'service-cidrs-controller', 'selinux-warning-controller', 'storage-version-migrator-controller']) assert.not.ok(names.includes(gated), gated);
  for (const b of controllerRoleBindings()) {
    const controller = b.metadata.name!.slice('system:controller:'.length);
    assert.equal(b.roleRef, { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: b.metadata.name });
    assert.equal(b.subjects, [{ kind: 'ServiceAccount', name: controller, namespace: 'kube-system' }]);
  }
});

test('system:controller:certificate-controller: CSRs, approval/status, approve kubelet client CSRs, sign the four kubernetes.io signers, SARs (controller-roles.yaml)', () => {
  assert.equal(roleNamed('system:controller:certificate-controller', controllerRoles()).rules, [
    r(['delete', 'get', 'list', 'watch'], ['certificates.k8s.io'], [csrs]),
    r(['update'], ['certificates.k8s.io'], [`${csrs}/approval`, `${csrs}/status`]),
    r(['approve'], ['certificates.k8s.io'], ['signers'], ['kubernetes.io/kube-apiserver-client-kubelet']),
    r(['sign'], ['certificates.k8s.io'], ['signers'], ['kubernetes.io/kube-apiserver-client', 'kubernetes.io/kube-apiserver-client-kubelet', 'kubernetes.io/kubelet-serving', 'kubernetes.io/legacy-unknown']),
    r(['create'], ['authorization.k8s.io'], ['subjectaccessreviews']),
    r(['create', 'patch', 'update'], ['', 'events.k8s.io'], ['events']),
  ]);
});

test('v1.32 dropped the glusterfs and openstack rules of persistent-volume-binder and expand-controller (CHANGELOG-1.32, kubernetes/kubernetes#125995)', () => {
  const rules = (name: string) => roleNamed(`system:controller:${name}`, controllerRoles()).rules!;
  assert.equal(rules('expand-controller'), [
    r(['get', 'list', 'patch', 'update', 'watch'], [''], ['persistentvolumes']),
    r(['patch', 'update'], [''], ['persistentvolumeclaims/status']),
    r(['get', 'list', 'watch'], [''], ['persistentvolumeclaims']),
    r(['create', 'patch', 'update'], ['', 'events.k8s.io'], ['events']),
  ]);
  for (const name of ['expand-controller', 'persistent-volume-binder']) {
    assert.not.ok(rules(name).some((x) => (x.resources ?? []).some((res) => res === 'secrets' || res === 'endpoints' || res === 'nodes')), name);
  }
});

test('namespace-roles.yaml: the bootstrap signer and token cleaner roles in kube-system and kube-public', () => {
  const ns = namespaceRoles();
  assert.equal(
    ns.map((x) => `${x.metadata.namespace}/${x.metadata.name}`),
    [
      'kube-system/extension-apiserver-authentication-reader',
      'kube-system/system:controller:bootstrap-signer',
      'kube-system/system:controller:cloud-provider',
      'kube-system/system:controller:token-cleaner',
      'kube-system/system::leader-locking-kube-controller-manager',
      'kube-system/system::leader-locking-kube-scheduler',
      'kube-public/system:controller:bootstrap-signer',
    ],
  );
  const find = (key: string) => ns.find((x) => `${x.metadata.namespace}/${x.metadata.name}` === key)!;
  assert.equal(find('kube-public/system:controller:bootstrap-signer').rules, [
    r(['get', 'list', 'watch'], [''], ['configmaps']),
    r(['update'], [''], ['configmaps'], ['cluster-info']),
    r(['create', 'patch', 'update'], ['', 'events.k8s.io'], ['events']),
  ]);
  assert.equal(find('kube-system/system:controller:bootstrap-signer').rules, [r(['get', 'list', 'watch'], [''], ['secrets'])]);
  assert.equal(find('kube-system/system:controller:token-cleaner').rules, [r(['delete', 'get', 'list', 'watch'], [''], ['secrets']), r(['create', 'patch', 'update'], ['', 'events.k8s.io'], ['events'])]);
});

test('namespace-role-bindings.yaml: bootstrap-signer and token-cleaner bound to their kube-system ServiceAccounts', () => {
  const rbs = namespaceRoleBindings();
  assert.is(rbs.length, 7);
  const find = (key: string) => rbs.find((x) => `${x.metadata.namespace}/${x.metadata.name}` === key)!;
  assert.equal(find('kube-public/system:controller:bootstrap-signer').subjects, [{ kind: 'ServiceAccount', name: 'bootstrap-signer', namespace: 'kube-system' }]);
  assert.equal(find('kube-public/system:controller:bootstrap-signer').roleRef, { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'system:controller:bootstrap-signer' });
  assert.equal(find('kube-system/system:controller:token-cleaner').subjects, [{ kind: 'ServiceAccount', name: 'token-cleaner', namespace: 'kube-system' }]);
  const reader = find('kube-system/system::extension-apiserver-authentication-reader');
  assert.equal(reader.roleRef.name, 'extension-apiserver-authentication-reader');
  assert.equal(reader.subjects!.map((s) => `${s.kind}:${s.name}`), ['User:system:kube-controller-manager', 'User:system:kube-scheduler']);
  assert.equal(find('kube-system/system::leader-locking-kube-scheduler').subjects!.map((s) => `${s.kind}:${s.name}`), ['User:system:kube-scheduler', 'ServiceAccount:kube-scheduler']);
});

test.run();
