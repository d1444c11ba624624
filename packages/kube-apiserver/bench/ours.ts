/**
 * The apiserver under test, as `tlsboot up` runs it (real clock; trace events built and dropped
 * by the default sink), with an admin client certificate (O=system:masters) from its CA.
 */
import { realClock } from '@tlsboot/util';
import { startApiServer } from '../src/index.js';
import type { RunningTarget } from './targets.js';

export async function startOurs(): Promise<RunningTarget> {
  const server = await startApiServer({ clock: realClock });
  const admin = await server.issueClientCertificate({ commonName: 'bench-admin', organizations: ['system:masters'] });
  return {
    endpoint: { url: server.url, caPem: server.caPem, clientCertPem: admin.certPem, clientKeyPem: admin.keyPem },
    close: () => server.close(),
  };
}
