import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isTlsbootError } from '@tlsboot/util';
import { prepareWorkdir, writeWorkdirFiles } from './workdir.js';

const base = await mkdtemp(join(tmpdir(), 'tlsboot-workdir-'));

test('prepareWorkdir creates a missing directory with its parents and accepts an existing one', async () => {
  const dir = join(base, 'a', 'b', 'c');
  await prepareWorkdir(dir);
  assert.ok((await stat(dir)).isDirectory());
  await prepareWorkdir(dir);
});

test('prepareWorkdir refuses a path that is a file, naming it, and leaves the file alone', async () => {
  const file = join(base, 'a-file');
  await writeFile(file, 'keep me');
  try {
    await prepareWorkdir(file);
    assert.unreachable('a file was accepted as the work directory');
  } catch (err) {
    assert.ok(isTlsbootError(err, 'WORKDIR'), String(err));
    assert.is((err as Error).message, `work directory ${file}: exists and is not a directory; give a directory (or a path that does not exist yet)`);
  }
  assert.is(await readFile(file, 'utf8'), 'keep me');
});

test('writeWorkdirFiles writes every file with its mode, in subdirectories, replacing old ones, no temporaries left', async () => {
  const dir = join(base, 'w');
  await mkdir(join(dir, 'pki'), { recursive: true });
  await writeFile(join(dir, 'pki', 'ca.crt'), 'old');
  const written = await writeWorkdirFiles(dir, [
    { path: 'pki/ca.crt', content: 'CERT', mode: 0o644 },
    { path: 'pki/ca.key', content: 'KEY', mode: 0o600 },
    { path: 'admin.kubeconfig', content: 'CONFIG', mode: 0o600 },
  ]);
  assert.equal(written, [join(dir, 'pki/ca.crt'), join(dir, 'pki/ca.key'), join(dir, 'admin.kubeconfig')]);
  assert.is(await readFile(join(dir, 'pki/ca.crt'), 'utf8'), 'CERT');
  assert.is((await stat(join(dir, 'pki/ca.crt'))).mode & 0o777, 0o644);
  assert.is((await stat(join(dir, 'pki/ca.key'))).mode & 0o777, 0o600);
  assert.is((await stat(join(dir, 'admin.kubeconfig'))).mode & 0o777, 0o600);
  assert.equal((await readdir(dir)).sort(), ['admin.kubeconfig', 'pki']);
  assert.equal((await readdir(join(dir, 'pki'))).sort(), ['ca.crt', 'ca.key']);
});

test('writeWorkdirFiles writes nothing when one file cannot be written (its directory is a file)', async () => {
  const dir = join(base, 'partial');
  await mkdir(dir);
  await writeFile(join(dir, 'pki'), 'I am a file, not a directory');
  try {
    await writeWorkdirFiles(dir, [
      { path: 'admin.kubeconfig', content: 'CONFIG', mode: 0o600 },
      { path: 'pki/ca.crt', content: 'CERT', mode: 0o644 },
    ]);
    assert.unreachable('the write succeeded');
  } catch (err) {
    assert.ok(isTlsbootError(err, 'FILE_WRITE'), String(err));
    assert.match((err as Error).message, `work directory ${dir}: cannot write admin.kubeconfig, pki/ca.crt: `);
  }
  assert.equal(await readdir(dir), ['pki'], 'no admin.kubeconfig and no temporary file');
});

test.after(() => rm(base, { recursive: true, force: true }));

test.run();
