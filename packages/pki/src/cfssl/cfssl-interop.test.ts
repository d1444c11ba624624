/**
 * Interop with the real cfssl and cfssljson binaries (Debian package golang-cfssl), when they
 * are installed: what `cfssl gencert` would print, `cfssljson -bare` splits into the same files;
 * `cfssl certinfo` and certinfoJson print the same JSON for the same certificate; a CA made by
 * the real `cfssl gencert -initca` signs through gencert. Prints "skip:" and passes without them.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { realClock } from '@tlsboot/util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadCertificateAuthority } from '../certificate-authority.js';
import { parseCertificatePem } from '../certificate.js';
import { withTempDir } from '../testing.js';
import { verifyChain } from '../verify-chain.js';
import { parseCaConfig, resolveProfile } from './ca-config.js';
import { certinfo, certinfoJson } from './certinfo.js';
import { parseCsrJson } from './csr-json.js';
import { gencert, gencertStdoutJson } from './gencert.js';

const run = promisify(execFile);
const testdata = new URL('./testdata/', import.meta.url);

async function available(): Promise<boolean> {
  try {
    await run('cfssl', ['version']);
    await run('cfssljson', ['-h']).catch((err: { code?: unknown }) => {
      if (err.code === 'ENOENT') throw err; // -h exits 2 but proves the binary is there
    });
    return true;
  } catch {
    return false;
  }
}

/** cfssl before 1.3 printed key ids with %X (no zero padding); 1.3+ uses %02X, as certinfo does. */
function padKeyIds(json: string): string {
  return json.replace(/("(?:authority|subject)_key_id": ")([0-9A-F:]*)"/g, (_, head: string, id: string) => `${head}${id.split(':').map((b) => (b === '' ? '' : b.padStart(2, '0'))).join(':')}"`);
}

test('real cfssl gencert -initca CA → tlsboot gencert → real cfssljson -bare and cfssl certinfo', async () => {
  if (!(await available())) {
    console.log('skip: cfssl/cfssljson not installed (apt-get install golang-cfssl); the cfssl interop test did not run');
    return;
  }
  await withTempDir('tlsboot-cfssl-', async (dir) => {
    for (const name of ['ca-csr.json', 'ca-config.json', 'kube-proxy-csr.json']) {
      await writeFile(join(dir, name), await readFile(new URL(name, testdata)));
    }
    // cfssl gencert -initca ca-csr.json | cfssljson -bare ca
    const initca = await run('cfssl', ['gencert', '-initca', 'ca-csr.json'], { cwd: dir });
    await writeFile(join(dir, 'ca.json'), initca.stdout);
    await run('cfssljson', ['-f', 'ca.json', '-bare', 'ca'], { cwd: dir });
    const ca = await loadCertificateAuthority(await readFile(join(dir, 'ca.pem'), 'utf8'), await readFile(join(dir, 'ca-key.pem'), 'utf8'));

    // tlsboot's gencert with that CA, printed as cfssl prints, split by the real cfssljson.
    const now = realClock.now();
    const profile = resolveProfile(parseCaConfig(await readFile(join(dir, 'ca-config.json'), 'utf8'), 'ca-config.json'), 'kubernetes');
    const result = await gencert({ request: parseCsrJson(await readFile(join(dir, 'kube-proxy-csr.json'), 'utf8'), 'kube-proxy-csr.json'), now, ca, profile });
    await writeFile(join(dir, 'kube-proxy.json'), gencertStdoutJson(result));
    await run('cfssljson', ['-f', 'kube-proxy.json', '-bare', 'kube-proxy'], { cwd: dir });
    assert.is(await readFile(join(dir, 'kube-proxy.pem'), 'utf8'), result.certPem);
    assert.is(await readFile(join(dir, 'kube-proxy-key.pem'), 'utf8'), result.keyPem);
    assert.is(await readFile(join(dir, 'kube-proxy.csr'), 'utf8'), result.csrPem);
    await verifyChain(result.certificate, { roots: [ca.certificate], at: now, usages: ['client auth'] });

    // The same JSON as `cfssl certinfo`, for our certificate and for cfssl's own CA.
    for (const file of ['kube-proxy.pem', 'ca.pem']) {
      const real = await run('cfssl', ['certinfo', '-cert', file], { cwd: dir });
      const ours = certinfoJson(certinfo(parseCertificatePem(await readFile(join(dir, file), 'utf8'), file)));
      assert.fixture(ours, padKeyIds(real.stdout));
    }
  });
});

test.run();
