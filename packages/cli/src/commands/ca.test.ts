import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pki } from '@tlsboot/scenario';
import { tempDirs, tlsboot } from '../testing.js';

const { fresh, removeAll } = tempDirs('tlsboot-cli-ca-');
test.after(removeAll);

test('pki ca writes a CA certificate and a 0600 key that belong together', async () => {
  const dir = await fresh();
  const r = await tlsboot(dir, ['pki', 'ca', '--cn', 'kubernetes', '--o', 'k8s', '--o', 'second', '--ou', 'System', '--c', 'CN', '--st', 'BeiJing', '--l', 'BeiJing']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, 'wrote ca.pem');
  const ca = await pki.loadCertificateAuthority(await readFile(join(dir, 'ca.pem'), 'utf8'), await readFile(join(dir, 'ca-key.pem'), 'utf8'));
  assert.equal(ca.certificate.subject, { commonName: 'kubernetes', organizations: ['k8s', 'second'], organizationalUnits: ['System'], countries: ['CN'], provinces: ['BeiJing'], localities: ['BeiJing'] });
  assert.ok(ca.certificate.isCA);
  assert.is(ca.certificate.keySpec, 'ecdsa-p256');
  assert.is(ca.certificate.notAfter.getTime() - ca.certificate.notBefore.getTime(), 87_600 * 3_600_000, 'default validity 87600h');
  assert.is((await stat(join(dir, 'ca-key.pem'))).mode & 0o777, 0o600);
});

test('pki ca honours --key-algo, --validity, --out-dir and --name', async () => {
  const dir = await fresh();
  const r = await tlsboot(dir, ['pki', 'ca', '--cn', 'x', '--key-algo', 'ed25519', '--validity', '1h30m', '--out-dir', 'sub/dir', '--name', 'root']);
  assert.is(r.code, 0, r.stderr);
  assert.equal((await readdir(join(dir, 'sub/dir'))).sort(), ['root-key.pem', 'root.pem']);
  const cert = pki.parseCertificatePem(await readFile(join(dir, 'sub/dir/root.pem'), 'utf8'));
  assert.is(cert.keySpec, 'ed25519');
  assert.is(cert.notAfter.getTime() - cert.notBefore.getTime(), 90 * 60_000);
});

test('pki ca refuses to overwrite, and --force replaces', async () => {
  const dir = await fresh();
  await writeFile(join(dir, 'ca-key.pem'), 'precious');
  const r = await tlsboot(dir, ['pki', 'ca', '--cn', 'x']);
  assert.is(r.code, 1);
  assert.match(r.stderr, 'tlsboot: ca-key.pem: already exists');
  assert.equal(await readdir(dir), ['ca-key.pem'], 'ca.pem not written either');
  assert.is(await readFile(join(dir, 'ca-key.pem'), 'utf8'), 'precious');
  const forced = await tlsboot(dir, ['pki', 'ca', '--cn', 'x', '--force']);
  assert.is(forced.code, 0, forced.stderr);
  assert.match(await readFile(join(dir, 'ca-key.pem'), 'utf8'), 'PRIVATE KEY');
});

test('pki ca usage errors exit 2 and write nothing', async () => {
  const dir = await fresh();
  for (const args of [[], ['--cn', 'x', '--validity', '10 years'], ['--cn', 'x', '--validity', '-1h'], ['--cn', 'x', '--key-algo', 'dsa-1024'], ['--cn', 'x', '--name', '../evil']]) {
    const r = await tlsboot(dir, ['pki', 'ca', ...args]);
    assert.is(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^tlsboot: /);
  }
  assert.equal(await readdir(dir), []);
});

test.run();
