// kubernetes/kubernetes pkg/apis/certificates/validation/validation_test.go, ported:
// TestValidateCertificateSigningRequestCreate, Test_getValidationOptions,
// TestValidateCertificateSigningRequest{,Status,Approval}Update and
// Test_validateCertificateSigningRequestOptions. Upstream builds CSRs with ed25519 keys; these
// use P-256 (what pki makes by default), which changes nothing the tables look at.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { keyUsages } from '@tlsboot/api';
import type { KubeObject } from '@tlsboot/api';
import { b64, certificateFixtures as certs, csrRequest } from './testing.js';
import {
  getValidationOptions,
  strictOptions,
  validateCertificateSigningRequest,
  validateCertificateSigningRequestApprovalUpdate,
  validateCertificateSigningRequestCreate,
  validateCertificateSigningRequestStatusUpdate,
  validateCertificateSigningRequestUpdate,
} from './validation.js';
import type { CertificateValidationOptions } from './validation.js';

const request = await csrRequest();
const validSignerName = 'example.com/valid-name';
const validUsages = ['key encipherment'];
const repeat = (s: string, n: number): string => s.repeat(n);
const maxLengthFQDN = `${repeat('a', 63)}.${repeat('a', 63)}.${repeat('a', 63)}.${repeat('a', 61)}`;
const maxLengthSignerName = `${maxLengthFQDN}/${repeat('a', 63)}.${repeat('a', 253)}`;
const subdomainMsg = (label: string): string =>
  `validating label "${label}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`;
const supported = keyUsages.map((u) => `"${u}"`).join(', ');

const csr = (spec: Record<string, unknown>, status?: Record<string, unknown>, meta: Record<string, unknown> = { name: 'testcsr' }): KubeObject =>
  ({ metadata: meta, spec, ...(status ? { status } : {}) }) as KubeObject;
const errs = (list: { error(): string }[]): string[] => list.map((e) => e.error());

const createCases: [string, Record<string, unknown>, string[]][] = [
  ['CSR with empty request data should fail', { usages: validUsages, signerName: validSignerName }, ['spec.request: Invalid value: null: PEM block type must be CERTIFICATE REQUEST']],
  [
    'CSR with invalid request data should fail',
    { usages: validUsages, signerName: validSignerName, request: b64('invalid data') },
    [`spec.request: Invalid value: "${b64('invalid data')}": PEM block type must be CERTIFICATE REQUEST`],
  ],
  ['CSR with no usages should fail', { signerName: validSignerName, request }, ['spec.usages: Required value']],
  ['CSR with no signerName set should fail', { usages: validUsages, request }, ['spec.signerName: Required value']],
  [
    "signerName contains no '/'",
    { usages: validUsages, request, signerName: 'an-invalid-signer-name' },
    [`spec.signerName: Invalid value: "an-invalid-signer-name": must be a fully qualified domain and path of the form 'example.com/signer-name'`],
  ],
  [
    "signerName contains two '/'",
    { usages: validUsages, request, signerName: 'an-invalid-signer-name.com/something/else' },
    [`spec.signerName: Invalid value: "an-invalid-signer-name.com/something/else": must be a fully qualified domain and path of the form 'example.com/signer-name'`],
  ],
  [
    'signerName domain component is not fully qualified',
    { usages: validUsages, request, signerName: 'example/some-signer-name' },
    ['spec.signerName: Invalid value: "example": should be a domain with at least two segments separated by dots'],
  ],
  ['signerName path component is empty', { usages: validUsages, request, signerName: 'example.com/' }, [`spec.signerName: Invalid value: "": ${subdomainMsg('')}`]],
  [
    'signerName path component ends with a symbol',
    { usages: validUsages, request, signerName: 'example.com/something-' },
    [`spec.signerName: Invalid value: "something-": ${subdomainMsg('something-')}`],
  ],
  ['signerName path component is a symbol', { usages: validUsages, request, signerName: 'example.com/-' }, [`spec.signerName: Invalid value: "-": ${subdomainMsg('-')}`]],
  ["signerName path component contains no '.' but is valid", { usages: validUsages, request, signerName: 'example.com/some-signer-name' }, []],
  [
    'signerName with a total length greater than 571 characters should be rejected',
    { usages: validUsages, request, signerName: `${maxLengthSignerName}.toolong` },
    [`spec.signerName: Too long: may not be more than ${maxLengthSignerName.length} bytes`],
  ],
  [
    'signerName with a fqdn greater than 253 characters should be rejected',
    { usages: validUsages, request, signerName: `${maxLengthFQDN}.extra/valid-path` },
    [`spec.signerName: Too long: may not be more than ${maxLengthFQDN.length} bytes`],
  ],
  [
    'signerName can have a longer path if the domain component is less than the max length',
    { usages: validUsages, request, signerName: `abc.io/${repeat('a', 253)}.${repeat('a', 253)}` },
    [],
  ],
  [
    'signerName with a domain label greater than 63 characters will fail',
    { usages: validUsages, request, signerName: `${repeat('a', 66)}.example.io/valid-path` },
    [`spec.signerName: Invalid value: "${repeat('a', 66)}.example.io": validating label "${repeat('a', 66)}": must be no more than 63 characters`],
  ],
  ['signerName of max length in format <fully-qualified-domain-name>/<resource-namespace>.<resource-name> is valid', { usages: validUsages, request, signerName: maxLengthSignerName }, []],
  ...[-1, 0, 1, 60].map((d): [string, Record<string, unknown>, string[]] => [
    `duration ${d}`,
    { usages: validUsages, request, signerName: validSignerName, expirationSeconds: d },
    [`spec.expirationSeconds: Invalid value: ${d}: may not specify a duration less than 600 seconds (10 minutes)`],
  ]),
  ['valid duration', { usages: validUsages, request, signerName: validSignerName, expirationSeconds: 600 }, []],
  ['missing usages', { usages: [], request, signerName: validSignerName }, ['spec.usages: Required value']],
  [
    'unknown and duplicate usages',
    { usages: ['unknown', 'unknown'], request, signerName: validSignerName },
    [`spec.usages[0]: Unsupported value: "unknown": supported values: ${supported}`, `spec.usages[1]: Unsupported value: "unknown": supported values: ${supported}`, 'spec.usages[1]: Duplicate value: "unknown"'],
  ],
  // not in upstream's table: the v1 refusal of the legacy signer, and a tampered signature
  [
    'legacy-unknown signer refused on create',
    { usages: validUsages, request, signerName: 'kubernetes.io/legacy-unknown' },
    ['spec.signerName: Invalid value: "kubernetes.io/legacy-unknown": the legacy signerName is not allowed via this API version'],
  ],
  ['unknown kubernetes.io signer names are syntactically fine', { usages: validUsages, request, signerName: 'kubernetes.io/not-a-real-signer' }, []],
];

for (const [name, spec, want] of createCases) {
  test(`validation_test.go TestValidateCertificateSigningRequestCreate: ${name}`, () => {
    assert.equal(errs(validateCertificateSigningRequestCreate(csr(spec))), want);
  });
}

test('validateCSR: a request whose signature does not verify is refused with Go text', async () => {
  const pem = Buffer.from(request, 'base64').toString();
  const der = Buffer.from(pem.split('\n').filter((l) => l && !l.startsWith('-----')).join(''), 'base64');
  der[der.length - 5]! ^= 0x01; // inside the signature
  const tampered = b64(`-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`);
  assert.equal(errs(validateCertificateSigningRequestCreate(csr({ usages: validUsages, request: tampered, signerName: validSignerName }))), [
    `spec.request: Invalid value: "${tampered}": x509: ECDSA verification failure`,
  ]);
});

const cond = (type: string, status = 'True') => ({ type, status });

test('validation_test.go Test_getValidationOptions', () => {
  const opts = (o: Partial<CertificateValidationOptions>) => ({ ...strictOptions, ...o });
  assert.equal(getValidationOptions(undefined, undefined), opts({}), 'strict create');
  assert.equal(getValidationOptions(undefined, csr({})), opts({}), 'strict update');
  assert.equal(getValidationOptions(undefined, csr({}, { conditions: [{ type: 'Approved' }, { type: 'Denied' }] })), opts({ allowBothApprovedAndDenied: true }));
  assert.equal(getValidationOptions(undefined, csr({ signerName: 'kubernetes.io/legacy-unknown' })), opts({ allowLegacySignerName: true }));
  assert.equal(getValidationOptions(undefined, csr({}, { conditions: [{ type: 'Approved' }, { type: 'Approved' }] })), opts({ allowDuplicateConditionTypes: true }));
  assert.equal(getValidationOptions(undefined, csr({}, { conditions: [{}] })), opts({ allowEmptyConditionType: true }));
  const valid = csr({}, { certificate: b64(certs.valid) });
  assert.equal(getValidationOptions(valid, valid), opts({ allowArbitraryCertificate: true }), 'no diff to certificate');
  assert.equal(
    getValidationOptions(csr({}, { certificate: b64('new - no PEM blocks') }), csr({}, { certificate: b64('old - no PEM blocks') })),
    opts({ allowArbitraryCertificate: true }),
    'existing invalid certificate',
  );
  assert.equal(getValidationOptions(undefined, csr({ usages: ['unknown'] })), opts({ allowUnknownUsages: true }));
  assert.equal(getValidationOptions(undefined, csr({ usages: ['any', 'any'] })), opts({ allowDuplicateUsages: true }));
});

type UpdateCase = [string, Record<string, unknown> | undefined, Record<string, unknown> | undefined, string[]];
const meta = { name: 'testcsr', resourceVersion: '1' };
const metaFinalizers = { ...meta, finalizers: ['foo'] };
const validSpec = { usages: validUsages, request, signerName: 'example.com/something' };

function runUpdateTable(title: string, fn: (n: KubeObject, o: KubeObject) => { error(): string }[], cases: UpdateCase[]): void {
  for (const [name, newStatus, oldStatus, want] of cases) {
    test(`validation_test.go ${title}: ${name}`, () => {
      const n = csr(validSpec, newStatus, meta);
      const o = csr(validSpec, oldStatus, name === 'no-op' ? meta : metaFinalizers);
      assert.equal(errs(fn(n, o)).sort(), [...want].sort());
    });
  }
}

const forbidden = {
  addApproved: 'status.conditions: Forbidden: updates may not add a condition of type "Approved"',
  addDenied: 'status.conditions: Forbidden: updates may not add a condition of type "Denied"',
  removeApproved: 'status.conditions: Forbidden: updates may not remove a condition of type "Approved"',
  removeDenied: 'status.conditions: Forbidden: updates may not remove a condition of type "Denied"',
  removeFailed: 'status.conditions: Forbidden: updates may not remove a condition of type "Failed"',
  setCert: 'status.certificate: Forbidden: updates may not set certificate content',
};
const approved = { conditions: [cond('Approved')] };
const denied = { conditions: [cond('Denied')] };
const failed = { conditions: [cond('Failed')] };
const noPEM = { certificate: b64(certs.noPEM) };

runUpdateTable('TestValidateCertificateSigningRequestUpdate', validateCertificateSigningRequestUpdate, [
  ['no-op', undefined, undefined, []],
  ['finalizer change with invalid status', noPEM, noPEM, []],
  ['add Approved condition', approved, undefined, [forbidden.addApproved]],
  ['remove Approved condition', undefined, approved, [forbidden.removeApproved]],
  ['add Denied condition', denied, undefined, [forbidden.addDenied]],
  ['remove Denied condition', undefined, denied, [forbidden.removeDenied]],
  ['add Failed condition', failed, undefined, []],
  ['remove Failed condition', undefined, failed, [forbidden.removeFailed]],
  ['set certificate', { certificate: b64(certs.valid) }, undefined, [forbidden.setCert]],
]);

runUpdateTable('TestValidateCertificateSigningRequestStatusUpdate', validateCertificateSigningRequestStatusUpdate, [
  ['no-op', undefined, undefined, []],
  ['finalizer change with invalid status', noPEM, noPEM, []],
  ['add Approved condition', approved, undefined, [forbidden.addApproved]],
  ['remove Approved condition', undefined, approved, [forbidden.removeApproved]],
  ['add Denied condition', denied, undefined, [forbidden.addDenied]],
  ['remove Denied condition', undefined, denied, [forbidden.removeDenied]],
  ['add Failed condition', failed, undefined, []],
  ['remove Failed condition', undefined, failed, [forbidden.removeFailed]],
  ['set valid certificate', { certificate: b64(certs.valid) }, undefined, []],
  ['set invalid certificate', noPEM, undefined, ['status.certificate: Invalid value: "<certificate data>": must contain at least one CERTIFICATE PEM block']],
  ['reset certificate', { certificate: b64(certs.nonCertificatePEM) }, noPEM, ['status.certificate: Forbidden: updates may not modify existing certificate content']],
]);

test('validation_test.go TestValidateCertificateSigningRequestStatusUpdate: finalizer change with duplicate and unknown usages', () => {
  const spec = { ...validSpec, usages: ['unknown', 'unknown'], signerName: validSignerName };
  assert.equal(errs(validateCertificateSigningRequestStatusUpdate(csr(spec, undefined, meta), csr(spec, undefined, metaFinalizers))), []);
});

runUpdateTable('TestValidateCertificateSigningRequestApprovalUpdate', validateCertificateSigningRequestApprovalUpdate, [
  ['no-op', undefined, undefined, []],
  ['finalizer change with invalid certificate', noPEM, noPEM, []],
  ['add Approved condition', approved, undefined, []],
  ['remove Approved condition', undefined, approved, [forbidden.removeApproved]],
  ['add Denied condition', denied, undefined, []],
  ['remove Denied condition', undefined, denied, [forbidden.removeDenied]],
  ['add Failed condition', failed, undefined, []],
  ['remove Failed condition', undefined, failed, [forbidden.removeFailed]],
  ['set certificate', { certificate: b64(certs.valid) }, undefined, [forbidden.setCert]],
]);

const optionCases: [string, Record<string, unknown> | undefined, Partial<CertificateValidationOptions>, string[] | RegExp, Record<string, unknown>?][] = [
  ['no status', undefined, {}, []],
  ['approved condition', approved, {}, []],
  ['denied condition', denied, {}, []],
  ['failed condition', failed, {}, []],
  ['approved+issued', { ...approved, certificate: b64(certs.valid) }, {}, []],
  ['legacy signer', undefined, { allowLegacySignerName: true }, ['spec.signerName: Invalid value: "kubernetes.io/legacy-unknown": the legacy signerName is not allowed via this API version'], { signerName: 'kubernetes.io/legacy-unknown' }],
  ['empty condition type', { conditions: [{ status: 'True' }] }, { allowEmptyConditionType: true }, ['status.conditions[0].type: Required value']],
  ['approved and denied', { conditions: [cond('Approved'), cond('Denied')] }, { allowBothApprovedAndDenied: true }, ['status.conditions[1].type: Invalid value: "Denied": Approved and Denied conditions are mutually exclusive']],
  ['duplicate condition', { conditions: [cond('Approved'), cond('Approved')] }, { allowDuplicateConditionTypes: true }, ['status.conditions[1].type: Duplicate value: "Approved"']],
  ['status.certificate, no PEM', { ...approved, certificate: b64(certs.noPEM) }, { allowArbitraryCertificate: true }, ['status.certificate: Invalid value: "<certificate data>": must contain at least one CERTIFICATE PEM block']],
  ['status.certificate, non-CERTIFICATE PEM', { ...approved, certificate: b64(certs.nonCertificatePEM) }, { allowArbitraryCertificate: true }, ['status.certificate: Invalid value: "<certificate data>": only CERTIFICATE PEM blocks are allowed, found "CERTIFICATE1"']],
  ['status.certificate, PEM headers', { ...approved, certificate: b64(certs.pemHeaders) }, { allowArbitraryCertificate: true }, ['status.certificate: Invalid value: "<certificate data>": no PEM block headers are permitted']],
  ['status.certificate, non-base64 PEM', { ...approved, certificate: b64(certs.nonBase64PEM) }, { allowArbitraryCertificate: true }, ['status.certificate: Invalid value: "<certificate data>": must contain at least one CERTIFICATE PEM block']],
  ['status.certificate, empty PEM block', { ...approved, certificate: b64(certs.emptyPEM) }, { allowArbitraryCertificate: true }, ['status.certificate: Invalid value: "<certificate data>": found CERTIFICATE PEM block containing 0 certificates']],
  // upstream matches Go's asn1/x509 text with a regexp; the parser here words it differently
  ['status.certificate, non-ASN1 data', { ...approved, certificate: b64(certs.nonASN1Data) }, { allowArbitraryCertificate: true }, /^status\.certificate: Invalid value: "<certificate data>": x509: malformed certificate/],
  ['other condition types may be False or Unknown', { conditions: [cond('Custom', 'False'), cond('Other', 'Unknown')] }, {}, []],
  [
    'Approved may only be True; a status is required',
    { conditions: [cond('Approved', 'False'), { type: 'Custom' }, cond('Custom2', 'Maybe')] },
    {},
    [
      'status.conditions[0].status: Unsupported value: "False": supported values: "True"',
      'status.conditions[1].status: Required value',
      'status.conditions[2].status: Unsupported value: "Maybe": supported values: "False", "True", "Unknown"',
    ],
  ],
];

for (const [name, status, lenient, strict, specPatch] of optionCases) {
  test(`validation_test.go Test_validateCertificateSigningRequestOptions: ${name}`, () => {
    const obj = csr({ ...validSpec, ...specPatch }, status);
    const got = errs(validateCertificateSigningRequest(obj, strictOptions));
    if (strict instanceof RegExp) {
      assert.is(got.length, 1);
      assert.match(got[0]!, strict);
    } else {
      assert.equal(got, strict);
    }
    if (Object.keys(lenient).length > 0) assert.equal(errs(validateCertificateSigningRequest(obj, { ...strictOptions, ...lenient })), [], 'lenient options accept it');
  });
}

test.run();
