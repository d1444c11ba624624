import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pki } from '@tlsboot/scenario';
import { tempDirs, tlsboot } from '../testing.js';

const { fresh, removeAll } = tempDirs('tlsboot-cli-csr-');
test.after(removeAll);

test('pki csr writes a signed CSR with subject and every kind of SAN, and its key', async () => {
  const dir = await fresh();
  const r = await tlsboot(dir, ['pki', 'csr', '--cn', 'system:node:k8s01', '--o', 'system:nodes', '--dns', 'k8s01', '--dns', 'k8s01.local',
    '--ip', '10.0.0.1', '--ip', '::1', '--email', 'ops@example.com', '--uri', 'spiffe://cluster.local/node/k8s01', '--key-algo', 'ecdsa-p384', '--name', 'kubelet']);
  assert.is(r.code, 0, r.stderr);
  const csr = pki.parseCertificateRequestPem(await readFile(join(dir, 'kubelet.csr'), 'utf8'));
  await pki.verifyCertificateRequest(csr);
  assert.equal(csr.subject, { commonName: 'system:node:k8s01', organizations: ['system:nodes'] });
  assert.equal(csr.subjectAltNames, { dnsNames: ['k8s01', 'k8s01.local'], ipAddresses: ['10.0.0.1', '::1'], emailAddresses: ['ops@example.com'], uris: ['spiffe://cluster.local/node/k8s01'] });
  assert.is(csr.keySpec, 'ecdsa-p384');
  const keys = await pki.importPrivateKeyPem(await readFile(join(dir, 'kubelet-key.pem'), 'utf8'));
  assert.ok(await pki.keyMatches(keys, csr.publicKeySpki));
  assert.is((await stat(join(dir, 'kubelet-key.pem'))).mode & 0o777, 0o600);
});

test('pki csr --key signs with an existing key and writes only the CSR', async () => {
  const dir = await fresh();
  const keys = await pki.generateKeyPair('rsa-2048');
  await writeFile(join(dir, 'mine.pem'), await pki.exportPrivateKeyPem(keys));
  const r = await tlsboot(dir, ['pki', 'csr', '--cn', 'admin', '--key', 'mine.pem', '--name', 'admin']);
  assert.is(r.code, 0, r.stderr);
  assert.equal((await readdir(dir)).sort(), ['admin.csr', 'mine.pem']);
  const csr = pki.parseCertificateRequestPem(await readFile(join(dir, 'admin.csr'), 'utf8'));
  assert.ok(await pki.keyMatches(keys, csr.publicKeySpki));
});

test('pki csr with a malformed --key names the file, exits 1, writes nothing, no stack', async () => {
  const dir = await fresh();
  await writeFile(join(dir, 'bad-key.pem'), '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEI\n');
  const r = await tlsboot(dir, ['pki', 'csr', '--cn', 'x', '--key', 'bad-key.pem', '--name', 'x']);
  assert.is(r.code, 1);
  assert.match(r.stderr, /^tlsboot: bad-key\.pem: /);
  assert.not.match(r.stderr, /\n\s+at /);
  assert.equal(await readdir(dir), ['bad-key.pem']);
});

test('pki csr usage errors: nothing to request, bad IP, bad URI, missing --name', async () => {
  const dir = await fresh();
  for (const args of [['--name', 'x'], ['--cn', 'x', '--ip', 'localhost', '--name', 'x'], ['--cn', 'x', '--uri', 'not a uri', '--name', 'x'], ['--cn', 'x']]) {
    const r = await tlsboot(dir, ['pki', 'csr', ...args]);
    assert.is(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
  }
  assert.equal(await readdir(dir), []);
});

test.run();
