import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { articleCfsslFiles, pki } from '@tlsboot/scenario';
import { tempDirs, tlsboot } from '../testing.js';

const { fresh, removeAll } = tempDirs('tlsboot-cli-gencert-');
async function articleDir(): Promise<string> {
  const dir = await fresh();
  for (const [name, text] of Object.entries(articleCfsslFiles)) await writeFile(join(dir, name), text);
  return dir;
}
const read = (dir: string, name: string) => readFile(join(dir, name), 'utf8');

const dir = await articleDir();
const initca = await tlsboot(dir, ['pki', 'gencert', '-initca', 'ca-csr.json', '--bare', 'ca']);

test('-initca ca-csr.json --bare ca writes the cluster CA as cfssljson -bare does', async () => {
  assert.is(initca.code, 0, initca.stderr);
  for (const name of ['ca.pem', 'ca-key.pem', 'ca.csr']) await stat(join(dir, name));
  const ca = await pki.loadCertificateAuthority(await read(dir, 'ca.pem'), await read(dir, 'ca-key.pem'));
  assert.is(ca.certificate.subject.commonName, 'kubernetes');
  assert.is(ca.certificate.keySpec, 'rsa-2048');
  assert.ok(ca.certificate.isCA);
  assert.is((await stat(join(dir, 'ca-key.pem'))).mode & 0o777, 0o600);
});

test('the article\'s kube-proxy step: -profile=kubernetes --bare kube-proxy, then certinfo and verify', async () => {
  const r = await tlsboot(dir, ['pki', 'gencert', '-ca=ca.pem', '-ca-key=ca-key.pem', '-config=ca-config.json', '-profile=kubernetes', 'kube-proxy-csr.json', '--bare', 'kube-proxy']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, '[WARNING] This certificate lacks a "hosts" field.');
  const cert = pki.parseCertificatePem(await read(dir, 'kube-proxy.pem'));
  assert.equal(cert.subject, { commonName: 'system:kube-proxy', organizations: ['k8s'], organizationalUnits: ['System'], countries: ['CN'], provinces: ['BeiJing'], localities: ['BeiJing'] });
  assert.equal([...cert.keyUsageNames, ...cert.extKeyUsageNames], ['digital signature', 'key encipherment', 'server auth', 'client auth']);
  const csr = pki.parseCertificateRequestPem(await read(dir, 'kube-proxy.csr'));
  const key = await pki.importPrivateKeyPem(await read(dir, 'kube-proxy-key.pem'));
  assert.ok(await pki.keyMatches(key, cert.publicKeySpki));
  assert.ok(await pki.keyMatches(key, csr.publicKeySpki));

  const info = await tlsboot(dir, ['pki', 'certinfo', '-cert', 'kube-proxy.pem']);
  assert.is(info.code, 0, info.stderr);
  const json = JSON.parse(info.stdout) as pki.CfsslCertInfo;
  assert.is(json.subject.common_name, 'system:kube-proxy');
  assert.is(json.subject.organization, 'k8s');

  const verify = await tlsboot(dir, ['pki', 'verify', '--ca-file', 'ca.pem', '--usage', 'client auth', 'kube-proxy.pem']);
  assert.is(verify.stdout, 'kube-proxy.pem: OK\n');
});

test('without --bare it prints cfssl\'s stdout JSON (cert, csr, key) and writes nothing', async () => {
  const before = (await readdir(dir)).sort();
  const r = await tlsboot(dir, ['pki', 'gencert', '-ca', 'ca.pem', '-ca-key', 'ca-key.pem', '-config', 'ca-config.json', '-profile', 'kubernetes', 'kube-proxy-csr.json']);
  assert.is(r.code, 0, r.stderr);
  assert.equal((await readdir(dir)).sort(), before);
  assert.match(r.stdout, /^\{"cert":"-----BEGIN CERTIFICATE-----\\n.*","csr":"-----BEGIN CERTIFICATE REQUEST-----\\n.*","key":"-----BEGIN RSA PRIVATE KEY-----\\n.*"\}\n$/);
  const out = JSON.parse(r.stdout) as { cert: string; csr: string; key: string };
  assert.is(pki.parseCertificatePem(out.cert).subject.commonName, 'system:kube-proxy');
});

test('-hostname replaces the hosts; no -config signs with cfssl\'s default profile (8760h)', async () => {
  await writeFile(join(dir, 'server-csr.json'), JSON.stringify({ CN: 'apiserver', hosts: ['ignored.example'], key: { algo: 'ecdsa', size: 256 } }));
  const missingDir = await tlsboot(dir, ['pki', 'gencert', '-ca=ca.pem', '-ca-key=ca-key.pem', 'server-csr.json', '--bare', 'out/server']);
  assert.is(missingDir.code, 1, 'like cfssljson, --bare does not create directories');
  assert.match(missingDir.stderr, /^tlsboot: \S+\/out: cannot write server\.pem/);
  await mkdir(join(dir, 'out'));
  const r = await tlsboot(dir, ['pki', 'gencert', '-ca=ca.pem', '-ca-key=ca-key.pem', '-hostname=127.0.0.1,localhost', 'server-csr.json', '--bare', 'out/server']);
  assert.is(r.code, 0, r.stderr);
  assert.not.match(r.stderr, 'WARNING');
  const cert = pki.parseCertificatePem(await read(dir, 'out/server.pem'));
  assert.equal(cert.subjectAltNames, { dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
  assert.is(cert.notAfter.getTime() - cert.notBefore.getTime(), 8760 * 3_600_000);
});

test('a CSR JSON on standard input ("-")', async () => {
  const r = await tlsboot(dir, ['pki', 'gencert', '-initca', '-'], JSON.stringify({ CN: 'from stdin' }));
  assert.is(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { cert: string };
  assert.is(pki.parseCertificatePem(out.cert).subject.commonName, 'from stdin');
});

test('bad inputs name the file and the problem, exit 1, write nothing, print no stack', async () => {
  const bad = await articleDir();
  await writeFile(join(bad, 'unknown-field.json'), '{"CN": "x", "hots": []}');
  await writeFile(join(bad, 'truncated.pem'), '-----BEGIN CERTIFICATE-----\nMIIB\n');
  await writeFile(join(bad, 'bad-config.json'), '{"signing": {"default": {"expiry": "ten years"}}}');
  await writeFile(join(bad, 'with-ca.json'), '{"CN": "x", "ca": {"expiry": "1h"}}');
  await tlsboot(bad, ['pki', 'gencert', '-initca', 'ca-csr.json', '--bare', 'ca']);
  const before = (await readdir(bad)).sort();
  const cases: [string[], RegExp][] = [
    [['-initca', 'unknown-field.json', '--bare', 'x'], /^tlsboot: unknown-field\.json: \/hots: unknown field "hots"/],
    [['-ca=truncated.pem', '-ca-key=ca-key.pem', 'kube-proxy-csr.json', '--bare', 'x'], /^tlsboot: truncated\.pem: PEM block "CERTIFICATE" that starts on line 1 has no "-----END CERTIFICATE-----" line/],
    [['-ca=ca.pem', '-ca-key=kube-proxy-csr.json', 'kube-proxy-csr.json', '--bare', 'x'], /^tlsboot: kube-proxy-csr\.json: no PEM data found/],
    [['-ca=ca.pem', '-ca-key=ca-key.pem', '-config=bad-config.json', 'kube-proxy-csr.json', '--bare', 'x'], /^tlsboot: bad-config\.json: \/signing\/default\/expiry: time: invalid duration "ten years"/],
    [['-ca=ca.pem', '-ca-key=ca-key.pem', 'with-ca.json', '--bare', 'x'], /^tlsboot: with-ca\.json: \/ca: ca section only permitted in initca/],
    [['-ca=ca.pem', '-ca-key=ca-key.pem', 'missing.json', '--bare', 'x'], /^tlsboot: missing\.json: cannot read: no such file/],
  ];
  for (const [args, message] of cases) {
    const r = await tlsboot(bad, ['pki', 'gencert', ...args]);
    assert.is(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.not.match(r.stderr, /\n\s+at /, 'no stack trace');
    assert.is(r.stdout, '');
  }
  assert.equal((await readdir(bad)).sort(), before, 'nothing written');
});

test('usage errors exit 2: no CA, no CA key, -initca with -ca-key, -profile without -config, no CSR JSON', async () => {
  for (const args of [['kube-proxy-csr.json'], ['-ca=ca.pem', 'kube-proxy-csr.json'], ['-initca', '-ca-key=ca-key.pem', 'ca-csr.json'], ['-ca=ca.pem', '-ca-key=ca-key.pem', '-profile=kubernetes', 'kube-proxy-csr.json'], ['-initca']]) {
    const r = await tlsboot(dir, ['pki', 'gencert', ...args]);
    assert.is(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^tlsboot: /);
  }
});

test.after(removeAll);

test.run();
