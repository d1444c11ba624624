import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rejectsCode, withTempDir } from '../testing.js';
import { writeBare } from './write-bare.js';

const result = {
  certPem: '-----BEGIN CERTIFICATE-----\nY2VydA==\n-----END CERTIFICATE-----\n',
  keyPem: '-----BEGIN EC PRIVATE KEY-----\na2V5\n-----END EC PRIVATE KEY-----\n',
  csrPem: '-----BEGIN CERTIFICATE REQUEST-----\nY3Ny\n-----END CERTIFICATE REQUEST-----\n',
};

const mode = async (path: string) => (await stat(path)).mode & 0o777;

test('cfssljson -bare kube-proxy: kube-proxy.pem 0644, kube-proxy-key.pem 0600, kube-proxy.csr 0644, nothing else', () =>
  withTempDir('tlsboot-bare-', async (dir) => {
    const paths = await writeBare(dir, 'kube-proxy', result);
    assert.equal(paths, [join(dir, 'kube-proxy.pem'), join(dir, 'kube-proxy-key.pem'), join(dir, 'kube-proxy.csr')]);
    assert.equal((await readdir(dir)).sort(), ['kube-proxy-key.pem', 'kube-proxy.csr', 'kube-proxy.pem'], 'no temporary left behind');
    assert.is(await readFile(paths[0]!, 'utf8'), result.certPem);
    assert.is(await readFile(paths[1]!, 'utf8'), result.keyPem);
    assert.is(await readFile(paths[2]!, 'utf8'), result.csrPem);
    assert.is(await mode(paths[0]!), 0o644);
    assert.is(await mode(paths[1]!), 0o600);
    assert.is(await mode(paths[2]!), 0o644);
  }));

test('modes do not depend on the umask', () =>
  withTempDir('tlsboot-bare-', async (dir) => {
    const previous = process.umask(0o077);
    try {
      await writeBare(dir, 'ca', result);
    } finally {
      process.umask(previous);
    }
    assert.is(await mode(join(dir, 'ca.pem')), 0o644);
    assert.is(await mode(join(dir, 'ca-key.pem')), 0o600);
  }));

test('existing files are replaced, as cfssljson overwrites them', () =>
  withTempDir('tlsboot-bare-', async (dir) => {
    await writeFile(join(dir, 'ca.pem'), 'old', { mode: 0o600 });
    await writeBare(dir, 'ca', result);
    assert.is(await readFile(join(dir, 'ca.pem'), 'utf8'), result.certPem);
    assert.is(await mode(join(dir, 'ca.pem')), 0o644);
    assert.equal((await readdir(dir)).sort(), ['ca-key.pem', 'ca.csr', 'ca.pem']);
  }));

test('a name that is not a plain prefix is CFSSL_INVALID and nothing is written', () =>
  withTempDir('tlsboot-bare-', async (dir) => {
    await mkdir(join(dir, 'sub'));
    for (const name of ['sub/kube-proxy', '../kube-proxy', '', '.', '..', 'a\\b']) {
      assert.match(await rejectsCode(writeBare(dir, name, result), 'CFSSL_INVALID'), /must be a plain file name prefix/);
    }
    assert.equal(await readdir(dir), ['sub']);
    assert.equal(await readdir(join(dir, 'sub')), []);
  }));

test('a directory that does not exist: WRITE_FAILED naming it, nothing created', () =>
  withTempDir('tlsboot-bare-', async (dir) => {
    const missing = join(dir, 'missing');
    const message = await rejectsCode(writeBare(missing, 'kube-proxy', result), 'WRITE_FAILED');
    assert.ok(message.startsWith(`${missing}: cannot write kube-proxy.pem`), message);
    assert.equal(await readdir(dir), []);
  }));

test('failure after two files were in place: they are removed, the previous file is put back, no temporary left', () =>
  withTempDir('tlsboot-bare-', async (dir) => {
    await writeFile(join(dir, 'kube-proxy.pem'), 'previous certificate');
    await mkdir(join(dir, 'kube-proxy.csr')); // a directory where the CSR must go
    await writeFile(join(dir, 'kube-proxy.csr', 'keep'), 'x');
    const message = await rejectsCode(writeBare(dir, 'kube-proxy', result), 'WRITE_FAILED');
    assert.match(message, `${join(dir, 'kube-proxy.csr')}: cannot write it (a directory is in the way); nothing was written`);
    assert.equal((await readdir(dir)).sort(), ['kube-proxy.csr', 'kube-proxy.pem']);
    assert.is(await readFile(join(dir, 'kube-proxy.pem'), 'utf8'), 'previous certificate');
    assert.equal(await readdir(join(dir, 'kube-proxy.csr')), ['keep'], 'the directory in the way is left alone');
  }));

test('a directory that cannot be written: WRITE_FAILED, nothing written (skip as root)', () =>
  withTempDir('tlsboot-bare-', async (dir) => {
    if (process.getuid?.() === 0) {
      console.log('skip: running as root, a read-only directory is still writable');
      return;
    }
    await chmod(dir, 0o555);
    await rejectsCode(writeBare(dir, 'kube-proxy', result), 'WRITE_FAILED');
    assert.equal(await readdir(dir), []);
  }));

test.run();
