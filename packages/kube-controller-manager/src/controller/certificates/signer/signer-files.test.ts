// kubernetes/kubernetes cmd/kube-controller-manager/app/certificates.go
// (startCertificateSigningRequestSigningController, get*SignerFiles) and
// pkg/controller/certificates/signer/ca_provider.go: which sub-controllers run with which CA, and
// CA reloading.
import { createCertificateAuthority, exportPrivateKeyPem } from '@tlsboot/pki';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { newCAProvider } from './ca-provider.js';
import { noSigningFilesReason, planCSRSigning } from './signer-files.js';

const none = { kubeletServingSigner: {}, kubeletClientSigner: {}, kubeAPIServerClientSigner: {}, legacyUnknownSigner: {} };

test('certificates.go: no files at all → the controller is skipped with upstream\'s log line', () => {
  assert.equal(planCSRSigning(none), { kind: 'skip', reason: noSigningFilesReason });
  assert.is(noSigningFilesReason, 'Skipping CSR signer controller because no csr cert/key was specified');
});

test('certificates.go: shared and per-signer files together → error', () => {
  const plan = planCSRSigning({ ...none, clusterSigningCertFile: 'ca.crt', clusterSigningKeyFile: 'ca.key', kubeletClientSigner: { certFile: 'k.crt', keyFile: 'k.key' } });
  assert.equal(plan, { kind: 'error', message: 'cannot specify default and per controller certs at the same time' });
});

test('certificates.go: the shared pair runs all four sub-controllers in upstream order', () => {
  const plan = planCSRSigning({ ...none, clusterSigningCertFile: 'ca.crt', clusterSigningKeyFile: 'ca.key' });
  assert.is(plan.kind, 'run');
  if (plan.kind !== 'run') return;
  assert.equal(
    plan.signers.map((s) => [s.controllerName, s.signerName, s.files?.certFile]),
    [
      ['csrsigning-kubelet-serving', 'kubernetes.io/kubelet-serving', 'ca.crt'],
      ['csrsigning-kubelet-client', 'kubernetes.io/kube-apiserver-client-kubelet', 'ca.crt'],
      ['csrsigning-kube-apiserver-client', 'kubernetes.io/kube-apiserver-client', 'ca.crt'],
      ['csrsigning-legacy-unknown', 'kubernetes.io/legacy-unknown', 'ca.crt'],
    ],
  );
});

test('certificates.go: per-signer files run only the signers that have them', () => {
  const plan = planCSRSigning({ ...none, kubeletClientSigner: { certFile: 'k.crt', keyFile: 'k.key' } });
  if (plan.kind !== 'run') return assert.unreachable();
  assert.equal(plan.signers.filter((s) => s.files).map((s) => s.signerName), ['kubernetes.io/kube-apiserver-client-kubelet']);
  assert.match(plan.signers[0]!.skipReason ?? '', 'specific files were specified for other signers and not this one');
});

test('ca_provider.go: construction fails when files cannot be read; the CA is reloaded when the files change; a bad new CA is an error', async () => {
  const files = new Map<string, string>();
  const readFile = async (p: string) => {
    const v = files.get(p);
    if (v === undefined) throw new Error(`open ${p}: no such file or directory`);
    return v;
  };
  try {
    await newCAProvider('ca.crt', 'ca.key', readFile);
    assert.unreachable();
  } catch (err) {
    assert.is((err as Error).message, 'error reading CSR files: open ca.crt: no such file or directory');
  }
  const now = new Date('2024-01-01T00:00:00Z');
  const a = await createCertificateAuthority({ subject: { commonName: 'ca-a' }, now });
  const b = await createCertificateAuthority({ subject: { commonName: 'ca-b' }, now });
  files.set('ca.crt', a.certificate.pem);
  files.set('ca.key', await exportPrivateKeyPem(a.keys));
  const provider = await newCAProvider('ca.crt', 'ca.key', readFile);
  assert.is((await provider.currentCA()).certificate.subject.commonName, 'ca-a');
  files.set('ca.crt', b.certificate.pem);
  files.set('ca.key', await exportPrivateKeyPem(b.keys));
  assert.is((await provider.currentCA()).certificate.subject.commonName, 'ca-b');
  files.set('ca.crt', a.certificate.pem + b.certificate.pem);
  try {
    await provider.currentCA();
    assert.unreachable();
  } catch (err) {
    assert.is((err as Error).message, 'error reading CA cert file "csr-controller": expected 1 certificate, found 2');
  }
  files.delete('ca.crt');
  assert.is((await provider.currentCA()).certificate.subject.commonName, 'ca-b', 'unreadable files keep the last good CA');
});

test.run();
