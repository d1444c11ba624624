import type { HandshakeView } from './mutual-tls.js';
import type { StepReport } from './report.js';

/** The narration of the mutual-TLS step, from what both ends of the real handshake saw. */
export function handshakeReport(view: HandshakeView): Omit<StepReport, 'files'> {
  const identity = (p: { commonName: string; organizations: string[] }) => `CN=${p.commonName}, O=${p.organizations.join('+') || '(none)'}`;
  const failures: string[] = [];
  if (view.serverSaw.verdict !== 'OK') failures.push(`server rejected the client: ${view.serverSaw.verdict}`);
  if (view.clientSaw.verdict !== 'OK') failures.push(`client rejected the server: ${view.clientSaw.verdict}`);
  return {
    title: 'A real mutual-TLS handshake on 127.0.0.1',
    story: [
      'This is not simulated: a node:tls server on an ephemeral port asks for a client certificate, a',
      'client connects presenting client.pem, both prove they hold their private keys, then agree on',
      'symmetric keys (asymmetric crypto is too slow for the data itself, as the article notes).',
    ],
    commands: [
      'openssl s_server -accept 8443 -cert server.pem -key server-key.pem -CAfile ca.pem -Verify 1',
      'openssl s_client -connect 127.0.0.1:8443 -cert client.pem -key client-key.pem -CAfile ca.pem -verify_return_error',
    ],
    results: [
      `${view.address}: ${view.protocol}, cipher ${view.cipher}`,
      `server saw client certificate ${identity(view.serverSaw)}; chain check: ${view.serverSaw.verdict}`,
      `    (an apiserver would authenticate user "${view.serverSaw.commonName}" in groups [${view.serverSaw.organizations.join(', ')}])`,
      `client saw server certificate ${identity(view.clientSaw)}; chain check: ${view.clientSaw.verdict}; ${view.clientSaw.hostname}`,
      `    OpenSSL's own verdict at the wall clock: server side ${view.serverSaw.openssl}, client side ${view.clientSaw.openssl}`,
      `server said over the encrypted channel: "${view.message}"`,
    ],
    failures,
  };
}
