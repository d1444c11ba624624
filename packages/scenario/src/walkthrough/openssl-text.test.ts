import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createCertificateRequest, generateKeyPair, type KeySpec } from '@tlsboot/pki';
import { opensslPublicKeyLines, opensslSans, opensslSignatureAlgorithm, opensslSubject, renderCsrText } from './openssl-text.js';

const run = promisify(execFile);

test('subjects read as openssl 3 prints them, in Go\'s RDN order', () => {
  assert.is(
    opensslSubject({ commonName: 'system:kube-proxy', organizations: ['k8s'], organizationalUnits: ['System'], countries: ['CN'], provinces: ['BeiJing'], localities: ['BeiJing'] }),
    'C = CN, ST = BeiJing, L = BeiJing, O = k8s, OU = System, CN = system:kube-proxy',
  );
  assert.is(opensslSubject({ organizations: ['a', 'b'] }), 'O = a, O = b');
  assert.is(opensslSubject({}), '');
});

test('signature algorithms get openssl\'s names', () => {
  assert.is(opensslSignatureAlgorithm('ECDSA-SHA256'), 'ecdsa-with-SHA256');
  assert.is(opensslSignatureAlgorithm('ECDSA-SHA384'), 'ecdsa-with-SHA384');
  assert.is(opensslSignatureAlgorithm('SHA256-RSA'), 'sha256WithRSAEncryption');
  assert.is(opensslSignatureAlgorithm('Ed25519'), 'ED25519');
  assert.is(opensslSignatureAlgorithm('SHA256-RSAPSS'), 'SHA256-RSAPSS');
});

test('public key lines per key type', () => {
  assert.equal(opensslPublicKeyLines('rsa-2048'), ['Public Key Algorithm: rsaEncryption', '    Public-Key: (2048 bit)']);
  assert.equal(opensslPublicKeyLines('ed25519'), ['Public Key Algorithm: ED25519']);
  assert.ok(opensslPublicKeyLines('ecdsa-p384').includes('    NIST CURVE: P-384'));
});

test('SANs in openssl\'s order and words', () => {
  assert.is(
    opensslSans({ uris: ['spiffe://x/y'], ipAddresses: ['127.0.0.1'], dnsNames: ['localhost'], emailAddresses: ['a@b.c'] }),
    'DNS:localhost, email:a@b.c, IP Address:127.0.0.1, URI:spiffe://x/y',
  );
  assert.is(opensslSans({}), '');
});

test('a CSR without SANs says it has no attributes, as openssl does', async () => {
  const keys = await generateKeyPair('ecdsa-p256');
  const csr = await createCertificateRequest({ keys, subject: { commonName: 'admin', organizations: ['system:masters'] } });
  const lines = renderCsrText(csr);
  assert.ok(lines.includes('        Attributes:'));
  assert.ok(lines.includes('        Subject: O = system:masters, CN = admin'));
});

async function haveOpenssl(): Promise<boolean> {
  return run('openssl', ['version']).then(() => true, () => false);
}

for (const spec of ['ecdsa-p256', 'rsa-2048', 'ed25519'] as KeySpec[]) {
  test(`every line of the ${spec} CSR rendering is a line of \`openssl req -noout -text\``, async () => {
    if (!(await haveOpenssl())) {
      console.log('skip: openssl is not installed; the rendering is not compared with the real one');
      return;
    }
    const keys = await generateKeyPair(spec);
    const csr = await createCertificateRequest({
      keys,
      subject: { commonName: 'localhost', organizations: ['tlsboot'], countries: ['CN'] },
      subjectAltNames: { dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], emailAddresses: ['a@example.com'], uris: ['spiffe://cluster.local/x'] },
    });
    const dir = await mkdtemp(join(tmpdir(), 'tlsboot-openssl-text-'));
    try {
      await writeFile(join(dir, 'x.csr'), csr.pem);
      const { stdout } = await run('openssl', ['req', '-in', join(dir, 'x.csr'), '-noout', '-text']);
      const real = new Set(stdout.split('\n').map((l) => l.trim()));
      for (const line of renderCsrText(csr)) assert.ok(real.has(line.trim()), `"${line.trim()}" not in:\n${stdout}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

test.run();
