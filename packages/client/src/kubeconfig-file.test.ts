// Loading and writing kubeconfig files (client-go tools/clientcmd/loader.go), including one
// written by the real kubectl.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isTlsbootError } from '@tlsboot/util';
import { buildKubeconfig, emptyKubeconfig, serializeKubeconfig } from './kubeconfig.js';
import { loadKubeconfig, writeKubeconfig } from './kubeconfig-file.js';
import { resolveContext } from './resolve-context.js';

const caPem = readFileSync(new URL('./testdata/ca.crt', import.meta.url), 'utf8');
const tmp = (): string => mkdtempSync(join(tmpdir(), 'tlsboot-kubeconfig-'));

function kubectlAvailable(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

test('write then load gives back the same config; the file is 0600 and nothing else is left', async () => {
  const dir = tmp();
  const path = join(dir, 'sub', 'admin.kubeconfig');
  const config = buildKubeconfig({ server: 'https://127.0.0.1:6443', caPem, clientCertPem: 'CERT', clientKeyPem: 'KEY', user: 'admin', cluster: 'tlsboot', context: 'admin@tlsboot' });
  await writeKubeconfig(path, config);
  assert.equal(await loadKubeconfig(path), config);
  assert.is(statSync(path).mode & 0o777, 0o600);
  assert.equal(readdirSync(join(dir, 'sub')), ['admin.kubeconfig']);
  assert.is(readFileSync(path, 'utf8'), serializeKubeconfig(config));
});

test('writing over an existing file replaces it whole', async () => {
  const path = join(tmp(), 'k');
  writeFileSync(path, 'old content that is longer than the new one '.repeat(100), { mode: 0o644 });
  await writeKubeconfig(path, emptyKubeconfig());
  assert.is(readFileSync(path, 'utf8'), serializeKubeconfig(emptyKubeconfig()));
  assert.is(statSync(path).mode & 0o777, 0o600);
});

test('a failed write leaves nothing behind and names the file', async () => {
  const dir = tmp();
  // A regular file where the directory should be: fails for root too.
  writeFileSync(join(dir, 'not-a-dir'), '');
  const path = join(dir, 'not-a-dir', 'k');
  try {
    await writeKubeconfig(path, emptyKubeconfig());
    assert.unreachable('expected the write to fail');
  } catch (err) {
    assert.ok(isTlsbootError(err, 'KUBECONFIG_WRITE'), String(err));
    assert.match((err as Error).message, `cannot write kubeconfig "${path}": `);
    assert.equal(readdirSync(dir), ['not-a-dir']);
  }
});

test('relative file references resolve against the kubeconfig directory, as clientcmd.ResolveLocalPaths', async () => {
  const dir = tmp();
  const path = join(dir, 'kubelet.conf');
  writeFileSync(
    path,
    `apiVersion: v1
kind: Config
clusters:
- name: default-cluster
  cluster: {server: "https://127.0.0.1:6443", certificate-authority: pki/ca.crt}
users:
- name: default-auth
  user: {client-certificate: pki/kubelet-client-current.pem, client-key: /abs/key.pem, tokenFile: ""}
- name: t
  user: {tokenFile: ../token}
contexts:
- name: default-context
  context: {cluster: default-cluster, user: default-auth, namespace: default}
current-context: default-context
`,
  );
  const config = await loadKubeconfig(path);
  assert.is(config.clusters[0]?.cluster['certificate-authority'], join(dir, 'pki/ca.crt'));
  assert.is(config.users[0]?.user['client-certificate'], join(dir, 'pki/kubelet-client-current.pem'));
  assert.is(config.users[0]?.user['client-key'], '/abs/key.pem');
  assert.is(config.users[0]?.user.tokenFile, undefined);
  assert.is(config.users[1]?.user.tokenFile, join(dir, '../token'));
  const raw = await loadKubeconfig(path, { resolvePaths: false });
  assert.is(raw.clusters[0]?.cluster['certificate-authority'], 'pki/ca.crt');
});

test('a missing file: error loading config file, with Go\'s open error', async () => {
  const path = join(tmp(), 'nope');
  try {
    await loadKubeconfig(path);
    assert.unreachable();
  } catch (err) {
    assert.ok(isTlsbootError(err, 'KUBECONFIG_READ'));
    assert.is((err as Error).message, `error loading config file "${path}": open ${path}: no such file or directory`);
  }
});

test('loads a kubeconfig built by the real kubectl: set-cluster, set-credentials, set-context, use-context', async () => {
  if (!kubectlAvailable()) {
    console.log('skip: kubectl is not installed');
    return;
  }
  const dir = tmp();
  const file = join(dir, 'kubeconfig');
  writeFileSync(join(dir, 'ca.crt'), caPem);
  writeFileSync(join(dir, 'kubelet.pem'), 'CERT AND KEY');
  const kubectl = (...args: string[]): void => {
    execFileSync('kubectl', ['config', ...args, '--kubeconfig', file], { cwd: dir, stdio: 'pipe' });
  };
  // The article's four steps (seed/article.zh.md), as the kubelet bootstrap docs give them.
  kubectl('set-cluster', 'kubernetes', '--server=https://127.0.0.1:6443', '--certificate-authority=ca.crt', '--embed-certs=true');
  kubectl('set-credentials', 'kubelet-bootstrap', '--token=07401b.f395accd246ae52d');
  kubectl('set-credentials', 'node', `--client-certificate=${join(dir, 'kubelet.pem')}`, `--client-key=${join(dir, 'kubelet.pem')}`);
  kubectl('set-context', 'default', '--cluster=kubernetes', '--user=kubelet-bootstrap', '--namespace=kube-system');
  kubectl('use-context', 'default');

  const config = await loadKubeconfig(file);
  const built = buildKubeconfig({ server: 'https://127.0.0.1:6443', caPem, token: '07401b.f395accd246ae52d', user: 'kubelet-bootstrap', cluster: 'kubernetes', context: 'default', namespace: 'kube-system' });
  built.users.push({ name: 'node', user: { 'client-certificate': join(dir, 'kubelet.pem'), 'client-key': join(dir, 'kubelet.pem') } });
  assert.equal(config, built);
  // What we write is byte for byte what kubectl wrote. (kubectl stored the absolute key paths
  // relative to the file, RelativizeAuthInfoLocalPaths; loading resolves them back.)
  const raw = await loadKubeconfig(file, { resolvePaths: false });
  assert.is(raw.users[1]?.user['client-key'], 'kubelet.pem');
  assert.is(serializeKubeconfig(raw), readFileSync(file, 'utf8'));

  const ctx = await resolveContext(config);
  assert.equal(
    { server: ctx.server, ca: ctx.ca, token: ctx.token, namespace: ctx.namespace },
    { server: 'https://127.0.0.1:6443', ca: caPem, token: '07401b.f395accd246ae52d', namespace: 'kube-system' },
  );

  // And kubectl reads what we write.
  const ours = join(dir, 'ours');
  await writeKubeconfig(ours, built);
  const view = execFileSync('kubectl', ['config', 'view', '--raw', '-o', 'json', '--kubeconfig', ours], { encoding: 'utf8' });
  const parsed = JSON.parse(view) as { 'current-context': string; clusters: Array<{ cluster: Record<string, string> }> };
  assert.is(parsed['current-context'], 'default');
  assert.is(parsed.clusters[0]?.cluster['certificate-authority-data'], Buffer.from(caPem).toString('base64'));
});

test.run();
