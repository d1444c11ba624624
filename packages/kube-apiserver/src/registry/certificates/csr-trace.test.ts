// The CSR API's trace events over HTTPS against a live apiserver (csr-trace.ts): a bootstrap-token
// user creates, the admin approves through /approval (as `kubectl certificate approve` does), the
// signer's certificate arrives through /status — pkg/registry/certificates/certificates/strategy.go
// and storage/storage.go for the endpoints. A server whose sink keeps nothing parses nothing.
import { parseCertificatePem } from '@tlsboot/pki';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestServer } from '../../server/testing.js';
import type { TestServer } from '../../server/testing.js';
import { discardTrace } from '../../trace.js';
import type { CSRCertificateEvent, CSRConditionsEvent, CSRCreatedEvent, TraceEvent } from '../../trace.js';
import { csrTraceParses } from './csr-trace.js';
import { b64, csrRequest } from './testing.js';

const csrs = '/apis/certificates.k8s.io/v1/certificatesigningrequests';
const token = 'abcdef.0123456789abcdef';
const asBootstrap = { identity: null, headers: { authorization: `Bearer ${token}` } };
const approved = { type: 'Approved', status: 'True', reason: 'KubectlApprove', message: 'This CSR was approved by kubectl certificate approve.' };

let traced: TestServer;
let silent: TestServer;
let servingRequest: string;

async function addBootstrapToken(t: TestServer): Promise<void> {
  const data = { 'token-id': 'abcdef', 'token-secret': '0123456789abcdef', 'usage-bootstrap-authentication': 'true', 'auth-extra-groups': 'system:bootstrappers:kubeadm:default-node-token' };
  const r = await t.request('POST', '/api/v1/namespaces/kube-system/secrets', {
    body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'bootstrap-token-abcdef', namespace: 'kube-system' }, type: 'bootstrap.kubernetes.io/token', data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)])) },
  });
  assert.is(r.status, 201, r.text);
}

test.before(async () => {
  traced = await startTestServer();
  silent = await startTestServer({ trace: discardTrace });
  await addBootstrapToken(traced);
  await addBootstrapToken(silent);
  servingRequest = await csrRequest(
    { commonName: 'system:node:n1', organizations: ['system:nodes'] },
    { dnsNames: ['n1.example.test'], ipAddresses: ['10.0.0.7'], emailAddresses: ['ops@example.test'], uris: ['spiffe://cluster.local/n1'] },
  );
});
test.after(async () => {
  await traced.close();
  await silent.close();
});

const csrBody = (name: string) => ({
  apiVersion: 'certificates.k8s.io/v1',
  kind: 'CertificateSigningRequest',
  metadata: { name },
  spec: { request: servingRequest, signerName: 'kubernetes.io/kubelet-serving', expirationSeconds: 3600, usages: ['digital signature', 'server auth'] },
});

/** Create as the bootstrap token, approve as the admin, set a certificate as the admin: the three responses. */
async function lifecycle(t: TestServer, name: string) {
  const created = await t.request('POST', csrs, { ...asBootstrap, body: csrBody(name) });
  assert.is(created.status, 201, created.text);
  const approval = await t.request('PUT', `${csrs}/${name}/approval`, { body: { ...created.json, status: { conditions: [approved] } } });
  assert.is(approval.status, 200, approval.text);
  const issued = await t.server.issueClientCertificate({ commonName: 'system:node:n1', organizations: ['system:nodes'] });
  const status = await t.request('PUT', `${csrs}/${name}/status`, { body: { ...approval.json, status: { ...approval.json.status, certificate: b64(issued.certPem) } } });
  assert.is(status.status, 200, status.text);
  return { created, approval, status, certPem: issued.certPem };
}

const csrEvents = (t: TestServer): TraceEvent[] => t.trace.events.filter((e) => e.type.startsWith('csr.'));
const auditId = (r: { headers: Record<string, unknown> }): string => String(r.headers['audit-id']);

test('strategy.go create → /approval → /status: csr.created, csr.conditions, csr.certificate in order, each with its request id', async () => {
  const before = csrEvents(traced).length;
  const { created, approval, status, certPem } = await lifecycle(traced, 'node-csr-traced');
  const events = csrEvents(traced).slice(before);
  assert.equal(events.map((e) => e.type), ['csr.created', 'csr.conditions', 'csr.certificate']);
  const [c, a, s] = events as [CSRCreatedEvent, CSRConditionsEvent, CSRCertificateEvent];

  assert.equal([c.component, c.requestId], ['kube-apiserver', auditId(created)]);
  assert.equal(
    { name: c.name, requester: c.requester, groups: c.groups, signerName: c.signerName, subject: c.subject, subjectAltNames: c.subjectAltNames, usages: c.usages, expirationSeconds: c.expirationSeconds, parseError: c.parseError },
    {
      name: 'node-csr-traced',
      requester: 'system:bootstrap:abcdef',
      groups: ['system:bootstrappers', 'system:bootstrappers:kubeadm:default-node-token', 'system:authenticated'],
      signerName: 'kubernetes.io/kubelet-serving',
      subject: { commonName: 'system:node:n1', organizations: ['system:nodes'] },
      subjectAltNames: { dnsNames: ['n1.example.test'], ipAddresses: ['10.0.0.7'], emailAddresses: ['ops@example.test'], uris: ['spiffe://cluster.local/n1'] },
      usages: ['digital signature', 'server auth'],
      expirationSeconds: 3600,
      parseError: undefined,
    },
  );
  // the request id groups it with the request's other events, before the response
  assert.equal(traced.trace.forRequest(auditId(created)).map((e) => e.type), ['request.received', 'request.authenticated', 'request.authorized', 'csr.created', 'request.responded']);

  assert.equal([a.requestId, a.name, a.subresource, a.user, a.conditions], [auditId(approval), 'node-csr-traced', 'approval', 'kubernetes-admin', [approved]]);

  const cert = parseCertificatePem(certPem);
  assert.equal(
    [s.requestId, s.name, s.user, s.serialNumber, s.subject, s.subjectAltNames, s.notBefore, s.notAfter, s.usages, s.chainLength, s.parseError],
    [auditId(status), 'node-csr-traced', 'kubernetes-admin', cert.serialNumber, { commonName: 'system:node:n1', organizations: ['system:nodes'] }, {}, cert.notBefore.toISOString(), cert.notAfter.toISOString(), ['digital signature', 'key encipherment', 'client auth'], 1, undefined],
  );
  // /status kept the Approved condition it was sent: nothing added there, so no csr.conditions for it
  assert.is(traced.trace.forRequest(auditId(status)).filter((e) => e.type === 'csr.conditions').length, 0);
});

test('a Failed condition through /status (the signer refusing) is csr.conditions with subresource status; re-sending the same conditions adds nothing', async () => {
  const created = await traced.request('POST', csrs, { ...asBootstrap, body: csrBody('node-csr-failed') });
  const approval = await traced.request('PUT', `${csrs}/node-csr-failed/approval`, { body: { ...created.json, status: { conditions: [approved] } } });
  const failed = { type: 'Failed', status: 'True', reason: 'SignerValidationFailure', message: 'x509: invalid' };
  const r = await traced.request('PUT', `${csrs}/node-csr-failed/status`, { body: { ...approval.json, status: { conditions: [...approval.json.status.conditions, failed] } } });
  assert.is(r.status, 200, r.text);
  const events = traced.trace.forRequest(auditId(r)).filter((e) => e.type.startsWith('csr.')) as CSRConditionsEvent[];
  assert.equal(events.map((e) => [e.type, e.subresource, e.conditions]), [['csr.conditions', 'status', [failed]]]);
  const again = await traced.request('PUT', `${csrs}/node-csr-failed/approval`, { body: r.json });
  assert.is(again.status, 200, again.text);
  assert.is(traced.trace.forRequest(auditId(again)).filter((e) => e.type.startsWith('csr.')).length, 0);
});

test('no event for a dry run, a refused write or an update of the main resource', async () => {
  const before = csrEvents(traced).length;
  const dry = await traced.request('POST', `${csrs}?dryRun=All`, { ...asBootstrap, body: csrBody('node-csr-dry') });
  assert.is(dry.status, 201, dry.text);
  const invalid = await traced.request('POST', csrs, { ...asBootstrap, body: { ...csrBody('node-csr-bad'), spec: { ...csrBody('x').spec, request: b64('not a csr') } } });
  assert.is(invalid.status, 422, invalid.text);
  const got = await traced.request('GET', `${csrs}/node-csr-traced`);
  const relabel = await traced.request('PUT', `${csrs}/node-csr-traced`, { body: { ...got.json, metadata: { ...got.json.metadata, labels: { a: 'b' } } } });
  assert.is(relabel.status, 200, relabel.text);
  assert.is(csrEvents(traced).length, before);
});

test('with discardTrace (the default sink) the same requests parse no CSR and no certificate for the trace', async () => {
  const start = { ...csrTraceParses };
  await lifecycle(silent, 'node-csr-silent');
  assert.equal(csrTraceParses, start);
  assert.is(silent.trace.events.length, 0, 'the server was given discardTrace, not the test sink');
  // the traced server parses once per event that needs it
  await lifecycle(traced, 'node-csr-counted');
  assert.equal(csrTraceParses, { requests: start.requests + 1, certificates: start.certificates + 1 });
});

test.run();
