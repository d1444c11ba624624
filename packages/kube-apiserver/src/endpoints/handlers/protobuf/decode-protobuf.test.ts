// Protobuf request bodies, from bytes kubectl v1.32 really sent (captured with -v=9); field numbers
// of k8s.io/api generated.proto (rbac: staging/src/k8s.io/api/rbac/v1/generated.proto).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeProtobuf } from './decode-protobuf.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

// kubectl create secret generic pb --from-literal=a=b
const secret = hex(`6b 38 73 00 0a 0c 0a 02 76 31 12 06 53 65 63 72 65 74 12 1e 0a 12 0a 02 70 62 12 00 1a 00 22 00
  2a 00 32 00 38 00 42 00 12 06 0a 01 61 12 01 62 1a 00 1a 00 22 00`);
// kubectl auth whoami
const review = hex(`6b 38 73 00 0a 2d 0a 18 61 75 74 68 65 6e 74 69 63 61 74 69 6f 6e 2e 6b 38 73 2e 69 6f 2f 76 31
  12 11 53 65 6c 66 53 75 62 6a 65 63 74 52 65 76 69 65 77 12 1a 0a 10 0a 00 12 00 1a 00 22 00 2a
  00 32 00 38 00 42 00 12 06 0a 04 0a 00 12 00 1a 00 22 00`);
// kubectl create ns pbns
const namespace = hex(`6b 38 73 00 0a 0f 0a 02 76 31 12 09 4e 61 6d 65 73 70 61 63 65 12 1c 0a 14 0a 04 70 62 6e 73 12
  00 1a 00 22 00 2a 00 32 00 38 00 42 00 12 00 1a 02 0a 00 1a 00 22 00`);

test('a Secret: data as base64, the empty fields Go always writes dropped', () => {
  assert.equal(decodeProtobuf(secret), { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'pb' }, data: { a: Buffer.from('b').toString('base64') } });
});

test('a SelfSubjectReview and a Namespace', () => {
  assert.equal(decodeProtobuf(review), { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });
  assert.equal(decodeProtobuf(namespace), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'pbns' } });
});

// kubectl create role pb2 --verb=get --resource=pods -n team
const role = hex(`6b 38 73 00 0a 24 0a 1c 72 62 61 63 2e 61 75 74 68 6f 72 69 7a 61 74 69 6f 6e 2e 6b 38 73 2e 69
  6f 2f 76 31 12 04 52 6f 6c 65 12 28 0a 17 0a 03 70 62 32 12 00 1a 04 74 65 61 6d 22 00 2a 00 32
  00 38 00 42 00 12 0d 0a 03 67 65 74 12 00 1a 04 70 6f 64 73 1a 00 22 00`);
// kubectl create rolebinding pbrb --role=pod-reader --user=alice -n team
const roleBinding = hex(`6b 38 73 00 0a 2b 0a 1c 72 62 61 63 2e 61 75 74 68 6f 72 69 7a 61 74 69 6f 6e 2e 6b 38 73 2e 69
  6f 2f 76 31 12 0b 52 6f 6c 65 42 69 6e 64 69 6e 67 12 75 0a 18 0a 04 70 62 72 62 12 00 1a 04 74
  65 61 6d 22 00 2a 00 32 00 38 00 42 00 12 2a 0a 04 55 73 65 72 12 19 72 62 61 63 2e 61 75 74 68
  6f 72 69 7a 61 74 69 6f 6e 2e 6b 38 73 2e 69 6f 1a 05 61 6c 69 63 65 22 00 1a 2d 0a 19 72 62 61
  63 2e 61 75 74 68 6f 72 69 7a 61 74 69 6f 6e 2e 6b 38 73 2e 69 6f 12 04 52 6f 6c 65 1a 0a 70 6f
  64 2d 72 65 61 64 65 72 1a 00 22 00`);
// kubectl create clusterrolebinding pbcrb --clusterrole=view --group=devs --serviceaccount=team:robot
const clusterRoleBinding = hex(`6b 38 73 00 0a 32 0a 1c 72 62 61 63 2e 61 75 74 68 6f 72 69 7a 61 74 69 6f 6e 2e 6b 38 73 2e 69
  6f 2f 76 31 12 12 43 6c 75 73 74 65 72 52 6f 6c 65 42 69 6e 64 69 6e 67 12 94 01 0a 15 0a 05 70
  62 63 72 62 12 00 1a 00 22 00 2a 00 32 00 38 00 42 00 12 2a 0a 05 47 72 6f 75 70 12 19 72 62 61
  63 2e 61 75 74 68 6f 72 69 7a 61 74 69 6f 6e 2e 6b 38 73 2e 69 6f 1a 04 64 65 76 73 22 00 12 1f
  0a 0e 53 65 72 76 69 63 65 41 63 63 6f 75 6e 74 12 00 1a 05 72 6f 62 6f 74 22 04 74 65 61 6d 1a
  2e 0a 19 72 62 61 63 2e 61 75 74 68 6f 72 69 7a 61 74 69 6f 6e 2e 6b 38 73 2e 69 6f 12 0b 43 6c
  75 73 74 65 72 52 6f 6c 65 1a 04 76 69 65 77 1a 00 22 00`);
// kubectl create clusterrole pbcr --verb=get --non-resource-url=/logs/*
const nonResourceRole = hex(`6b 38 73 00 0a 2b 0a 1c 72 62 61 63 2e 61 75 74 68 6f 72 69 7a 61 74 69 6f 6e 2e 6b 38 73 2e 69
  6f 2f 76 31 12 0b 43 6c 75 73 74 65 72 52 6f 6c 65 12 26 0a 14 0a 04 70 62 63 72 12 00 1a 00 22
  00 2a 00 32 00 38 00 42 00 12 0e 0a 03 67 65 74 2a 07 2f 6c 6f 67 73 2f 2a 1a 00 22 00`);
// kubectl create clusterrole pbagg --aggregation-rule=a.example.com/x=true
const aggregated = hex(`6b 38 73 00 0a 2b 0a 1c 72 62 61 63 2e 61 75 74 68 6f 72 69 7a 61 74 69 6f 6e 2e 6b 38 73 2e 69
  6f 2f 76 31 12 0b 43 6c 75 73 74 65 72 52 6f 6c 65 12 34 0a 15 0a 05 70 62 61 67 67 12 00 1a 00
  22 00 2a 00 32 00 38 00 42 00 1a 1b 0a 19 0a 17 0a 0f 61 2e 65 78 61 6d 70 6c 65 2e 63 6f 6d 2f
  78 12 04 74 72 75 65 1a 00 22 00`);

test('rbac/v1 generated.proto: a Role keeps apiGroups [""] (the core group is an empty string, not an empty list)', () => {
  assert.equal(decodeProtobuf(role), {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'pb2', namespace: 'team' },
    rules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }],
  });
});

test('rbac/v1 generated.proto: RoleBinding and ClusterRoleBinding subjects and roleRef; a ServiceAccount subject has no apiGroup', () => {
  assert.equal(decodeProtobuf(roleBinding), {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'pbrb', namespace: 'team' },
    subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' }],
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
  });
  assert.equal(decodeProtobuf(clusterRoleBinding), {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'pbcrb' },
    subjects: [
      { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'devs' },
      { kind: 'ServiceAccount', name: 'robot', namespace: 'team' },
    ],
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
  });
});

test('rbac/v1 generated.proto: ClusterRole nonResourceURLs and an aggregationRule (metav1.LabelSelector)', () => {
  assert.equal(decodeProtobuf(nonResourceRole), {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'pbcr' },
    rules: [{ verbs: ['get'], nonResourceURLs: ['/logs/*'] }],
  });
  assert.equal(decodeProtobuf(aggregated), {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'pbagg' },
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'a.example.com/x': 'true' } }] },
  });
});

test('no magic prefix is 400; a kind without a message here is 415', () => {
  assert.throws(() => decodeProtobuf(Buffer.from('{}')), /does not appear to be a protobuf message, expected prefix \[107 56 115 0\]/);
  const other = Buffer.concat([hex('6b 38 73 00 0a 0c 0a 02 76 31 12 06 57 69 64 67 65 74')]);
  try {
    decodeProtobuf(other);
    assert.unreachable();
  } catch (err) {
    assert.is((err as { statusCode: number }).statusCode, 415);
  }
});

test.run();
