import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { narrate, narrationLines } from './narrate.js';
import { articleFlow, failingRun } from './testdata/fixture.js';

test('narrate (sarapprove.go, bootstrap.go): the article flow names the bootstrap user, the bindings, AutoApproved and the pending serving CSR', () => {
  const text = narrate(articleFlow);
  assert.not.match(text, /\x1b\[/, 'no colour by default');
  for (const phase of ['== control plane up ==', '== bootstrap token ==', '== first CSR — client certificate ==', '== second CSR — serving certificate ==', '== apiserver → kubelet ==', '== kube-proxy ==']) assert.ok(text.includes(phase), phase);
  assert.match(text, /POST \/apis\/certificates\.k8s\.io\/v1\/certificatesigningrequests as system:bootstrap:abcdef \(bootstrap-token\); allowed by RBAC: allowed by ClusterRoleBinding "kubeadm:kubelet-bootstrap"/);
  assert.match(text, /SubjectAccessReview as system:bootstrap:abcdef for nodeclient → allowed: RBAC: allowed by ClusterRoleBinding "kubeadm:node-autoapprove-bootstrap"/);
  assert.match(text, /Approved=True \(AutoApproved\)/);
  assert.match(text, /for kubernetes\.io\/kubelet-serving: .* it stays Pending until someone approves it/);
  assert.match(text, /Approved=True \(KubectlApprove\) written by kubernetes-admin/);
  assert.match(text, /signed csr-[a-z0-9]{5} — O=system:nodes, CN=system:node:k8s01 \[DNS:k8s01, IP:127\.0\.0\.1\], digital signature, server auth, valid 1y/);
  assert.match(text, /wrote symlink \S+\/kubelet-client-current\.pem → /);
  assert.match(text, /served GET \/healthz to kube-apiserver-kubelet-client \(x509\); Allow/);
  assert.match(text, /requests folded\)/);
  assert.match(text, /scenario article-flow: passed/);
  const first = text.indexOf('AutoApproved');
  assert.ok(first > 0 && first < text.indexOf('KubectlApprove'), 'client CSR approved before the serving CSR');
});

test('narrate: colours only when asked; failures are told', () => {
  assert.match(narrate(articleFlow, { color: true }), /\x1b\[/);
  const text = narrate(failingRun, { times: false });
  assert.match(text, /✘ csr <x> & "y": wanted Approved; got <none> & "Pending"/);
  assert.match(text, /step 2 failed: no CSR matches <selector>/);
  assert.match(text, /FAILED \(1 expectation\)/);
  assert.ok(narrationLines(failingRun).every((l) => l.source === 'scenario'));
});

test.run();
