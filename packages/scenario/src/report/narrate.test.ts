import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { narrate, narrationLines } from './narrate.js';
import { parseReason, shortCsrName, workdirOf, wrapText } from './model.js';
import { articleFlow, failingRun } from './testdata/fixture.js';

const phaseHeadings = ['== control plane up ==', '== bootstrap token ==', '== first CSR — client certificate ==', '== second CSR — serving certificate ==', '== apiserver → kubelet ==', '== kube-proxy =='];

test('narrate default (sarapprove.go, bootstrap.go, signer.go): who did what and why — bootstrap user, the binding, AutoApproved with the SAR reason, the certificate, the files', () => {
  const text = narrate(articleFlow);
  assert.not.match(text, /\x1b\[/, 'no colour by default');
  for (const phase of phaseHeadings) assert.ok(text.includes(phase), phase);
  // the CSR create: authenticator, user and groups, the binding that allowed it (in full, the first time)
  assert.match(text, /kubelet\/k8s01 → create certificatesigningrequests\.certificates\.k8s\.io as system:bootstrap:abcdef \[system:bootstrappers, system:bootstrappers:kubeadm:default-node-token\] \(bootstrap-token\); allowed by RBAC: ClusterRoleBinding "kubeadm:kubelet-bootstrap" of ClusterRole "system:node-bootstrapper" to Group "system:bootstrappers:kubeadm:default-node-token" → 201/);
  // the approver: recognizer, the SubjectAccessReview and the binding that answered it, then AutoApproved
  assert.match(text, /csrapproving: recognizer nodeclient matches csr-b96vl; SubjectAccessReview: may system:bootstrap:abcdef create certificatesigningrequests\/nodeclient\? yes — RBAC: ClusterRoleBinding "kubeadm:node-autoapprove-bootstrap"/);
  assert.match(text, /csr-b96vl Approved=True \(AutoApproved\): Auto approving kubelet client certificate after SubjectAccessReview\./);
  // the signer: subject, usages, validity
  assert.match(text, /csrsigning-kubelet-client: signed csr-b96vl — O=system:nodes, CN=system:node:k8s01, digital signature, client auth; valid 1y: 2026-11-28T23:55:00\.000Z → 2027-11-28T23:55:00\.000Z/);
  assert.match(text, /signed csr-h5x65 — O=system:nodes, CN=system:node:k8s01 \[DNS:k8s01, IP:127\.0\.0\.1\], digital signature, server auth; valid 1y: .*approved by kubernetes-admin/);
  assert.match(text, /for kubernetes\.io\/kubelet-serving: .* it stays Pending until someone approves it/);
  assert.match(text, /CSR csr-h5x65: Approved=True \(KubectlApprove\) written by kubernetes-admin \(allowed by privileged-groups\)/);
  // files, relative to the work directory; symlink targets in the same directory by name
  assert.match(text, /<workdir> is \/\S+\/tlsboot-record-[A-Za-z0-9]{6}\n/);
  assert.match(text, /wrote certificate-pair <workdir>\/nodes\/k8s01\/pki\/kubelet-client-\S+\.pem; kubelet-client-current\.pem → kubelet-client-\S+\.pem/);
  assert.equal(text.split('\n').filter((l) => /\/tmp\/|tlsboot-record-/.test(l) && !l.includes('<workdir> is')).length, 0, 'no absolute work-dir paths');
  // the kubelet server: who the apiserver was and the SubjectAccessReview answer
  assert.match(text, /served GET \/healthz to kube-apiserver-kubelet-client \[kubeadm:cluster-admins\] \(x509\); allowed \(SubjectAccessReview\): RBAC: ClusterRoleBinding "kubeadm:cluster-admins"/);
  assert.match(text, /scenario article-flow: passed/);
  const first = text.indexOf('AutoApproved');
  assert.ok(first > 0 && first < text.indexOf('KubectlApprove'), 'client CSR approved before the serving CSR');
});

test('narrate default: setup noise folded into one line per phase, repeats counted, far shorter than --verbose', () => {
  const text = narrate(articleFlow);
  const verbose = narrate(articleFlow, { verbose: true });
  const lines = text.trimEnd().split('\n');
  const verboseLines = verbose.trimEnd().split('\n');
  assert.ok(lines.length < 70, `${lines.length} lines`);
  assert.ok(verboseLines.length > lines.length + 40, `verbose ${verboseLines.length} vs ${lines.length}`);
  // no controller-manager service-account request is told one by one; they are summed per phase
  assert.not.match(text, /serviceaccounts/);
  assert.match(text, /--use-service-account-credentials: each controller calls the API as its own service account \(certificate-controller, bootstrap-signer, token-cleaner\)/);
  assert.match(text, /\(20 background requests not shown: 12 controller-manager credential, 3 list, 3 watch, 2 read; --verbose shows them\)/);
  for (const phase of phaseHeadings) {
    const body = text.split(phase)[1]!.split('\n== ')[0]!;
    assert.ok((body.match(/background requests? not shown/g) ?? []).length <= 1, `one summary line in ${phase}`);
  }
  // the anonymous retries before the client certificate arrives: told once, counted
  assert.match(text, /error: node status: nodes is forbidden: User "system:anonymous" cannot create resource "nodes" in API group "" at the cluster scope \(×3, last at 00:00:00\.300\)/);
  // the full RBAC sentence once per binding, the binding's name after that
  assert.equal(text.split('of ClusterRole "cluster-admin"').length - 1, 1);
});

test('narrate verbose: every event as before (absolute paths, every request with its full reason)', () => {
  const text = narrate(articleFlow, { verbose: true });
  for (const phase of phaseHeadings) assert.ok(text.includes(phase), phase);
  assert.match(text, /POST \/apis\/certificates\.k8s\.io\/v1\/certificatesigningrequests as system:bootstrap:abcdef \(bootstrap-token\); allowed by RBAC: allowed by ClusterRoleBinding "kubeadm:kubelet-bootstrap"/);
  assert.match(text, /SubjectAccessReview as system:bootstrap:abcdef for nodeclient → allowed: RBAC: allowed by ClusterRoleBinding "kubeadm:node-autoapprove-bootstrap"/);
  assert.match(text, /Approved=True \(AutoApproved\)/);
  assert.match(text, /Approved=True \(KubectlApprove\) written by kubernetes-admin/);
  assert.match(text, /signed csr-[a-z0-9]{5} — O=system:nodes, CN=system:node:k8s01 \[DNS:k8s01, IP:127\.0\.0\.1\], digital signature, server auth, valid 1y/);
  assert.match(text, /wrote symlink \/\S+\/kubelet-client-current\.pem → \//);
  assert.match(text, /serviceaccounts\/certificate-controller/);
  assert.match(text, /served GET \/healthz to kube-apiserver-kubelet-client \(x509\); Allow/);
  assert.match(text, /requests folded\)/);
  assert.equal(text, narrate(articleFlow, { verbose: true, width: 0 }));
  assert.equal(narrationLines(articleFlow).length, text.trimEnd().split('\n').filter((l) => l && !l.startsWith('== ')).length);
});

test('narrate: colours only when asked; failures are told (✘ and the message in full), in both modes', () => {
  assert.match(narrate(articleFlow, { color: true }), /\x1b\[/);
  for (const verbose of [false, true]) {
    const text = narrate(failingRun, { times: false, verbose });
    assert.match(text, /✘ csr <x> & "y": wanted Approved; got <none> & "Pending"/);
    assert.match(text, /step 2 failed: no CSR matches <selector>/);
    assert.match(text, /FAILED \(1 expectation\)/);
  }
  assert.ok(narrationLines(failingRun).every((l) => l.source === 'scenario'));
});

test('narrate width: wrapped under the text column, nothing lost; no wrapping without a width', () => {
  const plain = narrate(articleFlow);
  assert.ok(plain.split('\n').some((l) => l.length > 200), 'long lines kept whole without a width');
  for (const width of [100, 60]) {
    const text = narrate(articleFlow, { width });
    const lines = text.split('\n');
    assert.ok(lines.every((l) => [...l].length <= width), `every line within ${width}`);
    const words = (s: string) => s.split(/\s+/).join('');
    assert.equal(words(text), words(plain), 'same text, only the line breaks differ');
    const indent = width >= 38 + 40 ? 38 : 4;
    assert.ok(lines.some((l) => l.startsWith(' '.repeat(indent)) && l[indent] !== ' '), `continuations indented by ${indent}`);
  }
  const coloured = narrate(articleFlow, { width: 80, color: true });
  assert.ok(coloured.split('\n').every((l) => [...l.replace(/\x1b\[[0-9;]*m/g, '')].length <= 80), 'width counts what is visible');
});

test('model helpers: work dir, short CSR names, reason sentences, word wrap', () => {
  assert.equal(workdirOf(articleFlow)?.replace(/[A-Za-z0-9]{6}$/, 'XXXXXX').replace(/^.*\//, ''), 'tlsboot-record-XXXXXX');
  assert.equal(workdirOf(failingRun), undefined);
  assert.equal(shortCsrName('node-csr-mrNpbBYloBk3v5DybVJAo_I4eujDJVX2RP6XmsNjfL8'), 'node-csr-mrNpbBYl…');
  assert.equal(shortCsrName('csr-b96vl'), 'csr-b96vl');
  assert.equal(
    parseReason('RBAC: allowed by ClusterRoleBinding "a" of ClusterRole "b" to Group "c"'),
    { authorizer: 'RBAC', text: 'allowed by ClusterRoleBinding "a" of ClusterRole "b" to Group "c"', binding: 'ClusterRoleBinding "a"' },
  );
  assert.equal(parseReason('allowed by RoleBinding "x/ns" of Role "y" to User "z"', 'RBAC'), { authorizer: 'RBAC', text: 'allowed by RoleBinding "x/ns" of Role "y" to User "z"', binding: 'RoleBinding "x/ns"' });
  assert.equal(parseReason('No Object name found', 'Node'), { authorizer: 'Node', text: 'No Object name found' });
  assert.equal(wrapText('aaa bbb ccc ddd', 8), ['aaa bbb', 'ccc ddd']);
  assert.equal(wrapText('abcdefghijkl x', 8, 10), ['abcdefgh', 'ijkl x']);
  assert.equal(wrapText('', 10), ['']);
});

test.run();
