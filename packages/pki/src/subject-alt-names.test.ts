import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hasSubjectAltNames, sansFromHosts, subjectAltNameExtension, subjectAltNameOid, subjectAltNamesOf } from './subject-alt-names.js';
import { throwsCode } from './testing.js';
import { x509 } from './x509.js';

test('hasSubjectAltNames is true when any of the four lists has a name', () => {
  assert.not.ok(hasSubjectAltNames({}));
  assert.not.ok(hasSubjectAltNames({ dnsNames: [], ipAddresses: [], emailAddresses: [], uris: [] }));
  assert.ok(hasSubjectAltNames({ dnsNames: ['a'] }));
  assert.ok(hasSubjectAltNames({ ipAddresses: ['10.0.0.1'] }));
  assert.ok(hasSubjectAltNames({ emailAddresses: ['a@b.c'] }));
  assert.ok(hasSubjectAltNames({ uris: ['spiffe://cluster.local/x'] }));
});

test('the extension lists names in Go marshalSANs order: DNS, email, IP, URI', () => {
  const ext = subjectAltNameExtension(
    { uris: ['spiffe://cluster.local/ns/default/sa/x'], ipAddresses: ['10.96.0.1', '::1'], emailAddresses: ['admin@example.com'], dnsNames: ['kubernetes', 'kubernetes.default.svc'] },
    false,
  );
  assert.is(ext.type, subjectAltNameOid);
  assert.is(ext.type, '2.5.29.17');
  assert.equal(ext.names.toJSON(), [
    { type: 'dns', value: 'kubernetes' },
    { type: 'dns', value: 'kubernetes.default.svc' },
    { type: 'email', value: 'admin@example.com' },
    { type: 'ip', value: '10.96.0.1' },
    { type: 'ip', value: '::1' },
    { type: 'url', value: 'spiffe://cluster.local/ns/default/sa/x' },
  ]);
});

test('the extension is critical only when the subject is empty (RFC 5280 4.2.1.6, as Go)', () => {
  assert.is(subjectAltNameExtension({ dnsNames: ['a'] }, false).critical, false);
  assert.is(subjectAltNameExtension({ dnsNames: ['a'] }, true).critical, true);
});

test('an IP or URI that does not parse is SIGN_INVALID naming the source', () => {
  const cases: [Parameters<typeof subjectAltNameExtension>[0], string | undefined, string][] = [
    [{ ipAddresses: ['300.1.1.1'] }, undefined, 'hosts: "300.1.1.1" is not an IP address'],
    [{ ipAddresses: ['node-1'] }, 'spec.hosts', 'spec.hosts: "node-1" is not an IP address'],
    [{ uris: ['not a uri'] }, 'subjectAltNames', 'subjectAltNames: "not a uri" is not a URI'],
  ];
  for (const [sans, source, message] of cases) {
    assert.is(throwsCode(() => subjectAltNameExtension(sans, false, source), 'SIGN_INVALID'), message);
  }
});

test('subjectAltNamesOf reads the SANs back and ignores other extensions', () => {
  const sans = { dnsNames: ['node-1', 'node-1.example.com'], ipAddresses: ['192.168.1.10', 'fd00::10'], emailAddresses: ['n@example.com'], uris: ['https://node-1.example.com/'] };
  const extensions = [new x509.BasicConstraintsExtension(false, undefined, true), subjectAltNameExtension(sans, false), new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature)];
  assert.equal(subjectAltNamesOf(extensions), sans);
  // Through DER, as it comes out of a parsed certificate or CSR.
  const reparsed = extensions.map((e) => new x509.Extension(e.rawData));
  assert.equal(subjectAltNamesOf(reparsed), sans);
});

test('subjectAltNamesOf leaves out empty lists', () => {
  assert.equal(subjectAltNamesOf([]), {});
  assert.equal(subjectAltNamesOf([subjectAltNameExtension({ ipAddresses: ['127.0.0.1'] }, false)]), { ipAddresses: ['127.0.0.1'] });
});

test('sansFromHosts splits cfssl hosts as cfssl csr.go does: IP, email, URI, else DNS', () => {
  assert.equal(sansFromHosts(['127.0.0.1', '10.254.0.1', '::1', 'kubernetes', 'kubernetes.default.svc.cluster.local', '*.example.com', 'admin@example.com', 'https://example.com/path', 'spiffe://cluster.local/ns/x']), {
    dnsNames: ['kubernetes', 'kubernetes.default.svc.cluster.local', '*.example.com'],
    ipAddresses: ['127.0.0.1', '10.254.0.1', '::1'],
    emailAddresses: ['admin@example.com'],
    uris: ['https://example.com/path', 'spiffe://cluster.local/ns/x'],
  });
  assert.equal(sansFromHosts([]), {});
  assert.equal(sansFromHosts(['localhost']), { dnsNames: ['localhost'] });
});

test.run();
