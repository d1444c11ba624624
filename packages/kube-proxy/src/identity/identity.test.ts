// kube-proxy identities: the article's cfssl certificate and four kubectl steps, and kubeadm's
// service-account kubeconfig (cmd/kubeadm/app/phases/addons/proxy/manifests.go).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveContext, serializeKubeconfig } from '@tlsboot/client';
import { createCertificateAuthority } from '@tlsboot/pki';
import { gencertKubeProxy, kubeProxyKubeconfigSteps } from './certificate-identity.js';
import { serviceAccountKubeconfig } from './service-account-identity.js';

test('cfssl gencert -profile=kubernetes kube-proxy-csr.json: CN system:kube-proxy, O k8s, OU System, client auth', async () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const ca = await createCertificateAuthority({ subject: { commonName: 'kubernetes' }, now, keySpec: 'ecdsa-p256' });
  const made = await gencertKubeProxy({ ca, now });
  assert.is(made.certificate.subject.commonName, 'system:kube-proxy');
  assert.equal(made.certificate.subject.organizations, ['k8s']);
  assert.equal(made.certificate.subject.organizationalUnits, ['System']);
  assert.ok(made.certificate.extKeyUsageNames.includes('client auth'));
  const steps = kubeProxyKubeconfigSteps({ server: 'https://172.27.0.10:6443', caPem: ca.certificate.pem, certPem: made.certPem, keyPem: made.keyPem });
  assert.equal(steps.map((s) => [s.clusters.length, s.users.length, s.contexts.length, s['current-context']]), [
    [1, 0, 0, ''],
    [1, 1, 0, ''],
    [1, 1, 1, ''],
    [1, 1, 1, 'default'],
  ]);
  const ctx = await resolveContext(steps[3]!);
  assert.equal([ctx.userName, ctx.clusterName, ctx.clientCert], ['kube-proxy', 'kubernetes', made.certPem]);
});

test('kubeadm kubeconfig.conf: tokenFile and the CA from the service-account mount; the token is read from the file', async () => {
  const cfg = serviceAccountKubeconfig({ server: 'https://10.0.0.1:6443' });
  assert.is(
    serializeKubeconfig(cfg),
    `apiVersion: v1
clusters:
- cluster:
    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
    server: https://10.0.0.1:6443
  name: default
contexts:
- context:
    cluster: default
    namespace: default
    user: default
  name: default
current-context: default
kind: Config
preferences: {}
users:
- name: default
  user:
    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token
`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'tlsboot-kp-sa-'));
  writeFileSync(join(dir, 'token'), 'eyJ.payload.sig\n');
  writeFileSync(join(dir, 'ca.crt'), 'CA');
  const ctx = await resolveContext(serviceAccountKubeconfig({ server: 'https://10.0.0.1:6443', tokenFile: join(dir, 'token'), caFile: join(dir, 'ca.crt') }));
  assert.is(ctx.token, 'eyJ.payload.sig');
});

test.run();
