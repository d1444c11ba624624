import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  createCertificateAuthority,
  createCertificateRequest,
  exportPrivateKeyPem,
  generateKeyPair,
  signCertificate,
  type CertificateAuthority,
  type Subject,
} from '@tlsboot/pki';
import { mutualTlsHandshake, type Credentials } from './mutual-tls.js';

const now = new Date();
const day = 86_400_000;

async function issue(ca: CertificateAuthority, subject: Subject, usage: string, sans = {}, at = now): Promise<Credentials> {
  const keys = await generateKeyPair('ecdsa-p256');
  const request = await createCertificateRequest({ keys, subject, subjectAltNames: sans });
  const cert = await signCertificate({ ca, request, profile: { usages: ['digital signature', usage], ttlMs: 30 * day }, now: at });
  return { keyPem: await exportPrivateKeyPem(keys), certPem: cert.pem };
}

const ca = await createCertificateAuthority({ subject: { commonName: 'test CA' }, now });
const server = await issue(ca, { commonName: 'localhost' }, 'server auth', { ipAddresses: ['127.0.0.1'] });

test('both ends of a real handshake see each other\'s identity, and the server answers over TLS', async () => {
  const client = await issue(ca, { commonName: 'system:kube-proxy', organizations: ['k8s', 'extra'] }, 'client auth');
  const view = await mutualTlsHandshake({ caPem: ca.certificate.pem, ca: ca.certificate, server, client, at: now });
  assert.match(view.address, /^127\.0\.0\.1:\d+$/);
  assert.match(view.protocol, /^TLSv1\.[23]$/);
  assert.ok(view.cipher.length > 0);
  assert.equal({ cn: view.serverSaw.commonName, o: view.serverSaw.organizations, v: view.serverSaw.verdict }, { cn: 'system:kube-proxy', o: ['k8s', 'extra'], v: 'OK' });
  assert.equal({ cn: view.clientSaw.commonName, v: view.clientSaw.verdict }, { cn: 'localhost', v: 'OK' });
  assert.match(view.clientSaw.hostname, /127\.0\.0\.1 matches/);
  assert.is(view.serverSaw.openssl, 'authorized');
  assert.is(view.message, 'hello system:kube-proxy (groups: k8s, extra)');
});

test('a client certificate from another CA completes the TLS handshake but fails the chain check', async () => {
  const other = await createCertificateAuthority({ subject: { commonName: 'other CA' }, now });
  const client = await issue(other, { commonName: 'mallory' }, 'client auth');
  const view = await mutualTlsHandshake({ caPem: ca.certificate.pem, ca: ca.certificate, server, client, at: now });
  assert.is(view.serverSaw.commonName, 'mallory');
  assert.match(view.serverSaw.verdict, /^CERT_UNKNOWN_ISSUER: x509: certificate signed by unknown authority/);
  assert.match(view.serverSaw.openssl, /^not authorized/);
  assert.match(view.message, /^rejected: CERT_UNKNOWN_ISSUER/);
});

test('chains are checked at the given clock time, not the wall clock', async () => {
  const client = await issue(ca, { commonName: 'admin' }, 'client auth');
  const later = new Date(now.getTime() + 60 * day);
  const view = await mutualTlsHandshake({ caPem: ca.certificate.pem, ca: ca.certificate, server, client, at: later });
  assert.match(view.serverSaw.verdict, /^CERT_EXPIRED: x509: certificate has expired or is not yet valid: current time/);
  assert.match(view.clientSaw.verdict, /^CERT_EXPIRED/);
  assert.is(view.serverSaw.openssl, 'authorized', 'OpenSSL, at the wall clock, still accepts it');
});

test('a server certificate without the address as SAN fails the host name check', async () => {
  const nameless = await issue(ca, { commonName: 'example.com' }, 'server auth', { dnsNames: ['example.com'] });
  const client = await issue(ca, { commonName: 'admin' }, 'client auth');
  const view = await mutualTlsHandshake({ caPem: ca.certificate.pem, ca: ca.certificate, server: nameless, client, at: now });
  assert.match(view.clientSaw.hostname, /^127\.0\.0\.1 does not match: /);
});

test.run();
