// The file store of k8s.io/client-go/util/certificate/certificate_store.go (v1.32): a cert/key
// pair per update in `<prefix>-<2006-01-02-15-04-05>.pem` (certificates re-encoded, then the key,
// mode 0600, in a 0755 directory), and `<prefix>-current.pem`, a symlink (absolute target) swapped
// atomically through `<prefix>-updated.pem`. The timestamp is the component clock's local time.
import { lstat, mkdir, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { decodePem, encodePem, importPrivateKeyPem, parseCertificatesPem } from '@tlsboot/pki';
import type { Certificate, KeyPair } from '@tlsboot/pki';
import type { Clock } from '@tlsboot/util';
import { activity, TlsbootError } from '@tlsboot/util';
import type { TraceEmitter } from '../trace.js';

export type CertificateStoreErrorCode = 'NO_CERT_KEY' | 'STORE_FAILED';

/** A loaded pair (Go: tls.Certificate with Leaf set). */
export interface CertificatePair {
  /** The certificates, leaf first. */
  certificates: Certificate[];
  leaf: Certificate;
  certPem: string;
  keyPem: string;
  keys: KeyPair;
}

const currentPair = 'current';
const updatedPair = 'updated';

/** Go's "2006-01-02-15-04-05" in local time. */
export function pairTimestamp(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}-${p(d.getHours())}-${p(d.getMinutes())}-${p(d.getSeconds())}`;
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

/** fileExists: os.Stat, which follows symlinks — a dangling `-current.pem` does not exist. */
async function fileExists(path: string): Promise<boolean> {
  if (!path) return false;
  try {
    await stat(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

/** PEM blocks as Go's pem.Decode loop sees them: a malformed block ends the data. */
function pemTypes(text: string): string[] {
  try {
    return decodePem(text).map((b) => b.type);
  } catch {
    return [];
  }
}

/** The PEM-level errors of crypto/tls X509KeyPair, in its wording; undefined when both inputs have their block. */
export function x509KeyPairPemError(certPem: string, keyPem: string): string | undefined {
  const certTypes = pemTypes(certPem);
  const skipped = certTypes.filter((t) => t !== 'CERTIFICATE');
  if (skipped.length === certTypes.length) {
    if (skipped.length === 0) return 'tls: failed to find any PEM data in certificate input';
    if (skipped.length === 1 && skipped[0]!.endsWith('PRIVATE KEY')) {
      return 'tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched';
    }
    return `tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [${skipped.join(' ')}]`;
  }
  const keyTypes = pemTypes(keyPem);
  const keyAt = keyTypes.findIndex((t) => t === 'PRIVATE KEY' || t.endsWith(' PRIVATE KEY'));
  if (keyAt >= 0) return undefined;
  if (keyTypes.length === 0) return 'tls: failed to find any PEM data in key input';
  if (keyTypes.length === 1 && keyTypes[0] === 'CERTIFICATE') return 'tls: found a certificate rather than a key in the PEM for the private key';
  return `tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping PEM blocks of the following types: [${keyTypes.join(' ')}]`;
}

function fail(message: string, code: CertificateStoreErrorCode = 'STORE_FAILED'): never {
  throw new TlsbootError<CertificateStoreErrorCode>(code, message);
}

/** Certificates and key of one PEM text (tls.X509KeyPair of a combined file). */
export async function loadPairPem(certPem: string, keyPem: string, source: string): Promise<CertificatePair> {
  const certificates = parseCertificatesPem(certPem, source);
  const leaf = certificates[0];
  if (!leaf) fail(`could not convert data from "${source}" into cert/key pair: tls: failed to find any PEM data in certificate input`);
  const keys = await importPrivateKeyPem(keyPem, source);
  return { certificates, leaf, certPem: certificates.map((c) => c.pem).join(''), keyPem, keys };
}

export class FileStore {
  readonly #prefix: string;
  readonly #certDir: string;
  readonly #keyDir: string;
  readonly #certFile: string;
  readonly #keyFile: string;
  readonly #clock: Clock;
  readonly #trace: TraceEmitter;

  private constructor(prefix: string, certDir: string, keyDir: string, certFile: string, keyFile: string, clock: Clock, trace: TraceEmitter) {
    this.#prefix = prefix;
    this.#certDir = certDir;
    this.#keyDir = keyDir;
    this.#certFile = certFile;
    this.#keyFile = keyFile;
    this.#clock = clock;
    this.#trace = trace;
  }

  /** NewFileStore: also recovers an interrupted update (a leftover `-updated.pem` becomes `-current.pem`). */
  static async open(o: { prefix: string; certDir: string; keyDir?: string; certFile?: string; keyFile?: string; clock: Clock; trace?: TraceEmitter }): Promise<FileStore> {
    const s = new FileStore(o.prefix, o.certDir, o.keyDir ?? o.certDir, o.certFile ?? '', o.keyFile ?? '', o.clock, o.trace ?? (() => {}));
    await s.#recover();
    return s;
  }

  #filename(qualifier: string): string {
    return `${this.#prefix}-${qualifier}.pem`;
  }

  /** CurrentPath: the `-current.pem` symlink. */
  currentPath(): string {
    return join(this.#certDir, this.#filename(currentPair));
  }

  /** recover: only when `-current.pem` does not exist (stat) and `-updated.pem` is a symlink. */
  async #recover(): Promise<void> {
    // File I/O on the thread pool is work the clock cannot see (DESIGN.md "Time").
    const end = activity.begin();
    try {
      await this.#recoverFiles();
    } finally {
      end();
    }
  }

  async #recoverFiles(): Promise<void> {
    const currentPath = this.currentPath();
    if (await fileExists(currentPath)) return;
    const updated = join(this.#certDir, this.#filename(updatedPair));
    if (!(await exists(updated))) return;
    if (!(await lstat(updated)).isSymbolicLink()) fail(`expected "${updated}" to be a symlink but it is a file`);
    try {
      await rename(updated, currentPath);
    } catch (err) {
      fail(`unable to rename "${updated}" to "${currentPath}": ${(err as Error).message}`);
    }
  }

  /** Current: the pair of `-current.pem`, else the configured files, else `<prefix>.crt`/`.key`; NO_CERT_KEY when none. */
  async current(): Promise<CertificatePair> {
    const end = activity.begin();
    try {
      return await this.#current();
    } finally {
      end();
    }
  }

  async #current(): Promise<CertificatePair> {
    const pairFile = this.currentPath();
    if (await fileExists(pairFile)) return loadFile(pairFile);
    if ((await fileExists(this.#certFile)) && (await fileExists(this.#keyFile))) {
      return loadPairPem(await readFile(this.#certFile, 'utf8'), await readFile(this.#keyFile, 'utf8'), this.#certFile);
    }
    const c = join(this.#certDir, `${this.#prefix}.crt`);
    const k = join(this.#keyDir, `${this.#prefix}.key`);
    if ((await fileExists(c)) && (await fileExists(k))) return loadPairPem(await readFile(c, 'utf8'), await readFile(k, 'utf8'), c);
    return fail(`no cert/key files read at "${pairFile}", ("${this.#certFile}", "${this.#keyFile}") or ("${this.#certDir}", "${this.#keyDir}")`, 'NO_CERT_KEY');
  }

  /** Update: writes the timestamped pair file and points `-current.pem` at it. */
  async update(certPem: string, keyPem: string): Promise<CertificatePair> {
    const end = activity.begin();
    try {
      return await this.#update(certPem, keyPem);
    } finally {
      end();
    }
  }

  async #update(certPem: string, keyPem: string): Promise<CertificatePair> {
    const path = join(this.#certDir, this.#filename(pairTimestamp(this.#clock.now())));
    try {
      await mkdir(this.#certDir, { recursive: true, mode: 0o755 });
    } catch (err) {
      fail(`could not create directory "${this.#certDir}" to store certificates: ${(err as Error).message}`);
    }
    const certs = parseCertificatesPem(certPem, 'certificate');
    const keyBlock = decodePem(keyPem, 'key').find((b) => b.type.endsWith('PRIVATE KEY'));
    if (!keyBlock) fail('invalid key data');
    const content = certs.map((c) => encodePem('CERTIFICATE', c.der)).join('') + encodePem(keyBlock.type, keyBlock.der);
    await writeFile(path, content, { mode: 0o600 });
    this.#trace({ type: 'file.written', path, kind: 'certificate-pair' });
    const pair = await loadFile(path);
    await this.#updateSymlink(path);
    return pair;
  }

  async #updateSymlink(filename: string): Promise<void> {
    const currentPath = this.currentPath();
    if ((await exists(currentPath)) && !(await lstat(currentPath)).isSymbolicLink()) fail(`expected "${currentPath}" to be a symlink but it is a file`);
    const updatedPath = join(this.#certDir, this.#filename(updatedPair));
    if (await exists(updatedPath)) {
      if (!(await lstat(updatedPath)).isSymbolicLink()) fail(`expected "${updatedPath}" to be a symlink but it is a file`);
      await rm(updatedPath);
    }
    if (!(await exists(filename))) fail(`file "${filename}" does not exist so it can not be used as the currently selected cert/key`);
    const target = resolve(filename);
    try {
      await symlink(target, updatedPath);
    } catch (err) {
      fail(`unable to create a symlink from "${updatedPath}" to "${target}": ${(err as Error).message}`);
    }
    try {
      await rename(updatedPath, currentPath);
    } catch (err) {
      fail(`unable to rename "${updatedPath}" to "${currentPath}": ${(err as Error).message}`);
    }
    this.#trace({ type: 'file.written', path: currentPath, kind: 'symlink', target });
  }
}

/** loadFile: one combined PEM file, certificates and key; `could not convert data from "<path>" into cert/key pair: …`. */
export async function loadFile(path: string): Promise<CertificatePair> {
  let text: string;
  try {
    text = await activity.track(readFile(path, 'utf8'));
  } catch (err) {
    return fail(`could not convert data from "${path}" into cert/key pair: open ${path}: ${(err as Error).message}`);
  }
  const pemError = x509KeyPairPemError(text, text);
  if (pemError !== undefined) fail(`could not convert data from "${path}" into cert/key pair: ${pemError}`);
  try {
    return await loadPairPem(text, text, path);
  } catch (err) {
    return fail(`could not convert data from "${path}" into cert/key pair: ${(err as Error).message}`);
  }
}
