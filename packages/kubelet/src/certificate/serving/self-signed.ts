// The kubelet's self-signed serving certificate, used when serverTLSBootstrap is off and no
// tlsCertFile/tlsPrivateKeyFile is set: kubernetes/kubernetes cmd/kubelet/app/server.go
// InitializeTLS (`<certDir>/kubelet.crt` and `kubelet.key`, generated only when not readable) and
// k8s.io/client-go/util/cert/cert.go GenerateSelfSignedCertKey(host, nil, nil): an RSA-2048 CA
// `<host>-ca@<unix seconds>` and an RSA-2048 leaf `<host>@<unix seconds>` (KeyEncipherment |
// DigitalSignature, ServerAuth, SAN = host as IP or DNS), both valid from now − 1 h for one year;
// kubelet.crt holds the leaf then the CA. Differs: upstream's serial numbers are 1 (CA) and 2
// (leaf); here they are random.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { activity } from '@tlsboot/util';
import { createCertificateAuthority, createCertificateRequest, exportPrivateKeyPem, generateKeyPair, signCertificate } from '@tlsboot/pki';

/** The PEM pair written as kubelet.crt / kubelet.key. */
export interface SelfSignedPair {
  certPem: string;
  keyPem: string;
}

const hour = 3_600_000;
/** cert.go: validFrom = now − 1 h, maxAge = 365 days. */
const backdateMs = hour;
const maxAgeMs = 365 * 24 * hour;

export async function generateSelfSignedCertKey(host: string, now: Date): Promise<SelfSignedPair> {
  const ts = Math.floor(now.getTime() / 1000);
  const validFrom = new Date(now.getTime() - backdateMs);
  const ca = await createCertificateAuthority({ subject: { commonName: `${host}-ca@${ts}` }, now: validFrom, keySpec: 'rsa-2048', validityMs: maxAgeMs });
  const keys = await generateKeyPair('rsa-2048');
  const sans = isIP(host) ? { ipAddresses: [host] } : { dnsNames: [host] };
  const request = await createCertificateRequest({ keys, subject: { commonName: `${host}@${ts}` }, subjectAltNames: sans });
  const leaf = await signCertificate({
    ca,
    request,
    now,
    profile: { usages: ['key encipherment', 'digital signature', 'server auth'], ttlMs: maxAgeMs, backdateMs },
  });
  return { certPem: leaf.pem + ca.certificate.pem, keyPem: await exportPrivateKeyPem(keys, 'pkcs1') };
}

/** InitializeTLS: read `kubelet.crt`/`kubelet.key` from certDir, or generate and write them (key 0600). */
export function loadOrGenerateSelfSigned(certDir: string, host: string, now: Date): Promise<SelfSignedPair & { generated: boolean }> {
  return activity.track(loadOrGenerate(certDir, host, now));
}

async function loadOrGenerate(certDir: string, host: string, now: Date): Promise<SelfSignedPair & { generated: boolean }> {
  const certFile = join(certDir, 'kubelet.crt');
  const keyFile = join(certDir, 'kubelet.key');
  try {
    return { certPem: await readFile(certFile, 'utf8'), keyPem: await readFile(keyFile, 'utf8'), generated: false };
  } catch {
    const pair = await generateSelfSignedCertKey(host, now);
    await mkdir(certDir, { recursive: true });
    await writeFile(certFile, pair.certPem, { mode: 0o644 });
    await writeFile(keyFile, pair.keyPem, { mode: 0o600 });
    return { ...pair, generated: true };
  }
}
