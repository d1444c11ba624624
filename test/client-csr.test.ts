// requestCertificate / waitForCertificate (@tlsboot/client, modelling
// k8s.io/client-go/util/certificate/csr/csr.go v1.32) against a live apiserver over mTLS. The
// test plays the kube-controller-manager by hand as admin: approval through /approval, the
// certificate (signed with @tlsboot/pki by the cluster CA) through /status. Reference
// k8s-csr-kubelet.md §4.4 and §8 items 18 and 20.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CertificateSigningRequest, CertificateSigningRequestCondition } from '@tlsboot/api';
import { isStatusError } from '@tlsboot/api';
import { CsrError, RestClient, certificateSigningRequests, requestCertificate, waitForCertificate } from '@tlsboot/client';
import type { CertificateRequestCrypto } from '@tlsboot/client';
import { MemoryTraceSink, startApiServer } from '@tlsboot/kube-apiserver';
import type { ApiServer } from '@tlsboot/kube-apiserver';
import { createCertificateRequest, generateKeyPair, signCertificate } from '@tlsboot/pki';
import type { CertificateRequest, KeyPair } from '@tlsboot/pki';
import { pkiCertificateRequestCrypto } from '@tlsboot/kubelet';
import { VirtualClock, realClock } from '@tlsboot/util';

const signerName = 'kubernetes.io/kube-apiserver-client-kubelet';
const usages = ['digital signature', 'client auth'];
const nodeSubject = { commonName: 'system:node:n1', organizations: ['system:nodes'] };

/** The X.509 half of ensureCompatible, from @tlsboot/pki: what the kubelet passes. */
const pkiCrypto: CertificateRequestCrypto = pkiCertificateRequestCrypto;

let clock: VirtualClock;
let trace: MemoryTraceSink;
let server: ApiServer;
let admin: RestClient;

test.before(async () => {
  // virtual, but starting at the wall clock so Node's TLS accepts the serving certificate
  clock = new VirtualClock({ start: realClock.nowMs() });
  trace = new MemoryTraceSink();
  server = await startApiServer({ clock, trace });
  const cert = await server.issueClientCertificate({ commonName: 'kubernetes-admin', organizations: ['system:masters'] });
  admin = new RestClient({ server: server.url, ca: server.caPem, clientCert: cert.certPem, clientKey: cert.keyPem, component: 'kubelet' });
});

test.after(async () => {
  await admin.destroy();
  await server.close();
});

async function newRequest(subject = nodeSubject): Promise<{ keys: KeyPair; csr: CertificateRequest }> {
  const keys = await generateKeyPair();
  return { keys, csr: await createCertificateRequest({ keys, subject }) };
}

const csrs = () => certificateSigningRequests<CertificateSigningRequest>(admin);

async function addCondition(name: string, subresource: 'approval' | 'status', condition: Partial<CertificateSigningRequestCondition>): Promise<void> {
  const obj = await csrs().get(name);
  obj.status = { ...obj.status, conditions: [...(obj.status?.conditions ?? []), { status: 'True', ...condition } as CertificateSigningRequestCondition] };
  await csrs().updateSubresource(obj, subresource);
}

/** What the csrsigning controller does: sign with the cluster CA and PUT /status. */
async function issue(name: string, request: CertificateRequest): Promise<string> {
  const cert = await signCertificate({ ca: server.ca, request, profile: { usages, ttlMs: 365 * 24 * 3600_000 }, now: clock.now() });
  const obj = await csrs().get(name);
  obj.status = { ...obj.status, certificate: Buffer.from(cert.pem).toString('base64') };
  await csrs().updateStatus(obj);
  return cert.pem;
}

/** Lets requests in flight (and the informer's list and watch) reach the server. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 5));
}

function requestsSince(mark: number, path: string): string[] {
  return trace.events
    .slice(mark)
    .filter((e) => e.type === 'request.received' && e.path === path)
    .map((e) => `${(e as { method: string }).method} ${(e as { query: string }).query}`);
}

test('csr.go RequestCertificate + WaitForCertificate: generateName csr-, approve, issue → the PEM', async () => {
  const { keys, csr } = await newRequest();
  const mark = trace.events.length;
  const ref = await requestCertificate(admin, { csrPem: csr.pem, signerName, usages, privateKey: keys, x509: pkiCrypto, clock });
  assert.match(ref.name, /^csr-[a-z0-9]{5}$/);
  assert.ok(ref.uid.length > 0);
  const stored = await csrs().get(ref.name);
  assert.equal(stored.metadata.generateName, 'csr-');
  assert.is(stored.spec.expirationSeconds, undefined, 'no duration asked for');
  assert.equal([stored.spec.signerName, stored.spec.usages], [signerName, usages]);

  const waiting = waitForCertificate(admin, ref, { clock, timeoutMs: 15 * 60_000 });
  await settle();
  await addCondition(ref.name, 'approval', { type: 'Approved', reason: 'AutoApproved', message: 'Auto approving kubelet client certificate after SubjectAccessReview.' });
  await settle();
  const pem = await issue(ref.name, csr);
  assert.is(await waiting, pem);

  // the wire pattern (§4.4): probe LIST by field selector, the reflector's LIST, then WATCH from it
  const calls = requestsSince(mark, '/apis/certificates.k8s.io/v1/certificatesigningrequests');
  const selector = `fieldSelector=metadata.name%3D${ref.name}`;
  assert.is(calls[0], 'POST ');
  assert.is(calls[1], `GET ${selector}`);
  assert.is(calls[2], `GET ${selector}&limit=500&resourceVersion=0`);
  assert.match(calls[3] ?? '', new RegExp(`^GET allowWatchBookmarks=true&${selector}&resourceVersion=\\d+&timeoutSeconds=\\d+&watch=true$`));
});

test('csr.go WaitForCertificate: already approved and issued before the wait starts → done from the first list', async () => {
  const { keys, csr } = await newRequest();
  const ref = await requestCertificate(admin, { csrPem: csr.pem, signerName, usages, privateKey: keys });
  await addCondition(ref.name, 'approval', { type: 'Approved', reason: 'KubectlApprove', message: 'This CSR was approved by kubectl certificate approve.' });
  const pem = await issue(ref.name, csr);
  assert.is(await waitForCertificate(admin, ref, { clock }), pem);
});

test('csr.go WaitForCertificate: Approved without a certificate keeps waiting', async () => {
  const { csr } = await newRequest();
  const ref = await requestCertificate(admin, { csrPem: csr.pem, signerName, usages });
  let settled = false;
  const waiting = waitForCertificate(admin, ref, { clock }).finally(() => (settled = true));
  await addCondition(ref.name, 'approval', { type: 'Approved', reason: 'AutoApproved', message: 'ok' });
  await settle();
  assert.is(settled, false);
  const pem = await issue(ref.name, csr);
  assert.is(await waiting, pem);
});

test('csr.go WaitForCertificate: Denied → cannot watch on the certificate signing request: certificate signing request is denied, …', async () => {
  const { csr } = await newRequest();
  const ref = await requestCertificate(admin, { csrPem: csr.pem, signerName, usages });
  const waiting = waitForCertificate(admin, ref, { clock }).catch((e: unknown) => e);
  await settle();
  await addCondition(ref.name, 'approval', { type: 'Denied', reason: 'KubectlDeny', message: 'This CSR was denied by kubectl certificate deny.' });
  const err = (await waiting) as CsrError;
  assert.instance(err, CsrError);
  assert.is(err.code, 'CSR_DENIED');
  assert.is(
    err.message,
    'cannot watch on the certificate signing request: certificate signing request is denied, reason: KubectlDeny, message: This CSR was denied by kubectl certificate deny.',
  );
});

test('csr.go WaitForCertificate: Failed (set by a signer through /status) → certificate signing request failed, …', async () => {
  const { csr } = await newRequest();
  const ref = await requestCertificate(admin, { csrPem: csr.pem, signerName, usages });
  await addCondition(ref.name, 'approval', { type: 'Approved', reason: 'AutoApproved', message: 'ok' });
  const waiting = waitForCertificate(admin, ref, { clock }).catch((e: unknown) => e);
  await settle();
  await addCondition(ref.name, 'status', { type: 'Failed', reason: 'SignerValidationFailure', message: 'invalid usage for client certificate: server auth' });
  const err = (await waiting) as CsrError;
  assert.is(err.code, 'CSR_FAILED');
  assert.is(
    err.message,
    'cannot watch on the certificate signing request: certificate signing request failed, reason: SignerValidationFailure, message: invalid usage for client certificate: server auth',
  );
});

test('csr.go WaitForCertificate: the CSR deleted while waiting → csr "name" was deleted', async () => {
  const { csr } = await newRequest();
  const ref = await requestCertificate(admin, { csrPem: csr.pem, signerName, usages });
  const waiting = waitForCertificate(admin, ref, { clock }).catch((e: unknown) => e);
  await settle();
  await csrs().delete(ref.name);
  const err = (await waiting) as CsrError;
  assert.is(err.code, 'CSR_DELETED');
  assert.is(err.message, `cannot watch on the certificate signing request: csr "${ref.name}" was deleted`);
});

test('csr.go WaitForCertificate: same name, new object → csr "name" changed UIDs', async () => {
  const { keys, csr } = await newRequest();
  const name = 'node-csr-uid-change';
  const first = await requestCertificate(admin, { csrPem: csr.pem, name, signerName, usages, privateKey: keys, x509: pkiCrypto });
  await csrs().delete(name);
  const second = await requestCertificate(admin, { csrPem: csr.pem, name, signerName, usages, privateKey: keys, x509: pkiCrypto });
  assert.is.not(second.uid, first.uid);
  const err = (await waitForCertificate(admin, first, { clock }).catch((e: unknown) => e)) as CsrError;
  assert.is(err.code, 'CSR_UID_CHANGED');
  assert.is(err.message, `cannot watch on the certificate signing request: csr "${name}" changed UIDs`);
});

test('csr.go WaitForCertificate: the deadline passes on the clock → timed out waiting for the condition', async () => {
  const { csr } = await newRequest();
  const ref = await requestCertificate(admin, { csrPem: csr.pem, signerName, usages });
  const waiting = waitForCertificate(admin, ref, { clock, timeoutMs: 15 * 60_000 }).catch((e: unknown) => e);
  await settle();
  await clock.advance(15 * 60_000);
  const err = (await waiting) as CsrError;
  assert.is(err.code, 'CSR_WAIT_TIMEOUT');
  assert.is(err.message, 'timed out waiting for the condition');
});

test('csr.go WaitForCertificate: a cancelled context is also wait.ErrWaitTimeout', async () => {
  const { csr } = await newRequest();
  const ref = await requestCertificate(admin, { csrPem: csr.pem, signerName, usages });
  const controller = new AbortController();
  const waiting = waitForCertificate(admin, ref, { clock, signal: controller.signal }).catch((e: unknown) => e);
  await settle();
  controller.abort();
  assert.is(((await waiting) as CsrError).message, 'timed out waiting for the condition');
});

test('reflector: a watch the server ends (timeoutSeconds) is watched again from the last version; the wait still sees the approval', async () => {
  const { csr } = await newRequest();
  const ref = await requestCertificate(admin, { csrPem: csr.pem, signerName, usages });
  const mark = trace.events.length;
  const waiting = waitForCertificate(admin, ref, { clock, timeoutMs: 60 * 60_000 });
  await settle();
  await clock.advance(601_000); // past any watch timeout in [300 s, 600 s)
  await settle();
  await addCondition(ref.name, 'approval', { type: 'Approved', reason: 'AutoApproved', message: 'ok' });
  const pem = await issue(ref.name, csr);
  assert.is(await waiting, pem);
  const watches = requestsSince(mark, '/apis/certificates.k8s.io/v1/certificatesigningrequests').filter((q) => q.includes('watch=true'));
  assert.ok(watches.length >= 2, `watched again: ${watches.join(' | ')}`);
});

test('csr.go RequestCertificate: a fixed name that exists and is ours is reused', async () => {
  const { keys, csr } = await newRequest();
  const name = 'node-csr-reuse';
  const first = await requestCertificate(admin, { csrPem: csr.pem, name, signerName, usages, privateKey: keys, x509: pkiCrypto, clock });
  const again = await requestCertificate(admin, { csrPem: csr.pem, name, signerName, usages, privateKey: keys, x509: pkiCrypto, clock });
  assert.equal(again, first);
  // a new request with the same key and subject is compatible too (only the subject, signer and key count)
  const sameKey = await createCertificateRequest({ keys, subject: nodeSubject });
  assert.equal(await requestCertificate(admin, { csrPem: sameKey.pem, name, signerName, usages: ['client auth'], privateKey: keys, x509: pkiCrypto, clock }), first);
});

test('csr.go RequestCertificate: a fixed name held by someone else\'s CSR → retrieved csr is not compatible: …', async () => {
  const name = 'node-csr-taken';
  const theirs = await newRequest();
  await requestCertificate(admin, { csrPem: theirs.csr.pem, name, signerName, usages });
  const mine = await newRequest();
  const attempt = (o: Partial<Parameters<typeof requestCertificate>[1]>): Promise<CsrError> =>
    requestCertificate(admin, { csrPem: mine.csr.pem, name, signerName, usages, privateKey: mine.keys, x509: pkiCrypto, clock, ...o }).then(
      () => {
        throw new Error('must not be compatible');
      },
      (e: unknown) => e as CsrError,
    );

  let err = await attempt({});
  assert.is(err.code, 'CSR_INCOMPATIBLE');
  assert.is(err.message, 'retrieved csr is not compatible: error validating signature new CSR against old key: x509: ECDSA verification failure');

  err = await attempt({ privateKey: undefined });
  assert.is(err.message, 'retrieved csr is not compatible: privateKey is not a signer');

  err = await attempt({ signerName: 'example.com/other' });
  assert.is(err.message, 'retrieved csr is not compatible: csr signerNames differ: new "kubernetes.io/kube-apiserver-client-kubelet", orig: "example.com/other"');

  const other = await createCertificateRequest({ keys: mine.keys, subject: { commonName: 'system:node:n2', organizations: ['system:nodes'] } });
  err = await attempt({ csrPem: other.pem });
  assert.match(err.message, /^retrieved csr is not compatible: csr subjects differ: new: pkix\.Name\{.*CommonName:"system:node:n1".*\}, orig: pkix\.Name\{.*CommonName:"system:node:n2"/);
});

test('csr.go ensureCompatible: an issued certificate that has expired on the requester clock is not reused', async () => {
  const { keys, csr } = await newRequest();
  const name = 'node-csr-expired';
  await requestCertificate(admin, { csrPem: csr.pem, name, signerName, usages, privateKey: keys, x509: pkiCrypto, clock });
  await addCondition(name, 'approval', { type: 'Approved', reason: 'AutoApproved', message: 'ok' });
  await issue(name, csr);
  const later = new VirtualClock({ start: clock.nowMs() + 2 * 365 * 24 * 3600_000 });
  const err = (await requestCertificate(admin, { csrPem: csr.pem, name, signerName, usages, privateKey: keys, x509: pkiCrypto, clock: later }).catch((e: unknown) => e)) as CsrError;
  assert.is(err.code, 'CSR_INCOMPATIBLE');
  assert.match(err.message, /^retrieved csr is not compatible: one of the certificates for the CSR has expired: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0000 UTC$/);
});

test('csr.go formatError: an API error keeps its Status, the message gets "cannot create certificate signing request: "', async () => {
  const { csr } = await newRequest();
  const err = await requestCertificate(admin, { csrPem: csr.pem, signerName: 'not a signer', usages }).catch((e: unknown) => e);
  assert.ok(isStatusError(err), String(err));
  assert.is(err.reason, 'Invalid');
  assert.is(err.statusCode, 422);
  assert.match(
    err.message,
    /^cannot create certificate signing request: CertificateSigningRequest\.certificates\.k8s\.io "csr-[a-z0-9]{5}" is invalid: spec\.signerName: Invalid value: "not a signer": /,
  );
});

test('csr.go create: no usages → v1beta1, which v1.32 no longer serves → the 404 with the prefix', async () => {
  const { csr } = await newRequest();
  const mark = trace.events.length;
  const err = await requestCertificate(admin, { csrPem: csr.pem, signerName, usages: [] }).catch((e: unknown) => e);
  assert.ok(isStatusError(err), String(err));
  assert.is(err.statusCode, 404);
  assert.match(err.message, /^cannot create certificate signing request: /);
  assert.equal(requestsSince(mark, '/apis/certificates.k8s.io/v1beta1/certificatesigningrequests'), ['POST ']);
});

test.run();
