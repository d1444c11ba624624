import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pki } from '@tlsboot/scenario';
import { tempDirs, tlsboot } from '../testing.js';

const { fresh, removeAll } = tempDirs('tlsboot-cli-certinfo-');
const dir = await fresh();
const now = new Date();
const ca = await pki.createCertificateAuthority({ subject: { commonName: 'kubernetes', organizations: ['k8s'] }, now });
const keys = await pki.generateKeyPair();
const request = await pki.createCertificateRequest({ keys, subject: { commonName: 'system:node:k8s01', organizations: ['system:nodes'] }, subjectAltNames: { dnsNames: ['k8s01'], ipAddresses: ['10.0.0.7'] } });
const cert = await pki.signCertificate({ ca, request, profile: { usages: ['digital signature', 'client auth'], ttlMs: 3_600_000 }, now });
await writeFile(join(dir, 'kubelet.pem'), cert.pem);
await writeFile(join(dir, 'not-a-cert.pem'), request.pem);
const expected = pki.certinfoJson(pki.certinfo(cert));

test('-cert FILE prints cfssl certinfo JSON', async () => {
  const r = await tlsboot(dir, ['pki', 'certinfo', '-cert', 'kubelet.pem']);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, expected);
  const json = JSON.parse(r.stdout) as pki.CfsslCertInfo;
  assert.is(json.subject.common_name, 'system:node:k8s01');
  assert.is(json.subject.organization, 'system:nodes');
  assert.equal(json.sans, ['k8s01', '10.0.0.7']);
  assert.is(json.serial_number, BigInt(`0x${cert.serialNumber}`).toString());
});

test('the same with -cert=FILE, a positional FILE, and "-" for standard input', async () => {
  assert.is((await tlsboot(dir, ['pki', 'certinfo', '-cert=kubelet.pem'])).stdout, expected);
  assert.is((await tlsboot(dir, ['pki', 'certinfo', 'kubelet.pem'])).stdout, expected);
  assert.is((await tlsboot(dir, ['pki', 'certinfo', '-'], cert.pem)).stdout, expected);
});

test('the wrong PEM type names the file and exits 1', async () => {
  const r = await tlsboot(dir, ['pki', 'certinfo', '-cert', 'not-a-cert.pem']);
  assert.is(r.code, 1);
  assert.is(r.stderr, 'tlsboot: not-a-cert.pem: expected a PEM block of type "CERTIFICATE", found "CERTIFICATE REQUEST"\n');
  const stdin = await tlsboot(dir, ['pki', 'certinfo', '-'], 'garbage');
  assert.is(stdin.code, 1);
  assert.match(stdin.stderr, 'tlsboot: standard input: no PEM data found');
});

test('no certificate, or two, is a usage error', async () => {
  assert.is((await tlsboot(dir, ['pki', 'certinfo'])).code, 2);
  assert.is((await tlsboot(dir, ['pki', 'certinfo', '-cert', 'kubelet.pem', 'kubelet.pem'])).code, 2);
});

test.after(removeAll);

test.run();
