import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { HandshakeView } from './mutual-tls.js';
import { handshakeReport } from './step-handshake.js';

const view: HandshakeView = {
  address: '127.0.0.1:4443',
  protocol: 'TLSv1.3',
  cipher: 'TLS_AES_128_GCM_SHA256',
  serverSaw: { commonName: 'system:kube-proxy', organizations: ['k8s'], verdict: 'OK', openssl: 'authorized' },
  clientSaw: { commonName: 'localhost', organizations: [], verdict: 'OK', openssl: 'authorized', hostname: '127.0.0.1 matches the certificate\'s SANs' },
  message: 'hello system:kube-proxy (groups: k8s)',
};

test('a successful handshake: both identities, the protocol and cipher, no failures', () => {
  const report = handshakeReport(view);
  assert.equal(report.failures, []);
  assert.ok(report.results.includes('127.0.0.1:4443: TLSv1.3, cipher TLS_AES_128_GCM_SHA256'));
  assert.ok(report.results.some((l) => l.startsWith('server saw client certificate CN=system:kube-proxy, O=k8s; chain check: OK')));
  assert.ok(report.results.some((l) => l.startsWith('client saw server certificate CN=localhost, O=(none); chain check: OK')));
  assert.ok(report.results.some((l) => l.includes('user "system:kube-proxy" in groups [k8s]')));
});

test('a rejected peer on either side is reported as a failure', () => {
  const report = handshakeReport({
    ...view,
    serverSaw: { ...view.serverSaw, verdict: 'CERT_UNKNOWN_ISSUER: x509: certificate signed by unknown authority' },
    clientSaw: { ...view.clientSaw, verdict: 'CERT_EXPIRED: x509: certificate has expired or is not yet valid' },
  });
  assert.equal(report.failures, [
    'server rejected the client: CERT_UNKNOWN_ISSUER: x509: certificate signed by unknown authority',
    'client rejected the server: CERT_EXPIRED: x509: certificate has expired or is not yet valid',
  ]);
});

test.run();
