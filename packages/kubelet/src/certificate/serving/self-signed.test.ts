// cmd/kubelet/app/server.go InitializeTLS and k8s.io/client-go/util/cert/cert.go
// GenerateSelfSignedCertKey: the shape of kubelet.crt / kubelet.key.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCertificatesPem, verifyChain } from '@tlsboot/pki';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadOrGenerateSelfSigned } from './self-signed.js';

test('cert.go GenerateSelfSignedCertKey: leaf then CA, RSA-2048, <host>@<ts>, server auth, valid from now − 1 h for a year', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kubelet-selfsigned-'));
  try {
    const now = new Date('2025-03-01T12:00:00.000Z');
    const ts = Math.floor(now.getTime() / 1000);
    const pair = await loadOrGenerateSelfSigned(dir, 'n1', now);
    assert.ok(pair.generated);
    const [leaf, ca] = parseCertificatesPem(await readFile(join(dir, 'kubelet.crt'), 'utf8'));
    assert.ok(leaf && ca);
    assert.equal(leaf.subject, { commonName: `n1@${ts}` });
    assert.equal(ca.subject, { commonName: `n1-ca@${ts}` });
    assert.is(leaf.keySpec, 'rsa-2048');
    assert.is(ca.keySpec, 'rsa-2048');
    assert.ok(ca.isCA);
    assert.not.ok(leaf.isCA);
    assert.equal([...leaf.keyUsageNames].sort(), ['digital signature', 'key encipherment']);
    assert.equal(leaf.extKeyUsageNames, ['server auth']);
    assert.equal(leaf.subjectAltNames.dnsNames, ['n1']);
    assert.is(leaf.notBefore.getTime(), now.getTime() - 3_600_000);
    assert.is(leaf.notAfter.getTime(), now.getTime() - 3_600_000 + 365 * 24 * 3_600_000);
    assert.is(ca.notBefore.getTime(), now.getTime() - 3_600_000);
    await verifyChain(leaf, { roots: [ca], at: now, usages: ['server auth'] });
    const key = await readFile(join(dir, 'kubelet.key'), 'utf8');
    assert.ok(key.startsWith('-----BEGIN RSA PRIVATE KEY-----'));
    assert.is((await stat(join(dir, 'kubelet.key'))).mode & 0o777, 0o600);
    // a second start reads the files instead of generating
    const again = await loadOrGenerateSelfSigned(dir, 'n1', new Date(now.getTime() + 1000));
    assert.not.ok(again.generated);
    assert.is(again.certPem, pair.certPem);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
