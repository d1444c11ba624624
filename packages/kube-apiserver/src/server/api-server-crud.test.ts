// Live-server tests: CRUD on secrets, lists with selectors, patch, delete answers, subresources, tables.
import { createHash, X509Certificate } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestServer } from './testing.js';
import { csrRequest } from '../registry/certificates/testing.js';
import type { TestServer } from './testing.js';

let t: TestServer;
test.before(async () => {
  t = await startTestServer();
});
test.after(async () => {
  await t.close();
});

const secrets = '/api/v1/namespaces/default/secrets';
const secret = (name: string, extra: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name, ...extra }, stringData: { k: 'v' } });

test('system namespaces exist at start, Active, labelled with their name', async () => {
  const r = await t.request('GET', '/api/v1/namespaces');
  assert.is(r.json.kind, 'NamespaceList');
  assert.equal(r.json.items.map((n: { metadata: { name: string } }) => n.metadata.name), ['default', 'kube-node-lease', 'kube-public', 'kube-system']);
  for (const n of r.json.items) {
    assert.is(n.status.phase, 'Active');
    assert.is(n.metadata.labels['kubernetes.io/metadata.name'], n.metadata.name);
    assert.is(n.kind, undefined, 'list items carry no kind');
  }
});

test('create: 201, uid and creationTimestamp from the clock, stringData merged into data, type Opaque', async () => {
  const r = await t.request('POST', secrets, { body: secret('one', { labels: { app: 'web' } }) });
  assert.is(r.status, 201);
  const s = r.json;
  assert.is(s.kind, 'Secret');
  assert.is(s.apiVersion, 'v1');
  assert.match(s.metadata.uid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.is(s.metadata.creationTimestamp, `${t.clock.now().toISOString().slice(0, 19)}Z`);
  assert.is(s.metadata.namespace, 'default');
  assert.equal(s.data, { k: Buffer.from('v').toString('base64') });
  assert.is(s.stringData, undefined);
  assert.is(s.type, 'Opaque');
  const got = await t.request('GET', `${secrets}/one`);
  assert.equal(got.json, s);
});

test('generateName: a random suffix from the Kubernetes alphabet', async () => {
  const r = await t.request('POST', secrets, { body: { apiVersion: 'v1', kind: 'Secret', metadata: { generateName: 'gen-' } } });
  assert.is(r.status, 201);
  assert.match(r.json.metadata.name, /^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
});

test('list: ListMeta.resourceVersion, label and field selectors', async () => {
  await t.request('POST', secrets, { body: secret('two', { labels: { app: 'db' } }) });
  await t.request('POST', secrets, { body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'tls' }, type: 'kubernetes.io/tls', data: { 'tls.crt': '', 'tls.key': '' } } });
  const all = await t.request('GET', secrets);
  assert.is(all.json.kind, 'SecretList');
  assert.match(all.json.metadata.resourceVersion, /^\d+$/);
  const names = (r: { json: { items: { metadata: { name: string } }[] } }) => r.json.items.map((i) => i.metadata.name);
  assert.equal(names(await t.request('GET', `${secrets}?labelSelector=app%3Dweb`)), ['one']);
  assert.equal(names(await t.request('GET', `${secrets}?labelSelector=app%20in%20(web%2Cdb)`)), ['one', 'two']);
  assert.equal(names(await t.request('GET', `${secrets}?fieldSelector=type%3Dkubernetes.io%2Ftls`)), ['tls']);
  assert.equal(names(await t.request('GET', `${secrets}?fieldSelector=metadata.name%3Dtwo`)), ['two']);
  const across = await t.request('GET', '/api/v1/secrets?fieldSelector=metadata.namespace%3Ddefault');
  assert.ok(names(across).includes('one'));
});

test('update: PUT with the current resourceVersion, then 409 with a stale one', async () => {
  const current = (await t.request('GET', `${secrets}/one`)).json;
  const updated = await t.request('PUT', `${secrets}/one`, { body: { ...current, metadata: { ...current.metadata, labels: { app: 'web', v: '2' } } } });
  assert.is(updated.status, 200);
  assert.is(updated.json.metadata.labels.v, '2');
  assert.ok(Number(updated.json.metadata.resourceVersion) > Number(current.metadata.resourceVersion));
  assert.is(updated.json.metadata.uid, current.metadata.uid);
  const stale = await t.request('PUT', `${secrets}/one`, { body: current });
  assert.is(stale.status, 409);
  assert.is(stale.json.message, 'Operation cannot be fulfilled on secrets "one": the object has been modified; please apply your changes to the latest version and try again');
  assert.equal(stale.json.details, { name: 'one', kind: 'secrets' });
});

test('patch: merge, strategic merge (as merge) and JSON patch', async () => {
  const merge = await t.request('PATCH', `${secrets}/one`, { body: '{"metadata":{"labels":{"m":"1"}}}', headers: { 'content-type': 'application/merge-patch+json' } });
  assert.is(merge.status, 200);
  assert.is(merge.json.metadata.labels.m, '1');
  const smp = await t.request('PATCH', `${secrets}/one`, { body: '{"metadata":{"labels":{"m":null,"s":"1"}}}', headers: { 'content-type': 'application/strategic-merge-patch+json' } });
  assert.equal(smp.json.metadata.labels, { app: 'web', v: '2', s: '1' });
  const jp = await t.request('PATCH', `${secrets}/one`, { body: '[{"op":"replace","path":"/metadata/labels/s","value":"2"}]', headers: { 'content-type': 'application/json-patch+json' } });
  assert.is(jp.json.metadata.labels.s, '2');
  const bad = await t.request('PATCH', `${secrets}/one`, { body: '[{"op":"test","path":"/metadata/labels/s","value":"9"}]', headers: { 'content-type': 'application/json-patch+json' } });
  assert.is(bad.status, 422);
  const missing = await t.request('PATCH', `${secrets}/nope`, { body: '{}', headers: { 'content-type': 'application/merge-patch+json' } });
  assert.is(missing.status, 404);
});

test('delete: a Success Status for secrets (generic store), the object for namespaces', async () => {
  const uid = (await t.request('GET', `${secrets}/two`)).json.metadata.uid;
  const r = await t.request('DELETE', `${secrets}/two`);
  assert.is(r.status, 200);
  assert.equal(r.json, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: 'two', kind: 'secrets', uid } });
  assert.is((await t.request('GET', `${secrets}/two`)).status, 404);
  await t.request('POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'scratch' } } });
  await t.request('POST', '/api/v1/namespaces/scratch/secrets', { body: secret('inside') });
  const ns = await t.request('DELETE', '/api/v1/namespaces/scratch');
  assert.is(ns.status, 200);
  assert.is(ns.json.kind, 'Namespace');
  assert.is(ns.json.status.phase, 'Terminating');
  assert.is((await t.request('GET', '/api/v1/namespaces/scratch')).status, 404);
  assert.is((await t.request('GET', '/api/v1/namespaces/scratch/secrets/inside')).status, 404);
});

test('delete with a failing precondition is 409', async () => {
  const r = await t.request('DELETE', `${secrets}/one`, { body: { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { uid: 'not-the-uid' } } });
  assert.is(r.status, 409);
  assert.match(r.json.message, /^Operation cannot be fulfilled on secrets "one": StorageError: invalid object, Code: 4/);
});

test('deletecollection answers with the deleted objects', async () => {
  await t.request('POST', secrets, { body: secret('dc-a', { labels: { dc: 'x' } }) });
  await t.request('POST', secrets, { body: secret('dc-b', { labels: { dc: 'x' } }) });
  const r = await t.request('DELETE', `${secrets}?labelSelector=dc%3Dx`);
  assert.is(r.status, 200);
  assert.is(r.json.kind, 'SecretList');
  assert.equal(r.json.items.map((i: { metadata: { name: string } }) => i.metadata.name), ['dc-a', 'dc-b']);
});

test('subresources: nodes/status keeps the spec, the main endpoint keeps the status', async () => {
  await t.request('POST', '/api/v1/nodes', { body: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, status: { phase: 'ignored' } } });
  const created = (await t.request('GET', '/api/v1/nodes/n1')).json;
  assert.is(created.status, undefined, 'status is cleared on create');
  const status = { conditions: [{ type: 'Ready', status: 'True' }], nodeInfo: { kubeletVersion: 'v1.32.0' } };
  const r = await t.request('PUT', '/api/v1/nodes/n1/status', { body: { ...created, spec: { unschedulable: true }, status } });
  assert.is(r.status, 200);
  assert.equal(r.json.status, status);
  assert.is(r.json.spec, undefined);
  const main = await t.request('PUT', '/api/v1/nodes/n1', { body: { ...r.json, status: {} } });
  assert.equal(main.json.status, status);
});

test('Table for nodes and secrets: upstream columns, PartialObjectMetadata rows', async () => {
  const accept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
  const nodes = await t.request('GET', '/api/v1/nodes', { headers: { accept } });
  assert.is(nodes.headers['content-type'], 'application/json;as=Table;v=v1;g=meta.k8s.io');
  assert.equal(nodes.json.columnDefinitions.filter((c: { priority: number }) => c.priority === 0).map((c: { name: string }) => c.name), ['Name', 'Status', 'Roles', 'Age', 'Version']);
  assert.equal(nodes.json.rows[0].cells.slice(0, 5), ['n1', 'Ready', '<none>', '0s', 'v1.32.0']);
  assert.is(nodes.json.rows[0].object.kind, 'PartialObjectMetadata');
  assert.match(nodes.json.rows[0].object.metadata.resourceVersion, /^\d+$/);
  const s = await t.request('GET', `${secrets}/tls`, { headers: { accept } });
  assert.equal(s.json.columnDefinitions.map((c: { name: string }) => c.name), ['Name', 'Type', 'Data', 'Age']);
  assert.equal(s.json.rows[0].cells.slice(0, 3), ['tls', 'kubernetes.io/tls', 2]);
  assert.is(s.json.metadata.resourceVersion, s.json.rows[0].object.metadata.resourceVersion);
  const none = await t.request('GET', `${secrets}?includeObject=None`, { headers: { accept } });
  assert.is(none.json.rows[0].object, undefined);
});

test('Table for certificatesigningrequests: requestor from the authenticated user, condition rules', async () => {
  const request = await csrRequest({ commonName: 'system:node:n1', organizations: ['system:nodes'] }, { dnsNames: ['n1'] });
  const csr = { apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: { name: 'c1' }, spec: { request, signerName: 'kubernetes.io/kubelet-serving', expirationSeconds: 3600, usages: ['server auth'], username: 'forged' } };
  const created = await t.request('POST', '/apis/certificates.k8s.io/v1/certificatesigningrequests', { body: csr });
  assert.is(created.status, 201);
  assert.is(created.json.spec.username, 'kubernetes-admin');
  assert.equal(created.json.spec.groups, ['system:masters', 'system:authenticated']);
  const approval = { ...created.json, status: { conditions: [{ type: 'Approved', status: 'True', reason: 'Test' }], certificate: Buffer.from('ignored-here').toString('base64') } };
  const approved = await t.request('PUT', '/apis/certificates.k8s.io/v1/certificatesigningrequests/c1/approval', { body: approval });
  assert.is(approved.status, 200);
  assert.is(approved.json.status.certificate, undefined, '/approval takes the conditions only');
  const table = await t.request('GET', '/apis/certificates.k8s.io/v1/certificatesigningrequests', { headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' } });
  assert.equal(table.json.columnDefinitions.map((c: { name: string }) => c.name), ['Name', 'Age', 'SignerName', 'Requestor', 'RequestedDuration', 'Condition']);
  assert.equal(table.json.rows[0].cells, ['c1', '0s', 'kubernetes.io/kubelet-serving', 'kubernetes-admin', '60m', 'Approved']);
});

test('SelfSubjectReview: the caller as the apiserver sees it', async () => {
  const r = await t.request('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } });
  assert.is(r.status, 201);
  const id = `X509SHA256=${createHash('sha256').update(new X509Certificate(t.admin.certPem).raw).digest('hex')}`;
  assert.equal(r.json.status.userInfo, { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'], extra: { 'authentication.kubernetes.io/credential-id': [id] } });
});

test('dryRun=All runs everything and stores nothing; other values are 422', async () => {
  const created = await t.request('POST', `${secrets}?dryRun=All`, { body: secret('dry') });
  assert.is(created.status, 201);
  assert.is(created.json.metadata.name, 'dry');
  assert.is((await t.request('GET', `${secrets}/dry`)).status, 404);
  const invalid = await t.request('POST', `${secrets}?dryRun=All`, { body: secret('Dry!') });
  assert.is(invalid.status, 422);
  const patched = await t.request('PATCH', `${secrets}/one?dryRun=All`, { body: '{"metadata":{"labels":{"dry":"run"}}}', headers: { 'content-type': 'application/merge-patch+json' } });
  assert.is(patched.json.metadata.labels.dry, 'run');
  assert.is((await t.request('GET', `${secrets}/one`)).json.metadata.labels.dry, undefined);
  assert.is((await t.request('DELETE', `${secrets}/one?dryRun=All`)).status, 200);
  assert.is((await t.request('GET', `${secrets}/one`)).status, 200);
  const bogus = await t.request('POST', `${secrets}?dryRun=Maybe`, { body: secret('dry') });
  assert.is(bogus.json.message, 'CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: ["Maybe"]: supported values: "All"');
});

test('a YAML body is accepted', async () => {
  const r = await t.request('POST', '/api/v1/namespaces/default/configmaps', { body: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\ndata:\n  a: "1"\n', headers: { 'content-type': 'application/yaml' } });
  assert.is(r.status, 201);
  assert.equal(r.json.data, { a: '1' });
});

// KNOWN DIFFERENCE from v1.32, pinned so it cannot change unnoticed: upstream decodes with the
// kind's schema and, with fieldValidation=Strict (kubectl's default), answers 400 BadRequest
// `strict decoding error: unknown field "bogus"` (k8s.io/apiserver pkg/endpoints/handlers/create.go,
// fieldValidation). tlsboot's OpenAPI documents carry no schemas, so unknown fields are kept
// silently. When schemas arrive this test must flip to expect the 400.
test('fieldValidation=Strict does not reject unknown fields yet (upstream: 400 strict decoding error)', async () => {
  const r = await t.request('POST', `${secrets}?fieldValidation=Strict`, { body: { ...secret('strict-unknown'), bogus: 1 } });
  assert.is(r.status, 201);
  await t.request('DELETE', `${secrets}/strict-unknown`);
});

test.run();
