// k8s.io/client-go/util/certificate/csr/csr.go: the object RequestCertificate sends, create()'s
// v1-or-v1beta1 choice, DurationToExpirationSeconds, the field selector of WaitForCertificate.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createsThroughV1, durationToExpirationSeconds, nameFieldSelector, newCertificateSigningRequest } from './certificate-signing-request.js';

const pem = '-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n';

test('csr.go RequestCertificate: a fixed name, spec request/usages/signerName, no expirationSeconds unless asked', () => {
  const csr = newCertificateSigningRequest({ csrPem: pem, name: 'node-csr-abc', signerName: 'kubernetes.io/kube-apiserver-client-kubelet', usages: ['digital signature', 'client auth'] });
  assert.equal(csr, {
    kind: 'CertificateSigningRequest',
    apiVersion: 'certificates.k8s.io/v1',
    metadata: { name: 'node-csr-abc' },
    spec: {
      request: Buffer.from(pem).toString('base64'),
      signerName: 'kubernetes.io/kube-apiserver-client-kubelet',
      usages: ['digital signature', 'client auth'],
    },
  });
});

test('csr.go RequestCertificate: no name → generateName csr-; a requested duration → expirationSeconds', () => {
  const csr = newCertificateSigningRequest({ csrPem: pem, signerName: 's.io/x', usages: ['client auth'], expirationSeconds: durationToExpirationSeconds(3_600_999) });
  assert.equal(csr.metadata, { generateName: 'csr-' });
  assert.is(csr.spec.expirationSeconds, 3600);
  assert.equal(newCertificateSigningRequest({ csrPem: pem, name: '', signerName: 's.io/x', usages: [] }).metadata, { generateName: 'csr-' });
});

test('csr.go create: v1 only with usages and a signer that is not kubernetes.io/legacy-unknown', () => {
  const mk = (signerName: string, usages: string[]) => newCertificateSigningRequest({ csrPem: pem, signerName, usages });
  assert.is(createsThroughV1(mk('kubernetes.io/kube-apiserver-client', ['client auth'])), true);
  assert.is(createsThroughV1(mk('kubernetes.io/legacy-unknown', ['client auth'])), false);
  assert.is(createsThroughV1(mk('', ['client auth'])), false);
  assert.is(createsThroughV1(mk('kubernetes.io/kubelet-serving', [])), false);
});

test('csr.go WaitForCertificate: fields.OneTermEqualSelector("metadata.name", name), value escaped', () => {
  assert.is(nameFieldSelector('csr-x7k2p'), 'metadata.name=csr-x7k2p');
  assert.is(nameFieldSelector('a,b=c\\d'), 'metadata.name=a\\,b\\=c\\\\d');
});

test.run();
