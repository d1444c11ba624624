import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CertificateAuthority } from '../certificate-authority.js';
import { parseCertificateRequestPem, verifyCertificateRequest } from '../certificate-request.js';
import type { Certificate } from '../certificate.js';
import { importPrivateKeyPem, keyMatches } from '../key-pair.js';
import { cfsslTestdata, rejectsCode, withTempDir } from '../testing.js';
import { verifyChain } from '../verify-chain.js';
import { x509 } from '../x509.js';
import { parseCaConfig, resolveProfile } from './ca-config.js';
import { parseCsrJson } from './csr-json.js';
import { csrNoHostMessage, gencert, gencertStdoutJson, type GencertResult } from './gencert.js';

const hour = 3_600_000;
const minute = 60_000;
/** The article's date (2021-08-13), at a time that is not on a minute boundary. */
const now = new Date('2021-08-13T10:00:20.250Z');
/** cfssl signer.FillTemplate: now rounded to the minute, minus the 5-minute backdate. */
const cfsslNotBefore = new Date('2021-08-13T09:55:00Z');

async function asAuthority(result: GencertResult): Promise<CertificateAuthority> {
  return { certificate: result.certificate, keys: await importPrivateKeyPem(result.keyPem, 'ca-key.pem') };
}

/** `cfssl gencert -initca ca-csr.json`, once for the whole file (RSA keys are slow to make). */
const caResult = await gencert({ request: parseCsrJson(cfsslTestdata('ca-csr.json'), 'ca-csr.json'), now, initca: true });
const ca = await asAuthority(caResult);
const profile = resolveProfile(parseCaConfig(cfsslTestdata('ca-config.json'), 'ca-config.json'), 'kubernetes');
const kubeProxyRequest = parseCsrJson(cfsslTestdata('kube-proxy-csr.json'), 'kube-proxy-csr.json');
/** `cfssl gencert -ca=ca.pem -ca-key=ca-key.pem -config=ca-config.json -profile=kubernetes kube-proxy-csr.json`. */
const kubeProxy = await gencert({ request: kubeProxyRequest, now, ca, profile });

test('-initca ca-csr.json: a self-signed cfssl CA (cert sign + crl sign, 43800h, SKI, no AKI), RSA key in PKCS#1', async () => {
  const cert = caResult.certificate;
  assert.is(cert.subject.commonName, 'kubernetes');
  assert.equal(cert.subject.organizations, ['k8s']);
  assert.equal(cert.issuer, cert.subject);
  assert.ok(cert.isCA);
  assert.equal(cert.keyUsageNames, ['cert sign', 'crl sign']);
  assert.equal(cert.extKeyUsages, []);
  assert.is(cert.notBefore.getTime(), cfsslNotBefore.getTime());
  assert.is(cert.notAfter.getTime() - cert.notBefore.getTime(), 43_800 * hour, 'initca.CAPolicy: 43800h');
  assert.ok(cert.subjectKeyId);
  assert.is(cert.authorityKeyId, undefined, 'Go writes no AKI on a self-signed certificate');
  assert.is(cert.keySpec, 'rsa-2048');
  assert.match(caResult.keyPem, /^-----BEGIN RSA PRIVATE KEY-----\n/);
  assert.is(caResult.certPem, cert.pem);
  assert.equal(caResult.warnings, [], 'initca prints no hosts warning');
  const csr = parseCertificateRequestPem(caResult.csrPem, 'ca.csr');
  await verifyCertificateRequest(csr);
  assert.equal(csr.subject, cert.subject);
  assert.equal(await verifyChain(cert, { roots: [cert], at: now }), [cert]);
});

test("the article's kube-proxy step: subject, client+server usages, SKI/AKI, chain to the CA", async () => {
  const cert = kubeProxy.certificate;
  assert.is(cert.subject.commonName, 'system:kube-proxy');
  assert.equal(cert.subject.organizations, ['k8s'], 'O = the Kubernetes group');
  assert.equal(cert.subject.organizationalUnits, ['System']);
  assert.equal(cert.issuer, caResult.certificate.subject);
  assert.not.ok(cert.isCA);
  assert.ok(cert.basicConstraintsValid);
  assert.equal(cert.keyUsageNames, ['digital signature', 'key encipherment']);
  assert.equal(cert.extKeyUsageNames, ['server auth', 'client auth']);
  assert.equal(cert.subjectAltNames, {}, 'hosts: []');
  assert.is(cert.authorityKeyId, caResult.certificate.subjectKeyId);
  assert.ok(cert.subjectKeyId);
  assert.is.not(cert.subjectKeyId, cert.authorityKeyId);
  assert.is(cert.serialNumber.length <= 40, true, '20-octet cfssl serial');
  assert.is(cert.notBefore.getTime(), cfsslNotBefore.getTime());
  // The profile says 87600h and this CA lives 43800h: cfssl does not cap (checked with the real
  // cfssl 1.2.0), so the certificate outlives its CA, as in the article.
  assert.is(cert.notAfter.getTime() - cert.notBefore.getTime(), 87_600 * hour);
  assert.ok(cert.notAfter > caResult.certificate.notAfter);
  const chain = await verifyChain(cert, { roots: [caResult.certificate], at: now, usages: ['client auth'] });
  assert.equal(chain.map((c) => c.subject.commonName), ['system:kube-proxy', 'kubernetes']);
  // The key and CSR belong to the certificate.
  const keys = await importPrivateKeyPem(kubeProxy.keyPem, 'kube-proxy-key.pem');
  assert.ok(await keyMatches(keys, cert.publicKeySpki));
  assert.match(kubeProxy.keyPem, /^-----BEGIN RSA PRIVATE KEY-----\n/);
  const csr = parseCertificateRequestPem(kubeProxy.csrPem, 'kube-proxy.csr');
  assert.equal(csr.subject, cert.subject);
  assert.equal(csr.publicKeySpki, cert.publicKeySpki);
  assert.equal(kubeProxy.warnings, [csrNoHostMessage], 'cfssl warns that the certificate lacks hosts');
});

test('validity is the profile expiry, 87600h, under a CA that outlives it (ca.expiry 876000h, as the guides write)', async () => {
  const longCaRequest = parseCsrJson(cfsslTestdata('ca-csr.json').replace(/\n}\s*$/, ',\n  "ca": {"expiry": "876000h"}\n}\n'), 'ca-csr.json');
  assert.is(longCaRequest.ca?.expiry, '876000h');
  const longCa = await gencert({ request: { ...longCaRequest, keySpec: 'ecdsa-p256' }, now, initca: true });
  assert.is(longCa.certificate.notAfter.getTime() - longCa.certificate.notBefore.getTime(), 876_000 * hour);
  const leaf = await gencert({ request: { ...kubeProxyRequest, keySpec: 'ecdsa-p256' }, now, ca: await asAuthority(longCa), profile });
  assert.is(leaf.certificate.notAfter.getTime() - leaf.certificate.notBefore.getTime(), 87_600 * hour);
  assert.is(leaf.certificate.notBefore.getTime(), cfsslNotBefore.getTime());
  assert.match(leaf.keyPem, /^-----BEGIN EC PRIVATE KEY-----\n/, 'SEC1, as cfssl writes ECDSA keys');
  assert.is(leaf.certificate.signatureAlgorithmCfssl, 'ECDSAWithSHA256');
});

test('hosts become SANs (IP, email, URI, DNS), and then there is no warning', async () => {
  const request = parseCsrJson('{"CN":"kube-apiserver","hosts":["10.254.0.1","127.0.0.1","kubernetes.default","admin@example.com","spiffe://cluster/ns/x"]}', 'apiserver-csr.json');
  const result = await gencert({ request, now, ca, profile });
  assert.equal(result.certificate.subjectAltNames, {
    dnsNames: ['kubernetes.default'],
    ipAddresses: ['10.254.0.1', '127.0.0.1'],
    emailAddresses: ['admin@example.com'],
    uris: ['spiffe://cluster/ns/x'],
  });
  assert.equal(parseCertificateRequestPem(result.csrPem).subjectAltNames, result.certificate.subjectAltNames);
  assert.equal(result.warnings, []);
  assert.is(result.certificate.keySpec, 'ecdsa-p256', 'no key section: cfssl default ecdsa 256');
  assert.match(result.keyPem, /^-----BEGIN EC PRIVATE KEY-----/);
});

test('without a profile: cfssl DefaultConfig (8760h; signing, key encipherment, server auth, client auth)', async () => {
  const result = await gencert({ request: parseCsrJson('{"CN":"x"}'), now, ca });
  assert.is(result.certificate.notAfter.getTime() - result.certificate.notBefore.getTime(), 8760 * hour);
  assert.equal(result.certificate.extKeyUsageNames, ['server auth', 'client auth']);
});

test('-initca with ca.pathlen, and an ed25519 key in PKCS#8', async () => {
  const basicConstraints = (cert: Certificate) => new x509.BasicConstraintsExtension(cert.x509.getExtension('2.5.29.19')!.rawData);
  const one = await gencert({ request: parseCsrJson('{"CN":"inter","key":{"algo":"ed25519"},"ca":{"pathlen":1,"expiry":"1h"}}'), now, initca: true });
  assert.is(basicConstraints(one.certificate).ca, true);
  assert.is(basicConstraints(one.certificate).pathLength, 1);
  assert.is(one.certificate.notAfter.getTime() - one.certificate.notBefore.getTime(), hour);
  assert.match(one.keyPem, /^-----BEGIN PRIVATE KEY-----/);
  const unlimited = await gencert({ request: parseCsrJson('{"CN":"root","ca":{"pathlen":0}}'), now, initca: true });
  assert.is(basicConstraints(unlimited.certificate).pathLength, undefined);
  const zero = await gencert({ request: parseCsrJson('{"CN":"root","ca":{"pathlen":0,"pathlenzero":true}}'), now, initca: true });
  assert.is(basicConstraints(zero.certificate).pathLength, 0);
});

test('refusals: a ca section without initca, no CA, no subject; an expired CA still signs, as in cfssl', async () => {
  const withCa = parseCsrJson('{"CN":"x","ca":{"expiry":"1h"}}', 'x-csr.json');
  assert.is(await rejectsCode(gencert({ request: withCa, now, ca, profile }), 'CFSSL_INVALID'), 'x-csr.json: /ca: ca section only permitted in initca');
  assert.match(await rejectsCode(gencert({ request: parseCsrJson('{"CN":"x"}', 'x.json'), now }), 'CFSSL_INVALID'), /^gencert of x\.json: need a CA certificate and key/);
  assert.match(await rejectsCode(gencert({ request: parseCsrJson('{"hosts":["a"]}', 'x.json'), now, ca }), 'CFSSL_INVALID'), /missing subject information/);
  const later = new Date(caResult.certificate.notAfter.getTime() + hour);
  const afterExpiry = await gencert({ request: parseCsrJson('{"CN":"x"}'), now: later, ca, profile });
  assert.ok(afterExpiry.certificate.notBefore > caResult.certificate.notAfter);
});

test('gencertStdoutJson: what cfssl gencert prints — keys cert, csr, key in that order, one line, a newline', () => {
  const out = gencertStdoutJson(kubeProxy);
  assert.ok(out.endsWith('}\n'));
  assert.is(out.indexOf('\n'), out.length - 1, 'a single line: the PEM newlines are escaped');
  assert.ok(out.startsWith('{"cert":"-----BEGIN CERTIFICATE-----\\n'));
  const parsed = JSON.parse(out) as Record<string, string>;
  assert.equal(Object.keys(parsed), ['cert', 'csr', 'key']);
  assert.is(parsed.cert, kubeProxy.certPem);
  assert.is(parsed.csr, kubeProxy.csrPem);
  assert.is(parsed.key, kubeProxy.keyPem);
  assert.is(gencertStdoutJson({ certPem: 'a<b>&', csrPem: '', keyPem: '' }), '{"cert":"a\\u003cb\\u003e\\u0026","csr":"","key":""}\n', "Go's HTML-safe escaping");
});

test('openssl accepts the files cfssljson -bare would write (skip without openssl)', async () => {
  const run = promisify(execFile);
  try {
    await run('openssl', ['version']);
  } catch {
    console.log('skip: openssl not found; the interop check of the kube-proxy certificate did not run');
    return;
  }
  await withTempDir('tlsboot-gencert-', async (dir) => {
    const stdout = JSON.parse(gencertStdoutJson(kubeProxy)) as Record<string, string>;
    await writeFile(join(dir, 'ca.pem'), caResult.certPem);
    await writeFile(join(dir, 'kube-proxy.pem'), stdout.cert!);
    await writeFile(join(dir, 'kube-proxy-key.pem'), stdout.key!);
    await writeFile(join(dir, 'kube-proxy.csr'), stdout.csr!);
    const at = String(Math.floor(now.getTime() / 1000));
    const verified = await run('openssl', ['verify', '-attime', at, '-purpose', 'sslclient', '-CAfile', join(dir, 'ca.pem'), join(dir, 'kube-proxy.pem')]);
    assert.match(verified.stdout, 'kube-proxy.pem: OK');
    const key = await run('openssl', ['rsa', '-check', '-noout', '-in', join(dir, 'kube-proxy-key.pem')]);
    assert.match(key.stdout, 'RSA key ok');
    const req = await run('openssl', ['req', '-verify', '-noout', '-in', join(dir, 'kube-proxy.csr')]);
    assert.match(req.stdout + req.stderr, /verify OK/i);
    const subject = await run('openssl', ['x509', '-noout', '-subject', '-nameopt', 'RFC2253', '-in', join(dir, 'kube-proxy.pem')]);
    assert.is(subject.stdout.trim(), 'subject=CN=system:kube-proxy,OU=System,O=k8s,L=BeiJing,ST=BeiJing,C=CN');
  });
});

test.run();
