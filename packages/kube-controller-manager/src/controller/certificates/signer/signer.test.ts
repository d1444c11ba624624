// kubernetes/kubernetes pkg/controller/certificates/signer/signer_test.go: TestSigner, TestHandle
// and Test_signer_duration, ported over @tlsboot/pki; plus the Failed condition's content, the
// certificate's validity rules and the kubelet signers' refusals.
import { X509Certificate } from 'node:crypto';
import type { CertificateSigningRequest } from '@tlsboot/api';
import { createCertificateAuthority, createCertificateRequest, generateKeyPair, parseCertificatesPem, verifyChain } from '@tlsboot/pki';
import type { CertificateAuthority, KeyPair, SubjectAltNames } from '@tlsboot/pki';
import { VirtualClock } from '@tlsboot/util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { staticCAProvider } from './ca-provider.js';
import { Signer } from './signer.js';
import { signingDurationMs } from './signer-rules.js';

const hour = 3_600_000;
const minute = 60_000;
const now = new Date('2024-03-01T12:00:00Z');

let rsaCA: CertificateAuthority | undefined;
let ecKeys: KeyPair | undefined;

/** The RSA test CA of signer_test.go's testdata (ca.crt/ca.key: RSA, so SHA256WithRSA signatures). */
async function testCA(): Promise<CertificateAuthority> {
  rsaCA ??= await createCertificateAuthority({ subject: { commonName: 'kubernetes' }, now: new Date('2024-01-01T00:00:00Z'), keySpec: 'rsa-2048' });
  return rsaCA;
}

async function keys(): Promise<KeyPair> {
  ecKeys ??= await generateKeyPair('ecdsa-p256');
  return ecKeys;
}

interface CsrBuilder {
  cn?: string;
  org?: string[];
  sans?: SubjectAltNames;
  signerName: string;
  approved?: boolean;
  failed?: boolean;
  denied?: boolean;
  usages?: string[];
  expirationSeconds?: number;
}

/** makeTestCSR: conditions without a status, exactly as the upstream builder makes them. */
async function makeTestCSR(b: CsrBuilder): Promise<CertificateSigningRequest> {
  const req = await createCertificateRequest({
    keys: await keys(),
    subject: { ...(b.cn ? { commonName: b.cn } : {}), ...(b.org ? { organizations: b.org } : {}) },
    ...(b.sans ? { subjectAltNames: b.sans } : {}),
  });
  const conditions: { type: string; status: 'True' }[] = [];
  if (b.approved) conditions.push({ type: 'Approved' } as { type: string; status: 'True' });
  if (b.denied) conditions.push({ type: 'Denied' } as { type: string; status: 'True' });
  if (b.failed) conditions.push({ type: 'Failed' } as { type: string; status: 'True' });
  return {
    apiVersion: 'certificates.k8s.io/v1',
    kind: 'CertificateSigningRequest',
    metadata: { name: 'csr-test' },
    spec: {
      request: Buffer.from(req.pem).toString('base64'),
      signerName: b.signerName,
      ...(b.usages ? { usages: b.usages } : {}),
      ...(b.expirationSeconds !== undefined ? { expirationSeconds: b.expirationSeconds } : {}),
    },
    status: { conditions },
  };
}

async function newTestSigner(signerName: string, actions: CertificateSigningRequest[], ttlMs = hour, ca?: CertificateAuthority): Promise<Signer> {
  return new Signer({
    signerName,
    caProvider: staticCAProvider(ca ?? (await testCA())),
    certTtlMs: ttlMs,
    clock: new VirtualClock({ start: now }),
    updateStatus: async (csr) => void actions.push(structuredClone(csr)),
  });
}

const issued = (csr: CertificateSigningRequest) => parseCertificatesPem(Buffer.from(csr.status?.certificate ?? '', 'base64').toString());

test('signer_test.go TestSigner: legacy-unknown, TTL 1h, 3h requested — short cert, backdated start, usages, RSA signature', async () => {
  const s = await newTestSigner('kubernetes.io/legacy-unknown', []);
  const req = await createCertificateRequest({ keys: await keys(), subject: { commonName: 'system:node:k-a-node-s36b', organizations: ['system:nodes'] } });
  const cert = await s.sign({ request: req, usages: ['signing', 'key encipherment', 'server auth', 'client auth'], expirationSeconds: 3 * 3600, now });
  const certs = parseCertificatesPem(cert.pem);
  assert.is(certs.length, 1);
  const c = certs[0]!;
  assert.is(new X509Certificate(c.pem).toLegacyObject().subject.CN, 'system:node:k-a-node-s36b');
  assert.equal(c.subject, { commonName: 'system:node:k-a-node-s36b', organizations: ['system:nodes'] });
  assert.equal([...c.keyUsageNames].sort(), ['digital signature', 'key encipherment']); // parsed certificates are shared and frozen
  assert.equal(c.extKeyUsageNames, ['server auth', 'client auth']);
  assert.ok(c.basicConstraintsValid);
  assert.not.ok(c.isCA);
  assert.is(c.notBefore.getTime(), now.getTime() - 5 * minute);
  assert.is(c.notAfter.getTime(), now.getTime() + hour);
  assert.is(c.keySpec, 'ecdsa-p256');
  assert.match(c.signatureAlgorithm, /SHA256.*RSA/i);
  assert.is(c.pem.match(/BEGIN CERTIFICATE/g)?.length, 1);
});

interface HandleCase {
  name: string;
  commonName?: string;
  dnsNames?: string[];
  org?: string[];
  usages?: string[];
  approved?: boolean;
  failed?: boolean;
  signerName: string;
  constructionErr?: boolean;
  verify(actions: CertificateSigningRequest[]): void;
}

const oneUpdateWithCertificate = (as: CertificateSigningRequest[]) => {
  assert.is(as.length, 1, 'expected one Update action');
  assert.ok(as[0]!.status?.certificate, 'expected certificate to be issued but it was not');
};
const noAction = (as: CertificateSigningRequest[]) => assert.is(as.length, 0, 'expected no action to be taken');

const handleCases: HandleCase[] = [
  {
    name: 'should sign if signerName is kubernetes.io/kube-apiserver-client',
    signerName: 'kubernetes.io/kube-apiserver-client',
    commonName: 'hello-world',
    org: ['some-org'],
    usages: ['client auth', 'digital signature', 'key encipherment'],
    approved: true,
    verify: oneUpdateWithCertificate,
  },
  {
    name: 'should refuse to sign if signerName is kubernetes.io/kube-apiserver-client and contains an unexpected usage',
    signerName: 'kubernetes.io/kube-apiserver-client',
    commonName: 'hello-world',
    org: ['some-org'],
    usages: ['server auth', 'client auth', 'digital signature', 'key encipherment'],
    approved: true,
    verify: (as) => {
      assert.is(as.length, 1);
      assert.not.ok(as[0]!.status?.certificate, 'expected no certificate to be issued');
      const failed = as[0]!.status?.conditions?.find((c) => c.type === 'Failed');
      assert.is(failed?.status, 'True', 'expected Failed condition');
    },
  },
  {
    name: 'should sign if signerName is kubernetes.io/kube-apiserver-client-kubelet',
    signerName: 'kubernetes.io/kube-apiserver-client-kubelet',
    commonName: 'system:node:hello-world',
    org: ['system:nodes'],
    usages: ['client auth', 'digital signature', 'key encipherment'],
    approved: true,
    verify: oneUpdateWithCertificate,
  },
  { name: 'should sign if signerName is kubernetes.io/legacy-unknown', signerName: 'kubernetes.io/legacy-unknown', approved: true, verify: oneUpdateWithCertificate },
  {
    name: 'should sign if signerName is kubernetes.io/kubelet-serving',
    signerName: 'kubernetes.io/kubelet-serving',
    commonName: 'system:node:testnode',
    org: ['system:nodes'],
    usages: ['server auth', 'digital signature', 'key encipherment'],
    dnsNames: ['example.com'],
    approved: true,
    verify: oneUpdateWithCertificate,
  },
  {
    name: 'should do nothing if failed',
    signerName: 'kubernetes.io/kubelet-serving',
    commonName: 'system:node:testnode',
    org: ['system:nodes'],
    usages: ['server auth', 'digital signature', 'key encipherment'],
    dnsNames: ['example.com'],
    approved: true,
    failed: true,
    verify: noAction,
  },
  { name: 'should do nothing if an unrecognised signerName is used', signerName: 'kubernetes.io/not-recognised', constructionErr: true, approved: true, verify: noAction },
  { name: 'should do nothing if not approved', signerName: 'kubernetes.io/kubelet-serving', verify: noAction },
  { name: 'should do nothing if signerName does not start with kubernetes.io', signerName: 'example.com/sample-name', constructionErr: true, approved: true, verify: noAction },
  {
    name: 'should do nothing if signerName starts with kubernetes.io but is unrecognised',
    signerName: 'kubernetes.io/not-a-real-signer',
    constructionErr: true,
    approved: true,
    verify: noAction,
  },
];

for (const c of handleCases) {
  test(`signer_test.go TestHandle: ${c.name}`, async () => {
    const actions: CertificateSigningRequest[] = [];
    let s: Signer;
    try {
      s = await newTestSigner(c.signerName, actions);
    } catch (err) {
      assert.ok(c.constructionErr, `failed to create signer: ${(err as Error).message}`);
      assert.is((err as Error).message, `unrecognized signerName: ${JSON.stringify(c.signerName)}`);
      c.verify(actions);
      return;
    }
    assert.not.ok(c.constructionErr, 'expected failure during construction of controller');
    const csr = await makeTestCSR({
      signerName: c.signerName,
      ...(c.commonName ? { cn: c.commonName } : {}),
      ...(c.org ? { org: c.org } : {}),
      ...(c.dnsNames ? { sans: { dnsNames: c.dnsNames } } : {}),
      ...(c.usages ? { usages: c.usages } : {}),
      approved: c.approved ?? false,
      failed: c.failed ?? false,
    });
    await s.handle(csr);
    c.verify(actions);
  });
}

const durationCases: Array<[name: string, expirationSeconds: number | undefined, wantMs: number]> = [
  ['can request shorter duration than TTL', 30 * 60, 30 * minute],
  ['cannot request longer duration than TTL', 3 * 3600, hour],
  ['cannot request negative duration', -60, 10 * minute],
  ['cannot request duration less than 10 mins', 10 * 60 - 1, 10 * minute],
  ['can request duration of exactly 10 mins', 10 * 60, 10 * minute],
  ['can request duration equal to the default', 3600, hour],
  ['can choose not to request a duration to get the default', undefined, hour],
];
for (const [name, expirationSeconds, want] of durationCases) {
  test(`signer_test.go Test_signer_duration: ${name}`, () => {
    assert.is(signingDurationMs(expirationSeconds, hour), want);
  });
}

test('signer.go handle: the Failed condition carries SignerValidationFailure, the rule text and lastUpdateTime; no certificate', async () => {
  const actions: CertificateSigningRequest[] = [];
  const s = await newTestSigner('kubernetes.io/kube-apiserver-client-kubelet', actions);
  const csr = await makeTestCSR({ signerName: 'kubernetes.io/kube-apiserver-client-kubelet', cn: 'system:node:n1', org: ['system:nodes'], sans: { dnsNames: ['n1'] }, usages: ['digital signature', 'client auth'], approved: true });
  await s.handle(csr);
  assert.is(actions.length, 1);
  const conditions = actions[0]!.status?.conditions ?? [];
  assert.equal(conditions.at(-1), { type: 'Failed', status: 'True', reason: 'SignerValidationFailure', message: 'DNS subjectAltNames are not allowed', lastUpdateTime: '2024-03-01T12:00:00Z' });
  assert.is(actions[0]!.status?.certificate, undefined);
});

test('signer.go handle: kubelet-serving usage check before the CN check; kube-apiserver-client without client auth', async () => {
  const cases: Array<[CsrBuilder, string]> = [
    [{ signerName: 'kubernetes.io/kubelet-serving', cn: 'bob', org: ['system:nodes'], sans: { ipAddresses: ['10.0.0.1'] }, usages: ['digital signature', 'client auth'] }, 'usages did not match [digital signature key encipherment server auth]'],
    [{ signerName: 'kubernetes.io/kubelet-serving', cn: 'bob', org: ['system:nodes'], sans: { ipAddresses: ['10.0.0.1'] }, usages: ['digital signature', 'server auth'] }, 'subject common name does not begin with system:node:'],
    [{ signerName: 'kubernetes.io/kube-apiserver-client-kubelet', cn: 'system:node:n1', org: ['system:nodes'], usages: ['digital signature', 'key encipherment', 'server auth'] }, 'usages did not match [client auth digital signature key encipherment]'],
    [{ signerName: 'kubernetes.io/kube-apiserver-client-kubelet', cn: 'n1', org: ['system:masters'], usages: ['digital signature', 'client auth'] }, 'subject organization is not system:nodes'],
    [{ signerName: 'kubernetes.io/kube-apiserver-client', cn: 'x', usages: ['digital signature'] }, 'missing required usage for client certificate: client auth'],
    [{ signerName: 'kubernetes.io/kube-apiserver-client', cn: 'x', usages: ['digital signature', 'cert sign', 'client auth'] }, 'invalid usage for client certificate: cert sign'],
  ];
  for (const [b, message] of cases) {
    const actions: CertificateSigningRequest[] = [];
    await (await newTestSigner(b.signerName, actions)).handle(await makeTestCSR({ ...b, approved: true }));
    assert.is(actions[0]?.status?.conditions?.at(-1)?.message, message, b.signerName);
  }
});

test('signer.go handle: Approved and Denied, a Failed with status False, another signer name', async () => {
  const actions: CertificateSigningRequest[] = [];
  const s = await newTestSigner('kubernetes.io/legacy-unknown', actions);
  await s.handle(await makeTestCSR({ signerName: 'kubernetes.io/legacy-unknown', approved: true, denied: true }));
  await s.handle(await makeTestCSR({ signerName: 'kubernetes.io/kubelet-serving', approved: true }));
  assert.is(actions.length, 0);
  const failedFalse = await makeTestCSR({ signerName: 'kubernetes.io/legacy-unknown', approved: true });
  failedFalse.status!.conditions!.push({ type: 'Failed', status: 'False' });
  await s.handle(failedFalse);
  assert.is(actions.length, 1, 'a Failed condition with status False does not stop signing (HasTrueCondition)');
});

test('signer.go handle: garbage in spec.request is an error (requeued), not a Failed condition', async () => {
  const actions: CertificateSigningRequest[] = [];
  const s = await newTestSigner('kubernetes.io/legacy-unknown', actions);
  const csr = await makeTestCSR({ signerName: 'kubernetes.io/legacy-unknown', approved: true });
  csr.spec.request = Buffer.from('not pem').toString('base64');
  try {
    await s.handle(csr);
    assert.unreachable();
  } catch (err) {
    assert.is((err as Error).message, 'unable to parse csr "csr-test": PEM block type must be CERTIFICATE REQUEST');
  }
  assert.is(actions.length, 0);
});

test('authority.go: TTL ≥ 8h backdates NotAfter too; NotAfter capped at the CA; requested SANs copied, chain verifies', async () => {
  const actions: CertificateSigningRequest[] = [];
  const ca = await testCA();
  const s = await newTestSigner('kubernetes.io/kubelet-serving', actions, 8760 * hour, ca);
  await s.handle(await makeTestCSR({ signerName: 'kubernetes.io/kubelet-serving', cn: 'system:node:n1', org: ['system:nodes'], sans: { dnsNames: ['n1'], ipAddresses: ['10.0.0.1'] }, usages: ['digital signature', 'server auth'], approved: true, expirationSeconds: 24 * 3600 }));
  const [c] = issued(actions[0]!);
  assert.is(c!.notAfter.getTime() - c!.notBefore.getTime(), 24 * hour);
  assert.is(c!.notBefore.getTime(), now.getTime() - 5 * minute);
  assert.equal(c!.subjectAltNames.dnsNames, ['n1']);
  assert.equal(c!.subjectAltNames.ipAddresses, ['10.0.0.1']);
  assert.equal(c!.extKeyUsageNames, ['server auth']);
  const chain = await verifyChain(c!, { roots: [ca.certificate], at: now, usages: ['server auth'] });
  assert.is(chain.length, 2);
  // Default TTL one year: capped at the CA's NotAfter when the CA ends sooner.
  actions.length = 0;
  const shortCA = await createCertificateAuthority({ subject: { commonName: 'short-ca' }, now: new Date('2024-01-01T00:00:00Z'), validityMs: 100 * 24 * hour });
  const s2 = await newTestSigner('kubernetes.io/kubelet-serving', actions, 8760 * hour, shortCA);
  await s2.handle(await makeTestCSR({ signerName: 'kubernetes.io/kubelet-serving', cn: 'system:node:n1', org: ['system:nodes'], sans: { dnsNames: ['n1'] }, usages: ['digital signature', 'server auth'], approved: true }));
  assert.is(issued(actions[0]!)[0]!.notAfter.getTime(), shortCA.certificate.notAfter.getTime());
});

test('authority.go: an unknown usage fails signing with the upstream message (requeued, no Failed condition)', async () => {
  const actions: CertificateSigningRequest[] = [];
  const s = await newTestSigner('kubernetes.io/legacy-unknown', actions);
  try {
    await s.handle(await makeTestCSR({ signerName: 'kubernetes.io/legacy-unknown', approved: true, usages: ['client auth', 'frobnicate'] }));
    assert.unreachable();
  } catch (err) {
    assert.is((err as Error).message, 'error auto signing csr: unrecognized usage values: ["frobnicate"]');
  }
  assert.is(actions.length, 0);
});

test.run();
