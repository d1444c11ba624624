import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createCertificateAuthority } from '../certificate-authority.js';
import { parseCertificateDer } from '../certificate.js';
import type { Subject } from '../name.js';
import type { SubjectAltNames } from '../subject-alt-names.js';
import { cfsslTestdata, issueCertificate } from '../testing.js';
import { x509 } from '../x509.js';
import { parseCaConfig, resolveProfile } from './ca-config.js';
import { certinfo, certinfoJson, certinfoName } from './certinfo.js';

const now = new Date('2021-08-13T10:00:20Z');
const profile = resolveProfile(parseCaConfig(cfsslTestdata('ca-config.json'), 'ca-config.json'), 'kubernetes');

// ECDSA keeps this file fast; the RSA path of the article is in gencert.test.ts.
const ca = await createCertificateAuthority({
  subject: { commonName: 'kubernetes', countries: ['CN'], provinces: ['BeiJing'], localities: ['BeiJing'], organizations: ['k8s'], organizationalUnits: ['System'] },
  keySpec: 'ecdsa-p256',
  style: 'cfssl',
  now,
  validityMs: 876_000 * 3_600_000,
});

async function issue(subject: Subject, hosts: SubjectAltNames = {}) {
  return (await issueCertificate({ ca, subject, subjectAltNames: hosts, profile, now })).certificate;
}

test("the article's kubelet client certificate: common_name, organization, names in RDN order (seed/article.zh.md)", async () => {
  const cert = await issue({ commonName: 'system:node:k8s01', organizations: ['system:nodes'] });
  const info = certinfo(cert);
  // The article prints exactly these subject fields for kubelet-client-current.pem.
  assert.equal(info.subject, { common_name: 'system:node:k8s01', organization: 'system:nodes', names: ['system:nodes', 'system:node:k8s01'] });
  assert.ok(certinfoJson(info).includes('"subject": {\n    "common_name": "system:node:k8s01",\n    "organization": "system:nodes",\n    "names": [\n      "system:nodes",\n      "system:node:k8s01"\n    ]\n  },'));
});

test('cfssl certinfo fields: order, formats, omissions (certinfo/certinfo.go)', async () => {
  const cert = await issue({ commonName: 'system:kube-proxy', countries: ['CN'], provinces: ['BeiJing'], localities: ['BeiJing'], organizations: ['k8s'], organizationalUnits: ['System'] });
  const info = certinfo(cert);
  assert.equal(Object.keys(info), ['subject', 'issuer', 'serial_number', 'not_before', 'not_after', 'sigalg', 'authority_key_id', 'subject_key_id', 'pem'], 'no sans key without SANs');
  assert.equal(Object.keys(info.subject), ['common_name', 'country', 'organization', 'organizational_unit', 'locality', 'province', 'names']);
  assert.equal(info.subject.names, ['CN', 'BeiJing', 'BeiJing', 'k8s', 'System', 'system:kube-proxy']);
  assert.is(info.issuer.common_name, 'kubernetes');
  assert.is(info.serial_number, BigInt(`0x${cert.serialNumber}`).toString());
  assert.match(info.serial_number, /^[1-9][0-9]*$/);
  assert.is(info.not_before, '2021-08-13T09:55:00Z');
  assert.is(info.not_after, '2031-08-11T09:55:00Z');
  assert.is(info.sigalg, 'ECDSAWithSHA256');
  assert.match(info.subject_key_id, /^([0-9A-F]{2}:){19}[0-9A-F]{2}$/);
  assert.is(info.authority_key_id.replace(/:/g, '').toLowerCase(), ca.certificate.subjectKeyId);
  assert.is(info.subject_key_id.replace(/:/g, '').toLowerCase(), cert.subjectKeyId);
  assert.is(info.pem, cert.pem);
});

test('a self-signed CA: issuer = subject, authority_key_id "" (present, not omitted)', () => {
  const info = certinfo(ca.certificate);
  assert.equal(info.issuer, info.subject);
  assert.is(info.authority_key_id, '');
  assert.ok(certinfoJson(info).includes('  "authority_key_id": "",\n'));
});

test('sans: DNS names then IPs (IPv6 as Go prints it); emails and URIs are not listed', async () => {
  const cert = await issue({ commonName: 'kubelet' }, {
    dnsNames: ['k8s01', 'k8s01.local'],
    ipAddresses: ['10.0.0.1', '2001:db8:0:0:0:0:0:1'],
    emailAddresses: ['a@example.com'],
    uris: ['spiffe://x'],
  });
  const info = certinfo(cert);
  assert.equal(info.sans, ['k8s01', 'k8s01.local', '10.0.0.1', '2001:db8::1']);
  assert.equal(Object.keys(info).slice(0, 5), ['subject', 'issuer', 'serial_number', 'sans', 'not_before']);
});

test('certinfoName: every attribute in names, last CN wins, lists joined with ","', () => {
  const name = new x509.Name([
    { '2.5.4.10': [{ utf8String: 'a' }] },
    { '2.5.4.10': [{ utf8String: 'b' }] },
    { '2.5.4.3': [{ utf8String: 'first' }] },
    { '2.5.4.5': [{ printableString: '42' }] },
    { '2.5.4.9': [{ utf8String: 'Main St' }] },
    { '2.5.4.17': [{ utf8String: '100000' }] },
    { '1.2.840.113549.1.9.1': [{ ia5String: 'x@example.com' }] },
    { '2.5.4.3': [{ utf8String: 'last' }] },
  ]);
  assert.equal(certinfoName(name), {
    common_name: 'last',
    serial_number: '42',
    organization: 'a,b',
    street_address: 'Main St',
    postal_code: '100000',
    names: ['a', 'b', 'first', '42', 'Main St', '100000', 'x@example.com', 'last'],
  });
  assert.equal(certinfoName(new x509.Name([])), {});
});

test('certinfoJson: 2-space indent as json.MarshalIndent, trailing newline, Go escaping', async () => {
  const cert = await issue({ commonName: 'a<b>&c' });
  const out = certinfoJson(certinfo(cert));
  assert.ok(out.startsWith('{\n  "subject": {\n    "common_name": "a\\u003cb\\u003e\\u0026c",'));
  assert.ok(out.endsWith('-----END CERTIFICATE-----\\n"\n}\n'));
  assert.is(JSON.parse(out).subject.common_name, 'a<b>&c');
});

test('RSA signature names as helpers.SignatureString', async () => {
  const rsaCa = await createCertificateAuthority({ subject: { commonName: 'rsa' }, keySpec: 'rsa-2048', style: 'cfssl', now });
  assert.is(certinfo(parseCertificateDer(rsaCa.certificate.der)).sigalg, 'SHA256WithRSA');
});

test.run();
