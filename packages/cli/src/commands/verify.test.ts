import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pki } from '@tlsboot/scenario';
import { tempDirs, tlsboot } from '../testing.js';

const now = new Date();
const day = 86_400_000;
const { fresh, removeAll } = tempDirs('tlsboot-cli-verify-');
const dir = await fresh();

async function leaf(ca: pki.CertificateAuthority, cn: string, usages: string[]): Promise<pki.Certificate> {
  const keys = await pki.generateKeyPair();
  const request = await pki.createCertificateRequest({ keys, subject: { commonName: cn } });
  return pki.signCertificate({ ca, request, profile: { usages: ['digital signature', ...usages], ttlMs: 365 * day }, now });
}

const root = await pki.createCertificateAuthority({ subject: { commonName: 'root' }, now });
const other = await pki.createCertificateAuthority({ subject: { commonName: 'other' }, now });
const server = await leaf(root, 'server', ['server auth']);
const client = await leaf(root, 'client', ['client auth']);
const stranger = await leaf(other, 'stranger', ['server auth']);
await writeFile(join(dir, 'ca.pem'), root.certificate.pem);
await writeFile(join(dir, 'bundle.pem'), other.certificate.pem + root.certificate.pem);
await writeFile(join(dir, 'server.pem'), server.pem);
await writeFile(join(dir, 'client.pem'), client.pem);
await writeFile(join(dir, 'stranger.pem'), stranger.pem);
await writeFile(join(dir, 'garbage.pem'), '-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n');

test('verify prints FILE: OK for each good certificate and exits 0', async () => {
  const r = await tlsboot(dir, ['pki', 'verify', '--ca-file', 'ca.pem', 'server.pem', 'client.pem']);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, 'server.pem: OK\nclient.pem: OK\n');
});

test('a certificate from another CA: FILE: CODE: Go message, exit 1, the others still reported', async () => {
  const r = await tlsboot(dir, ['pki', 'verify', '--ca-file', 'ca.pem', 'stranger.pem', 'server.pem']);
  assert.is(r.code, 1);
  assert.is(r.stdout, 'stranger.pem: CERT_UNKNOWN_ISSUER: x509: certificate signed by unknown authority\nserver.pem: OK\n');
});

test('a bundle as --ca-file trusts every CA in it', async () => {
  const r = await tlsboot(dir, ['pki', 'verify', '--ca-file', 'bundle.pem', 'stranger.pem', 'server.pem']);
  assert.is(r.code, 0, r.stdout);
});

test('--at checks at another time: expired and not yet valid', async () => {
  const after = new Date(server.notAfter.getTime() + day).toISOString().replace(/\.\d+Z$/, 'Z');
  const expired = await tlsboot(dir, ['pki', 'verify', '--ca-file', 'ca.pem', '--at', after, 'server.pem']);
  assert.is(expired.code, 1);
  assert.match(expired.stdout, /^server\.pem: CERT_EXPIRED: x509: certificate has expired or is not yet valid: current time \S+ is after /);
  const early = await tlsboot(dir, ['pki', 'verify', '--ca-file', 'ca.pem', '--at', '2001-01-01T00:00:00+02:00', 'server.pem']);
  assert.is(early.code, 1);
  assert.match(early.stdout, 'CERT_NOT_YET_VALID: x509: certificate has expired or is not yet valid: current time 2000-12-31T22:00:00Z is before');
});

test('--usage: a client certificate is not good for "server auth"; the default is any', async () => {
  const wrong = await tlsboot(dir, ['pki', 'verify', '--ca-file', 'ca.pem', '--usage', 'server auth', 'client.pem']);
  assert.is(wrong.code, 1);
  assert.is(wrong.stdout, 'client.pem: CERT_WRONG_USAGE: x509: certificate specifies an incompatible key usage\n');
  const either = await tlsboot(dir, ['pki', 'verify', '--ca-file', 'ca.pem', '--usage', 'server auth', '--usage', 'client auth', 'client.pem']);
  assert.is(either.code, 0);
  const unknown = await tlsboot(dir, ['pki', 'verify', '--ca-file', 'ca.pem', '--usage', 'world domination', 'client.pem']);
  assert.is(unknown.code, 2);
});

test('unreadable or malformed inputs name the file and exit 1 without a stack trace', async () => {
  for (const [args, message] of [
    [['--ca-file', 'missing.pem', 'server.pem'], 'tlsboot: missing.pem: cannot read: no such file'],
    [['--ca-file', 'ca.pem', 'garbage.pem'], 'tlsboot: garbage.pem: line 2 of the PEM block "CERTIFICATE" is not base64'],
    [['--ca-file', 'ca.pem', '--untrusted', 'nope.pem', 'server.pem'], 'tlsboot: nope.pem: cannot read'],
  ] as const) {
    const r = await tlsboot(dir, ['pki', 'verify', ...args]);
    assert.is(r.code, 1, args.join(' '));
    assert.match(r.stderr, message);
    assert.not.match(r.stderr, /\n\s+at /);
    assert.is(r.stdout, '');
  }
});

test('--untrusted supplies intermediates: leaf → intermediate (made by openssl) → root', async () => {
  const run = promisify(execFile);
  if (!(await run('openssl', ['version']).then(() => true, () => false))) {
    console.log('skip: openssl is not installed; no intermediate CA to test --untrusted with');
    return;
  }
  await writeFile(join(dir, 'ca-key.pem'), await pki.exportPrivateKeyPem(root.keys));
  await writeFile(join(dir, 'inter.ext'), 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,digitalSignature\n');
  const inDir = { cwd: dir };
  await run('openssl', ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'inter-key.pem', '-subj', '/CN=intermediate', '-out', 'inter.csr'], inDir);
  await run('openssl', ['x509', '-req', '-in', 'inter.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-days', '30', '-extfile', 'inter.ext', '-out', 'inter.pem'], inDir);
  const intermediate = await pki.loadCertificateAuthority(await readFile(join(dir, 'inter.pem'), 'utf8'), await readFile(join(dir, 'inter-key.pem'), 'utf8'));
  const keys = await pki.generateKeyPair();
  const request = await pki.createCertificateRequest({ keys, subject: { commonName: 'deep' } });
  const deep = await pki.signCertificate({ ca: intermediate, request, profile: { usages: ['digital signature', 'server auth'], ttlMs: day }, now: new Date() });
  await writeFile(join(dir, 'deep.pem'), deep.pem);
  const ok = await tlsboot(dir, ['pki', 'verify', '--ca-file', 'ca.pem', '--untrusted', 'inter.pem', 'deep.pem']);
  assert.is(ok.code, 0, ok.stdout + ok.stderr);
  assert.is(ok.stdout, 'deep.pem: OK\n');
  const without = await tlsboot(dir, ['pki', 'verify', '--ca-file', 'ca.pem', 'deep.pem']);
  assert.is(without.code, 1);
  assert.match(without.stdout, 'deep.pem: CERT_UNKNOWN_ISSUER');
});

test('a missing --ca-file or no certificate is a usage error', async () => {
  assert.is((await tlsboot(dir, ['pki', 'verify', 'server.pem'])).code, 2);
  assert.is((await tlsboot(dir, ['pki', 'verify', '--ca-file', 'ca.pem'])).code, 2);
});

test.after(removeAll);

test.run();
