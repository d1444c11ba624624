import { execFile, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { articleCfsslFiles } from '@tlsboot/scenario';

// The real bin's sources, spawned through tsx from the repo root (`npm run tlsboot` and `npm start`
// run bin/tlsboot.mjs, which runs the same code bundled, compiled or through tsx).
const root = fileURLToPath(new URL('../../../', import.meta.url));

function tlsboot(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=tlsboot-source', '--import', 'tsx', 'packages/cli/src/bin.ts', ...args],
      { cwd: root, env: { ...process.env, NO_COLOR: '1' } },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const dir = await mkdtemp(join(tmpdir(), 'tlsboot-bin-'));
for (const [name, text] of Object.entries(articleCfsslFiles)) await writeFile(join(dir, name), text);
const at = (name: string) => join(dir, name);

test('--help exits 0', async () => {
  const r = await tlsboot('--help');
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, 'Usage: tlsboot');
});

test('an unknown option exits 2 with a message naming it', async () => {
  const r = await tlsboot('pki', 'certinfo', '--no-such-flag');
  assert.is(r.code, 2);
  assert.match(r.stderr, "tlsboot: unknown option '--no-such-flag'");
});

test('the article\'s kube-proxy flow: -initca, gencert -profile=kubernetes --bare, certinfo, verify', async () => {
  const ca = await tlsboot('pki', 'gencert', '-initca', at('ca-csr.json'), '--bare', at('ca'));
  assert.is(ca.code, 0, ca.stderr);
  const gen = await tlsboot('pki', 'gencert', `-ca=${at('ca.pem')}`, `-ca-key=${at('ca-key.pem')}`, `-config=${at('ca-config.json')}`, '-profile=kubernetes', at('kube-proxy-csr.json'), '--bare', at('kube-proxy'));
  assert.is(gen.code, 0, gen.stderr);
  const names = await readdir(dir);
  for (const name of ['ca.pem', 'ca-key.pem', 'ca.csr', 'kube-proxy.pem', 'kube-proxy-key.pem', 'kube-proxy.csr']) assert.ok(names.includes(name), name);

  const info = await tlsboot('pki', 'certinfo', '-cert', at('kube-proxy.pem'));
  assert.is(info.code, 0, info.stderr);
  const subject = (JSON.parse(info.stdout) as { subject: { common_name: string; organization: string } }).subject;
  assert.is(subject.common_name, 'system:kube-proxy');
  assert.is(subject.organization, 'k8s');

  const ok = await tlsboot('pki', 'verify', '--ca-file', at('ca.pem'), at('kube-proxy.pem'));
  assert.is(ok.code, 0, ok.stdout + ok.stderr);
  assert.is(ok.stdout, `${at('kube-proxy.pem')}: OK\n`);

  // kube-proxy's certificate is not a CA: nothing it "signed" verifies; and at 2099 it has expired.
  const notTrusted = await tlsboot('pki', 'verify', '--ca-file', at('kube-proxy.pem'), at('ca.pem'));
  assert.is(notTrusted.code, 1);
  assert.match(notTrusted.stdout, `${at('ca.pem')}: CERT_UNKNOWN_ISSUER: x509: certificate signed by unknown authority`);
  const expired = await tlsboot('pki', 'verify', '--ca-file', at('ca.pem'), '--at', '2099-01-01T00:00:00Z', at('kube-proxy.pem'));
  assert.is(expired.code, 1);
  assert.match(expired.stdout, 'CERT_EXPIRED: x509: certificate has expired or is not yet valid: current time 2099-01-01T00:00:00Z is after');
});

test('bad input: malformed PEM and an unknown JSON field name the file, exit 1, write nothing, no stack', async () => {
  const bad = await mkdtemp(join(dir, 'bad-'));
  await writeFile(join(bad, 'ca.pem'), '-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n');
  await writeFile(join(bad, 'csr.json'), '{"CN": "x", "key": {"algo": "ecdsa", "size": 256, "curve": "p256"}}');
  const pem = await tlsboot('pki', 'gencert', `-ca=${join(bad, 'ca.pem')}`, `-ca-key=${join(bad, 'ca.pem')}`, join(bad, 'csr.json'), '--bare', join(bad, 'out'));
  assert.is(pem.code, 1);
  assert.match(pem.stderr, `tlsboot: ${join(bad, 'csr.json')}: /key/curve: unknown field "curve"`);
  const malformed = await tlsboot('pki', 'certinfo', '-cert', join(bad, 'ca.pem'));
  assert.is(malformed.code, 1);
  assert.match(malformed.stderr, `tlsboot: ${join(bad, 'ca.pem')}: line 2 of the PEM block "CERTIFICATE" is not base64`);
  for (const r of [pem, malformed]) {
    assert.not.match(r.stderr, /\n\s+at /, 'no stack trace');
    assert.is(r.stdout, '');
  }
  assert.equal((await readdir(bad)).sort(), ['ca.pem', 'csr.json']);
});

/** Spawns `tlsboot up` through `launch` (node arguments before `up`), waits for the ready line, sends SIGTERM. */
async function upThenSigterm(launch: readonly string[], workdir: string): Promise<void> {
  const child = spawn(process.execPath, [...launch, 'up', '--workdir', workdir, '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line within 60 s: ${stdout}${stderr}`)), 60_000);
    child.stdout.on('data', (d) => {
      stdout += d;
      const m = /^tlsboot: kube-apiserver ready at https:\/\/127\.0\.0\.1:(\d+) — export KUBECONFIG=(\S+); kubectl get ns$/m.exec(stdout);
      if (m) {
        clearTimeout(timer);
        assert.is(m[2], join(workdir, 'admin.kubeconfig'));
        resolve(Number(m[1]));
      }
    });
    void exited.then(({ code }) => reject(new Error(`exited ${code} before it was ready: ${stdout}${stderr}`)));
  });
  assert.ok(await listening(port), 'it listens once it says it is ready');
  child.kill('SIGTERM');
  const { code, signal } = await exited;
  assert.is(signal, null, 'it exits by itself rather than being killed by the signal');
  assert.is(code, 0, stderr);
  assert.match(stdout, `tlsboot: SIGTERM: kube-apiserver and kube-controller-manager stopped; the files in ${workdir} are kept`);
  assert.not.ok(await listening(port), 'the port is closed');
}

test('up: the ready line, then SIGTERM stops it with exit 0 and closes the port', async () => {
  await upThenSigterm(['--conditions=tlsboot-source', '--import', 'tsx', 'packages/cli/src/bin.ts'], join(dir, 'up'));
});

test('up through the installed launcher (bin/tlsboot.mjs): a SIGTERM to the launcher reaches tlsboot, which stops cleanly', async () => {
  await upThenSigterm(['packages/cli/bin/tlsboot.mjs'], join(dir, 'up-launcher'));
});

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

test.after(() => rm(dir, { recursive: true, force: true }));

test.run();
