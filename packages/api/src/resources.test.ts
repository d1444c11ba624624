/**
 * The resource table against kube-apiserver v1.32 discovery (`kubectl api-resources -o wide`,
 * `kubectl get --raw /api/v1`): names, kinds, scope, verbs, short names, storage hashes.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lookupResource, lookupSubresource } from './resource-lookup.js';
import { resources, storageVersionHash } from './resources.js';

const crud = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const get = (group: string, resource: string) => {
  const r = lookupResource(group, 'v1', resource);
  if (!r) throw new Error(`${resource}.${group} missing`);
  return r;
};

test('api-resources rows: name, short names, namespaced, kind, verbs', () => {
  const rows: [string, string, string[], boolean, string, string[]][] = [
    ['', 'configmaps', ['cm'], true, 'ConfigMap', crud],
    ['', 'endpoints', ['ep'], true, 'Endpoints', crud],
    ['', 'events', ['ev'], true, 'Event', crud],
    ['', 'namespaces', ['ns'], false, 'Namespace', ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']],
    ['', 'nodes', ['no'], false, 'Node', crud],
    ['', 'pods', ['po'], true, 'Pod', crud],
    ['', 'secrets', [], true, 'Secret', crud],
    ['', 'serviceaccounts', ['sa'], true, 'ServiceAccount', crud],
    ['', 'services', ['svc'], true, 'Service', crud],
    ['events.k8s.io', 'events', ['ev'], true, 'Event', crud],
    ['authentication.k8s.io', 'selfsubjectreviews', [], false, 'SelfSubjectReview', ['create']],
    ['authentication.k8s.io', 'tokenreviews', [], false, 'TokenReview', ['create']],
    ['authorization.k8s.io', 'localsubjectaccessreviews', [], true, 'LocalSubjectAccessReview', ['create']],
    ['authorization.k8s.io', 'selfsubjectaccessreviews', [], false, 'SelfSubjectAccessReview', ['create']],
    ['authorization.k8s.io', 'selfsubjectrulesreviews', [], false, 'SelfSubjectRulesReview', ['create']],
    ['authorization.k8s.io', 'subjectaccessreviews', [], false, 'SubjectAccessReview', ['create']],
    ['certificates.k8s.io', 'certificatesigningrequests', ['csr'], false, 'CertificateSigningRequest', crud],
    ['rbac.authorization.k8s.io', 'clusterrolebindings', [], false, 'ClusterRoleBinding', crud],
    ['rbac.authorization.k8s.io', 'clusterroles', [], false, 'ClusterRole', crud],
    ['rbac.authorization.k8s.io', 'rolebindings', [], true, 'RoleBinding', crud],
    ['rbac.authorization.k8s.io', 'roles', [], true, 'Role', crud],
    ['coordination.k8s.io', 'leases', [], true, 'Lease', crud],
    ['discovery.k8s.io', 'endpointslices', [], true, 'EndpointSlice', crud],
  ];
  for (const [group, name, short, namespaced, kind, verbs] of rows) {
    const r = get(group, name);
    assert.equal([r.shortNames, r.namespaced, r.kind, r.verbs], [short, namespaced, kind, verbs], `${name}.${group}`);
  }
  assert.is(resources.length, rows.length);
  for (const r of resources) assert.equal([...r.verbs], [...r.verbs].sort(), `${r.resource} verbs sorted`);
});

test('singular names, list kinds, categories', () => {
  assert.is(get('', 'endpoints').singularName, 'endpoints');
  assert.is(get('certificates.k8s.io', 'certificatesigningrequests').singularName, 'certificatesigningrequest');
  assert.is(get('', 'secrets').listKind, 'SecretList');
  assert.is(get('authentication.k8s.io', 'tokenreviews').listKind, undefined);
  assert.equal(get('', 'pods').categories, ['all']);
  assert.equal(get('', 'services').categories, ['all']);
  assert.equal(get('', 'secrets').categories, []);
});

test('subresources and their kinds and verbs', () => {
  const subs = (group: string, name: string) => get(group, name).subresources.map((s) => `${s.name}:${s.group}/${s.version}/${s.kind}:${s.verbs.join(',')}`);
  assert.equal(subs('', 'namespaces'), ['finalize:/v1/Namespace:update', 'status:/v1/Namespace:get,patch,update']);
  assert.equal(subs('', 'nodes'), ['proxy:/v1/NodeProxyOptions:create,delete,get,patch,update', 'status:/v1/Node:get,patch,update']);
  assert.equal(subs('', 'pods'), ['log:/v1/Pod:get', 'status:/v1/Pod:get,patch,update']);
  assert.equal(subs('', 'serviceaccounts'), ['token:authentication.k8s.io/v1/TokenRequest:create']);
  assert.equal(subs('', 'services'), ['status:/v1/Service:get,patch,update']);
  assert.equal(subs('certificates.k8s.io', 'certificatesigningrequests'), [
    'approval:certificates.k8s.io/v1/CertificateSigningRequest:get,patch,update',
    'status:certificates.k8s.io/v1/CertificateSigningRequest:get,patch,update',
  ]);
  assert.is(lookupSubresource(get('', 'pods'), 'exec'), undefined);
  assert.is(lookupSubresource(get('', 'pods'), 'log')?.kind, 'Pod');
});

test('storageVersionHash: the hashes real v1.32 servers report', () => {
  const known: [string, string, string][] = [
    ['', 'pods', 'xPOwRZ+Yhw8='],
    ['', 'events', 'r2yiGXH7wu8='],
    ['events.k8s.io', 'events', 'r2yiGXH7wu8='], // stored as core v1 Event
    ['', 'secrets', 'S6u1pOWzb84='],
    ['', 'configmaps', 'qFsyl6wFWjQ='],
    ['', 'namespaces', 'Q3oi5N2YM8M='],
    ['', 'nodes', 'XwShjMxG9Fs='],
    ['', 'services', '0/CO1lhkEBI='],
    ['', 'serviceaccounts', 'pbx9ZvyFpBE='],
    ['', 'endpoints', 'fWeeMqaN/OA='],
    ['certificates.k8s.io', 'certificatesigningrequests', '95fRKMXA+00='],
    ['coordination.k8s.io', 'leases', 'gqkMMb/YqFM='],
    ['rbac.authorization.k8s.io', 'clusterroles', 'bYE5ZWDrJ44='],
    ['rbac.authorization.k8s.io', 'clusterrolebindings', '48tpQ8gZHFc='],
    ['rbac.authorization.k8s.io', 'roles', '7FuwZcIIItM='],
    ['rbac.authorization.k8s.io', 'rolebindings', 'eGsCzGH6b1g='],
  ];
  for (const [group, name, hash] of known) assert.is(get(group, name).storageVersionHash, hash, `${name}.${group}`);
  assert.is(storageVersionHash({ group: '', version: 'v1', kind: 'Pod' }), 'xPOwRZ+Yhw8=');
  assert.is(get('authorization.k8s.io', 'subjectaccessreviews').storageVersionHash, undefined);
});

test('delete answers: the object for pods, services, serviceaccounts, namespaces; a Status otherwise', () => {
  const returning = resources.filter((r) => r.deleteReturnsObject).map((r) => r.resource);
  assert.equal(returning, ['namespaces', 'pods', 'serviceaccounts', 'services']);
});

test.run();
