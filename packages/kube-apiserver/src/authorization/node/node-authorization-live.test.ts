// Live server, real mTLS: a kubelet's identity (CN=system:node:n1, O=system:nodes) against the
// Node authorizer (plugin/pkg/auth/authorizer/node/node_authorizer.go) and NodeRestriction
// (plugin/pkg/admission/noderestriction/admission.go), wired as the lead will wire them.
import { createCertificateRequest, generateKeyPair } from '@tlsboot/pki';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { nodeRestrictionAdmission } from '../../admission/noderestriction/getters.js';
import type { ClientCertificatePem } from '../../server/start-api-server.js';
import { startTestServer } from '../../server/testing.js';
import type { TestServer } from '../../server/testing.js';
import { forbiddenError } from '../forbidden.js';
import { nodeAuthorizer } from './new-node-authorizer.js';

let t: TestServer;
let n1: ClientCertificatePem;
let notANode: ClientCertificatePem;

test.before(async () => {
  t = await startTestServer({
    authorizers: async (ctx) => [await nodeAuthorizer(ctx)],
    admissionPlugins: (ctx) => [nodeRestrictionAdmission(ctx)],
  });
  n1 = await t.server.issueClientCertificate({ commonName: 'system:node:n1', organizations: ['system:nodes'] });
  notANode = await t.server.issueClientCertificate({ commonName: 'system:node:n1' });
  for (const name of ['n1', 'n2']) assert.is((await t.request('POST', '/api/v1/nodes', { body: { apiVersion: 'v1', kind: 'Node', metadata: { name } } })).status, 201);
});
test.after(async () => {
  await t.close();
});

const asN1 = (method: string, path: string, body?: object) => t.request(method, path, { identity: n1, ...(body ? { body } : {}) });
const n1User = { name: 'system:node:n1', groups: ['system:nodes', 'system:authenticated'] };

test('node_authorizer.go authorizeNode: a node reads its own Node, by name or with fieldSelector metadata.name=<self>', async () => {
  const own = await asN1('GET', '/api/v1/nodes/n1');
  assert.is(own.status, 200);
  assert.is(own.json.metadata.name, 'n1');
  const listed = await asN1('GET', '/api/v1/nodes?fieldSelector=metadata.name%3Dn1');
  assert.is(listed.status, 200);
  assert.equal(listed.json.items.map((n: { metadata: { name: string } }) => n.metadata.name), ['n1']);
});

test('node_authorizer.go authorizeNode: other nodes and the node list are 403 with the Node authorizer reason (forbidden.ts text)', async () => {
  const other = await asN1('GET', '/api/v1/nodes/n2');
  assert.is(other.status, 403);
  assert.is(other.json.message, `nodes "n2" is forbidden: User "system:node:n1" cannot get resource "nodes" in API group "" at the cluster scope: node 'n1' cannot read 'n2', only its own Node object`);
  const attrs = { user: n1User, verb: 'get', isResourceRequest: true, path: '/api/v1/nodes/n2', namespace: '', apiGroup: '', apiVersion: 'v1', resource: 'nodes', subresource: '', name: 'n2' };
  assert.equal(other.json, forbiddenError(attrs, "node 'n1' cannot read 'n2', only its own Node object").status);
  const all = await asN1('GET', '/api/v1/nodes');
  assert.is(all.status, 403);
  assert.is(all.json.message, `nodes is forbidden: User "system:node:n1" cannot list resource "nodes" in API group "" at the cluster scope: node 'n1' cannot read all nodes, only its own Node object`);
  const watchOther = await asN1('GET', '/api/v1/nodes?watch=true&fieldSelector=metadata.name%3Dn2');
  assert.is(watchOther.status, 403);
  assert.match(watchOther.json.message, /cannot watch resource "nodes".*node 'n1' cannot read 'n2', only its own Node object$/);
});

test('noderestriction admission.go admitNode: the authorizer lets the update through, NodeRestriction refuses node n2', async () => {
  const patch = await t.request('PATCH', '/api/v1/nodes/n2', { identity: n1, body: '{"metadata":{"labels":{"x":"y"}}}', headers: { 'content-type': 'application/merge-patch+json' } });
  assert.is(patch.status, 403);
  assert.is(patch.json.message, 'nodes "n2" is forbidden: node "n1" is not allowed to modify node "n2"');
  assert.equal(patch.json.details, { name: 'n2', kind: 'nodes' });
  const n2 = (await t.request('GET', '/api/v1/nodes/n2')).json;
  const put = await asN1('PUT', '/api/v1/nodes/n2', { ...n2, metadata: { ...n2.metadata, labels: { x: 'y' } } });
  assert.is(put.status, 403);
  assert.is(put.json.message, 'nodes "n2" is forbidden: node "n1" is not allowed to modify node "n2"');
});

test('noderestriction admission.go admitNode: its own Node may take kubelet labels, not other kubernetes.io labels nor taints', async () => {
  const merge = { 'content-type': 'application/merge-patch+json' };
  const ok = await t.request('PATCH', '/api/v1/nodes/n1', { identity: n1, body: '{"metadata":{"labels":{"kubernetes.io/arch":"amd64","example.com/team":"a"}}}', headers: merge });
  assert.is(ok.status, 200);
  const role = await t.request('PATCH', '/api/v1/nodes/n1', { identity: n1, body: '{"metadata":{"labels":{"node-role.kubernetes.io/control-plane":""}}}', headers: merge });
  assert.is(role.status, 403);
  assert.is(role.json.message, 'nodes "n1" is forbidden: is not allowed to modify labels: node-role.kubernetes.io/control-plane');
  const current = (await asN1('GET', '/api/v1/nodes/n1')).json;
  const taint = await asN1('PUT', '/api/v1/nodes/n1', { ...current, spec: { taints: [{ key: 'k', effect: 'NoSchedule' }] } });
  assert.is(taint.status, 403);
  assert.is(taint.json.message, 'nodes "n1" is forbidden: node "n1" is not allowed to modify taints');
});

test('node_authorizer.go authorizeLease + admitLease: a node creates and renews its own lease in kube-node-lease, nothing else', async () => {
  const leases = '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases';
  const lease = (name: string) => ({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name }, spec: { holderIdentity: name, leaseDurationSeconds: 40 } });
  const created = await asN1('POST', leases, lease('n1'));
  assert.is(created.status, 201);
  const renewed = await asN1('PUT', `${leases}/n1`, { ...created.json, spec: { ...created.json.spec, renewTime: '2024-01-01T00:00:00.000000Z' } });
  assert.is(renewed.status, 200);
  assert.is(renewed.json.spec.renewTime, '2024-01-01T00:00:00.000000Z');
  // create is not name-checked by the authorizer; NodeRestriction refuses it
  const other = await asN1('POST', leases, lease('n2'));
  assert.is(other.status, 403);
  assert.is(other.json.message, 'leases.coordination.k8s.io "n2" is forbidden: can only access node lease with the same name as the requesting node');
  const readOther = await asN1('GET', `${leases}/n2`);
  assert.is(readOther.status, 403);
  assert.match(readOther.json.message, /cannot get resource "leases" in API group "coordination.k8s.io" in the namespace "kube-node-lease": can only access node lease with the same name as the requesting node$/);
  const elsewhere = await asN1('POST', '/apis/coordination.k8s.io/v1/namespaces/default/leases', lease('n1'));
  assert.is(elsewhere.status, 403);
  assert.match(elsewhere.json.message, /: can only access leases in the "kube-node-lease" system namespace$/);
});

test('noderestriction admission.go admitCSR (v1.31+): a kubelet CSR must carry CN=system:node:<self>', async () => {
  const keys = await generateKeyPair();
  const csrBody = async (cn: string, signerName: string) => ({
    apiVersion: 'certificates.k8s.io/v1',
    kind: 'CertificateSigningRequest',
    metadata: { generateName: 'csr-' },
    spec: {
      request: Buffer.from((await createCertificateRequest({ keys, subject: { commonName: cn, organizations: ['system:nodes'] } })).pem).toString('base64'),
      signerName,
      usages: ['digital signature', 'client auth'],
    },
  });
  const csrs = '/apis/certificates.k8s.io/v1/certificatesigningrequests';
  const own = await asN1('POST', csrs, await csrBody('system:node:n1', 'kubernetes.io/kube-apiserver-client-kubelet'));
  assert.is(own.status, 201);
  assert.is(own.json.spec.username, 'system:node:n1');
  const stolen = await asN1('POST', csrs, await csrBody('system:node:n2', 'kubernetes.io/kube-apiserver-client-kubelet'));
  assert.is(stolen.status, 403);
  assert.is(stolen.json.reason, 'Forbidden');
  assert.is(stolen.json.message, 'certificatesigningrequests.certificates.k8s.io "csr-" is forbidden: can only create a node CSR with CN=system:node:n1');
  const serving = await asN1('POST', csrs, { ...(await csrBody('system:node:n2', 'kubernetes.io/kubelet-serving')), metadata: { name: 'serving-n2' } });
  assert.is(serving.status, 403);
  assert.is(serving.json.message, 'certificatesigningrequests.certificates.k8s.io "serving-n2" is forbidden: can only create a node CSR with CN=system:node:n1');
  // the static node rules let any node read any CSR (not only its own)
  assert.is((await asN1('GET', csrs)).status, 200);
});

test('node_authorizer.go: a pod the admin binds to n1 opens its secret to n1 on the very next request; other secrets stay closed', async () => {
  for (const name of ['s1', 's2']) assert.is((await t.request('POST', '/api/v1/namespaces/default/secrets', { body: { apiVersion: 'v1', kind: 'Secret', metadata: { name }, stringData: { k: 'v' } } })).status, 201);
  const denied = await asN1('GET', '/api/v1/namespaces/default/secrets/s1');
  assert.is(denied.status, 403);
  assert.is(denied.json.message, `secrets "s1" is forbidden: User "system:node:n1" cannot get resource "secrets" in API group "" in the namespace "default": no relationship found between node 'n1' and this object`);
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'nginx' }], volumes: [{ name: 'v', secret: { secretName: 's1' } }] } };
  assert.is((await t.request('POST', '/api/v1/namespaces/default/pods', { body: pod })).status, 201);
  const allowed = await asN1('GET', '/api/v1/namespaces/default/secrets/s1');
  assert.is(allowed.status, 200);
  assert.is(allowed.json.metadata.name, 's1');
  assert.is((await asN1('GET', '/api/v1/namespaces/default/secrets/s2')).status, 403);
  assert.is((await asN1('GET', '/api/v1/namespaces/default/secrets')).status, 403, 'no list of all secrets');
  const single = await asN1('GET', '/api/v1/namespaces/default/secrets?fieldSelector=metadata.name%3Ds1');
  assert.is(single.status, 200, 'a list narrowed to one related secret by name');
});

test('node_authorizer.go authorizePod: pods are listed only with spec.nodeName=<self>; NodeRestriction lets a node delete only its own pods', async () => {
  assert.is((await asN1('GET', '/api/v1/pods?fieldSelector=spec.nodeName%3Dn1')).status, 200);
  const all = await asN1('GET', '/api/v1/pods');
  assert.is(all.status, 403);
  assert.match(all.json.message, /: can only list\/watch pods with spec\.nodeName field selector$/);
  assert.is((await t.request('POST', '/api/v1/namespaces/default/pods', { body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'elsewhere' }, spec: { nodeName: 'n2', containers: [{ name: 'c', image: 'x' }] } } })).status, 201);
  const del = await asN1('DELETE', '/api/v1/namespaces/default/pods/elsewhere');
  assert.is(del.status, 403);
  assert.is(del.json.message, 'pods "elsewhere" is forbidden: node "n1" can only delete pods with spec.nodeName set to itself');
  const create = await asN1('POST', '/api/v1/namespaces/default/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'sneaky' }, spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'x' }] } });
  assert.is(create.status, 403);
  assert.is(create.json.message, 'pods "sneaky" is forbidden: pod does not have "kubernetes.io/config.mirror" annotation, node "n1" can only create mirror pods');
});

test('nodeidentifier default.go: a system:node:* name without O=system:nodes is not a node (no Node opinion, so 403 without a reason)', async () => {
  const r = await t.request('GET', '/api/v1/nodes/n1', { identity: notANode });
  assert.is(r.status, 403);
  assert.is(r.json.message, 'nodes "n1" is forbidden: User "system:node:n1" cannot get resource "nodes" in API group "" at the cluster scope');
});

test('the trace names the Node authorizer as the one that allowed a request', async () => {
  await asN1('GET', '/api/v1/nodes/n1');
  const authorized = t.trace.events.filter((e) => e.type === 'request.authorized' && (e as { authorizer?: string }).authorizer === 'Node');
  assert.ok(authorized.length > 0);
});

test.run();
