// kubernetes/kubernetes pkg/apis/certificates/helpers.go ValidateKubeletClientCSR /
// ValidateKubeletServingCSR: check order and texts (reference/k8s-csr-kubelet.md §2.1–2.3).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { validateAPIServerClientUsages } from './apiserver-client-usages.js';
import { validateKubeletClientCSR, validateKubeletServingCSR } from './kubelet-csr.js';
import type { CertificateRequestFields } from './kubelet-csr.js';

const client = (o: { cn?: string; orgs?: string[]; dns?: string[]; ips?: string[]; emails?: string[]; uris?: string[] } = {}): CertificateRequestFields => ({
  subject: { commonName: o.cn ?? 'system:node:n1', organizations: o.orgs ?? ['system:nodes'] },
  subjectAltNames: { dnsNames: o.dns ?? [], ipAddresses: o.ips ?? [], emailAddresses: o.emails ?? [], uris: o.uris ?? [] },
});
const clientUsages = ['digital signature', 'key encipherment', 'client auth'];

test('helpers.go ValidateKubeletClientCSR: both usage sets pass, order and repetition do not matter', () => {
  assert.is(validateKubeletClientCSR(client(), clientUsages), undefined);
  assert.is(validateKubeletClientCSR(client(), ['client auth', 'digital signature']), undefined);
  assert.is(validateKubeletClientCSR(client(), ['client auth', 'digital signature', 'client auth']), undefined);
  // CN only needs the prefix
  assert.is(validateKubeletClientCSR(client({ cn: 'system:node:' }), clientUsages), undefined);
});

test('helpers.go ValidateKubeletClientCSR: checks in order, first failure wins', () => {
  const cases: [CertificateRequestFields, string[], string][] = [
    [client({ orgs: [] }), clientUsages, 'subject organization is not system:nodes'],
    [client({ orgs: ['system:nodes', 'x'] }), clientUsages, 'subject organization is not system:nodes'],
    // organization before SANs, SANs before CN
    [client({ orgs: ['x'], dns: ['a'], cn: 'bob' }), [], 'subject organization is not system:nodes'],
    [client({ dns: ['a'], emails: ['e@x'], ips: ['1.2.3.4'], uris: ['spiffe://x'], cn: 'bob' }), [], 'DNS subjectAltNames are not allowed'],
    [client({ emails: ['e@x'], ips: ['1.2.3.4'], cn: 'bob' }), [], 'Email subjectAltNames are not allowed'],
    [client({ ips: ['1.2.3.4'], uris: ['spiffe://x'] }), [], 'IP subjectAltNames are not allowed'],
    [client({ uris: ['spiffe://x'], cn: 'bob' }), [], 'URI subjectAltNames are not allowed'],
    [client({ cn: 'bob' }), [], 'subject common name does not begin with system:node:'],
    [client(), ['digital signature', 'client auth', 'server auth'], 'usages did not match [client auth digital signature key encipherment]'],
    [client(), ['client auth'], 'usages did not match [client auth digital signature key encipherment]'],
  ];
  for (const [req, usages, want] of cases) assert.is(validateKubeletClientCSR(req, usages), want);
});

test('helpers.go ValidateKubeletServingCSR: needs a DNS or IP SAN; usages are checked before the CN', () => {
  const serving = ['digital signature', 'key encipherment', 'server auth'];
  assert.is(validateKubeletServingCSR(client({ dns: ['n1'] }), serving), undefined);
  assert.is(validateKubeletServingCSR(client({ ips: ['10.0.0.1'] }), ['server auth', 'digital signature']), undefined);
  assert.is(validateKubeletServingCSR(client({ orgs: ['x'] }), serving), 'subject organization is not system:nodes');
  assert.is(validateKubeletServingCSR(client(), serving), 'DNS or IP subjectAltName is required');
  assert.is(validateKubeletServingCSR(client({ dns: ['n1'], emails: ['e@x'], uris: ['u:x'] }), serving), 'Email subjectAltNames are not allowed');
  assert.is(validateKubeletServingCSR(client({ dns: ['n1'], uris: ['u:x'] }), serving), 'URI subjectAltNames are not allowed');
  assert.is(
    validateKubeletServingCSR(client({ dns: ['n1'], cn: 'bob' }), ['client auth']),
    'usages did not match [digital signature key encipherment server auth]',
  );
  assert.is(validateKubeletServingCSR(client({ dns: ['n1'], cn: 'bob' }), serving), 'subject common name does not begin with system:node:');
});

test('signer.go validAPIServerClientUsages: client auth required, only two optional extras, first offender named', () => {
  assert.is(validateAPIServerClientUsages(['client auth']), undefined);
  assert.is(validateAPIServerClientUsages(['digital signature', 'key encipherment', 'client auth']), undefined);
  assert.is(validateAPIServerClientUsages(['digital signature']), 'missing required usage for client certificate: client auth');
  assert.is(validateAPIServerClientUsages([]), 'missing required usage for client certificate: client auth');
  assert.is(validateAPIServerClientUsages(['client auth', 'server auth', 'any']), 'invalid usage for client certificate: server auth');
});

test.run();
