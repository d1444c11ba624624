// kubernetes/kubernetes cmd/kubeadm/app/phases/bootstraptoken/clusterinfo/clusterinfo.go: the
// cluster-info ConfigMap, compared with the text `kubectl -n kube-public get cm cluster-info -o
// yaml` shows on a kubeadm cluster.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { clusterInfoConfigMap, clusterInfoKubeconfig } from './cluster-info.js';

const caPem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const caData = Buffer.from(caPem).toString('base64');

test('clusterinfo.go: one cluster named "", no users, no contexts, as clientcmd.Write prints it', () => {
  assert.is(
    clusterInfoKubeconfig('https://127.0.0.1:6443', caPem),
    `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${caData}
    server: https://127.0.0.1:6443
  name: ""
contexts: null
current-context: ""
kind: Config
preferences: {}
users: null
`,
  );
});

test('clusterinfo.go: IPv6 and host names stay plain; odd text is quoted', () => {
  assert.ok(clusterInfoKubeconfig('https://[::1]:6443', caPem).includes('    server: https://[::1]:6443\n'));
  assert.ok(clusterInfoKubeconfig('https://cp.example.com:6443/x', caPem).includes('    server: https://cp.example.com:6443/x\n'));
  assert.ok(clusterInfoKubeconfig('https://a b', caPem).includes('    server: "https://a b"\n'));
});

test('clusterinfo.go: kube-public/cluster-info with the kubeconfig key', () => {
  const cm = clusterInfoConfigMap('https://127.0.0.1:6443', caPem);
  assert.equal(cm.metadata, { name: 'cluster-info', namespace: 'kube-public' });
  assert.equal(Object.keys(cm.data ?? {}), ['kubeconfig']);
  assert.is(cm.kind, 'ConfigMap');
});

test.run();
