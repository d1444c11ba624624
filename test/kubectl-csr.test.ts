// The real kubectl (v1.32) on the CSR API of a live tlsboot apiserver: `kubectl create -f` of a
// CSR as a node, `kubectl get csr` (server-side Table: NAME AGE SIGNERNAME REQUESTOR
// REQUESTEDDURATION CONDITION), `kubectl certificate approve/deny` (GET twice, PUT /approval with
// reason KubectlApprove/KubectlDeny; client-side refusal of an already Denied CSR), the
// CertificateApproval admission 403 for a user without `approve` on signers, and `kubectl
// describe csr`. Upstream: kubernetes/kubectl pkg/cmd/certificates/certificates.go,
// pkg/printers/internalversion/printers.go, plugin/pkg/admission/certificates/approval/admission.go;
// reference/k8s-csr-kubelet.md §6.6–6.7. Skips (with a `skip:` line) when kubectl is not installed.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApiServer } from '@tlsboot/kube-apiserver';
import type { ApiServer } from '@tlsboot/kube-apiserver';
import { createCertificateRequest, generateKeyPair } from '@tlsboot/pki';
import { realClock } from '@tlsboot/util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hasKubectl, kubectlEnv, runKubectl, writeCertKubeconfig } from './support/kubectl.js';
import type { KubectlRun } from './support/kubectl.js';

let server: ApiServer;
let dir: string;
let env: NodeJS.ProcessEnv;

async function kubeconfigFor(name: string, commonName: string, organizations: string[]): Promise<string> {
  return (await writeCertKubeconfig({ dir, file: name, server, user: name }, commonName, organizations)).kubeconfig;
}

const kubectl = (kubeconfig: string | undefined, ...args: string[]): Promise<KubectlRun> => runKubectl(env, kubeconfig ? ['--kubeconfig', kubeconfig, ...args] : args);

async function csrManifest(name: string, signerName: string, usages: string[], expirationSeconds?: number): Promise<string> {
  const keys = await generateKeyPair();
  const csr = await createCertificateRequest({ keys, subject: { commonName: 'system:node:n1', organizations: ['system:nodes'] }, subjectAltNames: { dnsNames: ['n1'] } });
  const path = join(dir, `${name}.yaml`);
  const lines = [
    'apiVersion: certificates.k8s.io/v1',
    'kind: CertificateSigningRequest',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    `  request: ${Buffer.from(csr.pem).toString('base64')}`,
    `  signerName: ${signerName}`,
    ...(expirationSeconds ? [`  expirationSeconds: ${expirationSeconds}`] : []),
    '  usages:',
    ...usages.map((u) => `  - ${u}`),
  ];
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

let node: string;
let alice: string;

test.before(async () => {
  if (!hasKubectl) return;
  // kubectl checks the serving certificate against the wall clock: run on the real clock
  server = await startApiServer({ clock: realClock });
  dir = await mkdtemp(join(tmpdir(), 'tlsboot-kubectl-csr-'));
  const admin = await kubeconfigFor('admin', 'kubernetes-admin', ['system:masters']);
  node = await kubeconfigFor('node', 'system:node:n1', ['system:nodes']);
  alice = await kubeconfigFor('alice', 'alice', []);
  env = kubectlEnv(dir, admin);
});

test.after(async () => {
  if (!hasKubectl) return;
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

if (!hasKubectl) {
  console.log('skip: kubectl-csr: `kubectl` is not installed');
} else {
  test('kubectl create -f: a node creates serving and client CSRs; kubectl get csr shows the upstream columns', async () => {
    for (const [name, signer, usages, exp] of [
      ['serving-1', 'kubernetes.io/kubelet-serving', ['digital signature', 'server auth'], 3600],
      ['client-1', 'kubernetes.io/kube-apiserver-client-kubelet', ['digital signature', 'client auth'], undefined],
      ['client-2', 'kubernetes.io/kube-apiserver-client-kubelet', ['digital signature', 'client auth'], undefined],
    ] as const) {
      const r = await kubectl(node, 'create', '-f', await csrManifest(name, signer, [...usages], exp));
      assert.is(r.stdout, `certificatesigningrequest.certificates.k8s.io/${name} created\n`, r.stderr);
    }
    const out = (await kubectl(undefined, 'get', 'csr')).stdout.trim().split('\n');
    assert.match(out[0]!, /^NAME\s+AGE\s+SIGNERNAME\s+REQUESTOR\s+REQUESTEDDURATION\s+CONDITION$/);
    const rows = out.slice(1).map((r) => r.split(/\s+/));
    assert.equal(rows.map((r) => [r[0], r[2], r[3], r[4], r[5]]), [
      ['client-1', 'kubernetes.io/kube-apiserver-client-kubelet', 'system:node:n1', '<none>', 'Pending'],
      ['client-2', 'kubernetes.io/kube-apiserver-client-kubelet', 'system:node:n1', '<none>', 'Pending'],
      ['serving-1', 'kubernetes.io/kubelet-serving', 'system:node:n1', '60m', 'Pending'],
    ]);
  });

  test('kubectl certificate approve: PUT /approval with reason KubectlApprove; get csr shows Approved', async () => {
    const r = await kubectl(undefined, 'certificate', 'approve', 'serving-1');
    assert.is(r.stdout, 'certificatesigningrequest.certificates.k8s.io/serving-1 approved\n', r.stderr);
    const csr = JSON.parse((await kubectl(undefined, 'get', 'csr', 'serving-1', '-o', 'json')).stdout);
    assert.is(csr.status.conditions.length, 1);
    const [c] = csr.status.conditions;
    assert.equal([c.type, c.status, c.reason, c.message], ['Approved', 'True', 'KubectlApprove', 'This CSR was approved by kubectl certificate approve.']);
    assert.ok(c.lastUpdateTime && c.lastTransitionTime);
    assert.match((await kubectl(undefined, 'get', 'csr', 'serving-1')).stdout, /serving-1\s+\S+\s+kubernetes\.io\/kubelet-serving\s+system:node:n1\s+60m\s+Approved\n/);
  });

  test('kubectl certificate deny, then approve of the denied CSR is refused by kubectl', async () => {
    const r = await kubectl(undefined, 'certificate', 'deny', 'client-1');
    assert.is(r.stdout, 'certificatesigningrequest.certificates.k8s.io/client-1 denied\n', r.stderr);
    const csr = JSON.parse((await kubectl(undefined, 'get', 'csr', 'client-1', '-o', 'json')).stdout);
    assert.equal([csr.status.conditions[0].type, csr.status.conditions[0].reason], ['Denied', 'KubectlDeny']);
    const again = await kubectl(undefined, 'certificate', 'approve', 'client-1');
    assert.is.not(again.code, 0);
    assert.match(again.stderr, /certificate signing request "client-1" is already Denied/);
  });

  test('CertificateApproval admission: a user allowed to update /approval but without approve on signers gets the upstream 403', async () => {
    const rbac = join(dir, 'rbac.yaml');
    await writeFile(
      rbac,
      [
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: ClusterRole',
        'metadata:',
        '  name: csr-approver-without-signers',
        'rules:',
        '- apiGroups: ["certificates.k8s.io"]',
        '  resources: ["certificatesigningrequests", "certificatesigningrequests/approval"]',
        '  verbs: ["get", "list", "update"]',
        '---',
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: ClusterRoleBinding',
        'metadata:',
        '  name: alice-csr',
        'roleRef:',
        '  apiGroup: rbac.authorization.k8s.io',
        '  kind: ClusterRole',
        '  name: csr-approver-without-signers',
        'subjects:',
        '- apiGroup: rbac.authorization.k8s.io',
        '  kind: User',
        '  name: alice',
        '',
      ].join('\n'),
    );
    assert.is((await kubectl(undefined, 'create', '-f', rbac)).code, 0);
    const r = await kubectl(alice, 'certificate', 'approve', 'client-2');
    assert.is.not(r.code, 0);
    assert.match(
      r.stderr,
      /Error from server \(Forbidden\): certificatesigningrequests\.certificates\.k8s\.io "client-2" is forbidden: user not permitted to approve requests with signerName "kubernetes\.io\/kube-apiserver-client-kubelet"/,
    );
    assert.match((await kubectl(undefined, 'get', 'csr', 'client-2')).stdout, /Pending/);
  });

  test('kubectl describe csr: requester, signer, requested duration, status and the parsed subject', async () => {
    const r = await kubectl(undefined, 'describe', 'csr', 'serving-1');
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Name:\s+serving-1$/m);
    assert.match(r.stdout, /^Requesting User:\s+system:node:n1$/m);
    assert.match(r.stdout, /^Signer:\s+kubernetes\.io\/kubelet-serving$/m);
    assert.match(r.stdout, /^Requested Duration:\s+60m$/m);
    assert.match(r.stdout, /^Status:\s+Approved$/m);
    assert.match(r.stdout, /Common Name:\s+system:node:n1/);
    assert.match(r.stdout, /Organization:\s+system:nodes/);
    assert.match(r.stdout, /DNS Names:\s+n1/);
  });
}

test.run();
