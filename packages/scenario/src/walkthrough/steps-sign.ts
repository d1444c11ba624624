import {
  createCertificateAuthority,
  createCertificateRequest,
  exportPrivateKeyPem,
  formatRFC3339,
  generateKeyPair,
  PkiError,
  signCertificate,
  verifyChain,
  type Certificate,
  type CertificateAuthority,
  type CertificateRequest,
  type KeyPair,
  type Subject,
} from '@tlsboot/pki';
import { Hour } from '@tlsboot/util';
import { describeCertificate } from './openssl-text.js';
import { privateKeyMode, type StepResult } from './step.js';

const oneYear = 8760 * Hour;
const serverProfile = { usages: ['digital signature', 'key encipherment', 'server auth'], ttlMs: oneYear };
const clientProfile = { usages: ['digital signature', 'key encipherment', 'client auth'], ttlMs: oneYear };

/** The client of the walk-through: the identity the apiserver would read is user admin, group system:masters. */
export const clientSubject: Subject = { organizations: ['system:masters'], commonName: 'admin' };

/** `openssl x509 -req -CA`: the CA signs the server's CSR. */
export async function signServerStep(ca: CertificateAuthority, csr: CertificateRequest, now: Date): Promise<StepResult<Certificate>> {
  const cert = await signCertificate({ ca, request: csr, profile: serverProfile, now });
  return {
    report: {
      title: 'The CA signs it: a server certificate',
      story: [
        'The CA copies the subject, the SANs and the public key from the CSR, adds what it decides',
        '(validity, key usages, its own key id) and signs the result with the CA private key.',
      ],
      commands: [
        'openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -days 365 -copy_extensions copy \\',
        "    -extfile <(echo 'keyUsage=critical,digitalSignature,keyEncipherment'; echo 'extendedKeyUsage=serverAuth') -out server.pem",
      ],
      results: ['server.pem:', ...describeCertificate(cert, formatRFC3339).map((l) => `    ${l}`)],
    },
    files: [{ name: 'server.pem', content: cert.pem }],
    value: cert,
  };
}

export interface ClientCredentials {
  keys: KeyPair;
  certificate: Certificate;
}

/** Mutual TLS needs the client to have a certificate too: key, CSR and signature in one go. */
export async function clientStep(ca: CertificateAuthority, now: Date): Promise<StepResult<ClientCredentials>> {
  const keys = await generateKeyPair('ecdsa-p256');
  const csr = await createCertificateRequest({ keys, subject: clientSubject });
  const certificate = await signCertificate({ ca, request: csr, profile: clientProfile, now });
  return {
    report: {
      title: 'A client certificate, for mutual TLS',
      story: [
        'In one-way TLS only the server proves who it is. In mutual TLS the client presents a certificate',
        'too; Kubernetes reads the user from its CN and the groups from its O fields.',
      ],
      commands: [
        'openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout client-key.pem \\',
        '    -subj "/O=system:masters/CN=admin" -out client.csr',
        'openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -days 365 \\',
        "    -extfile <(echo 'keyUsage=critical,digitalSignature,keyEncipherment'; echo 'extendedKeyUsage=clientAuth') -out client.pem",
      ],
      results: ['client.pem:', ...describeCertificate(certificate, formatRFC3339).map((l) => `    ${l}`)],
    },
    files: [
      { name: 'client-key.pem', content: await exportPrivateKeyPem(keys), mode: privateKeyMode },
      { name: 'client.csr', content: csr.pem },
      { name: 'client.pem', content: certificate.pem },
    ],
    value: { keys, certificate },
  };
}

/** Go's verdict on a chain, or the error code and message it fails with. */
async function verdict(cert: Certificate, roots: Certificate[], at: Date, usages: string[]): Promise<string> {
  try {
    const chain = await verifyChain(cert, { roots, at, usages });
    return `OK (chain: ${chain.map((c) => c.subject.commonName ?? '?').join(' → ')})`;
  } catch (err) {
    if (err instanceof PkiError) return `${err.code}: ${err.message}`;
    throw err;
  }
}

export interface VerifyOutcome {
  server: string;
  client: string;
  stranger: string;
  expired: string;
}

/**
 * The client's side of the article's picture: check a certificate against the CA certificate,
 * at the walk-through's clock time. Also shows the two ways it fails: a certificate from
 * another CA, and a good certificate checked after it expired.
 */
export async function verifyStep(ca: CertificateAuthority, server: Certificate, client: Certificate, csr: CertificateRequest, now: Date): Promise<StepResult<VerifyOutcome>> {
  const roots = [ca.certificate];
  const other = await createCertificateAuthority({ subject: { commonName: 'some other CA' }, now });
  const strangerCert = await signCertificate({ ca: other, request: csr, profile: serverProfile, now });
  const later = new Date(server.notAfter.getTime() + 24 * Hour);
  const outcome: VerifyOutcome = {
    server: await verdict(server, roots, now, ['server auth']),
    client: await verdict(client, roots, now, ['client auth']),
    stranger: await verdict(strangerCert, roots, now, ['server auth']),
    expired: await verdict(server, roots, later, ['server auth']),
  };
  const atEpoch = Math.floor(later.getTime() / 1000);
  return {
    report: {
      title: 'Verify the chains',
      story: [
        'A client trusts a server certificate when it chains to a CA it already trusts, is valid now, and',
        'allows the use it is put to. tlsboot checks at its own clock time, as the apiserver does.',
      ],
      commands: [
        'openssl verify -CAfile ca.pem server.pem client.pem',
        'openssl verify -CAfile ca.pem stranger.pem     # error 20: unable to get local issuer certificate',
        `openssl verify -attime ${atEpoch} -CAfile ca.pem server.pem     # error 10: certificate has expired`,
        `tlsboot pki verify --ca-file ca.pem --at ${formatRFC3339(later)} server.pem`,
      ],
      results: [
        `at ${formatRFC3339(now)}: server.pem for "server auth": ${outcome.server}`,
        `at ${formatRFC3339(now)}: client.pem for "client auth": ${outcome.client}`,
      ],
      failures: [
        `stranger.pem (same CSR, signed by "some other CA"): ${outcome.stranger}`,
        `at ${formatRFC3339(later)}: server.pem: ${outcome.expired}`,
      ],
    },
    files: [
      { name: 'other-ca.pem', content: other.certificate.pem },
      { name: 'stranger.pem', content: strangerCert.pem },
    ],
    value: outcome,
  };
}
