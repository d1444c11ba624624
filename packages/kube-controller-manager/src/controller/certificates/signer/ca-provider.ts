/**
 * The signing CA of one csrsigning sub-controller, loaded from its cert and key files and
 * reloaded whenever their content changes (kubernetes/kubernetes
 * pkg/controller/certificates/signer/ca_provider.go over dynamiccertificates' file loader).
 * Upstream polls the files; here every currentCA() re-reads them and re-parses only when the
 * bytes changed, which gives the same "the next CSR is signed by the new CA" behaviour. When the
 * files become unreadable the last good CA stays in use, as the dynamic loader keeps its content.
 */
import { readFile as fsReadFile } from 'node:fs/promises';
import { activity } from '@tlsboot/util';
import { loadCertificateAuthority, parseCertificatesPem } from '@tlsboot/pki';
import type { CertificateAuthority } from '@tlsboot/pki';

/** caLoader.Name() in upstream's messages. */
const loaderName = 'csr-controller';

export interface CAProvider {
  /** The current CA, re-loaded when the files changed; rejects when the new content is unusable. */
  currentCA(): Promise<CertificateAuthority>;
}

export type ReadTextFile = (path: string) => Promise<string>;

const defaultReadFile: ReadTextFile = (path) => fsReadFile(path, 'utf8');

interface Loaded {
  certPem: string;
  keyPem: string;
  ca: CertificateAuthority;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** setCA: exactly one certificate, a private key that matches it. */
async function parseCA(certPem: string, keyPem: string, certFile: string, keyFile: string): Promise<CertificateAuthority> {
  let count: number;
  try {
    count = parseCertificatesPem(certPem, certFile).length;
  } catch (err) {
    throw new Error(`error reading CA cert file ${JSON.stringify(loaderName)}: ${message(err)}`);
  }
  if (count !== 1) throw new Error(`error reading CA cert file ${JSON.stringify(loaderName)}: expected 1 certificate, found ${count}`);
  try {
    return await loadCertificateAuthority(certPem, keyPem, { cert: certFile, key: keyFile });
  } catch (err) {
    throw new Error(`error reading CA key file ${JSON.stringify(loaderName)}: ${message(err)}`);
  }
}

async function readPair(certFile: string, keyFile: string, readFile: ReadTextFile): Promise<[string, string]> {
  // File I/O on the thread pool is work the clock cannot see (DESIGN.md "Time").
  return activity.track(Promise.all([readFile(certFile), readFile(keyFile)]));
}

/** newCAProvider: fails at construction (`error reading CSR files: …`) when the files cannot be read. */
export async function newCAProvider(certFile: string, keyFile: string, readFile: ReadTextFile = defaultReadFile): Promise<CAProvider> {
  let certPem: string;
  let keyPem: string;
  try {
    [certPem, keyPem] = await readPair(certFile, keyFile, readFile);
  } catch (err) {
    throw new Error(`error reading CSR files: ${message(err)}`);
  }
  let current: Loaded = { certPem, keyPem, ca: await parseCA(certPem, keyPem, certFile, keyFile) };
  return {
    async currentCA() {
      let pair: [string, string];
      try {
        pair = await readPair(certFile, keyFile, readFile);
      } catch {
        return current.ca;
      }
      if (pair[0] === current.certPem && pair[1] === current.keyPem) return current.ca;
      current = { certPem: pair[0], keyPem: pair[1], ca: await parseCA(pair[0], pair[1], certFile, keyFile) };
      return current.ca;
    },
  };
}

/** A provider over a CA already in memory (tests, and hosts that hold the CA themselves). */
export function staticCAProvider(ca: CertificateAuthority): CAProvider {
  return { currentCA: async () => ca };
}
