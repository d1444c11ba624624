// k8s.io/client-go/util/certificate/certificate_store.go (certificate_store_test.go's cases:
// TestUpdateSymlinkExistingFileError, TestUpdateSymlinkNewFileNotExist-like checks, TestUpdateNoRotation,
// TestUpdateRotation, TestLoadCertKeyBlocksFromCurrent, recover of an interrupted update).
import { lstat, mkdtemp, readFile, readdir, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualClock } from '@tlsboot/util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FileStore, pairTimestamp, x509KeyPairPemError } from './certificate-store.js';
import { nodeClientPair, testCA } from './testing.js';

const start = Date.UTC(2026, 0, 2, 3, 4, 5);

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'tlsboot-store-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('certificate_store.go: pairTimestamp is Go layout 2006-01-02-15-04-05 in local time', () => {
  assert.is(pairTimestamp(new Date(2026, 0, 2, 3, 4, 5)), '2026-01-02-03-04-05');
});

test('certificate_store.go Update: <prefix>-<ts>.pem (0600, certs then key) and an absolute -current.pem symlink; a second update moves it', async () => {
  await withDir(async (dir) => {
    const clock = new VirtualClock({ start });
    const ca = await testCA(clock.now());
    const certDir = join(dir, 'pki');
    const store = await FileStore.open({ prefix: 'kubelet-client', certDir, clock });
    const p1 = await nodeClientPair(ca, 'n1', clock.now(), 3600_000);
    const pair = await store.update(p1.certPem, p1.keyPem);
    assert.is(pair.leaf.subject.commonName, 'system:node:n1');
    const first = join(certDir, `kubelet-client-${pairTimestamp(clock.now())}.pem`);
    assert.is((await stat(first)).mode & 0o777, 0o600);
    assert.is((await stat(certDir)).mode & 0o777, 0o755);
    assert.is(await readFile(first, 'utf8'), p1.certPem + p1.keyPem);
    assert.is(await readlink(store.currentPath()), first);
    await clock.advance(1000);
    const p2 = await nodeClientPair(ca, 'n1', clock.now(), 3600_000);
    await store.update(p2.certPem, p2.keyPem);
    const second = join(certDir, `kubelet-client-${pairTimestamp(clock.now())}.pem`);
    assert.is(await readlink(store.currentPath()), second);
    assert.equal((await readdir(certDir)).sort(), [first, second, store.currentPath()].map((p) => p.slice(certDir.length + 1)).sort(), 'old pairs are kept, no -updated.pem left');
    assert.is((await store.current()).certPem, p2.certPem);
  });
});

test('certificate_store.go updateSymlink: a regular file at -current.pem is refused with the upstream message', async () => {
  await withDir(async (dir) => {
    const clock = new VirtualClock({ start });
    const ca = await testCA(clock.now());
    const store = await FileStore.open({ prefix: 'kubelet-client', certDir: dir, clock });
    const p = await nodeClientPair(ca, 'n1', clock.now(), 3600_000);
    await writeFile(store.currentPath(), p.certPem + p.keyPem);
    const err = await store.update(p.certPem, p.keyPem).then(() => undefined, (e: Error) => e);
    assert.is(err?.message, `expected "${store.currentPath()}" to be a symlink but it is a file`);
  });
});

test('certificate_store.go Current: NO_CERT_KEY naming every place looked at; <prefix>.crt/.key as the last fallback', async () => {
  await withDir(async (dir) => {
    const clock = new VirtualClock({ start });
    const store = await FileStore.open({ prefix: 'kubelet-client', certDir: dir, clock });
    const err = (await store.current().then(() => undefined, (e: unknown) => e)) as { code: string; message: string };
    assert.is(err.code, 'NO_CERT_KEY');
    assert.is(err.message, `no cert/key files read at "${join(dir, 'kubelet-client-current.pem')}", ("", "") or ("${dir}", "${dir}")`);
    const ca = await testCA(clock.now());
    const p = await nodeClientPair(ca, 'n2', clock.now(), 3600_000);
    await writeFile(join(dir, 'kubelet-client.crt'), p.certPem);
    await writeFile(join(dir, 'kubelet-client.key'), p.keyPem);
    assert.is((await store.current()).leaf.subject.commonName, 'system:node:n2');
  });
});

test('certificate_store.go NewFileStore: a leftover -updated.pem symlink (interrupted update) becomes -current.pem', async () => {
  await withDir(async (dir) => {
    const clock = new VirtualClock({ start });
    const ca = await testCA(clock.now());
    const p = await nodeClientPair(ca, 'n3', clock.now(), 3600_000);
    const pairPath = join(dir, 'kubelet-client-2026-01-02-03-04-05.pem');
    await writeFile(pairPath, p.certPem + p.keyPem, { mode: 0o600 });
    await symlink(pairPath, join(dir, 'kubelet-client-updated.pem'));
    const store = await FileStore.open({ prefix: 'kubelet-client', certDir: dir, clock });
    assert.ok((await lstat(store.currentPath())).isSymbolicLink());
    assert.is((await store.current()).leaf.subject.commonName, 'system:node:n3');
    assert.not.ok((await readdir(dir)).includes('kubelet-client-updated.pem'));
  });
});

test('certificate_store.go fileExists follows symlinks: a dangling -current.pem is no cert (NoCertKeyError), garbage is loadFile\'s error', async () => {
  await withDir(async (dir) => {
    const clock = new VirtualClock({ start });
    const current = join(dir, 'kubelet-client-current.pem');
    await symlink(join(dir, 'kubelet-client-gone.pem'), current);
    const store = await FileStore.open({ prefix: 'kubelet-client', certDir: dir, clock });
    const code = await store.current().then(() => 'loaded', (e: { code?: string }) => e.code);
    assert.is(code, 'NO_CERT_KEY');
    await rm(current);
    await writeFile(current, 'garbage\n');
    const message = await store.current().then(() => 'loaded', (e: Error) => e.message);
    assert.is(message, `could not convert data from "${current}" into cert/key pair: tls: failed to find any PEM data in certificate input`);
  });
});

test('crypto/tls X509KeyPair PEM errors (tls.go): the wording kubelet logs through loadFile', () => {
  const block = (t: string) => `-----BEGIN ${t}-----\nAAAA\n-----END ${t}-----\n`;
  assert.is(x509KeyPairPemError('', ''), 'tls: failed to find any PEM data in certificate input');
  assert.is(x509KeyPairPemError(block('EC PRIVATE KEY'), ''), 'tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched');
  assert.is(x509KeyPairPemError(block('FOO') + block('BAR'), ''), 'tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [FOO BAR]');
  assert.is(x509KeyPairPemError(block('CERTIFICATE'), ''), 'tls: failed to find any PEM data in key input');
  assert.is(x509KeyPairPemError(block('CERTIFICATE'), block('CERTIFICATE')), 'tls: found a certificate rather than a key in the PEM for the private key');
  assert.is(x509KeyPairPemError(block('CERTIFICATE'), block('CERTIFICATE') + block('FOO')), 'tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping PEM blocks of the following types: [CERTIFICATE FOO]');
  assert.is(x509KeyPairPemError(block('CERTIFICATE'), block('EC PRIVATE KEY')), undefined);
});

test.run();
