// The server check of the kubelet's clients at the kubelet's clock (DESIGN.md "Time"): the
// apiserver's chain must lead to the kubeconfig's CA at `clock.now()` and name the server host,
// as Go's crypto/tls does with the certificates of client-go's tls.Config (same as the
// kube-controller-manager's server-verifier.ts; components do not share code).
import { isIP } from 'node:net';
import type { VerifyServer } from '@tlsboot/client';
import { parseCertificateDer, parseCertificatesPem, verifyChain } from '@tlsboot/pki';
import type { Clock } from '@tlsboot/util';

export function verifyServerAt(caPem: string, clock: Clock): VerifyServer {
  const roots = parseCertificatesPem(caPem, 'certificate-authority-data');
  return async (chainDer, serverName) => {
    const [leafDer, ...rest] = chainDer;
    if (!leafDer) throw new Error('the server sent no certificate');
    const leaf = parseCertificateDer(leafDer, 'server certificate');
    const intermediates = rest.map((der) => parseCertificateDer(der, 'server certificate chain'));
    await verifyChain(leaf, { roots, intermediates, at: clock.now(), usages: ['server auth'] });
    const sans = leaf.subjectAltNames;
    const ok = isIP(serverName) ? (sans.ipAddresses ?? []).includes(serverName) : (sans.dnsNames ?? []).some((d) => d.toLowerCase() === serverName.toLowerCase());
    if (!ok) throw new Error(`x509: certificate is valid for ${[...(sans.dnsNames ?? []), ...(sans.ipAddresses ?? [])].join(', ')}, not ${serverName}`);
  };
}
