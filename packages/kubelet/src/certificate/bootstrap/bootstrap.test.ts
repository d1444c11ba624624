// pkg/kubelet/certificate/bootstrap/bootstrap_test.go TestLoadClientConfig (ported: the three
// cases — no bootstrap path; bootstrap path with a still-valid kubeconfig; bootstrap path with an
// expired one, where the kubeconfig is rewritten to point at the store), and
// isClientConfigStillValid's cases (missing file, no client certificate, expired).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKubeconfig } from '@tlsboot/client';
import type { RestClient } from '@tlsboot/client';
import { VirtualClock, SeededRandom } from '@tlsboot/util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { KubeletTraceEventInput } from '../../trace.js';
import { nodeClientPair, testCA } from '../testing.js';
import { isClientConfigStillValid, loadClientConfig } from './bootstrap.js';

const hour = 3600_000;

function kubeconfig(user: string): string {
  return `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority: ca-a.crt
    server: https://cluster-a.com
  name: cluster-a
- cluster:
    server: https://cluster-b.com
  name: cluster-b
contexts:
- context:
    cluster: cluster-a
    namespace: ns-a
    user: user-a
  name: context-a
- context:
    cluster: cluster-b
    namespace: ns-b
    user: user-b
  name: context-b
current-context: context-b
users:
- name: user-a
  user:
${user}
- name: user-b
  user:
${user}
`;
}

async function fixture(): Promise<{ dir: string; clock: VirtualClock; valid: string; invalid: string; boot: string; certDir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'tlsboot-bootstrap-'));
  const clock = new VirtualClock({ start: Date.UTC(2026, 5, 1) });
  const ca = await testCA(new Date(clock.nowMs() - 100 * hour));
  const valid = await nodeClientPair(ca, 'n1', clock.now(), 24 * hour);
  const expired = await nodeClientPair(ca, 'n1', new Date(clock.nowMs() - 48 * hour), 24 * hour);
  await writeFile(join(dir, 'mycertvalid.crt'), valid.certPem);
  await writeFile(join(dir, 'mycertvalid.key'), valid.keyPem);
  await writeFile(join(dir, 'mycertinvalid.crt'), expired.certPem);
  await writeFile(join(dir, 'mycertinvalid.key'), expired.keyPem);
  await writeFile(join(dir, 'kubeconfigvalid'), kubeconfig('    client-certificate: mycertvalid.crt\n    client-key: mycertvalid.key'));
  await writeFile(join(dir, 'kubeconfiginvalid'), kubeconfig('    client-certificate: mycertinvalid.crt\n    client-key: mycertinvalid.key'));
  await writeFile(join(dir, 'kubeconfig'), kubeconfig('   token: mytoken-b'));
  return { dir, clock, valid: join(dir, 'kubeconfigvalid'), invalid: join(dir, 'kubeconfiginvalid'), boot: join(dir, 'kubeconfig'), certDir: join(dir, 'k8s-test-certstore-current') };
}

function deps(clock: VirtualClock, events: KubeletTraceEventInput[] = []) {
  return { clock, random: new SeededRandom(1), trace: (e: KubeletTraceEventInput) => void events.push(e), newClient: (): RestClient => { throw new Error('no client in this test'); } };
}

test('bootstrap_test.go TestLoadClientConfig: "bootstrapPath is empty" and "bootstrap path is set and the contents of kubeconfigPath are valid" → the kubeconfig for both', async () => {
  const f = await fixture();
  try {
    for (const bootstrap of ['', f.boot]) {
      const { certConfig, userConfig, bootstrapping } = await loadClientConfig(f.valid, bootstrap, f.certDir, deps(f.clock));
      assert.not.ok(bootstrapping);
      for (const c of [certConfig, userConfig]) {
        assert.is(c.server, 'https://cluster-b.com');
        assert.is(c.clientCertFile, join(f.dir, 'mycertvalid.crt'));
        assert.is(c.clientKeyFile, join(f.dir, 'mycertvalid.key'));
        assert.is(c.token, undefined);
      }
    }
  } finally {
    await rm(f.dir, { recursive: true, force: true });
  }
});

test('bootstrap_test.go TestLoadClientConfig: "bootstrap path is set and the contents of kubeconfigPath are not valid" → bootstrap token to request, the store\'s current path to use', async () => {
  const f = await fixture();
  const events: KubeletTraceEventInput[] = [];
  try {
    const { certConfig, userConfig, bootstrapping } = await loadClientConfig(f.invalid, f.boot, f.certDir, deps(f.clock, events));
    assert.ok(bootstrapping);
    assert.is(certConfig.server, 'https://cluster-b.com');
    assert.is(certConfig.token, 'mytoken-b');
    assert.is(certConfig.clientCert, undefined);
    const current = join(f.certDir, 'kubelet-client-current.pem');
    assert.is(userConfig.server, 'https://cluster-b.com');
    assert.is(userConfig.token, undefined);
    assert.is(userConfig.clientCertFile, current);
    assert.is(userConfig.clientKeyFile, current);
    // writeKubeconfigFromBootstrapping rewrote the kubeconfig
    const kc = await loadKubeconfig(f.invalid, { resolvePaths: false });
    assert.equal(kc.users, [{ name: 'default-auth', user: { 'client-certificate': current, 'client-key': current } }]);
    assert.equal(kc.clusters, [{ name: 'default-cluster', cluster: { server: 'https://cluster-b.com' } }]);
    const expiredMsg = events.find((e) => e.type === 'kubelet.error');
    assert.ok(expiredMsg?.type === 'kubelet.error' && expiredMsg.message.startsWith(`part of the existing bootstrap client certificate in ${f.invalid} is expired: `));
  // cert.NotAfter with Go's %v (time.Time.String)
  assert.match(expiredMsg.message, / is expired: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+0000 UTC$/);
  } finally {
    await rm(f.dir, { recursive: true, force: true });
  }
});

test('bootstrap.go isClientConfigStillValid: missing file, token-only kubeconfig and expired certificate are not valid; a current one is', async () => {
  const f = await fixture();
  try {
    const d = deps(f.clock);
    assert.is(await isClientConfigStillValid(join(f.dir, 'missing'), d), false);
    assert.is(await isClientConfigStillValid(f.boot, d), false);
    assert.is(await isClientConfigStillValid(f.invalid, d), false);
    assert.is(await isClientConfigStillValid(f.valid, d), true);
    await f.clock.advance(25 * hour);
    assert.is(await isClientConfigStillValid(f.valid, d), false, 'on the component clock');
  } finally {
    await rm(f.dir, { recursive: true, force: true });
  }
});

test.run();
