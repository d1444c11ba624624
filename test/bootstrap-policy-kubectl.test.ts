// The v1.32 default RBAC policy (kubernetes/kubernetes plugin/pkg/auth/authorizer/rbac/bootstrappolicy)
// and the kubeadm preset, seen through the real kubectl (v1.32): `get clusterroles`,
// `get clusterrolebindings -o wide`, `describe clusterrole`, `get rolebindings -A`, and
// `auth can-i --as` answered by the RBAC authorizer over each preset. Skips (with a `skip:` line)
// when kubectl is not installed. Own kubeconfig and KUBECACHEDIR per run.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApiServer } from '@tlsboot/kube-apiserver';
import type { ApiServer, BootstrapPolicyPreset } from '@tlsboot/kube-apiserver';
import { realClock } from '@tlsboot/util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hasKubectl, kubectlEnv, kubectlOk, runKubectl, writeCertKubeconfig } from './support/kubectl.js';

interface Cluster {
  server: ApiServer;
  env: NodeJS.ProcessEnv;
}
const clusters: Partial<Record<BootstrapPolicyPreset, Cluster>> = {};
let dir: string;

async function start(preset: BootstrapPolicyPreset): Promise<Cluster> {
  // kubectl checks the serving certificate against the wall clock: run on the real clock
  const server = await startApiServer({ clock: realClock, policy: preset, authorizationModes: ['RBAC'] });
  const { kubeconfig } = await writeCertKubeconfig({ dir, file: preset, server, user: 'kubernetes-admin', cluster: preset }, 'kubernetes-admin', ['system:masters']);
  return { server, env: kubectlEnv(dir, kubeconfig, `cache-${preset}`) };
}

const kubectl = (preset: BootstrapPolicyPreset, ...args: string[]): Promise<string> => kubectlOk(clusters[preset]!.env, args);

/** `kubectl auth can-i` exits 1 for "no": read the answer either way. */
async function canI(preset: BootstrapPolicyPreset, ...args: string[]): Promise<string> {
  return (await runKubectl(clusters[preset]!.env, ['auth', 'can-i', ...args])).stdout.trim();
}

const asBootstrapToken = ['--as=system:bootstrap:abcdef', '--as-group=system:bootstrappers', '--as-group=system:bootstrappers:kubeadm:default-node-token'];

test.before(async () => {
  if (!hasKubectl) return;
  dir = await mkdtemp(join(tmpdir(), 'tlsboot-policy-kubectl-'));
  clusters.upstream = await start('upstream');
  clusters.kubeadm = await start('kubeadm');
});

test.after(async () => {
  if (!hasKubectl) return;
  for (const c of Object.values(clusters)) await c.server.close();
  await rm(dir, { recursive: true, force: true });
});

if (!hasKubectl) {
  console.log('skip: bootstrap-policy-kubectl: `kubectl` is not installed');
} else {
  test('kubectl get clusterroles lists the v1.32 defaults and the controller roles (policy.go, controller_policy.go)', async () => {
    const out = await kubectl('upstream', 'get', 'clusterroles');
    const rows = out.trim().split('\n');
    assert.match(rows[0]!, /^NAME\s+CREATED AT$/);
    const names = rows.slice(1).map((r) => r.split(/\s+/)[0]);
    assert.is(names.length, 64);
    for (const name of ['admin', 'cluster-admin', 'edit', 'view', 'system:node', 'system:node-bootstrapper', 'system:node-proxier', 'system:controller:certificate-controller', 'system:certificates.k8s.io:certificatesigningrequests:nodeclient']) {
      assert.ok(names.includes(name), name);
    }
    assert.not.ok(names.includes('kubeadm:get-nodes'));
    assert.ok((await kubectl('kubeadm', 'get', 'clusterroles', '-o', 'name')).includes('clusterrole.rbac.authorization.k8s.io/kubeadm:get-nodes\n'));
  });

  test('kubectl get clusterrolebindings -o wide: kubeadm:kubelet-bootstrap binds system:node-bootstrapper to the default-node-token group', async () => {
    const out = await kubectl('kubeadm', 'get', 'clusterrolebindings', '-o', 'wide');
    assert.match(out, /^kubeadm:kubelet-bootstrap\s+ClusterRole\/system:node-bootstrapper\s+\S+\s+system:bootstrappers:kubeadm:default-node-token\s*$/m);
    assert.match(out, /^kubeadm:node-autoapprove-certificate-rotation\s+ClusterRole\/system:certificates\.k8s\.io:certificatesigningrequests:selfnodeclient\s+\S+\s+system:nodes\s*$/m);
    assert.match(out, /^cluster-admin\s+ClusterRole\/cluster-admin\s+\S+\s+system:masters\s*$/m);
    assert.not.match(await kubectl('upstream', 'get', 'clusterrolebindings'), /node-bootstrapper/);
  });

  test('kubectl describe clusterrole system:node-bootstrapper prints its one rule', async () => {
    const out = await kubectl('upstream', 'describe', 'clusterrole', 'system:node-bootstrapper');
    assert.match(out, /^Labels:\s+kubernetes\.io\/bootstrapping=rbac-defaults$/m);
    assert.match(out, /^Annotations:\s+rbac\.authorization\.kubernetes\.io\/autoupdate: true$/m);
    assert.match(out, /^\s+certificatesigningrequests\.certificates\.k8s\.io\s+\[\]\s+\[\]\s+\[create get list watch\]$/m);
  });

  test('kubectl get rolebindings -A: the namespaced defaults, plus kubeadm\'s in kube-public and kube-system', async () => {
    const out = await kubectl('kubeadm', 'get', 'rolebindings', '-A', '--no-headers');
    const rows = out.trim().split('\n').map((r) => r.split(/\s+/).slice(0, 3).join(' '));
    assert.equal(rows, [
      'kube-public kubeadm:bootstrap-signer-clusterinfo Role/kubeadm:bootstrap-signer-clusterinfo',
      'kube-public system:controller:bootstrap-signer Role/system:controller:bootstrap-signer',
      'kube-system kube-proxy Role/kube-proxy',
      'kube-system kubeadm:kubelet-config Role/kubeadm:kubelet-config',
      'kube-system kubeadm:nodes-kubeadm-config Role/kubeadm:nodes-kubeadm-config',
      'kube-system system::extension-apiserver-authentication-reader Role/extension-apiserver-authentication-reader',
      'kube-system system::leader-locking-kube-controller-manager Role/system::leader-locking-kube-controller-manager',
      'kube-system system::leader-locking-kube-scheduler Role/system::leader-locking-kube-scheduler',
      'kube-system system:controller:bootstrap-signer Role/system:controller:bootstrap-signer',
      'kube-system system:controller:cloud-provider Role/system:controller:cloud-provider',
      'kube-system system:controller:token-cleaner Role/system:controller:token-cleaner',
    ]);
  });

  test('kubectl auth can-i --as a bootstrap token: create CSRs only with the kubeadm preset; nodeclient auto-approval likewise', async () => {
    assert.is(await canI('upstream', 'create', 'certificatesigningrequests', ...asBootstrapToken), 'no');
    assert.is(await canI('kubeadm', 'create', 'certificatesigningrequests', ...asBootstrapToken), 'yes');
    assert.is(await canI('upstream', 'create', 'certificatesigningrequests', '--subresource=nodeclient', ...asBootstrapToken), 'no');
    assert.is(await canI('kubeadm', 'create', 'certificatesigningrequests', '--subresource=nodeclient', ...asBootstrapToken), 'yes');
    // a token is not a node: no selfnodeclient
    assert.is(await canI('kubeadm', 'create', 'certificatesigningrequests', '--subresource=selfnodeclient', ...asBootstrapToken), 'no');
  });
}

test.run();
