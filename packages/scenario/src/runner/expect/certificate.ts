// `certificate` expectations: a certificate from a file of the work directory (a PEM that may
// also hold the key, as kubelet-client-current.pem does — the first CERTIFICATE block is the
// leaf), from the status.certificate of the one CSR a selector picks, or as a component serves
// it (a TLS handshake to its port, the peer certificate read without judging it). Checks:
// subject CN and O, issuer CN, DNS and IP SANs, usages (key usage and extended key usage by
// their Kubernetes names: `digital signature`, `key encipherment`, `client auth`, `server auth`),
// validity (notAfter − notBefore, exact). Lists compare as sets: order does not matter,
// extras and missing entries do.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { kubeletNodeState } from '@tlsboot/kubelet';
import type { Certificate } from '@tlsboot/pki';
import { decodePemBlocks, parseCertificateDer } from '@tlsboot/pki';
import { formatDuration } from '@tlsboot/util';
import type { CertificateExpectation } from '../../format/types.js';
import { selectCsrs, selectorText, textMatches } from '../csr-selector.js';
import type { RunContext } from '../run-context.js';
import type { ExpectationResult } from './index.js';

export async function checkCertificate(ctx: RunContext, e: CertificateExpectation): Promise<ExpectationResult> {
  const got = await certificateFrom(ctx, e.from);
  if ('missing' in got) return { ok: false, message: got.missing };
  const { cert, where } = got;
  const problems: string[] = [];
  const subject = cert.subject;
  if (e.subject?.commonName !== undefined && !textMatches(e.subject.commonName, subject.commonName)) {
    problems.push(`subject CN is ${quote(subject.commonName)}, expected ${quote(e.subject.commonName)}`);
  }
  if (e.subject?.organizations !== undefined) setProblem(problems, 'subject O', subject.organizations ?? [], e.subject.organizations);
  if (e.issuer?.commonName !== undefined && !textMatches(e.issuer.commonName, cert.issuer.commonName)) {
    problems.push(`issuer CN is ${quote(cert.issuer.commonName)}, expected ${quote(e.issuer.commonName)}`);
  }
  if (e.dnsNames !== undefined) setProblem(problems, 'DNS names', cert.subjectAltNames.dnsNames ?? [], e.dnsNames);
  if (e.ipAddresses !== undefined) setProblem(problems, 'IP addresses', cert.subjectAltNames.ipAddresses ?? [], e.ipAddresses);
  if (e.usages !== undefined) setProblem(problems, 'usages', certificateUsages(cert), e.usages);
  if (e.validityMs !== undefined) {
    const validity = cert.notAfter.getTime() - cert.notBefore.getTime();
    if (validity !== e.validityMs) {
      problems.push(`validity is ${formatDuration(validity)} (${cert.notBefore.toISOString()} to ${cert.notAfter.toISOString()}), expected ${formatDuration(e.validityMs)}`);
    }
  }
  const name = `certificate ${where} (CN=${subject.commonName ?? ''})`;
  if (problems.length > 0) return { ok: false, message: `${name}: ${problems.join('; ')}` };
  return { ok: true, message: name };
}

/** Key usages then extended key usages, by their Kubernetes (certificates/v1 KeyUsage) names. */
export function certificateUsages(cert: Certificate): string[] {
  return [...cert.keyUsageNames, ...cert.extKeyUsageNames];
}

type Found = { cert: Certificate; where: string } | { missing: string };

async function certificateFrom(ctx: RunContext, from: CertificateExpectation['from']): Promise<Found> {
  if ('file' in from) {
    const path = join(ctx.workdir, from.file);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { missing: `certificate file ${from.file} does not exist` };
      throw err;
    }
    const der = decodePemBlocks(text, 'CERTIFICATE', from.file)[0];
    if (!der) return { missing: `certificate file ${from.file} holds no CERTIFICATE PEM block` };
    return { cert: parseCertificateDer(der, from.file), where: `in ${from.file}` };
  }
  if ('csr' in from) {
    const csrs = await selectCsrs(ctx, from.csr);
    const what = `CSRs ${selectorText(from.csr)}`;
    if (csrs.length === 0) return { missing: `${what}: none found, expected one with a certificate` };
    if (csrs.length > 1) return { missing: `${what}: ${csrs.length} found (${csrs.map((c) => c.metadata?.name).join(', ')}), expected exactly one; narrow the selector` };
    const csr = csrs[0]!;
    const name = csr.metadata?.name ?? '?';
    if (!csr.status?.certificate) return { missing: `CSR ${name} has no certificate yet (status.certificate is empty)` };
    const pem = Buffer.from(csr.status.certificate, 'base64').toString('utf8');
    const der = decodePemBlocks(pem, 'CERTIFICATE', `CSR ${name} status.certificate`)[0];
    if (!der) return { missing: `CSR ${name}: status.certificate holds no CERTIFICATE PEM block` };
    return { cert: parseCertificateDer(der, `CSR ${name} status.certificate`), where: `of CSR ${name}` };
  }
  const endpoint = servingEndpoint(ctx, from.served);
  if ('missing' in endpoint) return endpoint;
  const der = await peerCertificate(endpoint.host, endpoint.port);
  return { cert: parseCertificateDer(der, `${from.served} serving certificate`), where: `served by ${from.served} (${endpoint.host}:${endpoint.port})` };
}

function servingEndpoint(ctx: RunContext, component: string): { host: string; port: number } | { missing: string } {
  if (component === 'kube-apiserver') return { host: ctx.plane.apiserver.host, port: ctx.plane.apiserver.port };
  const node = /^kubelet\/(.+)$/.exec(component)?.[1];
  if (node === undefined) return { missing: `certificate served by ${component}: only kube-apiserver and kubelet/<node> serve HTTPS` };
  const kubelet = ctx.nodes.get(node)?.joined?.kubelet;
  if (!kubelet) return { missing: `certificate served by ${component}: the kubelet is not running` };
  const port = kubeletNodeState(kubelet.context).server?.port;
  if (port === undefined) return { missing: `certificate served by ${component}: the kubelet's HTTPS server is not listening` };
  return { host: '127.0.0.1', port };
}

/** The leaf certificate a TLS server presents (DER), without judging it: dates are checked against the run's clock, not here. */
function peerCertificate(host: string, port: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, rejectUnauthorized: false }, () => {
      const cert = socket.getPeerCertificate(true);
      socket.destroy();
      if (!cert?.raw) reject(new Error(`${host}:${port} presented no certificate`));
      else resolve(new Uint8Array(cert.raw));
    });
    socket.setTimeout(10_000, () => socket.destroy(new Error(`${host}:${port}: TLS handshake timed out`)));
    socket.once('error', (err) => reject(new Error(`TLS connection to ${host}:${port}: ${err.message}`)));
  });
}

function setProblem(problems: string[], what: string, actual: readonly string[], expected: readonly string[]): void {
  const missing = expected.filter((x) => !actual.includes(x));
  const extra = actual.filter((x) => !expected.includes(x));
  if (missing.length === 0 && extra.length === 0) return;
  const parts = [missing.length ? `missing ${missing.map(quote).join(', ')}` : '', extra.length ? `unexpected ${extra.map(quote).join(', ')}` : ''].filter(Boolean);
  problems.push(`${what} are [${actual.map(quote).join(', ')}]: ${parts.join(', ')}`);
}

function quote(s: string | undefined): string {
  return s === undefined ? '(none)' : JSON.stringify(s);
}

