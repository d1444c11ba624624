// The kubeadm preset against kubernetes/kubernetes cmd/kubeadm/app v1.32:
// phases/bootstraptoken/node/tlsbootstrap.go, phases/bootstraptoken/clusterinfo/clusterinfo.go,
// phases/uploadconfig/uploadconfig.go, phases/kubelet/config.go, phases/addons/proxy/proxy.go,
// phases/addons/dns/manifests.go and phases/kubeconfig (EnsureAdminClusterRoleBinding).
import type { ClusterRoleBinding, Role, RoleBinding } from '@tlsboot/api';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bootstrapPolicy, kubeadmPolicyData, upstreamPolicyData } from './bootstrap-policy.js';
import { kubeadmObjects } from './kubeadm.js';

const data = kubeadmPolicyData();
const crb = (name: string): ClusterRoleBinding => data.clusterRoleBindings.find((b) => b.metadata.name === name)!;
const rb = (ns: string, name: string): RoleBinding => data.roleBindings.find((b) => b.metadata.namespace === ns && b.metadata.name === name)!;
const role = (ns: string, name: string): Role => data.roles.find((b) => b.metadata.namespace === ns && b.metadata.name === name)!;
const bootstrapGroup = { kind: 'Group', name: 'system:bootstrappers:kubeadm:default-node-token' };
const nodes = { kind: 'Group', name: 'system:nodes' };
const clusterRoleRef = (name: string) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name });
const roleRef = (name: string) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name });
const getConfigMap = (name: string) => [{ verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: [name] }];

test('tlsbootstrap.go: kubeadm:kubelet-bootstrap → system:node-bootstrapper for the default-node-token group', () => {
  assert.equal(crb('kubeadm:kubelet-bootstrap').roleRef, clusterRoleRef('system:node-bootstrapper'));
  assert.equal(crb('kubeadm:kubelet-bootstrap').subjects, [bootstrapGroup]);
});

test('tlsbootstrap.go: kubeadm:node-autoapprove-bootstrap → nodeclient; kubeadm:node-autoapprove-certificate-rotation → selfnodeclient for system:nodes', () => {
  assert.equal(crb('kubeadm:node-autoapprove-bootstrap').roleRef, clusterRoleRef('system:certificates.k8s.io:certificatesigningrequests:nodeclient'));
  assert.equal(crb('kubeadm:node-autoapprove-bootstrap').subjects, [bootstrapGroup]);
  assert.equal(crb('kubeadm:node-autoapprove-certificate-rotation').roleRef, clusterRoleRef('system:certificates.k8s.io:certificatesigningrequests:selfnodeclient'));
  assert.equal(crb('kubeadm:node-autoapprove-certificate-rotation').subjects, [nodes]);
  // the fork's kubeadm:node-certificate-approve (bootstrap group → cluster-admin) is not upstream
  assert.not.ok(data.clusterRoleBindings.some((b) => b.metadata.name === 'kubeadm:node-certificate-approve'));
});

test('tlsbootstrap.go AllowBoostrapTokensToGetNodes: ClusterRole kubeadm:get-nodes = get nodes, bound to the bootstrap group', () => {
  assert.equal(data.clusterRoles.find((r) => r.metadata.name === 'kubeadm:get-nodes')!.rules, [{ verbs: ['get'], apiGroups: [''], resources: ['nodes'] }]);
  assert.equal(crb('kubeadm:get-nodes').roleRef, clusterRoleRef('kubeadm:get-nodes'));
  assert.equal(crb('kubeadm:get-nodes').subjects, [bootstrapGroup]);
});

test('kubeconfig phase: kubeadm:cluster-admins → cluster-admin for the group of admin.conf', () => {
  assert.equal(crb('kubeadm:cluster-admins').roleRef, clusterRoleRef('cluster-admin'));
  assert.equal(crb('kubeadm:cluster-admins').subjects, [{ kind: 'Group', name: 'kubeadm:cluster-admins' }]);
});

test('clusterinfo.go: kube-public Role kubeadm:bootstrap-signer-clusterinfo (get configmap cluster-info) bound to User system:anonymous', () => {
  assert.equal(role('kube-public', 'kubeadm:bootstrap-signer-clusterinfo').rules, getConfigMap('cluster-info'));
  assert.equal(rb('kube-public', 'kubeadm:bootstrap-signer-clusterinfo').roleRef, roleRef('kubeadm:bootstrap-signer-clusterinfo'));
  assert.equal(rb('kube-public', 'kubeadm:bootstrap-signer-clusterinfo').subjects, [{ kind: 'User', name: 'system:anonymous' }]);
});

test('uploadconfig.go and kubelet/config.go: kubeadm:nodes-kubeadm-config and kubeadm:kubelet-config for the bootstrap group and system:nodes', () => {
  assert.equal(role('kube-system', 'kubeadm:nodes-kubeadm-config').rules, getConfigMap('kubeadm-config'));
  assert.equal(rb('kube-system', 'kubeadm:nodes-kubeadm-config').subjects, [bootstrapGroup, nodes]);
  assert.equal(role('kube-system', 'kubeadm:kubelet-config').rules, getConfigMap('kubelet-config'));
  // kubelet/config.go lists the nodes first
  assert.equal(rb('kube-system', 'kubeadm:kubelet-config').subjects, [nodes, bootstrapGroup]);
});

test('addons/proxy: kubeadm:node-proxier → system:node-proxier for ServiceAccount kube-system/kube-proxy; Role kube-proxy for joining nodes', () => {
  assert.equal(crb('kubeadm:node-proxier').roleRef, clusterRoleRef('system:node-proxier'));
  assert.equal(crb('kubeadm:node-proxier').subjects, [{ kind: 'ServiceAccount', name: 'kube-proxy', namespace: 'kube-system' }]);
  assert.equal(role('kube-system', 'kube-proxy').rules, getConfigMap('kube-proxy'));
  assert.equal(rb('kube-system', 'kube-proxy').subjects, [bootstrapGroup]);
  assert.equal(
    data.serviceAccounts.map((s) => `${s.metadata.namespace}/${s.metadata.name}`),
    ['kube-system/coredns', 'kube-system/kube-proxy'],
  );
});

test('addons/dns/manifests.go: system:coredns', () => {
  assert.equal(data.clusterRoles.find((r) => r.metadata.name === 'system:coredns')!.rules, [
    { verbs: ['list', 'watch'], apiGroups: [''], resources: ['endpoints', 'services', 'pods', 'namespaces'] },
    { verbs: ['list', 'watch'], apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'] },
  ]);
  assert.equal(crb('system:coredns').subjects, [{ kind: 'ServiceAccount', name: 'coredns', namespace: 'kube-system' }]);
});

test('kubeadm objects carry no bootstrapping label or autoupdate annotation, and are created in init-phase order', () => {
  for (const { object } of kubeadmObjects()) {
    assert.is(object.metadata.labels, undefined);
    assert.is(object.metadata.annotations, undefined);
  }
  assert.equal(kubeadmObjects()[0]!.object.metadata.name, 'kubeadm:cluster-admins');
  assert.equal(kubeadmObjects().at(-1)!.object.metadata.name, 'kube-proxy');
});

test('counts per preset: upstream 64 ClusterRoles, 45 ClusterRoleBindings, 7 Roles, 7 RoleBindings; kubeadm adds 2, 7, 4, 4 and 2 ServiceAccounts', () => {
  const up = upstreamPolicyData();
  const count = (d: typeof up) => [d.clusterRoles.length, d.clusterRoleBindings.length, d.roles.length, d.roleBindings.length, d.serviceAccounts.length];
  assert.equal(count(up), [64, 45, 7, 7, 0]);
  assert.equal(count(data), [2, 7, 4, 4, 2]);
  assert.equal(count(bootstrapPolicy('upstream')), [64, 45, 7, 7, 0]);
  assert.equal(count(bootstrapPolicy('kubeadm')), [66, 52, 11, 11, 2]);
  // no name collides with an upstream default
  const names = new Set(up.clusterRoleBindings.map((b) => b.metadata.name));
  assert.not.ok(data.clusterRoleBindings.some((b) => names.has(b.metadata.name)));
});

test.run();
