import { access, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseCertificatePem, verifyChain } from '@tlsboot/pki';
import { runPkiWalkthrough, type PkiWalkthroughResult } from './run-pki-walkthrough.js';

const dir = await mkdtemp(join(tmpdir(), 'tlsboot-walkthrough-test-'));
const lines: string[] = [];
const now = new Date();
const result: PkiWalkthroughResult = await runPkiWalkthrough({ workdir: dir, out: (line) => lines.push(line), now });
const output = lines.join('\n');
const read = (name: string) => readFile(join(dir, name), 'utf8');

test('it runs in the given work directory and writes every file it reports', async () => {
  assert.is(result.workdir, dir);
  for (const name of ['ca.pem', 'ca-key.pem', 'server-key.pem', 'server-pub.pem', 'server.csr', 'server.pem', 'client-key.pem', 'client.csr', 'client.pem', 'stranger.pem', 'ca-csr.json', 'ca.csr', 'ca-config.json', 'kube-proxy-csr.json', 'kube-proxy.pem', 'kube-proxy-key.pem', 'kube-proxy.csr']) {
    assert.ok(result.files.includes(name), `${name} reported`);
  }
  for (const name of result.files) await access(join(dir, name));
  for (const name of result.files.filter((f) => f.endsWith('-key.pem'))) {
    assert.is((await stat(join(dir, name))).mode & 0o777, 0o600, `${name} is private`);
  }
  assert.match(output, `work directory: ${dir}`);
  assert.match(output, `All files are in ${dir}`);
});

test('the certificates it wrote chain-verify to the CA it wrote, for their purpose', async () => {
  const ca = parseCertificatePem(await read('ca.pem'));
  assert.ok(ca.isCA);
  const server = parseCertificatePem(await read('server.pem'));
  const client = parseCertificatePem(await read('client.pem'));
  await verifyChain(server, { roots: [ca], at: now, usages: ['server auth'] });
  await verifyChain(client, { roots: [ca], at: now, usages: ['client auth'] });
  assert.equal(server.subjectAltNames, { dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
  assert.equal(client.subject, { commonName: 'admin', organizations: ['system:masters'] });
  const stranger = parseCertificatePem(await read('stranger.pem'));
  try {
    await verifyChain(stranger, { roots: [ca], at: now });
    assert.unreachable('a certificate from another CA verified');
  } catch (err) {
    assert.is((err as { code?: string }).code, 'CERT_UNKNOWN_ISSUER');
  }
});

test('the kube-proxy step signs the article\'s CSR JSON with the kubernetes profile, as cfssl would', async () => {
  const ca = parseCertificatePem(await read('ca.pem'));
  assert.equal(ca.keyUsageNames, ['cert sign', 'crl sign'], 'a cfssl -initca CA');
  const kubeProxy = parseCertificatePem(await read('kube-proxy.pem'));
  await verifyChain(kubeProxy, { roots: [ca], at: now, usages: ['client auth'] });
  assert.equal(kubeProxy.subject, { commonName: 'system:kube-proxy', organizations: ['k8s'], organizationalUnits: ['System'], countries: ['CN'], provinces: ['BeiJing'], localities: ['BeiJing'] });
  assert.equal([...kubeProxy.keyUsageNames, ...kubeProxy.extKeyUsageNames], ['digital signature', 'key encipherment', 'server auth', 'client auth']);
  assert.is(result.kubeProxy.certinfo.subject.common_name, 'system:kube-proxy');
  assert.is(result.kubeProxy.certinfo.subject.organization, 'k8s');
  assert.is(result.kubeProxy.verdict, 'OK');
  assert.match(output, '"common_name": "system:kube-proxy"');
  assert.match(output, 'cfssl gencert -ca=/opt/k8s/work/ca.pem');
  assert.match(output, 'the apiserver will authenticate user "system:kube-proxy" in groups [k8s]');
  assert.equal(JSON.parse(await read('kube-proxy-csr.json')).CN, 'system:kube-proxy');
});

test('the verify step reports OK, unknown authority and expiry with Go\'s words', () => {
  assert.match(result.verify.server, /^OK/);
  assert.match(result.verify.client, /^OK/);
  assert.is(result.verify.stranger, 'CERT_UNKNOWN_ISSUER: x509: certificate signed by unknown authority');
  assert.match(result.verify.expired, /^CERT_EXPIRED: x509: certificate has expired or is not yet valid: current time .* is after /);
  assert.match(output, 'x509: certificate signed by unknown authority');
});

test('the handshake step reports both identities from a real TLS connection', () => {
  const h = result.handshake;
  assert.match(h.address, /^127\.0\.0\.1:\d+$/);
  assert.match(h.protocol, /^TLSv1\.[23]$/);
  assert.equal([h.serverSaw.commonName, h.serverSaw.organizations, h.serverSaw.verdict], ['admin', ['system:masters'], 'OK']);
  assert.equal([h.clientSaw.commonName, h.clientSaw.organizations, h.clientSaw.verdict], ['localhost', ['tlsboot'], 'OK']);
  assert.match(output, 'server saw client certificate CN=admin, O=system:masters');
  assert.match(output, 'client saw server certificate CN=localhost, O=tlsboot');
  assert.match(output, `${h.address}: ${h.protocol}, cipher ${h.cipher}`);
  assert.match(output, 'This is not simulated');
});

test('the output narrates each step with the command a user would type', () => {
  const titles = lines.filter((l) => /^\[\d+\/\d+\] /.test(l));
  const total = Number(/\/(\d+)\]/.exec(titles[0] ?? '')?.[1]);
  assert.is(titles.length, total, 'every step printed, numbered 1..total');
  titles.forEach((t, i) => assert.ok(t.startsWith(`[${i + 1}/${total}] `), t));
  for (const expected of [
    'TLS in one picture',
    'The cluster CA',
    'A private key',
    'Its public key',
    'certificate signing request',
    'server certificate',
    'client certificate',
    'Verify the chains',
    'mutual-TLS handshake',
    'kube-proxy',
  ]) {
    assert.ok(titles.some((t) => t.includes(expected)), `a step titled "${expected}"`);
  }
  for (const command of ['openssl ecparam -genkey', 'openssl pkey -in server-key.pem -pubout', 'openssl req -in server.csr -noout -text', 'openssl x509 -req -in server.csr', 'openssl verify -CAfile ca.pem', 'openssl s_client']) {
    assert.match(output, command);
  }
  assert.match(output, 'Subject: O = tlsboot, CN = localhost');
  assert.match(output, 'Signature Algorithm: ecdsa-with-SHA256');
  assert.match(output, 'DNS:localhost, IP Address:127.0.0.1');
  assert.not.match(output, /\x1b\[/, 'no colour unless asked');
});

test('without a workdir it makes a fresh temporary one and keeps it; colour on request', async () => {
  const out: string[] = [];
  const other = await runPkiWalkthrough({ out: (l) => out.push(l), color: true });
  try {
    assert.ok(other.workdir.startsWith(join(tmpdir(), 'tlsboot-walkthrough-')), other.workdir);
    await access(join(other.workdir, 'ca.pem'));
    assert.match(out.join('\n'), /\x1b\[\d+m/);
  } finally {
    await rm(other.workdir, { recursive: true, force: true });
  }
});

test.after(() => rm(dir, { recursive: true, force: true }));

test.run();
