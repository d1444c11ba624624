// The four `kubectl config` steps (kubernetes/kubernetes staging/src/k8s.io/kubectl/pkg/cmd/config/
// create_cluster.go, create_authinfo.go, create_context.go, use_context.go): each step is compared
// with the file the real kubectl writes after the same step, when kubectl is installed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isTlsbootError } from '@tlsboot/util';
import { emptyKubeconfig, serializeKubeconfig } from './kubeconfig.js';
import { setCluster, setContext, setCredentials, useContext } from './kubeconfig-commands.js';

const caPem = readFileSync(new URL('./testdata/ca.crt', import.meta.url), 'utf8');
const certPem = readFileSync(new URL('./testdata/alice.crt', import.meta.url), 'utf8');
const keyPem = readFileSync(new URL('./testdata/alice.key', import.meta.url), 'utf8');
const b64 = (s: string): string => Buffer.from(s).toString('base64');

function kubectlAvailable(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

test('create_cluster.go modifyCluster: --embed-certs embeds the CA; insecure=true drops it; a CA turns insecure off', () => {
  let c = setCluster(emptyKubeconfig(), 'kubernetes', { server: 'https://10.0.0.1:6443', certificateAuthorityPem: caPem });
  assert.equal(c.clusters, [{ name: 'kubernetes', cluster: { server: 'https://10.0.0.1:6443', 'certificate-authority-data': b64(caPem) } }]);
  c = setCluster(c, 'kubernetes', { insecureSkipTLSVerify: true });
  assert.equal(c.clusters[0]?.cluster, { server: 'https://10.0.0.1:6443', 'insecure-skip-tls-verify': true });
  c = setCluster(c, 'kubernetes', { certificateAuthority: 'ca.crt' });
  assert.equal(c.clusters[0]?.cluster, { server: 'https://10.0.0.1:6443', 'certificate-authority': 'ca.crt' });
  assert.is(c.clusters.length, 1, 'the same name is modified, not added');
});

test('create_authinfo.go modifyAuthInfo: embedded cert/key replace paths; a token clears basic auth and back', () => {
  let c = setCredentials(emptyKubeconfig(), 'u', { clientCertificate: '/p/c.pem', clientKey: '/p/k.pem' });
  c = setCredentials(c, 'u', { clientCertificatePem: certPem, clientKeyPem: keyPem });
  assert.equal(c.users[0]?.user, { 'client-certificate-data': b64(certPem), 'client-key-data': b64(keyPem) });
  c = setCredentials(c, 'u', { username: 'a', password: 'b' });
  c = setCredentials(c, 'u', { token: 't' });
  assert.equal(c.users[0]?.user, { 'client-certificate-data': b64(certPem), 'client-key-data': b64(keyPem), token: 't' });
  c = setCredentials(c, 'u', { username: 'a' });
  assert.is(c.users[0]?.user.token, undefined);
});

test('use_context.go: an unknown context is refused with kubectl\'s message; the input is never changed', () => {
  const empty = emptyKubeconfig();
  const c = setContext(empty, 'default', { cluster: 'kubernetes', user: 'u' });
  assert.equal(empty.contexts, []);
  assert.is(useContext(c, 'default')['current-context'], 'default');
  try {
    useContext(c, 'nope');
    assert.unreachable();
  } catch (err) {
    assert.ok(isTlsbootError(err, 'KUBECONFIG_INVALID'));
    assert.is((err as Error).message, 'no context exists with the name: "nope"');
  }
});

test('the article\'s kube-proxy.kubeconfig, step by step, byte for byte what the real kubectl writes', () => {
  if (!kubectlAvailable()) {
    console.log('skip: kubectl is not installed');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'tlsboot-kcfg-steps-'));
  const file = join(dir, 'kube-proxy.kubeconfig');
  writeFileSync(join(dir, 'ca.pem'), caPem);
  writeFileSync(join(dir, 'kube-proxy.pem'), certPem);
  writeFileSync(join(dir, 'kube-proxy-key.pem'), keyPem);
  const kubectl = (...args: string[]): string => {
    execFileSync('kubectl', ['config', ...args, `--kubeconfig=${file}`], { cwd: dir, stdio: 'pipe' });
    return readFileSync(file, 'utf8');
  };
  let ours = setCluster(emptyKubeconfig(), 'kubernetes', { certificateAuthorityPem: caPem, server: 'https://172.27.0.10:6443' });
  assert.is(serializeKubeconfig(ours), kubectl('set-cluster', 'kubernetes', '--certificate-authority=ca.pem', '--embed-certs=true', '--server=https://172.27.0.10:6443'));
  ours = setCredentials(ours, 'kube-proxy', { clientCertificatePem: certPem, clientKeyPem: keyPem });
  assert.is(serializeKubeconfig(ours), kubectl('set-credentials', 'kube-proxy', '--client-certificate=kube-proxy.pem', '--client-key=kube-proxy-key.pem', '--embed-certs=true'));
  ours = setContext(ours, 'default', { cluster: 'kubernetes', user: 'kube-proxy' });
  assert.is(serializeKubeconfig(ours), kubectl('set-context', 'default', '--cluster=kubernetes', '--user=kube-proxy'));
  ours = useContext(ours, 'default');
  assert.is(serializeKubeconfig(ours), kubectl('use-context', 'default'));
  // without --embed-certs kubectl keeps the paths (relative to the file when beside it)
  ours = setCluster(ours, 'other', { server: 'https://x:6443', certificateAuthority: 'ca.pem', insecureSkipTLSVerify: false });
  assert.is(serializeKubeconfig(ours), kubectl('set-cluster', 'other', '--server=https://x:6443', '--certificate-authority=ca.pem'));
});

test.run();
