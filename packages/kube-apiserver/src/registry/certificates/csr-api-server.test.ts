// The CSR API through HTTP against a live apiserver (kubeadm default policy, Node,RBAC, the
// default admission plugins): pkg/registry/certificates/certificates/strategy.go (requester
// stamping, what each endpoint keeps), pkg/apis/certificates/validation/validation.go (the 422s)
// and plugin/pkg/admission/certificates/{approval,signing,subjectrestriction} (the 403s);
// reference/k8s-csr-kubelet.md §1 and §8.
import { createHash, X509Certificate } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestServer } from '../../server/testing.js';
import type { Response, TestServer } from '../../server/testing.js';
import { b64, certificateFixtures, csrRequest } from './testing.js';

const csrs = '/apis/certificates.k8s.io/v1/certificatesigningrequests';
const token = 'abcdef.0123456789abcdef';

let t: TestServer;
let nodeRequest: string;
test.before(async () => {
  t = await startTestServer();
  nodeRequest = await csrRequest({ commonName: 'system:node:n1', organizations: ['system:nodes'] });
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'bootstrap-token-abcdef', namespace: 'kube-system' },
    type: 'bootstrap.kubernetes.io/token',
    stringData: {},
    data: Object.fromEntries(
      Object.entries({
        'token-id': 'abcdef',
        'token-secret': '0123456789abcdef',
        'usage-bootstrap-authentication': 'true',
        'auth-extra-groups': 'system:bootstrappers:kubeadm:default-node-token',
      }).map(([k, v]) => [k, b64(v)]),
    ),
  };
  const r = await t.request('POST', '/api/v1/namespaces/kube-system/secrets', { body: secret });
  assert.is(r.status, 201, r.text);
});
test.after(async () => {
  await t.close();
});

const csrBody = (name: string, spec: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'certificates.k8s.io/v1',
  kind: 'CertificateSigningRequest',
  metadata: { name },
  spec: { request: nodeRequest, signerName: 'kubernetes.io/kube-apiserver-client-kubelet', usages: ['digital signature', 'client auth'], ...spec },
  ...extra,
});
const asBootstrap = { identity: null, headers: { authorization: `Bearer ${token}` } };

function expectStatus(r: Response, code: number, message?: string): void {
  assert.is(r.status, code, r.text);
  if (message !== undefined) assert.is(r.json.message, message);
}

test('strategy.go PrepareForCreate: a bootstrap-token user creates a CSR; spec.username/uid/groups/extra come from the request user, status is cleared', async () => {
  const r = await t.request('POST', csrs, {
    ...asBootstrap,
    body: csrBody('node-csr-boot', { username: 'system:admin', groups: ['system:masters'], uid: 'forged', extra: { a: ['b'] } }, { status: { conditions: [{ type: 'Approved', status: 'True' }], certificate: b64('x') } }),
  });
  expectStatus(r, 201);
  assert.is(r.json.spec.username, 'system:bootstrap:abcdef');
  assert.equal(r.json.spec.groups, ['system:bootstrappers', 'system:bootstrappers:kubeadm:default-node-token', 'system:authenticated']);
  assert.is(r.json.spec.uid, undefined);
  assert.is(r.json.spec.extra, undefined);
  assert.equal(r.json.status, {});
  assert.equal(Object.keys(r.json.spec), ['request', 'signerName', 'usages', 'username', 'groups']);
});

test('strategy.go PrepareForCreate: a node creates its CSR with generateName; it is stamped with its identity', async () => {
  const node = await t.server.issueClientCertificate({ commonName: 'system:node:n1', organizations: ['system:nodes'] });
  const r = await t.request('POST', csrs, { identity: node, body: { ...csrBody('', {}), metadata: { generateName: 'csr-' } } });
  expectStatus(r, 201);
  assert.match(r.json.metadata.name, /^csr-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  assert.is(r.json.spec.username, 'system:node:n1');
  assert.equal(r.json.spec.groups, ['system:nodes', 'system:authenticated']);
  // the x509 authenticator's credential id (X509SHA256=<hex of the certificate's DER>) is stamped as spec.extra
  const der = new X509Certificate(node.certPem).raw;
  assert.equal(r.json.spec.extra, { 'authentication.kubernetes.io/credential-id': [`X509SHA256=${createHash('sha256').update(der).digest('hex')}`] });
});

test('validation.go: expirationSeconds 599, garbage PEM and the legacy signer are 422 with upstream text', async () => {
  expectStatus(
    await t.request('POST', csrs, { body: csrBody('short', { expirationSeconds: 599 }) }),
    422,
    'CertificateSigningRequest.certificates.k8s.io "short" is invalid: spec.expirationSeconds: Invalid value: 599: may not specify a duration less than 600 seconds (10 minutes)',
  );
  const garbage = b64('not a pem');
  const r = await t.request('POST', csrs, { body: csrBody('garbage', { request: garbage }) });
  expectStatus(r, 422, `CertificateSigningRequest.certificates.k8s.io "garbage" is invalid: spec.request: Invalid value: "${garbage}": PEM block type must be CERTIFICATE REQUEST`);
  assert.equal(r.json.details.causes, [{ reason: 'FieldValueInvalid', message: `Invalid value: "${garbage}": PEM block type must be CERTIFICATE REQUEST`, field: 'spec.request' }]);
  expectStatus(
    await t.request('POST', csrs, { body: csrBody('legacy', { signerName: 'kubernetes.io/legacy-unknown' }) }),
    422,
    'CertificateSigningRequest.certificates.k8s.io "legacy" is invalid: spec.signerName: Invalid value: "kubernetes.io/legacy-unknown": the legacy signerName is not allowed via this API version',
  );
  expectStatus(
    await t.request('POST', csrs, { body: csrBody('two', { usages: [], signerName: 'nodomain' }) }),
    422,
    `CertificateSigningRequest.certificates.k8s.io "two" is invalid: [spec.usages: Required value, spec.signerName: Invalid value: "nodomain": must be a fully qualified domain and path of the form 'example.com/signer-name']`,
  );
});

test('subjectrestriction/admission.go: no system:masters certificates from the kube-apiserver-client signer', async () => {
  const request = await csrRequest({ commonName: 'mallory', organizations: ['system:masters'] });
  expectStatus(
    await t.request('POST', csrs, { body: csrBody('masters', { request, signerName: 'kubernetes.io/kube-apiserver-client', usages: ['client auth'] }) }),
    403,
    'certificatesigningrequests.certificates.k8s.io "masters" is forbidden: use of kubernetes.io/kube-apiserver-client signer with system:masters group is not allowed',
  );
});

test('strategy.go: the main resource changes metadata only; Approved through it is silently dropped', async () => {
  const got = await t.request('GET', `${csrs}/node-csr-boot`);
  const body = { ...got.json, metadata: { ...got.json.metadata, labels: { a: 'b' } }, spec: { ...got.json.spec, usages: ['server auth'] }, status: { conditions: [{ type: 'Approved', status: 'True' }] } };
  const r = await t.request('PUT', `${csrs}/node-csr-boot`, { body });
  expectStatus(r, 200);
  assert.equal(r.json.metadata.labels, { a: 'b' });
  assert.equal(r.json.spec.usages, ['digital signature', 'client auth']);
  assert.equal(r.json.status, {});
});

test('approval/admission.go: /approval without approve on signers is 403 with upstream text', async () => {
  const role = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'csr-updater' },
    rules: [{ apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests', 'certificatesigningrequests/approval', 'certificatesigningrequests/status'], verbs: ['get', 'update'] }],
  };
  const binding = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'csr-updater' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'csr-updater' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice' }],
  };
  expectStatus(await t.request('POST', '/apis/rbac.authorization.k8s.io/v1/clusterroles', { body: role }), 201);
  expectStatus(await t.request('POST', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', { body: binding }), 201);
  const alice = await t.server.issueClientCertificate({ commonName: 'alice' });
  const got = await t.request('GET', `${csrs}/node-csr-boot`, { identity: alice });
  const approved = { ...got.json, status: { conditions: [{ type: 'Approved', status: 'True', reason: 'ByHand', message: 'ok' }] } };
  expectStatus(
    await t.request('PUT', `${csrs}/node-csr-boot/approval`, { identity: alice, body: approved }),
    403,
    'certificatesigningrequests.certificates.k8s.io "node-csr-boot" is forbidden: user not permitted to approve requests with signerName "kubernetes.io/kube-apiserver-client-kubelet"',
  );
  // signing needs `sign` the same way
  const signed = { ...got.json, status: { certificate: b64(certificateFixtures.valid) } };
  expectStatus(
    await t.request('PUT', `${csrs}/node-csr-boot/status`, { identity: alice, body: signed }),
    403,
    'certificatesigningrequests.certificates.k8s.io "node-csr-boot" is forbidden: user not permitted to sign requests with signerName "kubernetes.io/kube-apiserver-client-kubelet"',
  );
});

test('strategy.go /approval: the admin approves; timestamps are filled; Denied next to Approved is 422; conditions are never removed', async () => {
  const got = await t.request('GET', `${csrs}/node-csr-boot`);
  const r = await t.request('PUT', `${csrs}/node-csr-boot/approval`, {
    body: { ...got.json, status: { conditions: [{ type: 'Approved', status: 'True', reason: 'ByHand', message: 'ok' }], certificate: b64(certificateFixtures.valid) } },
  });
  expectStatus(r, 200);
  const now = `${t.clock.now().toISOString().slice(0, 19)}Z`;
  assert.equal(r.json.status, { conditions: [{ type: 'Approved', status: 'True', reason: 'ByHand', message: 'ok', lastUpdateTime: now, lastTransitionTime: now }] }, 'certificate through /approval is dropped');
  expectStatus(
    await t.request('PUT', `${csrs}/node-csr-boot/approval`, { body: { ...r.json, status: { conditions: [...r.json.status.conditions, { type: 'Denied', status: 'True' }] } } }),
    422,
    'CertificateSigningRequest.certificates.k8s.io "node-csr-boot" is invalid: status.conditions[1].type: Invalid value: "Denied": Approved and Denied conditions are mutually exclusive',
  );
  expectStatus(
    await t.request('PUT', `${csrs}/node-csr-boot/approval`, { body: { ...r.json, status: {} } }),
    422,
    'CertificateSigningRequest.certificates.k8s.io "node-csr-boot" is invalid: status.conditions: Forbidden: updates may not remove a condition of type "Approved"',
  );
});

test('strategy.go /status: Approved cannot be added there; the certificate is set once; Failed may be added', async () => {
  const base = (await t.request('POST', csrs, { body: csrBody('status-only', {}) })).json;
  expectStatus(
    await t.request('PUT', `${csrs}/status-only/status`, { body: { ...base, status: { conditions: [{ type: 'Approved', status: 'True' }] } } }),
    422,
    'CertificateSigningRequest.certificates.k8s.io "status-only" is invalid: status.conditions: Forbidden: updates may not add a condition of type "Approved"',
  );
  const got = (await t.request('GET', `${csrs}/node-csr-boot`)).json;
  const issued = await t.request('PUT', `${csrs}/node-csr-boot/status`, { body: { ...got, status: { conditions: got.status.conditions, certificate: b64(certificateFixtures.valid) } } });
  expectStatus(issued, 200);
  assert.is(issued.json.status.certificate, b64(certificateFixtures.valid));
  assert.is(issued.json.status.conditions[0].type, 'Approved');
  const other = certificateFixtures.valid.replace('Leading', 'Other leading');
  expectStatus(
    await t.request('PUT', `${csrs}/node-csr-boot/status`, { body: { ...issued.json, status: { ...issued.json.status, certificate: b64(other) } } }),
    422,
    'CertificateSigningRequest.certificates.k8s.io "node-csr-boot" is invalid: status.certificate: Forbidden: updates may not modify existing certificate content',
  );
  // /status keeps the stored Approved instance even when the body changes it
  const changed = await t.request('PUT', `${csrs}/node-csr-boot/status`, {
    body: { ...issued.json, status: { ...issued.json.status, conditions: [{ type: 'Approved', status: 'True', reason: 'Changed' }, { type: 'Failed', status: 'True', reason: 'Testing' }] } },
  });
  expectStatus(changed, 200);
  assert.is(changed.json.status.conditions[0].reason, 'ByHand');
  assert.is(changed.json.status.conditions[1].reason, 'Testing');
  assert.ok(changed.json.status.conditions[1].lastUpdateTime);
});

test('selectable fields: spec.signerName filters the list', async () => {
  const r = await t.request('GET', `${csrs}?fieldSelector=spec.signerName%3Dkubernetes.io%2Fkube-apiserver-client-kubelet`);
  expectStatus(r, 200);
  assert.ok(r.json.items.length >= 3);
  const none = await t.request('GET', `${csrs}?fieldSelector=spec.signerName%3Dkubernetes.io%2Fkubelet-serving`);
  assert.is(none.json.items.length, 0);
});

test.run();
