// csrDecodeProblem (csr-decode.ts): encoding/json into k8s.io/api/certificates/v1
// CertificateSigningRequestSpec/Status — the UnmarshalTypeError texts, base64 of []byte, null as
// the zero value. Found by the server fuzzer (test/fuzz/servers.ts): `"usages":"x"` answered 500.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { KubeObject } from '@tlsboot/api';
import { csrDecodeProblem } from './csr-decode.js';

const csr = (spec: unknown, status?: unknown): KubeObject => ({ apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: {}, spec, ...(status === undefined ? {} : { status }) }) as KubeObject;

test('encoding/json UnmarshalTypeError: CertificateSigningRequestSpec fields of the wrong JSON type', () => {
  assert.is(csrDecodeProblem(csr({ usages: 'client auth' })), 'json: cannot unmarshal string into Go struct field CertificateSigningRequestSpec.spec.usages of type []v1.KeyUsage');
  assert.is(csrDecodeProblem(csr({ usages: [1] })), 'json: cannot unmarshal number into Go struct field CertificateSigningRequestSpec.spec.usages of type v1.KeyUsage');
  assert.is(csrDecodeProblem(csr({ request: 5 })), 'json: cannot unmarshal number into Go struct field CertificateSigningRequestSpec.spec.request of type []uint8');
  assert.is(csrDecodeProblem(csr({ signerName: {} })), 'json: cannot unmarshal object into Go struct field CertificateSigningRequestSpec.spec.signerName of type string');
  assert.is(csrDecodeProblem(csr({ expirationSeconds: '600' })), 'json: cannot unmarshal string into Go struct field CertificateSigningRequestSpec.spec.expirationSeconds of type int32');
  assert.is(csrDecodeProblem(csr({ extra: { a: 'b' } })), 'json: cannot unmarshal string into Go struct field CertificateSigningRequestSpec.spec.extra of type v1.ExtraValue');
  assert.is(csrDecodeProblem(csr('x')), 'json: cannot unmarshal string into Go struct field CertificateSigningRequest.spec of type v1.CertificateSigningRequestSpec');
  assert.is(csrDecodeProblem(csr({}, { conditions: {} })), 'json: cannot unmarshal object into Go struct field CertificateSigningRequestStatus.status.conditions of type []v1.CertificateSigningRequestCondition');
});

test('encoding/base64 for []byte: "illegal base64 data at input byte N"; null is the zero value', () => {
  assert.is(csrDecodeProblem(csr({ request: '!!!' })), 'illegal base64 data at input byte 0');
  assert.is(csrDecodeProblem(csr({ request: 'AAAAA' })), 'illegal base64 data at input byte 4');
  const o = csr({ request: 'AAAA', usages: null, groups: ['a', null] });
  assert.is(csrDecodeProblem(o), undefined);
  assert.equal(o['spec'], { request: 'AAAA', groups: ['a', ''] });
});

test.run();
