/**
 * What a run must have produced, checked after the timing: every CSR got exactly one
 * certificate, one PEM block, that chains to the cluster CA for client auth
 * (kubernetes/kubernetes pkg/controller/certificates/signer/signer.go: a leaf, no chain).
 */
import { parseCertificatePem, parseCertificatesPem, verifyChain } from '@tlsboot/pki';

/** Problems found, one sentence each; empty when every CSR is right. */
export async function certificateProblems(certificates: ReadonlyMap<string, readonly string[]>, caPem: string, at: Date): Promise<string[]> {
  const root = parseCertificatePem(caPem);
  const problems: string[] = [];
  for (const [name, seen] of certificates) {
    if (seen.length !== 1) {
      problems.push(`${name}: ${seen.length} different certificates`);
      continue;
    }
    const pem = Buffer.from(seen[0]!, 'base64').toString('utf8');
    const certs = parseCertificatesPem(pem);
    if (certs.length !== 1) {
      problems.push(`${name}: ${certs.length} PEM blocks`);
      continue;
    }
    try {
      await verifyChain(certs[0]!, { roots: [root], at, usages: ['client auth'] });
    } catch (err) {
      problems.push(`${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return problems;
}
